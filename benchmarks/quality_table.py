"""Markdown table from `hti bench quality` JSON lines (benchmarks/quality.sh)."""
import json
import sys

rows = []
for path in sys.argv[1:]:
    with open(path) as f:
        for line in f:
            if line.strip():
                rows.append(json.loads(line))
print("| data | variant | held-out λ | scores, amortised paths | scores, refined paths | straight-line baseline | fit seconds | steps/s | peak RSS MB |")
print("|---|---|---|---|---|---|---|---|---|")
for r in sorted(rows, key=lambda r: (r["data"], r["variant"])):
    fmt = lambda d: ", ".join(f"{k} {v:.4g}" for k, v in sorted(d.items()))
    print(f"| {r['data'].split('/')[-1]} | {r['variant']} | {', '.join(str(x) for x in r.get('held_out', []))} | "
          f"{fmt(r.get('scores', {}))} | {fmt(r.get('refined_scores', {})) or '—'} | {fmt(r.get('baseline_scores', {}))} | {r['seconds']:.0f} | "
          f"{r['steps_per_second']:.2f} | {r['peak_rss_mb']:.0f} |")

"""Mean ± spread over seeds of `hti bench quality` JSON lines: each score of HTI (amortised and
refined paths) and of the baselines the same runs measured, with the fit time.
Spread is the sample standard deviation; "worst" is the largest (all these scores: lower is better)."""
import json
import statistics
import sys

runs = [json.loads(line) for path in sys.argv[1:] for line in open(path) if line.strip()]
if not runs:
    sys.exit("no runs")


def row(name, key, score):
    values = [r[key][score] for r in runs if key in r and score in r[key]]
    if not values:
        return None
    spread = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"| {name} | {score} | {statistics.mean(values):.4g} ± {spread:.2g} | {max(values):.4g} | {len(values)} |"


# Which of the two is what `sample` does with no options on this task (small draws are refined;
# JSON from before `default_refine` and `refine` were recorded was refined 5 iterations).
default_refine, refine = runs[0].get("default_refine", 0), runs[0].get("refine", 5)
if default_refine == 0:
    what = "the amortiser's paths, the first row."
elif default_refine == refine:
    what = f"refine={default_refine}, the refined row."
else:
    what = f"refine={default_refine}; the refined row below is refine={refine}."
print(f"`sample` with no options on this task ({runs[0].get('paths', '?')} paths): {what}\n")
print("| method | score | mean ± sd over seeds | worst | seeds |")
print("|---|---|---|---|---|")
scores = sorted(runs[0].get("scores", {}))
for name, key in [("HTI, amortised paths (refine=0)", "scores"), (f"HTI, refine={refine}", "refined_scores"),
                  ("straight line per window in τ", "per_window_line_scores"), ("nearest trained anchor, copied", "nearest_anchor_scores"),
                  ("baseline (start unchanged / OT straight lines)", "baseline_scores")]:
    for score in scores:
        line = row(name, key, score)
        if line:
            print(line)
seconds = [r["seconds"] for r in runs]
print(f"\nFit time: {statistics.mean(seconds):.0f} s mean ({min(seconds):.0f}–{max(seconds):.0f}), {runs[0]['variant']}, {runs[0]['steps']} steps.")

#!/usr/bin/env bash
# CSV loading: time and peak memory of `load` for 100k, 300k and 1M rows of
# three columns, against Python's csv module parsing the same file to floats
# (the peer, in the same run), and optionally against an older hti binary
# (OLD_HTI=path; it is skipped at 1M rows, where the quadratic loader took minutes).
# Usage: benchmarks/csv_load.sh [HTI]   (default .build/release/hti)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
hti="${1:-$root/.build/release/hti}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import sys
for n in (100_000, 300_000, 1_000_000):
    with open(f"{sys.argv[1]}/rows{n}.csv", "w") as f:
        f.write("lambda,x,y\n")
        f.writelines(f"{i % 2},{(i % 997) / 997:.6f},{(i % 991) / 991:.6f}\n" for i in range(n))
PY
measure() {  # prints "seconds peak_kb" for a command
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }
    cat "$work/time"
}
echo "rows  hti_s  hti_peak_MB  python_csv_s  python/hti  old_hti_s  old/hti  float32_MB"
for n in 100000 300000 1000000; do
    file="$work/rows$n.csv"
    printf 'd = load "%s"\n' "$file" > "$work/load.hti"
    read -r t m < <(measure "$hti" run "$work/load.hti")
    read -r pt _ < <(measure python3 -c "import csv,sys; rows=[[float(c) for c in r] for r in list(csv.reader(open(sys.argv[1])))[1:]]" "$file")
    old="—"; ratio="—"
    if [ -n "${OLD_HTI:-}" ] && [ "$n" -le 300000 ]; then
        read -r old _ < <(measure "$OLD_HTI" run "$work/load.hti")
        ratio=$(python3 -c "print(f'{$old/$t:.1f}')")
    fi
    python3 -c "print(f'$n  $t  {$m/1024:.0f}  $pt  {$pt/$t:.1f}  $old  $ratio  {$n*3*4/2**20:.1f}')"
done

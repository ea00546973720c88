#!/usr/bin/env bash
# Two builds of hti timed on the same short fit (semicircles, or ETT with its 12 continuous
# conditions), alternated (A B A B …) in one run, so
# that the noise of a shared 2-core VM falls on both alike. Prints one line per run (seconds, phase
# seconds, final path loss: equal losses mean the change left the arithmetic alone) and the ratio B/A.
# Usage: benchmarks/binaries_ab.sh OLD_HTI NEW_HTI [ROUNDS] [semicircles|ett]
#        (build each with `swift build -c release`)
set -euo pipefail
a=$1 b=$2 rounds=${3:-2} data=${4:-semicircles}
cd "$(dirname "$0")/.."
case $data in
  semicircles) file=data/semicircles.csv ;;
  ett) file=data/ett_quantiles.csv ;;
  *) echo "binaries_ab.sh: the data set is semicircles or ett, not $data" >&2; exit 2 ;;
esac
fit=(bench fit "$file" --preset "$data" --steps 150 --amortiser-steps 100 --amortiser-final 100)
for _ in $(seq "$rounds"); do
  for which in A B; do
    bin=$a; [ "$which" = B ] && bin=$b
    "$bin" "${fit[@]}" 2>/dev/null | tail -1 | python3 -c "
import json, sys
d = json.loads(sys.stdin.read())
phases = ', '.join(f'{k} {v:.2f}' for k, v in sorted(d['phase_seconds'].items()))
print('$which', f\"{d['seconds']:.2f}\", phases, 'path', d['final_losses']['path'], sep='\t')"
  done
done | tee /dev/stderr | python3 -c "
import sys
runs = [line.split('\t') for line in sys.stdin if line.strip()]
mean = lambda w: sum(float(r[1]) for r in runs if r[0] == w) / max(1, sum(r[0] == w for r in runs))
print(f'mean A {mean(\"A\"):.2f} s, B {mean(\"B\"):.2f} s, B/A {mean(\"B\") / mean(\"A\"):.3f}')"

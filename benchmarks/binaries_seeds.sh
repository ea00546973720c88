#!/usr/bin/env bash
# Two builds of hti scored on the same held-out task for several seeds, alternated (A then B per
# seed) so that a slow phase of the machine falls on both: for a change whose arithmetic differs
# only in rounding, which a long stochastic fit amplifies into seed-sized differences, this says
# whether B is better or worse than A beyond that noise. JSON per build and seed in
# benchmarks/results/NAME-a/ and NAME-b/, then each build's table (benchmarks/seed_table.py).
# Usage: SEEDS="5 6 7 8 9" benchmarks/binaries_seeds.sh NAME OLD_HTI NEW_HTI DATA --preset P [options]
set -euo pipefail
name=$1 a=$2 b=$3; shift 3
cd "$(dirname "$0")/.."
mkdir -p "benchmarks/results/$name-a" "benchmarks/results/$name-b"
for seed in ${SEEDS:-0 1 2 3 4}; do
  for which in a b; do
    bin=$a; [ "$which" = b ] && bin=$b
    echo "== seed $seed, build $which" >&2
    "$bin" bench quality "$@" --seed "$seed" 2>/dev/null > "benchmarks/results/$name-$which/seed$seed.json"
  done
done
for which in a b; do
  echo "build $which:"
  python3 benchmarks/seed_table.py "benchmarks/results/$name-$which"/seed*.json
done

#!/usr/bin/env bash
# `hti bench quality ARGS --seed S` for seeds 0–4 (or $SEEDS), one JSON file per seed in
# benchmarks/results/NAME/, then the seeds' table (mean ± sd, worst) with benchmarks/seed_table.py.
# Usage: benchmarks/seeds.sh NAME DATA --preset P [more bench quality options]
# (`hti bench quality DATA --preset P` alone also fits seeds 0–4, in one process, and ends with a
# record of their mean, sd and worst; this script keeps a file per seed for seed_table.py.)
set -euo pipefail
name=$1; shift
cd "$(dirname "$0")/.."
swift build -c release --product hti >/dev/null
mkdir -p "benchmarks/results/$name"
for seed in ${SEEDS:-0 1 2 3 4}; do
  echo "== seed $seed" >&2
  .build/release/hti bench quality "$@" --seed "$seed" > "benchmarks/results/$name/seed$seed.json"
done
python3 benchmarks/seed_table.py "benchmarks/results/$name"/seed*.json

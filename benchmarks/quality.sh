#!/usr/bin/env bash
# Reproduces benchmarks/quality.md: each of the paper's variants fitted with the
# default settings on the paper's data, scored at held-out λ (hti bench quality),
# one JSON line per fit in benchmarks/results/ — the amortised paths' scores and, with
# --refine 5 (the default of hti bench quality), the refined paths' scores too. The fitted
# models are kept in .build/quality-models/ for re-scoring (hti bench score MODEL DATA --refine N).
# Usage: benchmarks/quality.sh [DATA…]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product hti >/dev/null
mkdir -p benchmarks/results .build/quality-models
data=("${@:-data/semicircles.csv data/moons_dropout.csv data/ett_quantiles.csv}")
for file in ${data[@]}; do
  name=$(basename "$file" .csv)
  case "$name" in semicircles*) preset=semicircles ;; moons*) preset=moons ;; *) preset=ett ;; esac
  for variant in "learned density" "identity density" "learned none" "identity none"; do
    set -- $variant
    out="benchmarks/results/${name}_${1}_${2}.json"
    echo "== $file metric=$1 potential=$2 -> $out" >&2
    .build/release/hti bench quality "$file" --preset "$preset" --seed 0 --metric "$1" --potential "$2" \
    --save ".build/quality-models/${name}_${1}_${2}.htimodel" > "$out"
  done
done
python3 benchmarks/quality_table.py benchmarks/results/*.json

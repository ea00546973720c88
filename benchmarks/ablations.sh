#!/usr/bin/env bash
# The speed changes of benchmarks/quality.md undone one at a time on the K_θ−Û semicircles fit
# (seed 0, otherwise default settings): what each costs or saves in time, and its quality.
# One JSON line per run in benchmarks/results/ablations/. Usage: benchmarks/ablations.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product hti >/dev/null
mkdir -p benchmarks/results/ablations
run() {
  local name=$1; shift
  echo "== $name: $*" >&2
  # Seed 0, and the semicircles preset as it was when the table was measured (before 2026-12-07).
  .build/release/hti bench quality data/semicircles.csv --preset semicircles --seed 0 \
    --metric learned --action lengths --matching 0 "$@" > "benchmarks/results/ablations/$name.json"
}
run default
run lbfgs10 --lbfgs 10                    # paper: 3–10 iterations per c-transform; ours 3
run fullbatch --batch 400 --amortiser-batch 400   # paper: full batch (400 per anchor); ours 128
run width1024 --amortiser-width 1024      # paper's amortiser width; ours 256
run amortiserbatch400 --amortiser-batch 400   # the amortiser alone on full batches (400 couplings per pair)

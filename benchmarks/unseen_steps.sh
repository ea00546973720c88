#!/usr/bin/env bash
# Held-out quality and fit time on data nobody tuned for, against the number of training steps:
# benchmarks/unseen_data.py writes ANCHORS × SAMPLES (default 3 × 1,000, 7 continuous conditions),
# and for each step count and seed `compare d holdout=…` fits the default K_θ−Û on the other
# anchors and scores W2² at the held-out interior ones, beside the straight-line and
# nearest-anchor baselines measured in the same run. One table row per fit on stdout
# (steps, seed, fit time, HTI, straight lines, nearest anchor); the raw tables go to $OUT.
# Usage: benchmarks/unseen_steps.sh "2001 600" [SEEDS="0 1 2 3 4"] [ANCHORS=3] [SAMPLES=1000] [HOLDOUT=0.5]
#        [DATA_SEED=0] [METRIC=learned] [FIT="action=energy"] (more options for every fit)
set -euo pipefail
steps_list=${1:-"2001 600"}
cd "$(dirname "$0")/.."
swift build -c release --product hti >/dev/null
out=${OUT:-.build/unseen-steps}
mkdir -p "$out"
data="$out/unseen-${ANCHORS:-3}x${SAMPLES:-1000}-data${DATA_SEED:-0}.csv"
python3 benchmarks/unseen_data.py "$data" --anchors "${ANCHORS:-3}" --samples "${SAMPLES:-1000}" --seed "${DATA_SEED:-0}"
echo "| steps | seed | fit time | HTI W2² | straight lines W2² | nearest anchor W2² |"
echo "|---:|---:|---:|---:|---:|---:|"
for steps in $steps_list; do
  for seed in ${SEEDS:-0 1 2 3 4}; do
    script="$out/steps$steps-seed$seed.hti"
    printf 'd = load "%s" outputs=y1,y2 condition=c0,c1,c2,c3,c4,c5,c6\ncompare d holdout=%s metric=%s potential=density seed=%s steps=%s %s\n' \
      "$(realpath "$data")" "${HOLDOUT:-0.5}" "${METRIC:-learned}" "$seed" "$steps" "${FIT:-}" > "$script"
    .build/release/hti run "$script" 2>/dev/null | grep -v '^\[' > "$out/steps$steps-seed$seed.txt"
    python3 - "$out/steps$steps-seed$seed.txt" "$steps" "$seed" <<'EOF'
import sys
lines = open(sys.argv[1]).read().splitlines()
def last_number(label):
    return next(l for l in lines if l.startswith(label)).split()[-1]
hti = next(l for l in lines if l.startswith("K_")).split()
print(f"| {sys.argv[2]} | {sys.argv[3]} | {hti[1]} {hti[2]} | {hti[-1]} | {last_number('straight lines')} | {last_number('nearest trained anchor')} |")
EOF
  done
done

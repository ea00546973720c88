#!/usr/bin/env bash
# Re-executes every notebook in place with `hti run` so its stored outputs are current.
# CI compares fresh runs against these stored outputs; run this after an intended change.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
hti="${HTI_BIN:-$root/.build/debug/hti}"
cd "$root/notebooks"
for notebook in *.ipynb; do
    "$hti" run "$notebook" --output "$notebook"
done

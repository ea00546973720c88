#!/usr/bin/env bash
# The main job on a fresh machine: installs system packages, builds in release,
# installs the HTI kernelspec for this user, and replays the tutorial notebook headless,
# printing where the executed notebook and its SVG figures are.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
"$root/scripts/system-packages.sh"
echo "== swift build -c release"
swift build -c release --product hti
hti="$root/.build/release/hti"
echo "== hti install"
"$hti" install --user
mkdir -p "$root/out"
echo "== hti run notebooks/01-tutorial.ipynb"
"$hti" run notebooks/01-tutorial.ipynb --output "$root/out/01-tutorial.ipynb"
cat <<EOT

Done. The kernel is installed as "HTI" (see: jupyter kernelspec list).
  Executed tutorial:   $root/out/01-tutorial.ipynb
  Its SVG figures:     $root/out/01-tutorial_files/
  Files it saved:      $root/notebooks/semicircles.htimodel, $root/notebooks/trajectories.svg
  Terminal session:    $hti repl
  JupyterLab:          scripts/python-env.sh && .venv/bin/jupyter lab   (then pick the HTI kernel)
EOT

#!/usr/bin/env bash
# The main job on a fresh machine: installs system packages, builds in release,
# installs the HTI kernelspec for this user, and replays the first-steps script.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
"$root/scripts/system-packages.sh"
echo "== swift build -c release"
swift build -c release --product hti
hti="$root/.build/release/hti"
echo "== hti install"
"$hti" install --user
echo "== hti run examples/first-steps.hti"
"$hti" run examples/first-steps.hti
cat <<EOT

Done. The kernel is installed as "HTI" (see: jupyter kernelspec list).
  Terminal session:    $hti repl
  JupyterLab:          scripts/python-env.sh && .venv/bin/jupyter lab   (then pick the HTI kernel)
EOT

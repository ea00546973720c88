#!/usr/bin/env bash
# Runs every test: installs system packages (when root), builds, runs `swift test`,
# then the Python tests (protocol, notebook replays, JupyterLab in a browser)
# against the built kernel. Safe on a clean clone. Screenshots land in out/browser/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
"$root/scripts/system-packages.sh" --tests

echo "== swift build (debug, with tests)"
swift build --build-tests
echo "== swift test"
swift test --skip-build 2>&1 | tee /tmp/hti-swift-test.log | grep -vE "^(◇|↳|✔ Test [a-zA-Z]+\(\) passed)" || true
grep -qE "Test run with [0-9]+ tests? .*passed" /tmp/hti-swift-test.log || { echo "swift test failed"; exit 1; }

echo "== Python tests: protocol, notebooks (nbclient through the kernel), JupyterLab in Chromium"
venv="$("$root/scripts/python-env.sh")"
export HTI_BIN="$root/.build/debug/hti"
"$venv/bin/python" -m pytest -q -p no:cacheprovider Tests/protocol Tests/ecosystem Tests/notebooks Tests/browser

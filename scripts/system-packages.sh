#!/usr/bin/env bash
# Installs the system libraries the build links against (libzmq, OpenBLAS, libedit), and
# with --tests also what the tests use (Chromium for the browser test, rsvg for
# rendering SVG), when missing. Needs root (CI runs as root).
set -euo pipefail
needed=(libzmq3-dev libopenblas-dev libedit-dev pkg-config)
if [ "${1:-}" = "--tests" ]; then
    needed+=(librsvg2-bin chromium chromium-driver)
fi
missing=()
for package in "${needed[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "missing system packages: ${missing[*]} — run: sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    echo "== installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

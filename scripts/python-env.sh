#!/usr/bin/env bash
# Creates (once) the Python virtual environment the protocol, notebook and
# browser tests use, and prints its path. Idempotent: a finished venv is reused.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv"
stamp="$venv/.hti-requirements"
requirements="$root/Tests/requirements.txt"
if [ ! -f "$stamp" ] || ! cmp -s "$stamp" "$requirements"; then
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" >&2
    cp "$requirements" "$stamp"
fi
# The repository's own papermill translator, reinstalled each time (it is small) so tests see its current code.
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps "$root/python/papermill_hti" >&2
echo "$venv"

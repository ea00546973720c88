#!/usr/bin/env bash
# The cost of Swift's runtime checks (bounds, overflow) in the HTI module: the same
# short fit with two builds, interleaved run by run so machine noise hits both alike.
# Usage: benchmarks/runtime_checks.sh CHECKED_HTI UNCHECKED_HTI [RUNS] [STEPS]
# (build each with `swift build -c release --product hti`, HTI's swiftSettings `swift5`
# or `fast`, and copy the binaries aside). Prints the median wall and user seconds of
# each and the ratio checked / unchecked.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
checked="$1"; unchecked="$2"; runs="${3:-5}"; steps="${4:-150}"
out="$(mktemp)"; trap 'rm -f "$out"' EXIT
for i in $(seq "$runs"); do
    for build in checked unchecked; do
        binary="$checked"; [ "$build" = unchecked ] && binary="$unchecked"
        /usr/bin/time -f "$build %e %U" -a -o "$out" "$binary" bench fit "$root/data/semicircles.csv" --preset semicircles --steps "$steps" >/dev/null 2>&1
    done
done
python3 - "$out" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
med = {b: (statistics.median(float(r[1]) for r in rows if r[0] == b), statistics.median(float(r[2]) for r in rows if r[0] == b)) for b in ("checked", "unchecked")}
for b, (wall, user) in med.items():
    print(f"{b:9s} wall {wall:6.2f} s  user {user:6.2f} s")
print(f"checked / unchecked: wall {med['checked'][0] / med['unchecked'][0]:.3f}, user {med['checked'][1] / med['unchecked'][1]:.3f}")
PY

"""Shared set-up for the Python tests (protocol, notebooks, browser): a private Jupyter data dir
with the HTI kernelspec installed from the binary under test ($HTI_BIN, default the debug build),
so the tests never touch the user's own Jupyter configuration."""
import os
import pathlib
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
HTI_BIN = os.environ.get("HTI_BIN", str(ROOT / ".build" / "debug" / "hti"))

# Set before jupyter_client looks up kernelspecs (it reads the variable per lookup).
os.environ["JUPYTER_DATA_DIR"] = tempfile.mkdtemp(prefix="hti-tests-")
subprocess.run([HTI_BIN, "install", "--user"], check=True, capture_output=True)


def small_semicircles(path, per_group=15):
    """A copy of data/semicircles.csv with `per_group` points per arc and anchor: a fit the debug
    build makes in seconds (tests that need a model, not a good one)."""
    rows = (ROOT / "data" / "semicircles.csv").read_text().splitlines()
    kept, counts = [], {}
    for row in rows[1:]:
        key = (row.split(",")[0], row.split(",")[-1])
        counts[key] = counts.get(key, 0) + 1
        if counts[key] <= per_group:
            kept.append(row)
    path.write_text("\n".join([rows[0]] + kept) + "\n")
    return path

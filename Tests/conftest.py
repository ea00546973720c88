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

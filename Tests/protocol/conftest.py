"""Shared set-up for the protocol tests: a private Jupyter data dir with the
HTI kernelspec installed from the binary under test ($HTI_BIN, default the
debug build), so the tests never touch the user's own Jupyter config."""
import os
import pathlib
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
HTI_BIN = os.environ.get("HTI_BIN", str(ROOT / ".build" / "debug" / "hti"))

# Must be set before jupyter_client looks up kernelspecs (it reads it lazily, per call).
_data_dir = tempfile.mkdtemp(prefix="hti-protocol-")
os.environ["JUPYTER_DATA_DIR"] = _data_dir
subprocess.run([HTI_BIN, "install", "--user"], check=True, capture_output=True)

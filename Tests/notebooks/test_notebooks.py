"""Every notebook runs through the real kernel (nbclient, as `jupyter execute` does) and its text
outputs match the stored ones; `hti run` (in-process) gives the same. An unintended change fails."""
import copy
import pathlib
import subprocess
import tempfile

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import HTI_BIN, ROOT
from normalise import text_outputs

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_replays_through_the_kernel_with_stored_outputs(path):
    stored = nbformat.read(path, as_version=4)
    fresh = copy.deepcopy(stored)
    for cell in fresh.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    NotebookClient(fresh, kernel_name="hti", timeout=600,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    assert text_outputs(fresh) == text_outputs(stored), (
        f"{path.name} gives different outputs; if intended, refresh with scripts/refresh-notebooks.sh")


# `hti run` runs the same Session in-process; two notebooks (one with a fit, one without) keep
# CI within its time budget while checking that it gives what the kernel gives.
HEADLESS = [p for p in NOTEBOOKS if p.name.startswith(("00-", "05-"))]


@pytest.mark.parametrize("path", HEADLESS, ids=[p.name for p in HEADLESS])
def test_hti_run_matches_the_kernel(path):
    stored = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as out:
        target = pathlib.Path(out) / path.name
        subprocess.run([HTI_BIN, "run", str(path), "--output", str(target)], check=True, capture_output=True)
        assert text_outputs(nbformat.read(target, as_version=4)) == text_outputs(stored)


def test_hti_run_fails_with_the_cell_number_and_message(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print 1"), nbformat.v4.new_code_cell("no_such_command")])
    source = tmp_path / "bad.ipynb"
    nbformat.write(nb, source)
    result = subprocess.run([HTI_BIN, "run", str(source), "--output", str(tmp_path / "out.ipynb")],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "code cell 2 failed" in result.stderr and "no_such_command" in result.stderr
    executed = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    assert executed.cells[1].outputs[0].output_type == "error"

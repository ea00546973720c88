"""Parameterised notebooks: real papermill with the repository's translator
(python/papermill_hti), and `hti run -p` with the same values, give the same outputs."""
import subprocess
import sys

import nbformat
import pytest

from conftest import HTI_BIN

pytest.importorskip("papermill_hti", reason="pip install ./python/papermill_hti")


def make_notebook(path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "hti", "display_name": "HTI", "language": "hti"}
    nb.metadata["language_info"] = {"name": "hti"}
    parameters = nbformat.v4.new_code_cell('steps = 10\ngreeting = "plain"\nlams = 0.5')
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [parameters, nbformat.v4.new_code_cell("print steps"), nbformat.v4.new_code_cell("print greeting"),
                nbformat.v4.new_code_cell("print lams"), nbformat.v4.new_code_cell("seconds = 0\nsleep seconds")]
    nbformat.write(nb, path)


def printed(path):
    nb = nbformat.read(path, as_version=4)
    texts = []
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith("print"):
            texts.append("".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream"))
    return texts


GREETING = 'say "hi" \\ to papermill'


def test_papermill_injects_typed_parameters(tmp_path):
    notebook, out = tmp_path / "nb.ipynb", tmp_path / "out.ipynb"
    make_notebook(notebook)
    subprocess.run([sys.executable, "-m", "papermill", str(notebook), str(out), "-p", "steps", "300",
                    "-p", "greeting", GREETING, "-y", "lams: [0.25, 0.75]", "-k", "hti"],
                   check=True, capture_output=True, timeout=120)
    assert printed(out) == ["300\n", GREETING + "\n", "0.25, 0.75\n"]
    injected = [c for c in nbformat.read(out, as_version=4).cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and 'greeting = "say \\"hi\\" \\\\ to papermill"' in injected[0].source


def test_raw_parameters_stay_text(tmp_path):
    notebook, out = tmp_path / "nb.ipynb", tmp_path / "out.ipynb"
    make_notebook(notebook)
    subprocess.run([sys.executable, "-m", "papermill", str(notebook), str(out), "-r", "steps", "300", "-k", "hti"],
                   check=True, capture_output=True, timeout=120)
    injected = [c for c in nbformat.read(out, as_version=4).cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert 'steps = "300"' in injected[0].source


def test_hti_run_gives_the_same_outputs_as_papermill(tmp_path):
    notebook, by_papermill, by_hti = tmp_path / "nb.ipynb", tmp_path / "pm.ipynb", tmp_path / "hti.ipynb"
    make_notebook(notebook)
    subprocess.run([sys.executable, "-m", "papermill", str(notebook), str(by_papermill), "-p", "steps", "300",
                    "-p", "greeting", GREETING, "-k", "hti"], check=True, capture_output=True, timeout=120)
    subprocess.run([HTI_BIN, "run", str(notebook), "--output", str(by_hti), "-p", "steps=300", "-p", f"greeting={GREETING}"],
                   check=True, capture_output=True, timeout=120)
    assert printed(by_hti) == printed(by_papermill) == ["300\n", GREETING + "\n", "0.5\n"]

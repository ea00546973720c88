"""Numbers and figures out to the tools people use: tables as Table Schema JSON that
pandas reads, and plots that nbconvert's HTML gives alternative text."""
import io
import json
import subprocess
import sys

import nbformat
import pandas
import pytest
from jupyter_client.manager import start_new_kernel

from conftest import ROOT

sys.path.insert(0, str(ROOT / "Tests" / "protocol"))
from test_protocol import messages_for, shell_reply  # noqa: E402  (the protocol tests' helpers)


@pytest.fixture(scope="module")
def kc():
    km, kc = start_new_kernel(kernel_name="hti", startup_timeout=60, cwd=str(ROOT))
    yield kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def result_of(kc, code):
    msg_id = kc.execute(code)
    reply = shell_reply(kc, msg_id, 60)
    assert reply["content"]["status"] == "ok", reply["content"]
    results = [m["content"]["data"] for m in messages_for(kc, msg_id, 60) if m["msg_type"] == "execute_result"]
    return results[0] if results else None


def test_a_score_table_reads_into_pandas_with_its_columns_and_values(kc):
    result_of(kc, 'd = load "data/semicircles.csv" condition=arc\ne = load "data/semicircles.csv" condition=arc keep=0,1')
    data = result_of(kc, "score e against d truth=semicircles")
    resource = data["application/vnd.dataresource+json"]
    frame = pandas.read_json(io.StringIO(json.dumps(resource)), orient="table")
    assert list(frame.columns) == ["lambda", "arc", "n", "reference_n", "w2", "energy", "mmd", "nll", "cd"]
    assert len(frame) == 8, "the data rows only; the mean is not data"
    assert (frame["w2"] == 0).all() and frame["n"].dtype.kind == "i"
    # The same numbers as the text table, at more precision than it shows.
    shown = data["text/plain"].splitlines()[3].split()
    assert abs(float(shown[7]) - frame["nll"].iloc[0]) < 1e-4


def test_nbconvert_html_of_a_plot_has_alternative_text(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "hti", "display_name": "HTI", "language": "hti"}
    nb.cells = [nbformat.v4.new_code_cell(f'd = load "{ROOT}/data/semicircles.csv" condition=arc\nplot d')]
    path = tmp_path / "plot.ipynb"
    nbformat.write(nb, path)
    done = subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--execute", "--to", "html", str(path)],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert "Alternative text is missing" not in done.stderr
    html = (tmp_path / "plot.html").read_text()
    assert '<img alt="' in html and "data:image/svg+xml;base64," in html

"""The Workbench language as a notebook user meets it, through the real kernel:
completion, inspection, rich tables and errors."""
import pathlib

import pytest
from jupyter_client.manager import start_new_kernel

from conftest import ROOT
from test_protocol import messages_for, shell_reply

TIMEOUT = 30


@pytest.fixture(scope="module")
def kc():
    km, kc = start_new_kernel(kernel_name="hti", startup_timeout=TIMEOUT, cwd=str(ROOT))
    yield kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def run(kc, code):
    msg_id = kc.execute(code)
    reply = shell_reply(kc, msg_id, TIMEOUT)
    return reply, messages_for(kc, msg_id, TIMEOUT)


def complete(kc, code, cursor=None):
    msg_id = kc.complete(code, cursor if cursor is not None else len(code))
    return shell_reply(kc, msg_id)["content"]


def test_completes_commands_options_values_variables_and_paths(kc):
    run(kc, 'semis = load "data/semicircles.csv" condition=arc')
    assert "load" in complete(kc, "lo")["matches"]
    assert complete(kc, 'x = load "data/semicircles.csv" cond')["matches"] == ["condition="]
    assert complete(kc, "show se")["matches"] == ["semis"]
    paths = complete(kc, 'load "data/se')
    assert paths["matches"] == ["data/semicircles.csv"]
    assert paths["cursor_start"] == len('load "')
    assert complete(kc, "print x to=st")["matches"] == ["stderr", "stdout"]


def test_cursor_positions_count_unicode_code_points(kc):
    code = 'print "λλλ" \nsh'
    reply = complete(kc, code)
    assert reply["cursor_start"] == len(code) - 2 and "show" in reply["matches"]


def test_inspection_shows_command_help_and_variable_summaries(kc):
    msg_id = kc.inspect("load", 2)
    content = shell_reply(kc, msg_id)["content"]
    assert content["found"] and content["data"]["text/plain"].startswith("load <file>")
    run(kc, 'semis = load "data/semicircles.csv" condition=arc')
    content = shell_reply(kc, kc.inspect("show semis", 8))["content"]
    assert "1200 samples" in content["data"]["text/plain"]
    assert not shell_reply(kc, kc.inspect("   ", 1))["content"]["found"]


def test_tables_are_html_with_a_plain_text_fallback(kc):
    _, messages = run(kc, 'semis = load "data/semicircles.csv" condition=arc\nshow semis')
    results = [m for m in messages if m["msg_type"] == "execute_result"]
    data = results[0]["content"]["data"]
    assert data["text/html"].startswith('<table class="hti-table">')
    assert "lambda" in data["text/plain"] and "samples" in data["text/plain"]


def test_errors_name_the_command_the_argument_and_point_a_caret(kc):
    reply, messages = run(kc, 'x = 1\nsemis2 = load "data/semicircles.csv" condition=arc stpes=3')
    assert reply["content"]["status"] == "error"
    error = [m for m in messages if m["msg_type"] == "error"][0]["content"]
    assert error["ename"] == "UsageError"
    assert "unknown option `stpes` for load" in error["evalue"]
    assert error["traceback"][-2].endswith('semis2 = load "data/semicircles.csv" condition=arc stpes=3')
    assert error["traceback"][-1].strip() == "^^^^^"
    # The failed line changed nothing; the line before it ran.
    _, shown = run(kc, "who")
    text = "".join(m["content"]["text"] for m in shown if m["msg_type"] == "stream")
    assert "semis2" not in text and "x " in text


def test_is_complete_understands_continuations_and_quotes(kc):
    def status(code):
        return shell_reply(kc, kc.is_complete(code))["content"]["status"]
    assert status('load "data/semi') == "incomplete"
    assert status('x = load "data/semicircles.csv" \\') == "incomplete"
    assert status("x = = 2") == "invalid"
    assert status("who") == "complete"

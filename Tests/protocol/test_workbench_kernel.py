"""The Workbench language as a notebook user meets it, through the real kernel:
completion, inspection, rich tables and errors."""
import pathlib

import pytest
from jupyter_client.manager import start_new_kernel

from conftest import ROOT
from test_protocol import messages_for, shell_reply

TIMEOUT = 30


@pytest.fixture(scope="module")
def kernel_pair():
    km, kc = start_new_kernel(kernel_name="hti", startup_timeout=TIMEOUT, cwd=str(ROOT))
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


@pytest.fixture(scope="module")
def kc(kernel_pair):
    return kernel_pair[1]


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
    assert status('load "data/semi') == "invalid", "strings end on their line: report it, do not wait"
    assert status('x = load "data/semicircles.csv" \\') == "incomplete"
    assert status("x = = 2") == "invalid"
    assert status("who") == "complete"


def test_fit_shows_live_progress_at_most_ten_times_a_second_and_a_summary(kc):
    run(kc, 'fd = load "data/semicircles.csv" condition=arc')
    msg_id = kc.execute("fm = fit fd steps=40 seed=0")
    reply = shell_reply(kc, msg_id, 300)
    msgs = messages_for(kc, msg_id, 60)
    assert reply["content"]["status"] == "ok"
    first = [m for m in msgs if m["msg_type"] == "display_data" and "display_id" in m["content"].get("transient", {})]
    assert len(first) == 1, "one progress display"
    display_id = first[0]["content"]["transient"]["display_id"]
    updates = [m for m in msgs if m["msg_type"] == "update_display_data"
               and m["content"]["transient"]["display_id"] == display_id]
    assert len(updates) >= 3, "the bar moves"
    assert "100%" in updates[-1]["content"]["data"]["text/plain"]
    times = sorted(m["header"]["date"] for m in updates[:-1])
    if len(times) > 2:
        span = (times[-1] - times[0]).total_seconds()
        assert (len(times) - 1) / max(span, 1e-9) <= 11, "no more than ten updates a second"
    summary = [m for m in msgs if m["msg_type"] == "display_data" and "text/html" in m["content"]["data"]
               and "HTI model" in m["content"]["data"]["text/plain"]]
    assert summary, "a summary table ends the fit"


def test_interrupting_a_fit_leaves_the_variables_unchanged(kernel_pair):
    import time
    km, kc = kernel_pair
    run(kc, 'fd = load "data/semicircles.csv" condition=arc')
    run(kc, "fm = 1")
    msg_id = kc.execute("fm = fit fd steps=5000 seed=0")
    time.sleep(4)
    started = time.monotonic()
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id, 30)
    assert time.monotonic() - started < 2, "stops within a second or so"
    assert reply["content"]["status"] == "error" and "nterrupt" in reply["content"]["ename"] + reply["content"]["evalue"]
    _, msgs = run(kc, "print fm")
    assert any("1" == m["content"].get("text", "").strip() for m in msgs if m["msg_type"] == "stream")

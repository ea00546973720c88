"""Interrupts reach long loads and scores, not only fits: through the real kernel,
an interrupt during `load` of a large CSV or `score` of large sets stops the
command within about a second, and the session's variables are unchanged."""
import time

import pytest
from jupyter_client.manager import start_new_kernel

from test_protocol import messages_for, shell_reply

TIMEOUT = 60


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    """2 million rows of λ, x, y: several seconds of parsing, so there is time to interrupt."""
    path = tmp_path_factory.mktemp("big") / "big.csv"
    with path.open("w") as f:
        f.write("lambda,x,y\n")
        rows = [f"{i % 2},{(i % 997) / 997:.6f},{(i % 991) / 991:.6f}\n" for i in range(2_000_000)]
        f.writelines(rows)
    # 2,500 samples per λ: against big's (thinned) 3,000, W2² needs Sinkhorn, which takes many seconds.
    with (path.parent / "small.csv").open("w") as f:
        f.write("lambda,x,y\n")
        f.writelines(f"{i % 2},{(i % 89) / 89:.6f},{(i % 83) / 83:.6f}\n" for i in range(5_000))
    return path


@pytest.fixture
def kernel_pair(big_csv):
    km, kc = start_new_kernel(kernel_name="hti", startup_timeout=TIMEOUT, cwd=str(big_csv.parent))
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def run(kc, code):
    msg_id = kc.execute(code)
    reply = shell_reply(kc, msg_id, TIMEOUT)
    return reply, messages_for(kc, msg_id, TIMEOUT)


def who(kc):
    _, msgs = run(kc, "who")
    return [m["content"] for m in msgs if m["msg_type"] in ("execute_result", "display_data", "stream")]


def interrupt_after(km, kc, code, seconds):
    msg_id = kc.execute(code)
    time.sleep(seconds)
    started = time.monotonic()
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id, TIMEOUT)
    return reply, time.monotonic() - started


def test_an_interrupt_stops_a_large_load(kernel_pair):
    km, kc = kernel_pair
    run(kc, "keep = 1")
    before = who(kc)
    reply, waited = interrupt_after(km, kc, 'big = load "big.csv"', 0.5)
    assert reply["content"]["status"] == "error", "the load had finished before the interrupt; make the file bigger"
    assert "nterrupt" in reply["content"]["ename"] + reply["content"]["evalue"]
    assert waited < 1.5, f"answered the interrupt after {waited:.2f} s"
    assert who(kc) == before


def test_scores_of_large_sets_are_bounded_and_interruptible(kernel_pair):
    km, kc = kernel_pair
    reply, _ = run(kc, 'big = load "big.csv"')
    assert reply["content"]["status"] == "ok"
    # A million points per λ: scored on 3,000 evenly spaced ones, in seconds (it took minutes and 2.2 GB).
    started = time.monotonic()
    reply, msgs = run(kc, "t = score big against big")
    assert reply["content"]["status"] == "ok" and time.monotonic() - started < 30
    run(kc, 'small = load "small.csv"')
    before = who(kc)
    reply, waited = interrupt_after(km, kc, "u = score big against small", 1.0)
    assert reply["content"]["status"] == "error", "the score had finished before the interrupt"
    assert "nterrupt" in reply["content"]["ename"] + reply["content"]["evalue"]
    assert waited < 1.5, f"answered the interrupt after {waited:.2f} s"
    assert who(kc) == before

"""Protocol behaviour beyond conformance: ordering, interrupts, robustness,
stdin, comms, shutdown and restart — through a real jupyter_client."""
import os
import pathlib
import signal
import time
import uuid

import pytest
import zmq
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session

TIMEOUT = 15


@pytest.fixture
def kernel():
    km, kc = start_new_kernel(kernel_name="hti", startup_timeout=TIMEOUT)
    yield km, kc
    kc.stop_channels()
    if km.is_alive():
        km.shutdown_kernel(now=True)


def messages_for(kc, msg_id, timeout=TIMEOUT):
    """IOPub messages parented on msg_id, through its idle status."""
    out = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        out.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return out
    raise AssertionError(f"no idle for {msg_id}")


def shell_reply(kc, msg_id, timeout=TIMEOUT):
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def test_kernel_info_is_wrapped_in_busy_and_idle(kernel):
    _, kc = kernel
    msg_id = kc.kernel_info()
    reply = shell_reply(kc, msg_id)
    assert reply["content"]["protocol_version"] == "5.4"
    assert reply["content"]["language_info"]["name"] == "hti"
    assert reply["content"]["language_info"]["file_extension"] == ".hti"
    states = [m["content"]["execution_state"] for m in messages_for(kc, msg_id) if m["msg_type"] == "status"]
    assert states == ["busy", "idle"]


def test_execute_ordering_and_count_with_errors(kernel):
    _, kc = kernel
    first = kc.execute("no_such_command", stop_on_error=False)
    r1 = shell_reply(kc, first)
    assert r1["content"]["status"] == "error"
    types = [m["msg_type"] for m in messages_for(kc, first)]
    assert types == ["status", "execute_input", "error", "status"]
    second = kc.execute('print "x"')
    assert shell_reply(kc, second)["content"]["execution_count"] == r1["content"]["execution_count"] + 1


def test_stop_on_error_aborts_queued_executions(kernel):
    _, kc = kernel
    failing = kc.execute("no_such_command")
    queued = kc.execute('print "never"')
    assert shell_reply(kc, failing)["content"]["status"] == "error"
    assert shell_reply(kc, queued)["content"]["status"] == "aborted"
    later = kc.execute('print "runs again"')
    assert shell_reply(kc, later)["content"]["status"] == "ok"


def test_a_request_sent_on_seeing_the_failed_reply_runs(kernel):
    # A client that reacts to an error at once (as a test or a CI script does)
    # must not have its next cell aborted: only cells sent before the failure are.
    _, kc = kernel
    for _ in range(20):
        assert shell_reply(kc, kc.execute("no_such_command"))["content"]["status"] == "error"
        assert shell_reply(kc, kc.execute('print "next"'))["content"]["status"] == "ok"


def test_interrupt_during_long_command(kernel):
    km, kc = kernel
    msg_id = kc.execute("sleep 30")
    time.sleep(0.5)
    started = time.time()
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id, timeout=5)
    assert time.time() - started < 1.0
    assert reply["content"]["status"] == "error"
    assert "interrupted" in reply["content"]["evalue"]
    assert km.is_alive()
    after = kc.execute('print "still alive"')
    assert shell_reply(kc, after)["content"]["status"] == "ok"


def test_sigint_interrupts_the_command_not_the_kernel(kernel):
    km, kc = kernel
    msg_id = kc.execute("sleep 30")
    time.sleep(0.5)
    os.kill(km.provisioner.process.pid, signal.SIGINT)
    assert shell_reply(kc, msg_id, timeout=5)["content"]["status"] == "error"
    assert km.is_alive()


def test_interrupt_while_idle_is_a_no_op(kernel):
    km, kc = kernel
    for _ in range(3):
        km.interrupt_kernel()
    os.kill(km.provisioner.process.pid, signal.SIGINT)
    time.sleep(0.3)
    assert km.is_alive()
    msg_id = kc.execute("42")
    assert shell_reply(kc, msg_id)["content"]["status"] == "ok"


def test_heartbeat_answers_during_a_long_command(kernel):
    km, kc = kernel
    msg_id = kc.execute("sleep 3")
    time.sleep(0.3)
    ctx = zmq.Context.instance()
    hb = ctx.socket(zmq.REQ)
    hb.linger = 0
    hb.connect(f"tcp://{km.ip}:{km.hb_port}")
    try:
        hb.send(b"ping")
        assert hb.poll(1000), "no heartbeat echo within 1 s"
        assert hb.recv() == b"ping"
    finally:
        hb.close()
    shell_reply(kc, msg_id)


def _raw_shell(km):
    sock = zmq.Context.instance().socket(zmq.DEALER)
    sock.linger = 0
    sock.connect(f"tcp://{km.ip}:{km.shell_port}")
    return sock


def test_bad_signature_and_garbage_are_dropped(kernel):
    km, kc = kernel
    sock = _raw_shell(km)
    try:
        forged = Session(key=b"not-the-key", username="mallory")
        forged.send(sock, "execute_request", content={"code": 'print "forged"', "silent": False})
        sock.send_multipart([b"<IDS|MSG>", b"", b"{not json", b"{}", b"{}", b"{}"])
        sock.send_multipart([b"<IDS|MSG>", b"abc"])
        sock.send_multipart([b"no delimiter at all"])
        assert not sock.poll(500), "the kernel answered a forged or broken message"
    finally:
        sock.close()
    msg_id = kc.execute('print "genuine"')
    assert shell_reply(kc, msg_id)["content"]["status"] == "ok"


def test_unknown_request_gets_an_error_reply(kernel):
    km, kc = kernel
    msg = kc.session.msg("frobnicate_request", {})
    kc.shell_channel.send(msg)
    reply = shell_reply(kc, msg["header"]["msg_id"])
    assert reply["msg_type"] == "frobnicate_reply"
    assert reply["content"]["status"] == "error"


def test_stdin_input_request_and_reply(kernel):
    _, kc = kernel
    msg_id = kc.execute('name = input "Who are you?"', allow_stdin=True)
    request = kc.get_stdin_msg(timeout=TIMEOUT)
    assert request["msg_type"] == "input_request"
    assert request["content"]["prompt"] == "Who are you?"
    kc.input("Ada")
    assert shell_reply(kc, msg_id)["content"]["status"] == "ok"
    shown = kc.execute("name")
    shell_reply(kc, shown)
    results = [m for m in messages_for(kc, shown) if m["msg_type"] == "execute_result"]
    assert results[0]["content"]["data"]["text/plain"] == "Ada"


def test_input_without_stdin_is_a_clear_error(kernel):
    _, kc = kernel
    msg_id = kc.execute('x = input "?"', allow_stdin=False)
    reply = shell_reply(kc, msg_id)
    assert reply["content"]["status"] == "error"
    assert "allow_stdin" in reply["content"]["evalue"]


def test_comm_open_for_unknown_target_is_closed(kernel):
    _, kc = kernel
    comm_id = uuid.uuid4().hex
    msg = kc.session.msg("comm_open", {"comm_id": comm_id, "target_name": "no.such.target", "data": {}})
    kc.shell_channel.send(msg)
    types = [(m["msg_type"], m["content"].get("comm_id")) for m in messages_for(kc, msg["header"]["msg_id"])]
    assert ("comm_close", comm_id) in types
    info = kc.comm_info()
    assert shell_reply(kc, info)["content"]["comms"] == {}


def test_debug_request_is_declined(kernel):
    _, kc = kernel
    msg = kc.session.msg("debug_request", {"seq": 1, "type": "request", "command": "initialize"})
    kc.control_channel.send(msg)
    reply = kc.get_control_msg(timeout=TIMEOUT)
    assert reply["msg_type"] == "debug_reply"
    assert reply["content"]["success"] is False


def test_thousand_executes_in_a_row(kernel):
    _, kc = kernel
    ids = [kc.execute(f'print "{i}"') for i in range(1000)]
    replies = [kc.get_shell_msg(timeout=TIMEOUT) for _ in ids]
    assert [r["parent_header"]["msg_id"] for r in replies] == ids
    assert all(r["content"]["status"] == "ok" for r in replies)
    counts = [r["content"]["execution_count"] for r in replies]
    assert counts == list(range(counts[0], counts[0] + 1000))
    # IOPub: per request busy, execute_input, stream, idle, in order, and requests in order.
    seen = []
    while len(seen) < 4 * len(ids):
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id"):  # skips the parentless "starting" status
            seen.append(msg)
    expected = []
    for msg_id in ids:
        expected += [(msg_id, "status"), (msg_id, "execute_input"), (msg_id, "stream"), (msg_id, "status")]
    assert [(m["parent_header"]["msg_id"], m["msg_type"]) for m in seen] == expected
    texts = [m["content"]["text"] for m in seen if m["msg_type"] == "stream"]
    assert texts == [f"{i}\n" for i in range(1000)]


def test_shutdown_exits_promptly_with_status_zero():
    km, kc = start_new_kernel(kernel_name="hti", startup_timeout=TIMEOUT)
    process = km.provisioner.process
    started = time.time()
    kc.shutdown()
    reply = kc.get_control_msg(timeout=TIMEOUT)
    assert reply["msg_type"] == "shutdown_reply"
    assert process.wait(timeout=2) == 0
    assert time.time() - started < 1.0
    kc.stop_channels()
    km.cleanup_resources()


def test_restart_gives_a_fresh_working_kernel(kernel):
    km, kc = kernel
    shell_reply(kc, kc.execute("x = 7"))
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=TIMEOUT)
    msg_id = kc.execute("x")
    reply = shell_reply(kc, msg_id)
    assert reply["content"]["status"] == "error", "variables must not survive a restart"
    assert shell_reply(kc, kc.execute("42"))["content"]["status"] == "ok"


def test_ipc_transport():
    from jupyter_client.manager import KernelManager
    km = KernelManager(kernel_name="hti", transport="ipc")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        assert shell_reply(kc, kc.execute("42"))["content"]["status"] == "ok"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_kernelspec_is_listed_by_jupyter_and_uninstalls(tmp_path):
    import json
    import subprocess
    import sys
    from conftest import HTI_BIN
    env = dict(os.environ, JUPYTER_DATA_DIR=str(tmp_path))
    subprocess.run([HTI_BIN, "install", "--display-name", "HTI (test)"], check=True, env=env, capture_output=True)
    listed = json.loads(subprocess.run([sys.executable, "-m", "jupyter_client.kernelspecapp", "list", "--json"],
                                       check=True, env=env, capture_output=True, text=True).stdout)
    spec = listed["kernelspecs"]["hti"]
    assert spec["spec"]["display_name"] == "HTI (test)"
    assert spec["spec"]["argv"][0] == HTI_BIN or pathlib.Path(spec["spec"]["argv"][0]).resolve() == pathlib.Path(HTI_BIN).resolve()
    assert (pathlib.Path(spec["resource_dir"]) / "logo-64x64.png").exists()
    subprocess.run([HTI_BIN, "install", "--uninstall"], check=True, env=env, capture_output=True)
    listed = json.loads(subprocess.run([sys.executable, "-m", "jupyter_client.kernelspecapp", "list", "--json"],
                                       check=True, env=env, capture_output=True, text=True).stdout)
    assert "hti" not in listed["kernelspecs"]

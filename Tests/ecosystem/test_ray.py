"""`sweep … on=ray` against a real local Ray head (127.0.0.1 only, 2 CPUs) with the `hti` under
test on its PATH, driven through the kernel: a sweep completes with a row per fit, its models are
the local run's (bytes equal but for fit times), an interrupt stops the sweep's jobs and leaves the
session as it was, a job stopped from outside fails only its row (and `retry=1` resubmits it), and a
wrong address is a clear error naming it. The head is stopped at the end, even when a test fails."""
import json
import os
import pathlib
import random
import shutil
import struct
import subprocess
import sys
import time
import urllib.request

import pytest
from jupyter_client.manager import start_new_kernel

from conftest import HTI_BIN

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "protocol"))
from test_protocol import messages_for, shell_reply  # noqa: E402  (the protocol tests' helpers)

RAY = shutil.which("ray", path=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
DASHBOARD = "http://127.0.0.1:8265"
# Fits on the debug build, two at once on two shared cores: generous, but bounded.
FIT_TIMEOUT = 420

pytestmark = pytest.mark.skipif(RAY is None, reason="Ray is not installed (pip install 'ray[default]')")


def ray_env():
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(os.path.abspath(HTI_BIN)) + os.pathsep + env.get("PATH", "")
    # Ray resolves 127.0.0.1 to the machine's address unless told this is a one-machine cluster:
    # with it, every Ray server binds to loopback only.
    env["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"
    return env


@pytest.fixture(scope="module")
def head():
    started = subprocess.run([RAY, "start", "--head", "--node-ip-address", "127.0.0.1", "--dashboard-host", "127.0.0.1",
                              "--dashboard-port", "8265", "--num-cpus", "2", "--disable-usage-stats"],
                             env=ray_env(), capture_output=True, text=True, timeout=180)
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(DASHBOARD + "/api/version", timeout=5)
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(1)
        yield DASHBOARD
    finally:
        subprocess.run([RAY, "stop", "--force"], env=ray_env(), capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Tiny data (three anchors of 24 points, no condition: no held-out task, quick fits) and a store."""
    root = tmp_path_factory.mktemp("ray")
    rng = random.Random(3)
    lines = ["lambda,x,y"] + [f"{lam},{rng.gauss(lam, 0.3):.4f},{rng.gauss(-lam, 0.2):.4f}"
                              for lam in (0.0, 0.5, 1.0) for _ in range(24)]
    (root / "tiny.csv").write_text("\n".join(lines) + "\n")
    (root / "store").mkdir()
    return root


@pytest.fixture(scope="module")
def kc(head, folder):
    env = dict(os.environ, RAY_API_SERVER_ADDRESS=head, HTI_STORE=str(folder / "store"))
    km, kc = start_new_kernel(kernel_name="hti", startup_timeout=60, cwd=str(folder), env=env)
    kc.km = km
    ok(kc, 'd = load "tiny.csv" lambda=lambda outputs=x,y')
    yield kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def execute(kc, code, timeout=60):
    msg_id = kc.execute(code)
    reply = shell_reply(kc, msg_id, timeout)
    return reply, messages_for(kc, msg_id, timeout)


def ok(kc, code, timeout=60):
    reply, messages = execute(kc, code, timeout)
    assert reply["content"]["status"] == "ok", reply["content"]
    results = [m["content"]["data"] for m in messages if m["msg_type"] == "execute_result"]
    return results[0] if results else None


def who(kc):
    _, messages = execute(kc, "who")
    return "".join(m["content"].get("text", "") for m in messages if m["msg_type"] == "stream")


def rows(result):
    return result["application/vnd.dataresource+json"]["data"]


def jobs(prefix=""):
    with urllib.request.urlopen(DASHBOARD + "/api/jobs/", timeout=10) as answer:
        listed = json.load(answer)
    return [j for j in listed if (j.get("submission_id") or "").startswith("hti-sweep-" + prefix)]


def new_jobs(before, status=None):
    seen = {j["submission_id"] for j in before}
    return [j for j in jobs() if j["submission_id"] not in seen and (status is None or j["status"] == status)]


def wait_for(condition, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def weights(path):
    """A model file without its fit times: the header (less fit_seconds and phase_seconds) and every array's bytes."""
    data = pathlib.Path(path).read_bytes()
    assert data[:8] == b"HTIMODEL"
    (length,) = struct.unpack_from("<I", data, 12)
    header = json.loads(data[16:16 + length])
    header.pop("fit_seconds")
    header.pop("phase_seconds")
    return header, data[16 + length:-32]


def test_a_sweep_on_ray_gives_a_row_per_fit_and_the_local_models(kc, folder):
    ray = ok(kc, "r = sweep d seeds=0,1 steps=30 on=ray\nr", FIT_TIMEOUT)
    assert [(row["variant"], row["seed"], row["status"]) for row in rows(ray)] == [("K_θ−Û", 0, "done"), ("K_θ−Û", 1, "done")]
    assert all(row["fit_time_s"] > 0 for row in rows(ray))
    local = ok(kc, "l = sweep d seeds=0,1 steps=30\nl", FIT_TIMEOUT)
    assert [row["seed"] for row in rows(local)] == [0, 1]
    for seed in (0, 1):
        ok(kc, f'm = take r seed={seed}\nsave m "ray{seed}.htimodel"\nm = take l variant=K_theta-U seed={seed}\nsave m "local{seed}.htimodel"')
        assert weights(folder / f"ray{seed}.htimodel") == weights(folder / f"local{seed}.htimodel"), f"seed {seed} differs"
    assert weights(folder / "ray0.htimodel") != weights(folder / "ray1.htimodel"), "the seeds gave the same model"
    # The job wrote its model into the sweep's folder of the store.
    assert len(list((folder / "store").glob("sweep-*/0-kthetau-seed0.htimodel"))) == 1


def test_an_interrupt_stops_the_sweeps_jobs_and_leaves_the_session(kc):
    before_who, before = who(kc), jobs()
    msg_id = kc.execute("x = sweep d seeds=0,1 steps=5000 on=ray")
    wait_for(lambda: len(new_jobs(before, "RUNNING")) == 2, 120, "both jobs to run")
    started = time.monotonic()
    kc.km.interrupt_kernel()
    reply = shell_reply(kc, msg_id, 60)
    waited = time.monotonic() - started
    assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "Interrupted"
    assert waited < 10, f"the sweep took {waited:.1f} s to give up the cell"
    assert sorted(j["status"] for j in new_jobs(before)) == ["STOPPED", "STOPPED"]
    assert who(kc) == before_who


def test_a_job_stopped_from_outside_fails_only_its_row_and_retry_resubmits_it(kc):
    def stop_first_job_once_running(before):
        running = wait_for(lambda: [j for j in new_jobs(before, "RUNNING") if j["submission_id"].endswith("-0-1")], 120,
                           "the first job to run")
        request = urllib.request.Request(DASHBOARD + f"/api/jobs/{running[0]['submission_id']}/stop", method="POST")
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert json.load(answer)["stopped"] is True

    for retry, expected in ((0, "failed: stopped on the cluster"), (1, "done")):
        before = jobs()
        msg_id = kc.execute(f"s{retry} = sweep d seeds=0,1 steps=10 on=ray retry={retry}\ns{retry}")
        stop_first_job_once_running(before)
        reply = shell_reply(kc, msg_id, FIT_TIMEOUT)
        assert reply["content"]["status"] == "ok", reply["content"]
        result = [m["content"]["data"] for m in messages_for(kc, msg_id, 60) if m["msg_type"] == "execute_result"][0]
        assert [row["status"] for row in rows(result)] == [expected, "done"]
    error = execute(kc, "m = take s0 seed=0")[0]["content"]
    assert error["status"] == "error" and "stopped on the cluster" in error["evalue"]


def test_a_wrong_address_is_a_clear_error_naming_it(kc):
    before = who(kc)
    reply, _ = execute(kc, 'w = sweep d seeds=0 steps=5 on=ray cluster="http://127.0.0.1:9"')
    content = reply["content"]
    assert content["status"] == "error" and content["ename"] == "CommandError"
    assert "http://127.0.0.1:9" in content["evalue"] and "cannot reach" in content["evalue"]
    assert who(kc) == before

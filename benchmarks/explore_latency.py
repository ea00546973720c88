"""Slider latency of `explore`: from a FloatSlider `update` sent to the kernel to the redrawn
view (the HTML widget's `update`) received on IOPub, through jupyter_client, for 1,000 paths of
a fitted semicircles model; against the same kernel's trivial-cell round trip in the same run.

Usage: .venv/bin/python benchmarks/explore_latency.py [HTI_BINARY]   (default .build/release/hti)
Prints one JSON line: median and p90 of 30 redraws, and of 30 trivial cells."""
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
HTI = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / ".build" / "release" / "hti")
os.environ["JUPYTER_DATA_DIR"] = tempfile.mkdtemp(prefix="hti-bench-")
subprocess.run([HTI, "install", "--user"], check=True, capture_output=True)

from jupyter_client.manager import start_new_kernel  # noqa: E402  (after JUPYTER_DATA_DIR is set)


def until(kc, predicate, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg = kc.get_iopub_msg(timeout=deadline - time.monotonic())
        if predicate(msg):
            return msg
    raise TimeoutError


def run(kc, code):
    msg_id = kc.execute(code)
    collected = []
    until(kc, lambda m: collected.append(m) or (m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status"
                                                and m["content"]["execution_state"] == "idle"), 600)
    return [m for m in collected if m["parent_header"].get("msg_id") == msg_id]


km, kc = start_new_kernel(kernel_name="hti", startup_timeout=60, cwd=str(ROOT))
try:
    run(kc, 'd = load "data/semicircles.csv" condition=arc\nm = fit d steps=100 seed=0')
    msgs = run(kc, "explore m n=250")  # 4 arcs × 250 = 1,000 paths
    opens = [m for m in msgs if m["msg_type"] == "comm_open"]
    slider = next(m["content"]["comm_id"] for m in opens if m["content"]["data"]["state"]["_model_name"] == "FloatSliderModel")
    html = next(m["content"]["comm_id"] for m in opens if m["content"]["data"]["state"]["_model_name"] == "HTMLModel")
    redraws = []
    for i in range(31):
        value = 0.05 + 0.03 * i
        started = time.perf_counter()
        kc.shell_channel.send(kc.session.msg("comm_msg", {"comm_id": slider, "data": {"method": "update", "state": {"value": value}}}))
        until(kc, lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == html)
        if i:  # the first redraw warms caches
            redraws.append(time.perf_counter() - started)
    cells = []
    for _ in range(31):
        started = time.perf_counter()
        run(kc, "1")
        cells.append(time.perf_counter() - started)
    cells = cells[1:]
    q = lambda xs, p: sorted(xs)[int(p * (len(xs) - 1))]
    print(json.dumps({"name": "explore_latency", "paths": 1000, "redraw_median_ms": round(statistics.median(redraws) * 1e3, 1),
                      "redraw_p90_ms": round(q(redraws, 0.9) * 1e3, 1),
                      "trivial_cell_median_ms": round(statistics.median(cells) * 1e3, 2)}))
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)

"""Kernel latency: `hti kernel` against ipykernel, started the same way by jupyter_client in one run.

Usage:  .venv/bin/python benchmarks/kernel_latency.py [--hti .build/release/hti] [--starts 10] [--cells 500]

Reports, for each kernel, the time from launch to the first kernel_info_reply (median of --starts
launches), the median and p99 round-trip of a trivial cell (execute_request until its reply and idle),
and the resident memory of the idle kernel; then the ratios ipykernel / hti.
"""
import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

import psutil
import zmq
from jupyter_client.manager import KernelManager

ROOT = pathlib.Path(__file__).resolve().parents[1]


def start(kernel_name):
    """Launches a kernel; returns it with the seconds from launch to its first kernel_info_reply.

    The reply is awaited on a DEALER socket that retries its connection every 2 ms: the
    default 100 ms reconnect interval of jupyter_client's sockets would otherwise dominate.
    """
    km = KernelManager(kernel_name=kernel_name)
    t0 = time.perf_counter()
    km.start_kernel()
    probe = zmq.Context.instance().socket(zmq.DEALER)
    probe.setsockopt(zmq.RECONNECT_IVL, 2)
    probe.linger = 0
    probe.connect(f"tcp://{km.ip}:{km.shell_port}")
    km.session.send(probe, "kernel_info_request", {})
    if not probe.poll(60_000):
        raise RuntimeError(f"{kernel_name} never answered kernel_info_request")
    seconds = time.perf_counter() - t0
    probe.close()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc, seconds


def roundtrips(kc, code, cells):
    times = []
    for _ in range(cells):
        t0 = time.perf_counter()
        msg_id = kc.execute(code)
        while kc.get_shell_msg(timeout=10)["parent_header"].get("msg_id") != msg_id:
            pass
        while True:
            msg = kc.get_iopub_msg(timeout=10)
            if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                    and msg["content"]["execution_state"] == "idle"):
                break
        times.append(time.perf_counter() - t0)
    return times


def measure(kernel_name, code, starts, cells):
    startups = []
    for _ in range(starts):
        km, kc, seconds = start(kernel_name)
        startups.append(seconds)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    km, kc, _ = start(kernel_name)
    roundtrips(kc, code, 20)  # warm up
    times = sorted(roundtrips(kc, code, cells))
    time.sleep(0.5)
    rss = psutil.Process(km.provisioner.process.pid).memory_info().rss / 2**20
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return {
        "startup": statistics.median(startups),
        "median": statistics.median(times),
        "p99": times[min(len(times) - 1, int(len(times) * 0.99))],
        "rss": rss,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hti", default=str(ROOT / ".build" / "release" / "hti"))
    parser.add_argument("--starts", type=int, default=10)
    parser.add_argument("--cells", type=int, default=500)
    args = parser.parse_args()

    os.environ["JUPYTER_DATA_DIR"] = tempfile.mkdtemp(prefix="hti-bench-")
    subprocess.run([args.hti, "install", "--user"], check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "ipykernel", "install", "--user", "--name", "python3"],
                   check=True, capture_output=True)

    hti = measure("hti", "42", args.starts, args.cells)
    ipy = measure("python3", "42", args.starts, args.cells)

    print(f"| measure | hti | ipykernel | ipykernel / hti |")
    print(f"|---|---|---|---|")
    print(f"| launch → first kernel_info_reply | {hti['startup']*1000:.0f} ms | {ipy['startup']*1000:.0f} ms | {ipy['startup']/hti['startup']:.1f}× |")
    print(f"| trivial cell round-trip, median | {hti['median']*1000:.2f} ms | {ipy['median']*1000:.2f} ms | {ipy['median']/hti['median']:.1f}× |")
    print(f"| trivial cell round-trip, p99 | {hti['p99']*1000:.2f} ms | {ipy['p99']*1000:.2f} ms | {ipy['p99']/hti['p99']:.1f}× |")
    print(f"| idle resident memory | {hti['rss']:.1f} MB | {ipy['rss']:.1f} MB | {ipy['rss']/hti['rss']:.1f}× |")


if __name__ == "__main__":
    main()

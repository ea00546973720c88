#!/usr/bin/env python3
"""Compare `hti bench core` with the same MLP training steps in JAX (jit, CPU).

Usage:  python benchmarks/core_vs_jax.py [PATH_TO_HTI]   (default .build/release/hti)

Runs `hti bench core` (JSON lines: name, seconds, ...) and then, in the same
run, times the identical steps in JAX: forward, mean-squared-error loss,
backward and an AdamW update (optax-equivalent, written out so that only `jax`
is needed), jitted as one function, median of 20 after warm-up. Prints a
markdown table with the ratios the issue asks for.

JAX comes from PyPI in a venv, e.g.
    python3 -m venv /tmp/jaxvenv && /tmp/jaxvenv/bin/pip install jax
"""
import json
import os
import platform
import statistics
import subprocess
import sys
import time

REPS, WARMUP = 20, 3
STEPS = {
    "metric_step": ([2, 128, 128, 4], "leaky_relu", 1200),
    "amortiser_step": ([6, 1024, 1024, 26], "relu", 1200),
}


def run_hti(binary):
    out = subprocess.run([binary, "bench", "core"], check=True, capture_output=True, text=True).stdout
    records = [json.loads(line) for line in out.splitlines() if line.strip().startswith("{")]
    return {r["name"]: r for r in records}


def median_time(fn):
    for _ in range(WARMUP):
        fn()
    times = []
    for _ in range(REPS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def jax_benchmarks():
    os.environ.setdefault("JAX_PLATFORMS", "cpu")
    import jax
    import jax.numpy as jnp

    key = jax.random.PRNGKey(0)
    a = jax.random.normal(key, (1024, 1024), jnp.float32)
    b = jax.random.normal(jax.random.PRNGKey(1), (1024, 1024), jnp.float32)
    mm = jax.jit(lambda a, b: a @ b)
    t = median_time(lambda: mm(a, b).block_until_ready())
    results = {"sgemm": {"seconds": t, "gflops": 2 * 1024**3 / t / 1e9}}

    for name, (widths, act, batch) in STEPS.items():
        keys = jax.random.split(jax.random.PRNGKey(1), len(widths))
        params = []
        for i in range(len(widths) - 1):  # Flax defaults: lecun_normal kernels, zero biases
            std = (1.0 / widths[i]) ** 0.5 / 0.87962566103423978
            w = std * jax.random.truncated_normal(keys[i], -2.0, 2.0, (widths[i], widths[i + 1]), jnp.float32)
            params.append((w, jnp.zeros((widths[i + 1],), jnp.float32)))
        x = jax.random.normal(keys[-1], (batch, widths[0]), jnp.float32)
        y = jax.random.normal(jax.random.PRNGKey(7), (batch, widths[-1]), jnp.float32)
        f = (lambda h: jax.nn.leaky_relu(h, 0.01)) if act == "leaky_relu" else jax.nn.relu

        def loss(params, x, y):
            h = x
            for i, (w, b) in enumerate(params):
                h = h @ w + b
                if i + 1 < len(params):
                    h = f(h)
            return jnp.mean((h - y) ** 2)

        lr, b1, b2, eps, wd = 1e-4, 0.9, 0.999, 1e-8, 1e-4

        @jax.jit
        def step(params, m, v, t, x, y):
            g = jax.grad(loss)(params, x, y)
            t = t + 1
            m = jax.tree_util.tree_map(lambda m, g: b1 * m + (1 - b1) * g, m, g)
            v = jax.tree_util.tree_map(lambda v, g: b2 * v + (1 - b2) * g * g, v, g)
            c1, c2 = 1 - b1**t, 1 - b2**t
            params = jax.tree_util.tree_map(
                lambda p, m, v: p - lr * ((m / c1) / (jnp.sqrt(v / c2) + eps) + wd * p), params, m, v)
            return params, m, v, t

        state = [params, jax.tree_util.tree_map(jnp.zeros_like, params),
                 jax.tree_util.tree_map(jnp.zeros_like, params), jnp.float32(0)]

        def one():
            state[:] = step(*state, x, y)
            jax.block_until_ready(state[0])

        results[name] = {"seconds": median_time(one)}
    return results, jax.__version__


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/hti"
    hti = run_hti(binary)
    jx, version = jax_benchmarks()
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores; JAX {version} (CPU, jit); median of {REPS} after {WARMUP} warm-up\n")
    print("| benchmark | hti (ms) | hti matmuls only (ms) | hti / matmuls | JAX jit (ms) | hti / JAX |")
    print("|---|---:|---:|---:|---:|---:|")
    s = hti["sgemm"]
    print(f"| sgemm 1024³ | {s['seconds']*1e3:.2f} ({s['gflops']:.0f} GFLOP/s) | | | "
          f"{jx['sgemm']['seconds']*1e3:.2f} ({jx['sgemm']['gflops']:.0f} GFLOP/s) | {s['seconds']/jx['sgemm']['seconds']:.2f} |")
    for name in STEPS:
        h, mo, j = hti[name]["seconds"], hti[name + "_matmuls_only"]["seconds"], jx[name]["seconds"]
        print(f"| {name} | {h*1e3:.2f} | {mo*1e3:.2f} | {h/mo:.2f} | {j*1e3:.2f} | {h/j:.2f} |")


if __name__ == "__main__":
    main()

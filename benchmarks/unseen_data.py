#!/usr/bin/env python3
"""Writes a data set of the paper's family that nothing in this project was tuned on:
ANCHORS anchors λ in [0, 1] × SAMPLES samples, 2 outputs, 7 continuous conditions.

Each sample draws its conditions c ~ N(0, I₇); its outputs move along a curve in λ whose
shape depends on c (a rotation by πλ/2 of a c-dependent point, plus a drift and noise), so
the marginals are neither Gaussian nor linear in λ. Used by benchmarks/unseen_fit.sh to
time default fits on unseen data (issue 12, "Data nobody tuned for").

usage: unseen_data.py OUT.csv [--anchors 3] [--samples 1000] [--seed 0]
"""
import argparse

import numpy as np


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--anchors", type=int, default=3)
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    lines = ["lambda,y1,y2," + ",".join(f"c{k}" for k in range(7))]
    for lam in np.linspace(0.0, 1.0, args.anchors):
        c = rng.standard_normal((args.samples, 7))
        base = np.stack([1 + 0.5 * c[:, 0] + 0.3 * c[:, 1], 0.4 * c[:, 2] - 0.2 * c[:, 3]], axis=1)
        angle = 0.5 * np.pi * lam * (1 + 0.2 * np.tanh(c[:, 4]))
        rotated = np.stack([np.cos(angle) * base[:, 0] - np.sin(angle) * base[:, 1],
                            np.sin(angle) * base[:, 0] + np.cos(angle) * base[:, 1]], axis=1)
        y = rotated + lam * 0.3 * c[:, 5:7] + 0.05 * rng.standard_normal((args.samples, 2))
        for row_y, row_c in zip(y, c):
            lines.append(",".join([f"{lam:g}"] + [f"{v:.6g}" for v in row_y] + [f"{v:.6g}" for v in row_c]))
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()

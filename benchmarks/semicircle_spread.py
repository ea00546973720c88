#!/usr/bin/env python3
"""How far a semicircles model's samples spread, against draws of the true density.

The paper scores the semicircles by NLL under the true density and by circle deviation (CD), and
both reward samples bunched at each arc's most likely point. This draws `sample m lambda=…` with
no other options (the default refinement) from a saved model, at held-out and anchor λ, and for
each λ reports, averaged over the four arcs:
- W2², exact assignment, against as many draws of the true density (METHOD.md: angle von Mises
  κ = 5 about the arc's mean angle, radius lognormal s = 0.05);
- the spread ratio: the samples' standard deviation over the truth's, per coordinate, averaged
  (1: as spread as the truth; 0.25: bunched into a quarter of it).

usage: benchmarks/semicircle_spread.py MODEL.htimodel [--lambdas 0.25,0.5,0.75,1] [--seed 0]
(needs numpy and scipy; build first: swift build -c release --product hti)
"""
import argparse
import os
import subprocess
import tempfile

import numpy as np
from scipy.optimize import linear_sum_assignment


def truth(rng, count, arc, t):
    centre = (-1.0, 0.0) if arc < 2 else (1.0, 0.0)
    mean = [np.pi * t, -np.pi * t, np.pi - np.pi * t, -np.pi + np.pi * t][arc]
    angle = mean + rng.vonmises(0, 5, count)
    radius = np.exp(0.05 * rng.normal(size=count))
    return np.c_[centre[0] + radius * np.cos(angle), centre[1] + radius * np.sin(angle)]


def squared_w2(a, b):
    cost = ((a[:, None, :] - b[None, :, :]) ** 2).sum(-1)
    rows, cols = linear_sum_assignment(cost)
    return float(cost[rows, cols].mean())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--lambdas", default="0.25,0.5,0.75,1")
    parser.add_argument("--seed", type=int, default=0, help="seed of the truth's draws")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        script, samples = os.path.join(work, "draw.hti"), os.path.join(work, "samples.csv")
        with open(script, "w") as f:
            f.write(f'm = load "{os.path.abspath(args.model)}"\ns = sample m lambda={args.lambdas}\nsave s "{samples}"\n')
        subprocess.run([".build/release/hti", "run", script], check=True, stdout=subprocess.DEVNULL)
        drawn = np.genfromtxt(samples, delimiter=",", names=True)
    rng = np.random.default_rng(args.seed)
    print("| λ | W2² against the true density | spread ratio |")
    print("|---|---|---|")
    for lam in sorted(set(drawn["lambda"].tolist())):
        w2, spread = [], []
        for arc in range(4):
            rows = drawn[(drawn["lambda"] == lam) & (drawn["arc"] == arc)]
            points = np.c_[rows["x"], rows["y"]]
            reference = truth(rng, len(points), arc, lam)
            w2.append(squared_w2(points, reference))
            spread.append(float(np.mean(points.std(0) / reference.std(0))))
        print(f"| {lam:g} | {np.mean(w2):.3f} | {np.mean(spread):.2f} |")


if __name__ == "__main__":
    main()

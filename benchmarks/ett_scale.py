#!/usr/bin/env python3
"""ETT on the validation file under each λ scale (linear, probit, logit), seeds 0–4, with the
windows split into the part a choice may be tuned on and the part it is reported on.

A model's λ scale only decides where along its paths a sample at τ is read (docs/method.md, "Where
between anchors: the λ scale"): a model read on scale φ at τ gives exactly what the same model read
linearly gives at the λ of the same fraction, (φ(τ) − φ(.01)) / (φ(.99) − φ(.01)) of the way from
.01 to .99 (tested in LambdaScaleTests). So one default fit per seed, read linearly at those λ, scores
every scale. Each window's straight line between its own two training forecasts is scored on the same
scales, since the scale is the one assumption a line and a fit share.

Windows 0–959 (the first four fifths) are where a scale (or a setting) may be chosen; 960–1199 are
reported only. `--fit "weight=0.03"` adds options to every fit, for the potential's weight table.

usage: benchmarks/ett_scale.py [--seeds 0 1 2 3 4] [--fit "OPTIONS"] [--name ett-scale]
       (samples in .build/NAME/, JSON per seed in benchmarks/results/NAME/)
(build first: swift build -c release --product hti)
"""
import argparse
import json
import math
import os
import statistics
import subprocess
from statistics import NormalDist

import numpy as np

TAUS = (0.25, 0.75)
SCALES = {
    "linear": lambda t: t,
    "probit": NormalDist().inv_cdf,
    "logit": lambda t: math.log(t / (1 - t)),
}
SPLITS = {"tuning windows 0–959": slice(0, 960), "reported windows 960–1199": slice(960, 1200), "all 1,200 windows": slice(0, 1200)}


def fraction(scale, tau, low=0.01, high=0.99):
    f = SCALES[scale]
    return (f(tau) - f(low)) / (f(high) - f(low))


def read_lambda(scale, tau):
    """The λ at which a linearly read model gives the scale's reading at τ."""
    return round(0.01 + 0.98 * fraction(scale, tau), 6)


def rows_at(table, lam):
    return table[np.isclose(table[:, 0], lam, atol=5e-7)][:, 1:4]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    parser.add_argument("--fit", default="", help="more options for every fit, e.g. weight=0.03")
    parser.add_argument("--name", default="ett-scale")
    args = parser.parse_args()
    args.work, args.out = os.path.join(".build", args.name), os.path.join("benchmarks", "results", args.name)
    os.makedirs(args.work, exist_ok=True)
    os.makedirs(args.out, exist_ok=True)
    train = np.loadtxt("data/ett_quantiles.csv", delimiter=",", skiprows=1)
    validation = np.loadtxt("data/ett_quantiles_validation.csv", delimiter=",", skiprows=1)
    low, high = rows_at(train, 0.01), rows_at(train, 0.99)
    truth = {tau: rows_at(validation, tau) for tau in TAUS}
    lambdas = sorted({read_lambda(s, tau) for s in SCALES for tau in TAUS})

    def mse(points_by_tau, window_slice):
        return float(np.mean([np.mean((points_by_tau[tau][window_slice] - truth[tau][window_slice]) ** 2) for tau in TAUS]))

    results = {}
    for seed in args.seeds:
        samples = os.path.join(args.work, f"samples{seed}.csv")
        if not os.path.exists(samples):
            script = os.path.join(args.work, f"seed{seed}.hti")
            with open(script, "w") as f:
                f.write('d = load "data/ett_quantiles.csv" preset=ett\n'
                        f"m = fit d seed={seed} scale=linear {args.fit}\n"
                        f"s = sample m lambda={','.join(map(str, lambdas))}\n"
                        f'save s "{samples}"\n')
            subprocess.run([".build/release/hti", "run", script], check=True, stdout=subprocess.DEVNULL)
        drawn = np.loadtxt(samples, delimiter=",", skiprows=1)
        record = {}
        for scale in SCALES:
            points = {tau: rows_at(drawn, read_lambda(scale, tau)) for tau in TAUS}
            record[scale] = {split: mse(points, where) for split, where in SPLITS.items()}
        results[seed] = record
        with open(os.path.join(args.out, f"seed{seed}.json"), "w") as f:
            json.dump({"seed": seed, "fit_options": args.fit, "mse": record}, f, sort_keys=True)

    lines = {}
    for scale in SCALES:
        s = fraction(scale, 0.25), fraction(scale, 0.75)
        points = {tau: low + f * (high - low) for tau, f in zip(TAUS, s)}
        lines[scale] = {split: mse(points, where) for split, where in SPLITS.items()}

    print("| scale | τ = .25, .75 read at | split | HTI MSE, mean ± sd over seeds | worst | per seed | straight line per window |")
    print("|---|---|---|---|---|---|---|")
    for scale in SCALES:
        for split in SPLITS:
            values = [results[seed][scale][split] for seed in args.seeds]
            spread = statistics.stdev(values) if len(values) > 1 else 0.0
            print(f"| {scale} | {fraction(scale, 0.25):.3f}, {fraction(scale, 0.75):.3f} | {split} | "
                  f"{statistics.mean(values):.3f} ± {spread:.3f} | {max(values):.3f} | "
                  f"{' '.join(f'{v:.3f}' for v in values)} | {lines[scale][split]:.3f} |")


if __name__ == "__main__":
    main()

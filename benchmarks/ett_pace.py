#!/usr/bin/env python3
"""Where along each window's own line the ETT forecasts sit, in the data and in a fit's samples.

For every window, output and validation τ, the *fraction* is (q(τ) − q(.01)) / (q(.99) − q(.01)):
0 at the window's τ = .01 forecast, 1 at its τ = .99 forecast. A straight line in τ puts τ at
(τ − .01) / .98 of the way. Only the two ends are training data, so nothing in them says how
fast a forecast moves between them; this script measures how far the forecaster's real pace is
from uniform (what bounds every method that only sees the ends), and, given samples from
`sample m lambda=0.25,0.75,0.99` started at the τ = .01 rows (in their order), how far the fit's
map carries each window (its fraction at τ = .99; 1 is exact) and its MSE per τ.

Fractions are taken where an output's two training forecasts differ by more than 0.3 (the data's
units), so near-ties do not blow the ratio up; medians are reported for the same reason.

usage: ett_pace.py [SAMPLES.csv] [--train data/ett_quantiles.csv]
                   [--validation data/ett_quantiles_validation.csv]
"""
import argparse
import csv
import statistics

OUTPUTS = ("y1", "y2", "y3")


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return [{k: float(v) for k, v in row.items()} for row in rows]


def at(rows, tau):
    return [r for r in rows if abs(r["lambda"] - tau) < 1e-9]


def condition(row):
    return tuple(v for k, v in row.items() if k not in OUTPUTS and k != "lambda")


def fractions(points, low, high):
    return [(p[o] - a[o]) / (b[o] - a[o]) for p, a, b in zip(points, low, high) for o in OUTPUTS
            if abs(b[o] - a[o]) > 0.3]


def mse(points, reference):
    return statistics.fmean((p[o] - r[o]) ** 2 for p, r in zip(points, reference) for o in OUTPUTS)


def line(low, high, tau):
    s = (tau - low[0]["lambda"]) / (high[0]["lambda"] - low[0]["lambda"])
    return [{o: a[o] + s * (b[o] - a[o]) for o in OUTPUTS} for a, b in zip(low, high)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("samples", nargs="?")
    parser.add_argument("--train", default="data/ett_quantiles.csv")
    parser.add_argument("--validation", default="data/ett_quantiles_validation.csv")
    args = parser.parse_args()
    train, validation = read(args.train), read(args.validation)
    low, high = at(train, 0.01), at(train, 0.99)
    samples = read(args.samples) if args.samples else None
    print("| τ | straight line's fraction | forecaster's median fraction | straight line MSE |"
          + (" fit's median fraction | fit's MSE |" if samples else ""))
    print("|---|---:|---:|---:|" + ("---:|---:|" if samples else ""))
    for tau in (0.25, 0.75, 0.99):
        truth = high if tau == 0.99 else at(validation, tau)
        if [condition(r) for r in truth] != [condition(r) for r in low]:
            raise SystemExit(f"{args.validation}: the rows at τ = {tau} are not the training windows in order")
        cells = [f"{tau:g}", f"{(tau - 0.01) / 0.98:.3f}", f"{statistics.median(fractions(truth, low, high)):.3f}",
                 f"{mse(line(low, high, tau), truth):.3f}"]
        if samples:
            drawn = at(samples, tau)
            if [condition(r) for r in drawn] != [condition(r) for r in low]:
                raise SystemExit(f"{args.samples}: the samples at τ = {tau} do not start at the τ = .01 rows in order")
            cells += [f"{statistics.median(fractions(drawn, low, high)):.3f}", f"{mse(drawn, truth):.3f}"]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()

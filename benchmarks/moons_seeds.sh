#!/usr/bin/env bash
# The default two-moons fit (K_θ−Û) for seeds 0–4: fit at dropout p = 0 and .99, scored at the
# held-out p = .5 by W2² per class (averaged), with the amortiser's paths and with refine=5 (what
# `sample` does by default for this task's paths), beside the OT straight lines and the nearest
# anchor measured in the same runs: the table of benchmarks/quality.md ("Two moons, seeds 0–4").
exec "$(dirname "$0")/seeds.sh" moons-seeds data/moons_dropout.csv --preset moons

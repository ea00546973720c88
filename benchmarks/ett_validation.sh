#!/usr/bin/env bash
# ETT scored as the paper does (docs/method.md): the default K_θ−Û fit on every training window
# at τ = .01 and .99, each window's τ = .01 forecast carried to τ = .25 and .75, MSE against the
# forecaster's own outputs there (data/ett_quantiles_validation.csv), for seeds 0–4; then the
# table of benchmarks/quality.md ("ETT the paper's way") with the per-window straight line and
# the unchanged τ = .01 forecast measured in the same runs.
exec "$(dirname "$0")/seeds.sh" ett-validation data/ett_quantiles.csv --preset ett --validation data/ett_quantiles_validation.csv

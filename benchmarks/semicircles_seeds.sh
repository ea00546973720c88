#!/usr/bin/env bash
# The default K_θ−Û semicircles fit for seeds 0–4, scored at the held-out λ = .25, .75 against the
# true density (NLL, CD) with the amortiser's paths and with refine=5 (what `sample` does by default
# for this task's 800 paths), beside the OT straight lines and the nearest anchor measured in the
# same runs: the table of benchmarks/quality.md ("Semicircles, seeds 0–4").
exec "$(dirname "$0")/seeds.sh" semicircles-seeds data/semicircles.csv --preset semicircles

# HTI Workbench image: `hti` on PATH with Ray, serving two roles (docs/cluster.md):
#   - a KubeRay head/worker image: Ray runs `hti fit-job SPEC.json` for each fit of a sweep;
#   - a JupyterHub single-user image: JupyterLab with the HTI kernel installed.
# Debian bookworm throughout; the Swift runtime comes from the official slim image, so the
# binary runs on the same libraries it was built against (and fits give the same bytes as
# any other node running this image: same binary, same OpenBLAS kernels).
#
# Build:  docker build -t hti-workbench .
# Not built in this repository's CI (no Docker engine there); see docs/cluster.md.

ARG SWIFT_VERSION=6.3

# ---- build: compile hti (release) ------------------------------------------------------
FROM swift:${SWIFT_VERSION}-bookworm AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libzmq3-dev libopenblas-dev libedit-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first, so a source change does not refetch them.
COPY Package.swift Package.resolved* ./
RUN swift package resolve
COPY Sources Sources
COPY kernelspec kernelspec
COPY scripts scripts
RUN swift build -c release --product hti \
 && install -D "$(swift build -c release --show-bin-path)/hti" /out/hti

# ---- runtime: Swift runtime, libzmq, OpenBLAS, Ray, JupyterLab ------------------------
FROM swift:${SWIFT_VERSION}-bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libzmq5 libopenblas0-pthread libedit2 libcurl4 ca-certificates \
      python3 python3-venv tini wget procps \
 && rm -rf /var/lib/apt/lists/*
# Python tools in a venv (bookworm's system Python is externally managed): Ray with its
# dashboard and Jobs API, and JupyterLab with jupyterhub-singleuser for JupyterHub.
ENV VIRTUAL_ENV=/opt/venv PATH=/opt/venv/bin:$PATH
RUN python3 -m venv /opt/venv \
 && pip install --no-cache-dir "ray[default]" jupyterlab jupyterhub
COPY --from=build /out/hti /usr/local/bin/hti
# The kernelspec into the venv's share/jupyter, where this image's Jupyter looks.
RUN hti install --sys-prefix && jupyter kernelspec list
# Uid 1000 as KubeRay and JupyterHub images expect; models go under /shared (mount a
# volume every node shares there, docs/cluster.md), which sweeps use as their store.
RUN useradd --create-home --uid 1000 --shell /bin/bash hti \
 && mkdir -p /shared/hti && chown -R hti /shared
ENV HTI_STORE=/shared/hti
USER hti
WORKDIR /home/hti
ENTRYPOINT ["tini", "--"]
# JupyterHub starts `jupyterhub-singleuser`; KubeRay overrides the command with `ray start …`.
CMD ["jupyter", "lab", "--ip=127.0.0.1", "--no-browser"]

"""A sweep locally vs on a local Ray head (benchmarks/cluster.md): wall time of each, and each
job's overhead: the sweep's CPU-slot time (wall × CPUs) less the fit times the jobs report, per
job — Ray's job supervisor, process start, reading spec and data, writing and reading back the
model, the kernel's polling and scoring.

    python benchmarks/cluster_sweep.py [--data data/semicircles.csv] [--seeds 0,1] [--steps 200]
        [--variants 4] [--cpus 2]

Needs `ray[default]` in the Python running it and a built `hti` (HTI_BIN, default the release
build). Starts a head bound to 127.0.0.1 and stops it at the end, whatever happens."""
import argparse
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[1]
DASHBOARD = "http://127.0.0.1:8265"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(ROOT / "data" / "semicircles.csv"))
    parser.add_argument("--load", default="preset=semicircles", help="load options for the data")
    parser.add_argument("--seeds", default="0,1")
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--variants", type=int, choices=(1, 2, 4), default=4)
    parser.add_argument("--cpus", type=int, default=2)
    args = parser.parse_args()
    hti = os.environ.get("HTI_BIN", str(ROOT / ".build" / "release" / "hti"))
    ray = shutil.which("ray", path=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    env = dict(os.environ, PATH=os.path.dirname(os.path.abspath(hti)) + os.pathsep + os.environ["PATH"],
               RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER="0")
    variants = {1: "", 2: " metric=learned,identity", 4: " metric=learned,identity potential=density,none"}[args.variants]
    sweep = f"sweep d seeds={args.seeds} steps={args.steps}{variants}"
    with tempfile.TemporaryDirectory() as folder:
        script = pathlib.Path(folder) / "bench.hti"
        script.write_text(f'd = load "{os.path.abspath(args.data)}" {args.load}\n'
                          f"%time l = {sweep}\n"
                          f'%time r = {sweep} on=ray store="{folder}/store"\n')
        subprocess.run([ray, "start", "--head", "--node-ip-address", "127.0.0.1", "--dashboard-host", "127.0.0.1",
                        "--dashboard-port", "8265", "--num-cpus", str(args.cpus), "--disable-usage-stats"],
                       env=env, check=True, capture_output=True)
        try:
            done = subprocess.run([hti, "run", str(script)], env=env, capture_output=True, text=True)
            if done.returncode != 0:
                sys.exit(done.stdout[-2000:] + done.stderr[-2000:])
            walls = [int(m) * 60 + int(s) if m else float(x)
                     for m, s, x in re.findall(r"Wall time: (?:(\d+) min (\d+) s|([\d.]+) s)", done.stdout)]
            with urllib.request.urlopen(DASHBOARD + "/api/jobs/") as answer:
                jobs = [j for j in json.load(answer) if (j.get("submission_id") or "").startswith("hti-")]
            overheads, fits = [], []
            for job in jobs:
                with urllib.request.urlopen(f"{DASHBOARD}/api/jobs/{job['submission_id']}/logs") as answer:
                    logs = json.load(answer)["logs"]
                result = [json.loads(line) for line in logs.splitlines() if line.startswith("{") and '"result"' in line]
                if result and job.get("end_time") and job.get("start_time"):
                    fits.append(result[-1]["fit_seconds"])
                    overheads.append((job["end_time"] - job["start_time"]) / 1000 - result[-1]["fit_seconds"])
        finally:
            subprocess.run([ray, "stop", "--force"], env=env, capture_output=True)
    local, on_ray = walls[0], walls[1]
    if not fits:
        sys.exit(f"no job reported a fit time (walls {walls}, {len(jobs)} jobs)")
    record = {"sweep": sweep, "data": os.path.basename(args.data), "jobs": len(jobs), "ray_cpus": args.cpus,
              "local_wall_s": round(local, 2), "ray_wall_s": round(on_ray, 2), "ratio_local_over_ray": round(local / on_ray, 3),
              "mean_fit_s_on_ray": round(sum(fits) / len(fits), 2),
              # Ray's start_time is the submission: this includes the wait for a free CPU.
              "mean_job_time_beyond_fit_incl_queue_s": round(sum(overheads) / len(overheads), 3),
              # The sweep's CPU-slot time not spent fitting, per job (slots: one fit per CPU).
              "overhead_per_job_s": round((on_ray * min(args.cpus, len(fits)) - sum(fits)) / len(fits), 3),
              "hti": hti}
    print(json.dumps(record))


if __name__ == "__main__":
    main()

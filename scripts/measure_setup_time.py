#!/usr/bin/env python3
"""How long from `make setup` on a fresh clone to a running JupyterLab, online and offline.

Each run clones the repository (its committed HEAD) into a temporary folder, so the virtual
environment is new, then times:

1. ``make setup`` (online: from the package registry; offline: ``make setup OFFLINE=1`` from the
   wheelhouse, with no network at all when ``unshare -n`` works, that is as root on Linux);
2. ``make lab HEADLESS=1`` until the server answers ``/api`` on 127.0.0.1.

Modes (``--modes``, any of):

- ``online-cold``: pip's cache turned off, every wheel downloaded (a participant's first set-up);
- ``online-warm``: pip's cache as it is on this machine (a second set-up on the same computer);
- ``offline``: from ``wheelhouse/`` (built first with ``make wheelhouse`` when a wheel is missing;
  that one-time download is timed and reported apart, it is the trainer's preparation).

Usage: ``.venv/bin/python scripts/measure_setup_time.py [--runs 3] [--modes offline,online-warm]``.
Prints a table with the median of the runs, and writes every figure to
``bench-results/setup-time.json`` (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
MODES = ("online-cold", "online-warm", "offline")
LAB_TIMEOUT = 180


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _no_network_prefix() -> list[str]:
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n"]
    return []


def _env(mode: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("VIRTUAL_ENV")}
    if mode == "online-cold":
        env["PIP_NO_CACHE_DIR"] = "1"
    elif mode == "offline":
        env = {key: value for key, value in env.items() if not key.startswith("PIP_")}
        env.update(PIP_CONFIG_FILE=os.devnull, PIP_INDEX_URL="http://127.0.0.1:9/simple", PIP_NO_CACHE_DIR="1")
    return env


def ensure_wheelhouse(python: str) -> float | None:
    """Build wheelhouse/ when a pinned wheel is missing; the seconds it took, or None if complete."""
    sys.path.insert(0, str(REPO_ROOT / "tests" / "setup"))
    from test_offline_install import missing_wheels  # the same check as the test

    if not missing_wheels(REPO_ROOT / "wheelhouse"):
        return None
    start = time.perf_counter()
    subprocess.run(["make", "-s", "wheelhouse", f"PYTHON={python}"], cwd=REPO_ROOT, check=True)
    return time.perf_counter() - start


def one_run(mode: str, python: str, work: Path) -> dict[str, float]:
    clone = work / f"clone-{mode}-{secrets.token_hex(3)}"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(REPO_ROOT), str(clone)], check=True)
    env = _env(mode)
    setup = ["make", "-s", "setup", f"PYTHON={python}"]
    if mode == "offline":
        setup = [*_no_network_prefix(), *setup, "OFFLINE=1", f"WHEELHOUSE={REPO_ROOT / 'wheelhouse'}"]

    start = time.perf_counter()
    subprocess.run(setup, cwd=clone, env=env, check=True, stdout=subprocess.DEVNULL)
    set_up = time.perf_counter()

    port, token = _free_port(), secrets.token_hex(16)
    lab_args = f"--IdentityProvider.token={token} --ServerApp.allow_root=True --ServerApp.port_retries=0"
    log = open(clone / "lab.log", "wb")
    lab = subprocess.Popen(["make", "-s", "lab", "HEADLESS=1", f"LAB_PORT={port}", f"LAB_ARGS={lab_args}"],
                           cwd=clone, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                           start_new_session=True)
    try:
        while not _answers(f"http://127.0.0.1:{port}/api"):
            if lab.poll() is not None or time.perf_counter() - set_up > LAB_TIMEOUT:
                raise RuntimeError(f"JupyterLab did not answer: see {clone / 'lab.log'}")
            time.sleep(0.1)
        running = time.perf_counter()
    finally:
        os.killpg(lab.pid, signal.SIGTERM)  # make and the server it started: this run's own group
        try:
            lab.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(lab.pid, signal.SIGKILL)
            lab.wait()
        log.close()
    shutil.rmtree(clone, ignore_errors=True)
    return {"setup_s": set_up - start, "lab_start_s": running - set_up, "total_s": running - start}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--modes", default=",".join(MODES), help=f"comma-separated, from: {', '.join(MODES)}")
    parser.add_argument("--python", default=shutil.which("python3") or sys.executable,
                        help="the Python that `make setup` builds the venv from")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "bench-results" / "setup-time.json")
    args = parser.parse_args(argv)
    modes = [mode.strip() for mode in args.modes.split(",") if mode.strip()]
    unknown = set(modes) - set(MODES)
    if unknown:
        parser.error(f"unknown mode(s): {', '.join(sorted(unknown))}")

    results: dict = {
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "offline_without_network": bool(_no_network_prefix()),
        "runs": {},
    }
    if "offline" in modes:
        results["wheelhouse_build_s"] = ensure_wheelhouse(args.python)
    with tempfile.TemporaryDirectory(prefix="upr-setup-time-") as work:
        for run in range(args.runs):
            for mode in modes:  # interleaved, so that a slow moment of the machine hits every mode
                figures = one_run(mode, args.python, Path(work))
                results["runs"].setdefault(mode, []).append(figures)
                print(f"run {run + 1} {mode:12s} setup {figures['setup_s']:6.1f} s, "
                      f"JupyterLab answers {figures['lab_start_s']:5.1f} s later, total {figures['total_s']:6.1f} s",
                      flush=True)

    print(f"\n{results['machine']}; median of {args.runs} run(s), from `make setup` on a fresh clone to /api answering:")
    print(f"{'mode':14s}{'make setup':>12s}{'lab start':>12s}{'total':>10s}")
    results["median"] = {}
    for mode, runs in results["runs"].items():
        median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        results["median"][mode] = median
        print(f"{mode:14s}{median['setup_s']:11.1f}s{median['lab_start_s']:11.1f}s{median['total_s']:9.1f}s")
    if results.get("wheelhouse_build_s"):
        print(f"(the wheelhouse was built first, once: {results['wheelhouse_build_s']:.1f} s)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"Figures written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

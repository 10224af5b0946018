"""``make bench``: speed and memory figures, as medians of several runs.

Each measurement that should be "cold" runs in a fresh Python process, so caches of the
previous run do not flatter it. Figures are printed, never asserted: a shared 2-core
machine is too noisy for wall-clock limits in tests.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time

COLD_LOAD_SNIPPET = r"""
import json, resource, time
start = time.perf_counter()
from upr_course import data
imported = time.perf_counter()
frame = data.recommendations()
loaded = time.perf_counter()
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"import_s": imported - start, "load_s": loaded - imported, "rows": len(frame), "peak_mb": peak_kib / 1024}))
"""


def _run_snippet(snippet: str) -> dict:
    output = subprocess.run([sys.executable, "-c", snippet], check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def bench_cold_load(runs: int) -> dict:
    """In a fresh process: median time to load every recommendation (the package and pandas
    already imported), the import time itself (mostly pandas), and peak memory."""
    results = [_run_snippet(COLD_LOAD_SNIPPET) for _ in range(runs)]
    return {
        "rows": results[0]["rows"],
        "cold_load_s": statistics.median(r["load_s"] for r in results),
        "import_s": statistics.median(r["import_s"] for r in results),
        "peak_memory_mb": statistics.median(r["peak_mb"] for r in results),
        "runs": runs,
    }


def bench_cli(arguments: list[str], runs: int) -> float:
    """Median wall time of one ``upr-course`` call, start-up included."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "upr_course.cli", *arguments], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _example_plans() -> list[str]:
    from .paths import REPO_ROOT

    folder = REPO_ROOT / "datasets" / "examples" / "plans"
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.yaml"))]
    if not texts:
        raise SystemExit(f"no example plans in {folder}: the grading benchmark needs them")
    return texts


_FREE_TEXT_START = re.compile(r"^(\s*)(added_value|brought_home): (>\n(\s+))?", re.M)


def distinct_plans(count: int, offset: int = 0) -> list[str]:
    """``count`` plans made from the examples, each with its own free text (no cache helps)."""
    texts = _example_plans()

    def variant(text: str, number: int) -> str:
        def mark(match: re.Match) -> str:
            if match.group(3):
                return f"{match.group(1)}{match.group(2)}: >\n{match.group(4)}In plan {number}, "
            return f"{match.group(1)}{match.group(2)}: In plan {number}, "

        return _FREE_TEXT_START.sub(mark, text)

    return [variant(texts[i % len(texts)], offset + i) for i in range(count)]


def bench_grading_in_process(runs: int, as_of: str = "2026-11-29") -> float:
    """Median plans graded per second in one process, data already loaded (as in a batch).

    Every plan in every run has text of its own, so no cache flatters the figure.
    """
    import datetime as dt

    from .rubric import default_context, grade_text

    context = default_context(dt.date.fromisoformat(as_of))
    grade_text(_example_plans()[0], context=context)  # load the data once, as a batch does
    rates = []
    for run in range(runs):
        batch = distinct_plans(300, offset=run * 1000)
        start = time.perf_counter()
        for text in batch:
            grade_text(text, context=context)
        rates.append(len(batch) / (time.perf_counter() - start))
    return statistics.median(rates)


def bench_grading_cli(runs: int, count: int = 300) -> float:
    """Median wall time of one ``upr-course grade`` call on ``count`` plan files."""
    import tempfile
    from pathlib import Path

    texts = distinct_plans(count)
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, text in enumerate(texts):
            path = Path(folder) / f"plan{index:03d}.yaml"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "upr_course.cli", "grade", *paths, "--json", "--as-of", "2026-11-29"], capture_output=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


MATCH_BUILD_SNIPPET = r"""
import json, time
from upr_course import data
data._recommendations(); data._issues()
from upr_course.match import model, search
start = time.perf_counter()
model.corpus_model()
corpus = time.perf_counter() - start
start = time.perf_counter()
search.country_index("Kenya")
country = time.perf_counter() - start
print(json.dumps({"corpus_s": corpus, "country_s": country}))
"""

MATCH_GOALS = (
    "end torture in police custody", "find the disappeared", "LGBT", "stop executions", "end discrimination against Dalits",
    "protect journalists", "girls in school", "acabar con la violencia contra las mujeres",
)


def bench_match_build(runs: int) -> dict:
    """Medians, each in a fresh process with the data loaded: the matcher's corpus model fitted
    from scratch (cache off) and read from its on-disk cache; one country's index, the same two ways."""
    import os

    def run(cache: str | None) -> dict:
        env = dict(os.environ)
        if cache is not None:
            env["UPR_COURSE_CACHE"] = cache
        output = subprocess.run([sys.executable, "-c", MATCH_BUILD_SNIPPET], check=True, capture_output=True, text=True, env=env).stdout
        return json.loads(output.strip().splitlines()[-1])

    cold = [run("off") for _ in range(runs)]
    run(None)  # writes the cache if it is not there yet
    cached = [run(None) for _ in range(runs)]
    return {
        "model_cold_s": statistics.median(r["corpus_s"] for r in cold),
        "model_cached_s": statistics.median(r["corpus_s"] for r in cached),
        "country_index_s": statistics.median(r["country_s"] for r in cold),
        "country_index_cached_s": statistics.median(r["country_s"] for r in cached),
    }


def bench_match_queries(countries: int = 40) -> dict:
    """In one process over the whole dataset: median time of one ``match`` call (goal x country),
    once each country's index is built, and median time of a country's first call (builds it)."""
    from . import data
    from .match import match

    names = data._recommendations()["sur"].astype(str).value_counts().index[:countries].tolist()
    first, warm = [], []
    for name in names:
        start = time.perf_counter()
        match(name, MATCH_GOALS[0])
        first.append(time.perf_counter() - start)
        for goal in MATCH_GOALS:
            start = time.perf_counter()
            match(name, goal)
            warm.append(time.perf_counter() - start)
    return {"query_ms": 1000 * statistics.median(warm), "first_query_in_country_ms": 1000 * statistics.median(first), "queries": len(warm)}


FLOOR_NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "id": "floor-title", "metadata": {}, "source": "# nbgrader's floor: one answer, one test"},
        {"cell_type": "code", "id": "floor-answer", "execution_count": None, "outputs": [], "source": "### BEGIN SOLUTION\nANSWER = 1\n### END SOLUTION",
         "metadata": {"nbgrader": {"grade": False, "grade_id": "answer", "locked": False, "schema_version": 3, "solution": True, "task": False}}},
        {"cell_type": "code", "id": "floor-test", "execution_count": None, "outputs": [], "source": "assert ANSWER == 1\n1.0",
         "metadata": {"nbgrader": {"grade": True, "grade_id": "test", "locked": True, "points": 1, "schema_version": 3, "solution": False, "task": False}}},
    ],
    "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def bench_autograde(runs: int) -> dict:
    """Median seconds for nbgrader to autograde one capstone submission, next to nbgrader's floor.

    Like with like: the **floor** is what nbgrader itself costs, a trivial notebook (one
    answer, one test) autograded with **plain nbgrader settings** (no course configuration:
    nbgrader's own preprocessors, the notebook run in a real Jupyter kernel); the **capstone**
    is the course's capstone, autograded with **the course's settings** (``nbgrader_config.py``:
    the plan graded outside the kernel, the sandbox when a kernel is needed). Both run on the
    same machine, in the same process, alternating, after one warm-up round, through nbgrader's
    Python API, so the command's ~3 s start-up is in neither. Measured in a child process,
    whose log and warnings are not shown. Aim: the capstone at most 1.5 times the floor.
    """
    return _run_snippet(f"import json; from upr_course.bench import measure_autograde; print(json.dumps(measure_autograde({int(runs)})))")


def _plain_course(folder, course_id: str = "floor"):
    """A course folder with nbgrader's default settings only, and the floor notebook as its one assignment."""
    from pathlib import Path

    from traitlets.config import Config

    folder = Path(folder)
    (folder / "source" / "00-floor").mkdir(parents=True)
    (folder / "source" / "00-floor" / "floor.ipynb").write_text(json.dumps(FLOOR_NOTEBOOK), encoding="utf-8")
    config = Config()
    config.CourseDirectory.root = str(folder.resolve())
    config.CourseDirectory.course_id = course_id
    return folder, config


def measure_autograde(runs: int, capstone: str = "05-capstone-action-plan") -> dict:
    """See :func:`bench_autograde`; runs in the current process."""
    import os
    import tempfile
    from pathlib import Path

    from nbgrader.apps import NbGraderAPI

    from .grading import throwaway_course as course_copy

    with tempfile.TemporaryDirectory() as folder:
        floor_course, floor_config = _plain_course(Path(folder) / "floor")
        os.environ["PATH"] = course_copy.nbgrader_env()["PATH"]  # nbgrader runs alembic
        floor_api = NbGraderAPI(config=floor_config)
        course = course_copy.make_course(Path(folder) / "course", [capstone])
        api = course_copy.api(course)
        for grader, assignment in ((floor_api, "00-floor"), (api, capstone)):
            result = grader.generate_assignment(assignment, force=True)
            if not result["success"]:
                raise SystemExit(f"generate_assignment {assignment} failed:\n{result.get('error')}")
        for root, source, release, assignment in ((floor_course, "source", "release", "00-floor"), (course, "solutions", "exercises", capstone)):
            for path in sorted((root / release / assignment).glob("*.ipynb")):
                answers = course_copy.solution_answers(course_copy.read(root / source / assignment / path.name))
                course_copy.submit(root, "participant", assignment, path.name, course_copy.with_answers(course_copy.read(path), answers))
        times: dict[str, list[float]] = {"floor": [], "capstone": [], "in_kernel": []}
        plan = [("floor", floor_api, "00-floor", None), ("capstone", api, capstone, None), ("in_kernel", api, capstone, "1")]
        for round_ in range(runs + 1):
            for key, grader, assignment, in_kernel in plan:
                os.environ.pop("UPR_COURSE_GRADE_IN_KERNEL", None)
                if in_kernel:
                    os.environ["UPR_COURSE_GRADE_IN_KERNEL"] = in_kernel
                start = time.perf_counter()
                result = grader.autograde(assignment, "participant", force=True)
                elapsed = time.perf_counter() - start
                if not result["success"]:
                    raise SystemExit(f"autograde {assignment} failed:\n{result.get('error')}")
                if round_:  # the first round warms the caches up
                    times[key].append(elapsed)
        os.environ.pop("UPR_COURSE_GRADE_IN_KERNEL", None)
        floor_score = _total_score(floor_config, "00-floor")
    floor, capstone_s, in_kernel_s = (statistics.median(times[k]) for k in ("floor", "capstone", "in_kernel"))
    return {"floor_s": floor, "capstone_s": capstone_s, "ratio": capstone_s / floor, "capstone_in_kernel_s": in_kernel_s,
            "in_kernel_ratio": in_kernel_s / floor, "runs": runs, "floor_score": floor_score,
            "floor_times": times["floor"], "capstone_times": times["capstone"]}


def _total_score(config, assignment: str) -> float:
    """The floor's score in its gradebook (1.0 when its notebook really ran in a kernel)."""
    from nbgrader.api import Gradebook

    root = config.CourseDirectory.root
    with Gradebook(f"sqlite:///{root}/gradebook.db", config.CourseDirectory.course_id) as gradebook:
        return float(gradebook.find_submission(assignment, "participant").score)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the course's speed (medians of several runs).")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    figures = {
        "load": bench_cold_load(args.runs),
        "cli_data_info_s": bench_cli(["data", "info", "--json"], args.runs),
        "cli_timeline_s": bench_cli(["timeline", "--country", "Kenya", "--json"], args.runs),
        "grading_plans_per_s": bench_grading_in_process(args.runs),
        "cli_grade_300_plans_s": bench_grading_cli(args.runs),
        "match_build": bench_match_build(args.runs),
        "match_queries": bench_match_queries(),
        "cli_match_s": bench_cli(["match", "--country", "Nepal", "--goal", "end discrimination against Dalits", "--json"], args.runs),
        "autograde": bench_autograde(args.runs),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    load = figures["load"]
    print(f"Cold load of {load['rows']:,} recommendations in a fresh process: {load['cold_load_s']:.3f} s median of {load['runs']} runs (aim < 0.5 s)")
    print(f"  before it, importing the package and pandas: {load['import_s']:.3f} s median")
    print(f"Peak memory of that process: {load['peak_memory_mb']:.0f} MB median (aim < 300 MB)")
    print(f"One 'upr-course data info' call, start-up included: {figures['cli_data_info_s']:.3f} s median")
    print(f"One 'upr-course timeline' call, start-up included: {figures['cli_timeline_s']:.3f} s median")
    print(f"Grading in one process: {figures['grading_plans_per_s']:.0f} plans per second median (aim > 100)")
    print(f"One 'upr-course grade' call on 300 plans: {figures['cli_grade_300_plans_s']:.2f} s median (aim < 5 s)")
    build, queries = figures["match_build"], figures["match_queries"]
    print(f"Matcher model fitted from scratch: {build['model_cold_s']:.2f} s median, from its cache: {build['model_cached_s']:.3f} s (aim < 2 s)")
    print(f"  one country's index: built {build['country_index_s']:.3f} s, from its cache {build['country_index_cached_s']:.3f} s (medians)")
    print(f"One match in one process: {queries['query_ms']:.1f} ms median of {queries['queries']} (aim < 20 ms); a country's first: "
        f"{queries['first_query_in_country_ms']:.0f} ms")
    print(f"One 'upr-course match' call, start-up included: {figures['cli_match_s']:.2f} s median")
    autograde = figures["autograde"]
    print(f"nbgrader's floor (a trivial notebook, plain nbgrader settings, a real kernel): {autograde['floor_s']:.2f} s median of {autograde['runs']} runs")
    print(f"nbgrader autograde, one capstone submission (the course's settings): {autograde['capstone_s']:.2f} s median; {autograde['ratio']:.2f}x "
        f"the floor (aim <= 1.5x)")
    print(f"  graded by the clean child process started from the kernel (UPR_COURSE_GRADE_IN_KERNEL=1): {autograde['capstone_in_kernel_s']:.2f} s, "
        f"{autograde['in_kernel_ratio']:.2f}x the floor")
    return 0


if __name__ == "__main__":
    sys.exit(main())

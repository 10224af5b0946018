"""`make bench` measures what it says (figures are printed, never asserted: no wall-clock limits)."""

from __future__ import annotations

import datetime as dt

from upr_course import bench
from upr_course.rubric import grade_text


def test_cold_load_reports_the_full_table_and_memory():
    figures = bench.bench_cold_load(runs=1)
    assert figures["rows"] == 67_397
    assert figures["cold_load_s"] > 0 and figures["import_s"] > 0 and figures["peak_memory_mb"] > 50


def test_the_grading_benchmark_uses_distinct_plans_that_all_grade():
    plans = bench.distinct_plans(20)
    assert len(set(plans)) == 20, "every plan has text of its own, so no cache flatters the figure"
    results = [grade_text(text, as_of=dt.date(2026, 11, 29)) for text in plans]
    assert all(r.graded for r in results)


def test_the_command_line_benchmark_runs_a_real_call():
    assert bench.bench_cli(["data", "info", "--json"], runs=1) > 0


def test_the_matcher_benchmark_reports_built_and_cached_figures(tmp_path, monkeypatch):
    monkeypatch.setenv("UPR_COURSE_CACHE", str(tmp_path))  # its runs write a cache: not the user's
    figures = bench.bench_match_build(runs=1)
    assert set(figures) == {"model_cold_s", "model_cached_s", "country_index_s", "country_index_cached_s"}
    assert all(value > 0 for value in figures.values())
    assert any(tmp_path.glob("match-country-*-KEN.pickle"))

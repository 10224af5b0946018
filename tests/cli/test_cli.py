"""The ``upr-course`` command line: outputs, exit codes and plain errors (never a traceback)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from upr_course.cli import main

from sample_plans import strong_plan_with_real_ids  # the strong Kenya plan (one copy), with real ids

AS_OF = "2026-11-29"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def plan_files(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(strong_plan_with_real_ids(), encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: upr-action-plan/1\ncountry: Atlantis\nissue: [\n", encoding="utf-8")
    return good, broken


def test_data_info_json_reports_the_full_dataset(capsys):
    code, out, _ = run(capsys, "data", "info", "--json")
    info = json.loads(out)
    assert code == 0
    assert info["recommendations"] == 67_397
    assert info["countries"] == 193
    assert info["cycles"] == {"1": 21_355, "2": 36_328, "3": 4_720, "4": 4_994}
    assert info["sessions"][:27] == list(range(1, 28)) and info["sessions"][-1] == 52
    assert info["responses"] == {"Supported": 46_060, "Noted": 16_674, "Pending": 4_663}
    assert info["cycles_3_4"] == {"rows": 9_714, "states_under_review": 35, "reviews": 36}


def test_data_info_text_is_readable(capsys):
    code, out, _ = run(capsys, "data", "info")
    assert code == 0 and "67,397" in out and "UPR Info" in out and "pending 4,663" in out


def test_grade_one_plan_gives_one_json_object(capsys, plan_files):
    good, _ = plan_files
    code, out, _ = run(capsys, "grade", str(good), "--json", "--as-of", AS_OF)
    result = json.loads(out)
    assert code == 0
    assert isinstance(result, dict)
    assert {"plan", "total", "max", "criteria", "errors"} <= set(result)
    assert [c["id"] for c in result["criteria"]] == [
        "goal", "domestic_link", "added_value", "brought_home", "recommendations", "response_tactic", "cycle_coverage", "timeline", "media", "risks", "balance",
    ]
    assert all({"id", "score", "max", "feedback"} <= set(c) for c in result["criteria"])
    assert result["errors"] == [] and result["total"] > 60


def test_grade_batch_goes_on_past_a_broken_plan_and_exits_2(capsys, plan_files, tmp_path):
    good, broken = plan_files
    missing = tmp_path / "missing.yaml"
    gradebook = tmp_path / "grades.csv"
    code, out, err = run(capsys, "grade", str(broken), str(missing), str(good), "--json", "--csv", str(gradebook), "--as-of", AS_OF)
    results = json.loads(out)
    assert code == 2
    assert [r["plan"] for r in results] == [str(broken), str(missing), str(good)]
    assert results[2]["total"] > 60 and not results[2]["errors"]
    assert all(e["line"] for e in results[0]["errors"]), "malformed plans report line numbers"
    assert "not found" in results[1]["errors"][0]["message"]
    assert str(broken) in err and str(missing) in err and "Traceback" not in err
    rows = list(csv.DictReader(gradebook.open()))
    assert [row["plan"] for row in rows] == [str(broken), str(missing), str(good)]
    assert rows[0]["graded"] == "False" and rows[0]["errors"]
    assert float(rows[2]["added_value"]) > 0 and float(rows[2]["total"]) == results[2]["total"]


def test_as_of_changes_the_timeline_score(capsys, plan_files):
    good, _ = plan_files
    _, now, _ = run(capsys, "grade", str(good), "--json", "--as-of", AS_OF)
    _, later, _ = run(capsys, "grade", str(good), "--json", "--as-of", "2031-01-01")
    timeline = lambda out: next(c for c in json.loads(out)["criteria"] if c["id"] == "timeline")  # noqa: E731
    assert timeline(later)["score"] < timeline(now)["score"]
    assert "in the past" in timeline(later)["feedback"]


@pytest.mark.parametrize(
    "argv",
    [
        ["grade", "x.yaml", "--as-of", "2027-13-01"],
        ["timeline", "--country", "Atlantis"],
        ["data", "info", "--bogus"],
        ["export", "nothing.yaml", "--to", "md"],
    ],
)
def test_bad_input_is_one_plain_sentence_and_exit_2(capsys, argv):
    code, out, err = run(capsys, *argv) if argv[0] != "data" else _run_argparse(capsys, argv)
    assert code == 2
    assert "Traceback" not in err and err.strip()
    assert err.strip().startswith("upr-course:")


def _run_argparse(capsys, argv):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_export_writes_a_printable_plan(capsys, plan_files, tmp_path, fmt):
    good, _ = plan_files
    out_file = tmp_path / f"plan.{fmt}"
    code, _, _ = run(capsys, "export", str(good), "--to", fmt, "--out", str(out_file))
    assert code == 0 and out_file.stat().st_size > 500
    if fmt == "docx":
        from docx import Document

        text = "\n".join(p.text for p in Document(str(out_file)).paragraphs)
    else:
        text = out_file.read_text(encoding="utf-8")
    assert "Torture and ill-treatment in police custody" in text
    assert "Before the review" in text and "After the review" in text


def test_the_installed_command_runs_in_a_fresh_process():
    result = subprocess.run([sys.executable, "-m", "upr_course.cli", "timeline", "--country", "Nowhere"], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path):
    """`upr-course timeline ... | head`: the pipe closes before the command has written all."""
    import os
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first line
    try:
        done = subprocess.run([sys.executable, "-m", "upr_course.cli", "timeline", "--country", "Kenya"],
                              stdout=write_end, stderr=subprocess.PIPE, text=True, check=False)
    finally:
        os.close(write_end)
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
    assert done.returncode == 0

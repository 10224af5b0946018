"""The grader's agreement with an independent trainer, on the calibration set (tests/calibration).

    .venv/bin/python scripts/evaluate_grader.py            # figures for both parts, all languages
    .venv/bin/python scripts/evaluate_grader.py --by-language   # and for each language (en, es, fr)
    .venv/bin/python scripts/evaluate_grader.py --details  # per plan, for the TUNE part only

Only the ``tune`` part may be looked at plan by plan while changing the grader; the
``holdout`` part is reported as figures only (docs/grader-evaluation.md), so that it stays a
fair test of plans the grader was never fitted to.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from upr_course.rubric.evaluation import figures, grade_cases, load_cases

CALIBRATION = Path(__file__).resolve().parents[1] / "tests" / "calibration"
AS_OF = dt.date(2026, 12, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="one line per plan of the tune part")
    parser.add_argument("--by-language", action="store_true", help="figures for each language of the set too")
    args = parser.parse_args()
    cases = load_cases(CALIBRATION)
    outcomes = grade_cases(CALIBRATION, cases, AS_OF)
    report = {}
    for split in ("tune", "holdout"):
        part = [o for o in outcomes if o.case.split == split]
        report[split] = _figures(part)
        if args.by_language:
            # Languages in the order they first appear in the manifest (English first).
            for language in dict.fromkeys(c.language for c in cases):
                report[f"{split} {language}"] = _figures([o for o in part if o.case.language == language])
    print(json.dumps(report, indent=2))
    if args.details:
        for o in outcomes:
            if o.case.split == "tune":
                mark = "" if o.band_agrees else f"  <- trainer: {o.case.band}"
                print(f"{o.case.file:40s} {o.case.language:2s} {o.case.case:26s} {o.result.total:6.1f} {o.result.band}{mark}")


def _figures(part) -> dict:
    """The figures of one part, with the confusion of bands and the criteria wrongly marked down."""
    found = {k: round(v, 3) if isinstance(v, float) else v for k, v in figures(part).items()}
    # Confusion of bands: trainer's band -> grader's band -> count.
    confusion: dict[str, dict[str, int]] = {}
    for o in part:
        confusion.setdefault(o.case.band, {}).setdefault(o.result.band, 0)
        confusion[o.case.band][o.result.band] += 1
    found["bands_trainer_to_grader"] = confusion
    found["by_criterion_wrongly_marked_down"] = _count(c for o in part for c in o.wrongly_marked_down)
    return found


def _count(items) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return dict(sorted(counts.items()))


if __name__ == "__main__":
    main()

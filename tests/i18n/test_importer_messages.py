"""The importers (``upr-course data import``, lesson 04's upload widget) and the workshop report
speak the trainer's language.

In Spanish, then French, every problem an import can meet on a small file (missing, of an
unknown kind, broken, of the wrong layout, about another State or session, an addendum
before its report, an unknown answer) and a successful import with its notes are run, and
the workshop report is rendered for a tiny hand-made class. Each sentence shown is checked
with the course's own language identifier (``upr_course.language``) once the data is masked:
file names and paths, ids, symbols, numbers, quoted values, options and State names. A
message left in English shows up as an English sentence, named in the failure message.
In English the same runs still say what they said before the messages were marked.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from upr_course import data
from upr_course.build.recommendations import EXPORT_COLUMNS
from upr_course.cli import main
from upr_course.errors import UserError
from upr_course.grading import report as workshop
from upr_course.grading.submissions import Problem
from upr_course.i18n import language
from upr_course.importers import ImportContext, ohchr_thematic, read_file, uhri
from upr_course.importers.responses import map_response
from upr_course.language import detect_language
from sample_plans import SMALL_WG_REPORT

REPORT = SMALL_WG_REPORT
#: No session named and no lead-in: the importer takes the latest review and says the answers are pending.
UNDATED_DRAFT = """Report of the Working Group on the Universal Periodic Review
Kenya
A/HRC/59/9
II. Conclusions and/or recommendations
114.1 Ratify the Optional Protocol to the Convention against Torture (Chile);
114.2 Strengthen the national human rights institution (Togo);
"""
ADDENDUM = """A/HRC/59/9/Add.1
Report of the Working Group on the Universal Periodic Review - Kenya
Addendum
Views on conclusions and/or recommendations, voluntary commitments and replies presented by the State under review
1. Kenya supports recommendations 114.1 and 114.2.
2. Kenya notes recommendation 115.1.
"""

#: Column names, which stay as the files write them.
COLUMNS = sorted({*EXPORT_COLUMNS, *uhri.REQUIRED, *ohchr_thematic.CSV_REQUIRED}, key=len, reverse=True)
_MASKS = [
    re.compile("|".join(r"\b" + re.escape(column) + r"\b" for column in COLUMNS)),
    re.compile(r"'[^']*'|\"[^\"]*\""),  # quoted values: file contents, labels, commands
    re.compile(r"\S*[/\\]\S*"),  # paths, document symbols, score fractions
    re.compile(r"\S+\.(?:txt|pdf|csv|docx|odt|xlsx|ipynb)\b", re.IGNORECASE),
    re.compile(r"--[\w/-]+"),  # command-line options
    re.compile(r"\b[A-Z]{3}-S\d{1,2}-\d{1,4}\b"),  # recommendation ids
    re.compile(r"\b(?:Kenya|Ghana|Chile|Norway|Togo|UPR Info|UHRI|PDF|Word|CSV|UTF-8|Windows-1252|nbgrader|autograde|zip_collect)\b", re.IGNORECASE),
    re.compile(r"\b(?:ana|ben|chloe|05-capstone|action-plan|test_goal|written|goal)\b"),  # the tiny class's names
    re.compile(r"\d[\d.,:-]*"),
]
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+|\n+")
_WORD = re.compile(r"[^\W\d_]{2,}")
MIN_WORDS = 5


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` with five words or more once the data is masked."""
    found = []
    for piece in _SENTENCE_END.split(text):
        masked = piece
        for mask in _MASKS:
            masked = mask.sub(" ", masked)
        if len(_WORD.findall(masked)) >= MIN_WORDS:
            found.append(" ".join(masked.split()))
    return found


def assert_in(code: str, texts: list[str]) -> None:
    """Every sentence of ``texts`` reads as ``code``; at least one sentence was judged."""
    judged = [sentence for text in texts for sentence in sentences(text)]
    assert judged, f"nothing to judge in {texts!r}"
    wrong = [sentence for sentence in judged if detect_language(sentence) != code]
    assert not wrong, f"not in {code}: {wrong}"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def import_problems(folder: Path, context: ImportContext) -> list[str]:
    """The message of every problem the importers meet on small files, in the current language."""
    report = _write(folder / "A_HRC_59_9.txt", REPORT)
    table = _write(folder / "notes.csv", "a,b\n1,2\n")
    broken_pdf = folder / "report.pdf"
    broken_pdf.write_bytes(b"%PDF-1.4")
    broken_docx = folder / "broken.docx"
    broken_docx.write_bytes(b"not a zip file")
    odt = folder / "report.odt"
    odt.write_bytes(b"PK")
    runs = [
        lambda: read_file(folder / "no-such-file.txt", context),
        lambda: read_file(table, context),
        lambda: read_file(odt, context),
        lambda: read_file(broken_pdf, context),
        lambda: read_file(broken_docx, context),
        lambda: read_file(table, context, format="uhri"),
        lambda: read_file(table, context, format="upr-info"),
        lambda: read_file(table, context, format="ohchr-thematic"),
        lambda: read_file(report, context, format="wg-addendum"),
        lambda: read_file(_write(folder / "empty.txt", "Nothing to see here.\n"), context, format="wg-report"),
        lambda: read_file(report, ImportContext(context.resolver, context.reviews, country="GHA")),
        lambda: read_file(report, ImportContext(context.resolver, context.reviews, session=12)),
        lambda: read_file(_write(folder / "Add_1.txt", ADDENDUM.replace("A/HRC/59/9/Add.1", "")), context, format="wg-addendum",
                          recommendations=data.recommendations()),
        lambda: map_response("maybe later"),
    ]
    messages = []
    for run in runs:
        with pytest.raises(UserError) as raised:
            run()
        messages.append(str(raised.value))
    return messages


def test_import_problems_are_in_spanish_and_french(tmp_path, context):
    with language("en"):
        english = import_problems(tmp_path, context)
    assert "no-such-file.txt was not found" in english[0]
    assert "The importer reads" in english[1] and "cannot be imported" in english[2]
    assert "about Kenya, not Ghana as --country says" in english[10]
    assert "session 49, not 12 as --session says" in english[11]
    for code in ("es", "fr"):
        with language(code):
            shown = import_problems(tmp_path, context)
        assert len(shown) == len(english)
        assert "no-such-file.txt" in shown[0]  # the file keeps its name
        assert "'maybe later'" in shown[-1]  # the data keeps its value
        assert_in(code, shown)


def test_a_successful_import_and_its_notes_in_spanish_and_french(tmp_path, home, capsys, context):
    draft = _write(tmp_path / "A_HRC_59_9_draft.txt", UNDATED_DRAFT)
    with language("en"):
        notes = read_file(draft, context).notes
    assert any("latest review" in note for note in notes) and any("no lead-in" in note for note in notes)
    assert any("draft or advance report" in note for note in notes)
    for code in ("es", "fr"):
        with language(code):
            translated = read_file(draft, context).notes
        assert len(translated) == len(notes)
        assert_in(code, translated)

    report = _write(tmp_path / "A_HRC_59_9.txt", REPORT)
    addendum = _write(tmp_path / "A_HRC_59_9_Add_1.txt", ADDENDUM)
    assert main(["data", "import", "--lang", "es", "--dry-run", str(report)]) == 0
    out = capsys.readouterr().out
    assert "Kenya" in out and "A_HRC_59_9.txt" in out
    assert_in("es", [out])
    assert main(["data", "import", "--lang", "fr", str(addendum)]) == 2  # its report is not in the data yet
    err = capsys.readouterr().err
    assert "A/HRC/59/9" in err and "Traceback" not in err
    assert_in("fr", [err])
    assert main(["data", "import", "--lang", "fr", str(report)]) == 0
    out = capsys.readouterr().out
    assert "KEN-S49-" in out
    assert_in("fr", [out])


def test_the_upload_widget_says_what_went_wrong_in_the_participants_language(home):
    from upr_course.widgets.importer import import_widget

    for code in ("es", "fr"):
        with language(code):
            box = import_widget()
            box.controls["upload"].value = ({"name": "broken.pdf", "type": "application/pdf", "size": 8,
                                             "content": memoryview(b"%PDF-1.4"), "last_modified": dt.datetime(2026, 12, 1)},)
            box.run()
            shown = re.sub(r"<[^>]+>", "\n", box.result.value)
        assert "broken.pdf" in shown
        assert_in(code, [shown])


def _tiny_class() -> workshop.WorkshopReport:
    """Three participants: one graded with a failed test and a re-grade that differs, one not
    handed in, one whose submission the report could not read; zip_collect refused a file."""
    graded = workshop.Entry("ana", "05-capstone", "graded", score=7.0, max=10.0)
    graded.items += [
        workshop.Item("action-plan", "test_goal", "test", 0.0, 2.0, "failed", ""),
        workshop.Item("action-plan", "written", "manual", None, 3.0, "needs manual grading", ""),
        workshop.Item("action-plan", "goal", "criterion", 1.0, 2.0, "failed", ""),
        workshop.Item("action-plan", "(plan)", "criterion", None, 0.0, "not graded", "the plan is empty"),
    ]
    graded.problems.append(Problem("not_autograded", "05-capstone",
                                   workshop._("Handed in, but not in the gradebook: run nbgrader autograde for this participant. "
                                              "If you did, it failed: read its log.")))
    missing = workshop.Entry("ben", "05-capstone", "not submitted")
    broken = workshop._safe_entry(None, KeyError, None, "chloe", "05-capstone", {}, {}, {}, None, dt.date(2026, 11, 29), {})
    collection = {"05-capstone": [{"outcome": "collected", "time": "2026-11-29T10:00"},
                                  {"outcome": "duplicate", "time": "2026-11-29T10:00"},
                                  {"outcome": "refused", "assignment": "05-capstone", "message": "x.zip", "time": "2026-11-29T10:00"}]}
    return workshop.WorkshopReport([graded, missing, broken], dt.date(2026, 11, 29), ["05-capstone"], collection)


def test_the_workshop_report_speaks_the_trainers_language_and_keeps_its_csv_columns(tmp_path):
    with language("en"):
        english = workshop.render_text(_tiny_class())
    assert english.startswith("Workshop report: 3 participants, 1 assignments")
    assert "not handed in" in english and "Needs your attention (3):" in english
    assert "1 identical copies collected once" in english
    for code in ("es", "fr"):
        with language(code):
            text = workshop.render_text(_tiny_class())
            workshop.write_csv(_tiny_class(), tmp_path / f"report-{code}.csv")
        assert_in(code, [text])
        assert "ana" in text and "05-capstone" in text and "test_goal 0/2" in text
        header = (tmp_path / f"report-{code}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header == ",".join(workshop.CSV_FIELDS)  # the columns are a contract: English

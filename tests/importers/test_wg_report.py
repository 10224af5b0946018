"""The Working Group report importer and the addendum, on the real samples and on small texts."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from upr_course import data
from upr_course.cli import main
from upr_course.errors import UserError
from upr_course.importers import detect_format, read_file
from upr_course.importers import wg_report
from sample_plans import SMALL_WG_REPORT

GL0BSEC = "data-sources/gl0bsec-upr-analysis/wg_reports"
DRAFTS = "data-sources/cehdi-upr-health-explorer-manual-extracts/original/session52_draft_reports"


def test_ordinals_and_lead_ins():
    assert wg_report.ordinal_number("forty-second") == 42
    assert wg_report.ordinal_number("thirty-third") == 33
    assert wg_report.ordinal_number("tenth") == 10
    assert wg_report.position_of_lead_in("have been examined by X and enjoy the support of X:") == "Supported"
    assert wg_report.position_of_lead_in("will be examined by X, which will provide responses in due time") == "Pending"
    assert wg_report.position_of_lead_in("have been noted by X:") == "Noted"


SMALL_REPORT = SMALL_WG_REPORT


def test_a_small_report_joint_recommendations_numbers_inside_texts_and_lead_ins(tmp_path, context):
    path = tmp_path / "A_HRC_59_9.txt"
    path.write_text(SMALL_REPORT, encoding="utf-8")
    assert detect_format(path) == "wg-report"
    imported = read_file(path, context)
    rows = imported.rows
    assert rows["paragraph"].tolist() == ["114.1", "114.1", "114.2", "115.1"]
    assert rows["recommending_state"].tolist() == ["Chile", "Ghana", "Norway", "Togo"]
    assert rows["response"].tolist() == ["Pending", "Pending", "Pending", "Supported"]
    assert set(rows["sur"]) == {"Kenya"} and set(rows["session"]) == {49} and set(rows["document"]) == {"A/HRC/59/9"}
    assert "16.2 on violence against children" in rows["text"].iloc[2]
    assert not rows["draft"].any()
    assert not rows["text"].str.contains("All conclusions").any()


@pytest.mark.shared
@pytest.mark.parametrize("name", ["A_HRC_53_11-EN.pdf", "A_HRC_42_4-EN.pdf"])
def test_the_real_pdf_reports_give_the_rows_of_the_parsed_csv(shared_dir, context, name):
    imported = read_file(shared_dir / GL0BSEC / name, context)
    parsed = pd.read_csv(shared_dir / GL0BSEC / "wg_report_recommendations_albania_c3_korea_c4.csv", dtype=str)
    symbol = "A/HRC/53/11" if "53" in name else "A/HRC/42/4"
    parsed = parsed.loc[parsed["document_symbol"] == symbol]
    rows = imported.rows
    assert imported.unknown_states == []
    assert set(rows["document"]) == {symbol}
    assert sorted(rows["paragraph"].unique(), key=lambda p: [int(x) for x in p.split(".")]) == parsed["paragraph"].tolist()
    assert len(rows) == parsed["recommending_states_parsed"].str.split("|").str.len().sum()
    answers = rows.drop_duplicates("paragraph").set_index("paragraph")["response"]
    expected = parsed.set_index("paragraph")["position_in_wg_report"].str.split(" ").str[0]
    assert (answers.loc[expected.index] == expected).all()


@pytest.mark.shared
def test_a_draft_docx_with_typed_numbers_is_a_draft_of_the_latest_review(shared_dir, context):
    imported = read_file(shared_dir / DRAFTS / "Belgium - Draft report after adoption.docx", context)
    rows = imported.rows
    assert set(rows["sur"]) == {"Belgium"} and set(rows["session"]) == {52}
    assert rows["draft"].all() and rows["document"].isna().all()
    assert rows["paragraph"].nunique() == 300 and imported.unknown_states == []
    assert any("paragraph numbers may change" in note for note in imported.notes)


@pytest.mark.shared
def test_a_docx_numbered_by_word_keeps_its_texts_without_paragraphs(shared_dir, context):
    imported = read_file(shared_dir / DRAFTS / "Namibia - Draft report circulated on 6 May 2026.docx", context)
    assert imported.records_read == 290 and imported.rows["paragraph"].isna().all()
    assert any("numbered by Word" in note for note in imported.notes)


ADDENDUM = """A/HRC/59/9/Add.1
Report of the Working Group on the Universal Periodic Review - Kenya
Addendum
Views on conclusions and/or recommendations, voluntary commitments and replies presented by the State under review
1. Kenya supports recommendations 114.1 and 114.2.
2. Kenya notes recommendation 115.1.
"""


def test_an_addendum_answers_pending_rows_and_cli_handles_bad_files(tmp_path, home, capsys):
    report = tmp_path / "A_HRC_59_9.txt"
    report.write_text(SMALL_REPORT, encoding="utf-8")
    assert main(["data", "import", str(report)]) == 0
    assert "Imported as KEN-S49-" in capsys.readouterr().out
    kenya = data.recommendations().query("sur == 'Kenya' and session == 49")
    assert sorted(kenya["response"].astype(str)) == ["Pending", "Pending", "Pending", "Supported"]
    assert data.find_by_reference("a/hrc/59/9, para. 114.2") == kenya.loc[kenya["paragraph"] == "114.2", "id"].iloc[0]

    addendum = tmp_path / "A_HRC_59_9_Add_1.txt"
    addendum.write_text(ADDENDUM, encoding="utf-8")
    assert detect_format(addendum) == "wg-addendum"
    assert main(["data", "import", str(addendum)]) == 0
    assert "Imported as" in capsys.readouterr().out
    kenya = data.recommendations().query("sur == 'Kenya' and session == 49").set_index("paragraph")
    assert (kenya.loc["114.1", "response"] == "Supported").all() and kenya.loc["114.2", "response"] == "Supported"
    assert kenya.loc["115.1", "response"] == "Supported"  # an answer already given is not overwritten
    assert main(["data", "imported", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["imports"]) == 2

    # a file that cannot be read: one plain sentence, exit 2, nothing written
    before = sorted(path.name for path in (home / "imports").iterdir())
    broken = tmp_path / "report.pdf"
    broken.write_bytes(b"%PDF-1.4 broken")
    assert main(["data", "import", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "report.pdf" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert sorted(path.name for path in (home / "imports").iterdir()) == before


def test_an_addendum_before_its_report_says_what_to_do(tmp_path, home, capsys):
    addendum = tmp_path / "A_HRC_59_9_Add_1.txt"
    addendum.write_text(ADDENDUM, encoding="utf-8")
    assert main(["data", "import", str(addendum)]) == 2
    assert "import the Working Group report A/HRC/59/9 first" in capsys.readouterr().err


def test_without_numbered_recommendations_the_message_says_what_to_use(tmp_path, context):
    path = tmp_path / "notes.docx"
    import docx

    document = docx.Document()
    document.add_paragraph("Some notes about the review, without recommendations.")
    document.save(str(path))
    with pytest.raises(UserError, match="neither numbered recommendations"):
        read_file(path, context)


def test_the_upload_widget_imports_a_report_and_says_so(home):
    from upr_course.widgets.importer import import_widget

    box = import_widget()
    box.run()
    assert "Choose a file first" in box.result.value
    box.controls["upload"].value = ({"name": "A_HRC_59_9.txt", "type": "text/plain", "size": len(SMALL_REPORT),
                                     "content": memoryview(SMALL_REPORT.encode()), "last_modified": __import__("datetime").datetime(2026, 12, 1)},)
    box.run()
    assert "Imported" in box.result.value and "Kenya" in box.result.value
    assert (data.recommendations()["session"] == 49).any()
    box.controls["upload"].value = ({"name": "broken.pdf", "type": "application/pdf", "size": 8,
                                     "content": memoryview(b"%PDF-1.4"), "last_modified": __import__("datetime").datetime(2026, 12, 1)},)
    box.run()
    assert "could not be read as a PDF" in box.result.value

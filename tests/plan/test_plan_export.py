"""A plan's export keeps only characters a document can hold (red team, second round, R12)."""

from __future__ import annotations

import yaml

from sample_plans import STRONG_KENYA_PLAN
from upr_course.plan import parse_plan
from upr_course.render import plan_export


def _with_controls() -> str:
    plan = yaml.safe_load(STRONG_KENYA_PLAN)
    plan["goal"] += " \x0b\x01\x1f end"  # YAML writes them as the escapes "\v", "\x01", "\x1f"
    plan["risks"][0]["mitigation"] = "Tab\tkept,\nline kept\x00"
    return yaml.safe_dump(plan, allow_unicode=True)


def test_the_outline_keeps_tabs_and_line_breaks_and_drops_other_control_characters():
    assert plan_export.document_text("a\tb\nc\r\x0b\x01\x7f\ud800\ufffe\U0001f600é") == "a\tb\nc\r\x7f\U0001f600é"
    blocks = plan_export.outline(parse_plan(_with_controls()))
    texts = [b.text for b in blocks] + [cell for b in blocks for row in (b.header, *b.rows) for cell in row]
    assert not any(plan_export.NOT_XML_CHAR.search(text) for text in texts)
    assert any(text.endswith("  end") for text in texts) and "Tab\tkept,\nline kept" in texts


def test_a_plan_with_control_characters_exports_to_word_html_and_markdown(tmp_path):
    blocks = plan_export.outline(parse_plan(_with_controls()))
    plan_export.write_docx(blocks, tmp_path / "plan.docx")
    assert (tmp_path / "plan.docx").stat().st_size > 0
    for text in (plan_export.to_html(blocks), plan_export.to_markdown(blocks)):
        assert "  end" in text and not plan_export.NOT_XML_CHAR.search(text)

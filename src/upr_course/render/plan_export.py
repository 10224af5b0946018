"""A plan as a printable document for a coalition meeting: Markdown, HTML or Word.

All three are made from one outline (a list of headings, paragraphs and tables), so they
say the same thing. Cited recommendations are printed with their text and the
Government's response, so the meeting does not need the dataset.

A plan's texts may hold characters no document can: YAML reads escapes such as ``"\\v"`` or
``"\\x01"``, and Word's XML (like HTML) has no place for control characters. The outline keeps
only the characters XML 1.0 allows (its ``Char`` production: tab, line breaks and the printable
range), so the three formats get the same, writable text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..i18n import N_, current_language
from ..i18n import gettext as _
from ..plan import ADDS, STAGES, Plan

#: The headings of the three parts of the cycle (translated where shown).
PHASE_TITLES = {"before": N_("Before the review"), "review": N_("The review"), "after": N_("After the review")}


#: Characters outside XML 1.0's ``Char`` production (https://www.w3.org/TR/xml/#charsets): C0
#: controls other than tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF.
NOT_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def document_text(text: str) -> str:
    """``text`` without the characters a Word (XML) or HTML document cannot hold."""
    return NOT_XML_CHAR.sub("", text)


@dataclass(frozen=True)
class Block:
    """One piece of the outline: ``kind`` is heading, paragraph or table (texts kept writable)."""

    kind: str
    text: str = ""
    level: int = 2
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", document_text(self.text))
        object.__setattr__(self, "header", tuple(document_text(cell) for cell in self.header))
        object.__setattr__(self, "rows", tuple(tuple(document_text(cell) for cell in row) for row in self.rows))


def outline(plan: Plan, describe_recommendation: Callable[[str], str | None] | None = None) -> list[Block]:
    """The plan as an ordered list of blocks (headings in the participant's language)."""
    title = _("UPR action plan: {issue}").format(issue=plan.issue)
    blocks = [Block("heading", title, 1)]
    who = f"{plan.country_name}" + (f" - {plan.organisation}" if plan.organisation else "")
    blocks.append(Block("paragraph", who))
    blocks.append(Block("heading", _("Goal")))
    blocks.append(Block("paragraph", plan.goal.strip()))
    blocks.append(Block("heading", _("Objectives")))
    blocks.append(Block(
        "table",
        header=(_("Id"), _("Objective"), _("Decision-maker"), _("Indicator"), _("Due")),
        rows=tuple((o.id, o.text, o.target, o.indicator, str(o.due)) for o in plan.objectives),
    ))
    blocks.append(Block("heading", _("Domestic activities")))
    blocks.append(Block(
        "table",
        header=(_("Id"), _("Activity"), _("Objective"), _("When")),
        rows=tuple((a.id, a.text, a.objective, str(a.when)) for a in plan.domestic_activities),
    ))
    blocks.append(Block("heading", _("International activities")))
    for phase, phase_title in PHASE_TITLES.items():
        activities = [a for a in plan.international_activities if STAGES.get(a.stage) == phase]
        if not activities:
            continue
        blocks.append(Block("heading", _(phase_title), 3))
        for activity in activities:
            blocks.append(Block(
                "paragraph",
                _("{id} ({stage}, {when}, serves {objective}): {text}").format(
                    id=activity.id, stage=activity.stage.replace("_", " "), when=activity.when, objective=activity.objective, text=activity.text
                ),
            ))
            adds = ", ".join(f"{value} ({_(ADDS[value]) if value in ADDS else ''})" for value in activity.adds)
            blocks.append(Block("table", rows=(
                (_("What it adds"), f"{activity.added_value.strip()}" + (f" [{adds}]" if adds else "")),
                (_("How we bring it home"), activity.brought_home.strip()),
            )))
            for rec_id in activity.recommendations:
                described = describe_recommendation(rec_id) if describe_recommendation else None
                blocks.append(Block("paragraph", _("Recommendation {id}: {text}").format(id=rec_id, text=described or _("(not found in the dataset)"))))
    blocks.append(Block("heading", _("Media")))
    blocks.append(Block("table", header=(_("Moment"), _("What we do")), rows=tuple((m.moment.replace("_", " "), m.text) for m in plan.media)))
    blocks.append(Block("heading", _("Risks")))
    blocks.append(Block("table", header=(_("Risk"), _("How we reduce it")), rows=tuple((r.risk, r.mitigation) for r in plan.risks)))
    return blocks


def to_markdown(blocks: list[Block]) -> str:
    out = []
    for block in blocks:
        if block.kind == "heading":
            out.append("#" * block.level + " " + block.text)
        elif block.kind == "paragraph":
            out.append(block.text)
        elif block.rows or block.header:
            header = block.header or ("", "")
            out.append("| " + " | ".join(header) + " |")
            out.append("|" + " --- |" * len(header))
            out += ["| " + " | ".join(cell.replace("|", "/").replace("\n", " ") for cell in row) + " |" for row in block.rows]
        out.append("")
    return "\n".join(out)


def to_html(blocks: list[Block]) -> str:
    esc = html.escape
    body = []
    for block in blocks:
        if block.kind == "heading":
            body.append(f"<h{block.level}>{esc(block.text)}</h{block.level}>")
        elif block.kind == "paragraph":
            body.append(f"<p>{esc(block.text)}</p>")
        elif block.rows or block.header:
            head = "<tr>" + "".join(f"<th>{esc(h)}</th>" for h in block.header) + "</tr>" if block.header else ""
            rows = "".join("<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in block.rows)
            body.append(f"<table>{head}{rows}</table>")
    style = (
        "body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.4}"
        "table{border-collapse:collapse;width:100%;margin:0.5em 0}"
        "td,th{border:1px solid #999;padding:0.3em;text-align:left;vertical-align:top}"
    )
    title = esc(blocks[0].text) if blocks else esc(_("Action plan"))
    return (
        f'<!DOCTYPE html>\n<html lang="{current_language()}"><head><meta charset="utf-8"><title>{title}</title><style>{style}</style></head><body>\n'
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def write_docx(blocks: list[Block], path: Path) -> None:
    """A Word document (python-docx), for people who edit plans in Word."""
    from docx import Document

    document = Document()
    for block in blocks:
        if block.kind == "heading":
            document.add_heading(block.text, level=block.level - 1)
        elif block.kind == "paragraph":
            document.add_paragraph(block.text)
        elif block.rows or block.header:
            columns = len(block.header or block.rows[0])
            table = document.add_table(rows=0, cols=columns)
            table.style = "Table Grid"
            for row in ((block.header,) if block.header else ()) + block.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row):
                    cell.text = text
    document.save(str(path))

"""A grade result as plain text (command line) or HTML (notebook): score per criterion and
what to fix first."""

from __future__ import annotations

import html

from ..rubric.registry import TITLES as CRITERION_TITLES
from ..rubric.result import GradeResult


def _number(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"


def to_text(result: GradeResult) -> str:
    """A readable report for the terminal."""
    if not result.graded:
        lines = [f"{result.plan}: could not be read, so it was not graded. Fix these problems and try again:"]
        lines += [f"  - {error['message']}" for error in result.errors]
        return "\n".join(lines)
    lines = [f"{result.plan}: {_number(result.total)} / {_number(result.max)} ({result.band}) - {result.country}, graded as of {result.as_of}"]
    for criterion in result.criteria:
        title = f"{CRITERION_TITLES.get(criterion.id, criterion.id)} ({criterion.id})"
        if not criterion.applicable:
            lines.append(f"  [n/a] {title}: not applicable")
            continue
        mark = "ok " if criterion.passed else "fix"
        lines.append(f"  [{mark}] {title}: {_number(criterion.score)} / {_number(criterion.max)}")
        if not criterion.passed:
            lines.append(f"        {criterion.feedback}")
    first = result.failed()[:3]
    if first:
        lines.append("  Fix first: " + ", ".join(CRITERION_TITLES.get(c, c) for c in first) + ".")
    lines += [f"  Not read: {u['message']}" for u in result.unknown_fields]
    if result.review.needed:
        lines.append("  A trainer will read this plan:")
        lines += [f"    - {reason}" for reason in result.review.reasons]
    return "\n".join(lines)


def to_html(result: GradeResult) -> str:
    """A self-contained HTML fragment for a notebook: a table of criteria and what to fix first."""
    esc = html.escape
    if not result.graded:
        items = "".join(f"<li>{esc(error['message'])}</li>" for error in result.errors)
        return (
            '<div class="upr-report" style="border-left:4px solid #b00020;padding:0.5em 1em">'
            f"<p><strong>Your plan could not be read yet</strong>, so it was not graded. Fix these problems, then run the cell again:</p><ul>{items}</ul></div>"
        )
    rows = []
    for criterion in result.criteria:
        if not criterion.applicable:
            rows.append(
                f'<tr><td style="text-align:left">{esc(CRITERION_TITLES.get(criterion.id, criterion.id))}<br><code>{esc(criterion.id)}</code></td>'
                f'<td style="white-space:nowrap">not applicable</td><td style="text-align:left">{esc(criterion.feedback)}</td></tr>'
            )
            continue
        share = criterion.score / criterion.max if criterion.max else 1
        colour = "#1b7f3b" if criterion.passed else ("#b36b00" if share >= 0.5 else "#b00020")
        feedback = esc(criterion.feedback) if not criterion.passed else "Well done."
        rows.append(
            f'<tr><td style="text-align:left">{esc(CRITERION_TITLES.get(criterion.id, criterion.id))}<br><code>{esc(criterion.id)}</code></td>'
            f'<td style="color:{colour};white-space:nowrap"><strong>{_number(criterion.score)} / {_number(criterion.max)}</strong></td>'
            f'<td style="text-align:left">{feedback}</td></tr>'
        )
    first = result.failed()[:3]
    fix_first = (
        "<p><strong>Fix first:</strong> " + ", ".join(esc(CRITERION_TITLES.get(c, c)) for c in first) + ".</p>"
        if first
        else "<p>Every criterion has full marks.</p>"
    )
    unknown = "".join(f"<li>{esc(u['message'])}</li>" for u in result.unknown_fields)
    unknown_html = f"<p><strong>Not read by the grader:</strong></p><ul>{unknown}</ul>" if unknown else ""
    review_html = ""
    if result.review.needed:
        reasons = "".join(f"<li>{esc(reason)}</li>" for reason in result.review.reasons)
        review_html = (
            '<div style="border-left:4px solid #1f5fa8;padding:0.2em 1em">'
            f"<p><strong>A trainer will read your plan.</strong></p><ul>{reasons}</ul></div>"
        )
    return (
        '<div class="upr-report">'
        f"<p><strong>{_number(result.total)} / {_number(result.max)}</strong> ({esc(result.band)}) "
        f"for {esc(result.country)}, graded as of {esc(result.as_of)}.</p>"
        f"{fix_first}"
        '<table><thead><tr><th style="text-align:left">Criterion</th><th>Points</th><th style="text-align:left">What to do</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{unknown_html}{review_html}</div>"
    )

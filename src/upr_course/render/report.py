"""A grade result as plain text (command line) or HTML (notebook): score per criterion and
what to fix first.

A report is written in the language of the result's feedback (``GradeResult.feedback_language``),
so that its headings and its feedback never mix two languages.
"""

from __future__ import annotations

import html

from ..i18n import gettext, language, pgettext
from ..rubric.registry import title_of
from ..rubric.result import GradeResult


def _number(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"


def band_name(band: str) -> str:
    """A band ("strong", "middling", "weak", "not graded") as a reader sees it; the JSON keeps the English key."""
    names = {
        "strong": pgettext("band", "strong"),
        "middling": pgettext("band", "middling"),
        "weak": pgettext("band", "weak"),
        "not graded": pgettext("band", "not graded"),
    }
    return names.get(band, band)


def _country(result: GradeResult) -> str:
    """The plan's State as the report's reader names it ("Espagne" in a French report); the JSON
    keeps the data's English name."""
    from ..data import local_state_names

    return local_state_names(result.country)


def to_text(result: GradeResult) -> str:
    """A readable report for the terminal."""
    with language(result.feedback_language or None):
        return _text(result)


def _text(result: GradeResult) -> str:
    if not result.graded:
        lines = [gettext("{plan}: could not be read, so it was not graded. Fix these problems and try again:").format(plan=result.plan)]
        lines += [f"  - {error['message']}" for error in result.errors]
        return "\n".join(lines)
    lines = [gettext("{plan}: {total} / {max} ({band}) - {country}, graded as of {as_of}").format(
        plan=result.plan, total=_number(result.total), max=_number(result.max), band=band_name(result.band), country=_country(result),
        as_of=result.as_of,
    )]
    for criterion in result.criteria:
        title = f"{title_of(criterion.id)} ({criterion.id})"
        if not criterion.applicable:
            lines.append("  [{mark}] {line}".format(
                mark=pgettext("report mark", "n/a"), line=gettext("{title}: not applicable").format(title=title)
            ))
            continue
        mark = pgettext("report mark", "ok ") if criterion.passed else pgettext("report mark", "fix")
        lines.append(f"  [{mark}] {title}: {_number(criterion.score)} / {_number(criterion.max)}")
        if not criterion.passed:
            lines.append(f"        {criterion.feedback}")
    first = result.failed()[:3]
    if first:
        lines.append("  " + gettext("Fix first: {criteria}.").format(criteria=", ".join(title_of(c) for c in first)))
    lines += ["  " + gettext("Not read: {message}").format(message=u["message"]) for u in result.unknown_fields]
    if result.review.needed:
        lines.append("  " + gettext("A trainer will read this plan:"))
        lines += [f"    - {reason}" for reason in result.review.reasons]
    return "\n".join(lines)


def to_html(result: GradeResult) -> str:
    """A self-contained HTML fragment for a notebook: a table of criteria and what to fix first."""
    with language(result.feedback_language or None):
        return _html(result)


def _html(result: GradeResult) -> str:
    esc = html.escape
    if not result.graded:
        items = "".join(f"<li>{esc(error['message'])}</li>" for error in result.errors)
        return (
            '<div class="upr-report" style="border-left:4px solid #b00020;padding:0.5em 1em">'
            "<p>" + gettext("<strong>Your plan could not be read yet</strong>, so it was not graded. Fix these problems, then run the cell again:")
            + f"</p><ul>{items}</ul></div>"
        )
    rows = []
    for criterion in result.criteria:
        if not criterion.applicable:
            rows.append(
                f'<tr><td style="text-align:left">{esc(title_of(criterion.id))}<br><code>{esc(criterion.id)}</code></td>'
                f'<td style="white-space:nowrap">{esc(gettext("not applicable"))}</td><td style="text-align:left">{esc(criterion.feedback)}</td></tr>'
            )
            continue
        share = criterion.score / criterion.max if criterion.max else 1
        colour = "#1b7f3b" if criterion.passed else ("#b36b00" if share >= 0.5 else "#b00020")
        feedback = esc(criterion.feedback) if not criterion.passed else esc(gettext("Well done."))
        rows.append(
            f'<tr><td style="text-align:left">{esc(title_of(criterion.id))}<br><code>{esc(criterion.id)}</code></td>'
            f'<td style="color:{colour};white-space:nowrap"><strong>{_number(criterion.score)} / {_number(criterion.max)}</strong></td>'
            f'<td style="text-align:left">{feedback}</td></tr>'
        )
    first = result.failed()[:3]
    fix_first = (
        "<p>" + gettext("<strong>Fix first:</strong> {criteria}.").format(criteria=", ".join(esc(title_of(c)) for c in first)) + "</p>"
        if first
        else "<p>" + esc(gettext("Every criterion has full marks.")) + "</p>"
    )
    unknown = "".join(f"<li>{esc(u['message'])}</li>" for u in result.unknown_fields)
    unknown_html = "<p><strong>" + esc(gettext("Not read by the grader:")) + f"</strong></p><ul>{unknown}</ul>" if unknown else ""
    review_html = ""
    if result.review.needed:
        reasons = "".join(f"<li>{esc(reason)}</li>" for reason in result.review.reasons)
        review_html = (
            '<div style="border-left:4px solid #1f5fa8;padding:0.2em 1em">'
            "<p><strong>" + esc(gettext("A trainer will read your plan.")) + f"</strong></p><ul>{reasons}</ul></div>"
        )
    summary = gettext("{score} ({band}) for {country}, graded as of {as_of}.").format(
        score=f"<strong>{_number(result.total)} / {_number(result.max)}</strong>", band=esc(band_name(result.band)),
        country=esc(_country(result)), as_of=esc(result.as_of),
    )
    return (
        '<div class="upr-report">'
        f"<p>{summary}</p>"
        f"{fix_first}"
        '<table><thead><tr><th style="text-align:left">' + esc(gettext("Criterion")) + "</th><th>" + esc(gettext("Points"))
        + '</th><th style="text-align:left">' + esc(gettext("What to do")) + "</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>{unknown_html}{review_html}</div>"
    )

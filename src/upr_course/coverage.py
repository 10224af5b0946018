"""Which of a country's reviews the data holds, and which it lacks: every tool says so.

The calendar (``data.reviews()``, ``data.sessions()``) knows every review of cycles 1-4;
the recommendations (``data.recommendations()``, shipped rows plus the participant's
imports) hold only some of them. A tool that shows a country's recommendations without
saying that its last two reviews are missing would pass 2015 off as "the latest". So:

* :func:`coverage` gives, for one country, each review in the calendar, whether the data
  holds it (and how: rows, draft, pending answers, document), the latest review the data
  holds, and the reviews that have taken place but are missing;
* :func:`missing_reviews_note` turns that into one plain line (None when nothing is
  missing), which the command line, the widgets, the lessons and the grader show next to
  a country's recommendations.

A review "has taken place" when its session started on or before ``as_of`` (default:
``UPR_COURSE_AS_OF``, else today); a later review is ``upcoming``, never "missing".
"""

from __future__ import annotations

import os
from datetime import date, datetime

import pandas as pd

from . import data
from .cycles import cycle_of_session
from .i18n import current_language, gettext, ngettext

AS_OF_ENV_VAR = "UPR_COURSE_AS_OF"


def _as_of(value: date | datetime | str | None) -> date:
    if value is None:
        value = os.environ.get(AS_OF_ENV_VAR) or None
    if value is None:
        return date.today()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


def _dates(session: pd.Series) -> str:
    start, end = session.get("start_date"), session.get("end_date")
    if pd.notna(start) and pd.notna(end):
        return f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"
    if pd.notna(start):
        return f"from {start:%Y-%m-%d}"
    if pd.notna(end):
        return f"until {end:%Y-%m-%d}"
    return str(int(session["year"])) if pd.notna(session.get("year")) else ""


def _held(session: pd.Series, as_of: date) -> bool:
    start, end = session.get("start_date"), session.get("end_date")
    if pd.notna(start):
        return start.date() <= as_of
    if pd.notna(end):
        return end.date() <= as_of
    return pd.notna(session.get("year")) and int(session["year"]) < as_of.year


def _held_reviews(recs: pd.DataFrame, iso3: str) -> dict[int, dict]:
    mine = recs.loc[recs["sur_iso3"] == iso3]
    held = {}
    for session, rows in mine.groupby(mine["session"].astype(int), observed=True):
        responses = rows.drop_duplicates("joint_group")["response"].astype(str).value_counts()  # as the UN counts
        documents = sorted(rows["document"].dropna().astype(str).unique())
        held[int(session)] = {
            "rows": int(len(rows)),
            "recommendations": int(rows["joint_group"].nunique()),
            "supported": int(responses.get("Supported", 0)),
            "noted": int(responses.get("Noted", 0)),
            "pending": int(responses.get("Pending", 0)),
            "draft": bool(rows["draft"].astype(bool).any()),
            "document": documents[0] if documents else None,
            "sources": sorted(rows["source"].astype(str).unique()),
        }
    return held


def coverage(country: str, as_of: date | datetime | str | None = None) -> dict:
    """The country's reviews, the latest the data holds, and the held ones it lacks.

    Returns ``{"country", "iso3", "as_of", "reviews": [...], "latest_in_data": {...} or
    None, "missing": [{"cycle", "session", "year", "dates", ...}], "upcoming": [...],
    "note"}``. Each review has ``cycle``, ``session``, ``year``, ``dates``, ``held``
    (it has taken place), ``in_data``, and, when in the data, ``rows``, ``recommendations``,
    ``supported``, ``noted``, ``pending``, ``draft``, ``document`` and ``sources``.
    """
    found = data.find_country(country)
    today = _as_of(as_of)
    sessions = data.sessions().set_index("session")
    calendar = data.reviews()
    calendar = calendar.loc[calendar["iso3"] == found.iso3].sort_values("session")
    held_in_data = _held_reviews(data.recommendations(), found.iso3)
    reviews = []
    for row in calendar.itertuples():
        session = int(row.session)
        info = sessions.loc[session] if session in sessions.index else pd.Series(dtype=object)
        review = {
            "cycle": int(row.cycle),
            "session": session,
            "year": int(info["year"]) if pd.notna(info.get("year")) else None,
            "dates": _dates(info),
            "held": bool(_held(info, today)) or session in held_in_data,
            "in_data": session in held_in_data,
            "calendar_inferred": bool(row.inferred),
        }
        review.update(held_in_data.get(session, {}))
        reviews.append(review)
    for session, extra in held_in_data.items():  # a review the calendar does not list (should not happen)
        if not any(review["session"] == session for review in reviews):
            info = sessions.loc[session] if session in sessions.index else pd.Series(dtype=object)
            reviews.append({"cycle": cycle_of_session(session), "session": session, "year": info.get("year"), "dates": _dates(info),
                            "held": True, "in_data": True, "calendar_inferred": False, **extra})
    reviews.sort(key=lambda review: review["session"])
    in_data = [review for review in reviews if review["in_data"]]
    latest = in_data[-1] if in_data else None
    missing = [review for review in reviews if review["held"] and not review["in_data"]]
    upcoming = [review for review in reviews if not review["held"]]
    result = {
        "country": found.name,
        "iso3": found.iso3,
        "as_of": today.isoformat(),
        "reviews": reviews,
        "latest_in_data": latest,
        "missing": missing,
        "upcoming": upcoming,
    }
    result["note"] = _note(result)
    return result


def _years(reviews: list[dict]) -> str:
    years = [str(review["year"]) if review["year"] else gettext("session {session}").format(session=review["session"]) for review in reviews]
    if len(years) == 1:
        return years[0]
    return gettext("{items} and {last}").format(items=", ".join(years[:-1]), last=years[-1])


def _note(result: dict) -> str | None:
    """The note in the participant's language; ``result["note"]`` keeps it as it was when computed."""
    latest = result["latest_in_data"]
    newer = [review for review in result["missing"] if latest is None or review["session"] > latest["session"]]
    name = data.local_state_names(result["country"])
    # TRANSLATORS: {country_s} is "Kenya's" in English and the plain name ("Kenya") in other languages.
    possessive = (f"{name}'" if name.endswith("s") else f"{name}'s") if current_language() == "en" else name
    if newer:
        if latest:
            text = ngettext(
                "The data holds {country_s} reviews up to {year}; the review of {years} is missing: "
                "see `upr-course data import` to bring them in.",
                "The data holds {country_s} reviews up to {year}; the reviews of {years} are missing: "
                "see `upr-course data import` to bring them in.",
                len(newer),
            )
        else:
            text = ngettext(
                "The data holds none of {country_s} reviews; the review of {years} is missing: see `upr-course data import` to bring them in.",
                "The data holds none of {country_s} reviews; the reviews of {years} are missing: see `upr-course data import` to bring them in.",
                len(newer),
            )
        return text.format(country_s=possessive, year=latest["year"] if latest else "", years=_years(newer))
    if latest and latest.get("draft"):
        return gettext(
            "{country_s} latest review ({year}) is in the data from a draft report: its paragraph numbers "
            "may change; see `upr-course data import` to bring them in from the final report."
        ).format(country_s=possessive, year=latest["year"])
    return None


def missing_reviews_note(iso3: str, as_of: date | datetime | str | None = None) -> str | None:
    """One plain line when the country's latest reviews are not in the data, else None.

    "The data holds Kenya's reviews up to 2015; the reviews of 2020 and 2025 are missing:
    see `upr-course data import` to bring them in." Also a line when the latest review
    comes from a draft report. Unknown countries give None (the caller reports those).
    """
    from .errors import UserError

    try:
        return coverage(iso3, as_of)["note"]
    except UserError:
        return None


def latest_review_rows(country: str) -> tuple[pd.DataFrame, dict | None]:
    """The rows of the latest review the data holds for ``country`` (and that review's coverage entry)."""
    result = coverage(country)
    latest = result["latest_in_data"]
    recs = data.recommendations()
    if latest is None:
        return recs.iloc[0:0], None
    rows = recs.loc[(recs["sur_iso3"] == result["iso3"]) & (recs["session"] == latest["session"])]
    return rows, latest


def describe(result: dict) -> str:
    """The coverage as lines of plain text (``upr-course data coverage``)."""
    lines = [gettext("{country}: reviews in the UPR calendar, and what the data holds (as of {date})").format(
        country=data.local_state_names(result["country"]), date=result["as_of"]
    )]
    for review in result["reviews"]:
        when = review["dates"] or (str(review["year"]) if review["year"] else "")
        head = "  " + gettext("cycle {cycle}, session {session} ({when})").format(cycle=review["cycle"], session=f"{review['session']:>2}", when=when)
        if review["in_data"]:
            text = gettext(
                "{head}: in the data, {count} recommendations ({supported} supported, {noted} noted, {pending} pending)"
            ).format(head=head, count=review["recommendations"], supported=review["supported"], noted=review["noted"], pending=review["pending"])
            extra = (", " + gettext("DRAFT report") if review["draft"] else "") + (f", {review['document']}" if review["document"] else "")
            lines.append(text + extra)
        elif review["held"]:
            lines.append(gettext("{head}: MISSING from the data").format(head=head))
        else:
            lines.append(gettext("{head}: not held yet").format(head=head))
    if result["note"]:
        lines.append(result["note"])
    return "\n".join(lines)

"""The UPR calendar: Working Group sessions 1-54 and which State was reviewed in which.

Built from three raw sources (``shared/data-sources``; see each folder's PROVENANCE.txt):

* ``upr-calendar-compiled/upr_calendar_state_by_session.csv`` - 772 rows, State x session.
  Sessions 1-27 come from UPR Info's 2018 export (a State received recommendations in
  that session), sessions 28-54 from dated public sources that list the States, and 44
  rows (sessions 28, 33, 37, 39) were guessed by the compiler from the rotation (the
  same States as 14 sessions earlier) and are flagged as unverified.
* ``upr-calendar-compiled/upr_wg_sessions_dates_sourced.csv`` - dates for the 36
  sessions for which a dated source was found, with the compiler's notes on conflicts.
* ``cehdi-upr-maternal-health/upr_sessions.csv`` - the year of sessions 1-53.

``rochelleterman-uprs/sessions.csv`` (States of sessions 1-20) agrees row for row with
the compiled file; the tests use it as an independent cross-check, the build does not
need it.

What the two tables hold
------------------------
``sessions``: one row per session 1-54. ``start_date``/``end_date`` are ISO strings only
where a dated source gives them (missing otherwise: nothing is estimated here, so the
file never passes a guess off as a fact; ``upr_course.timeline`` estimates what it needs
and says so). ``date_precision`` keeps the source's value (``day``, ``day_end_only``,
``day_start_only_planned``, ``month:YYYY-MM``, ``day_as_stated``) and is ``year`` for a
session that has no dated source. ``year`` comes from CeHDI for 1-53 and from the dated
source for 54 (CeHDI's table stops at 53). ``notes`` keeps the compiler's notes on
discrepancies and adds the course's own (below), separated by " | ".

``reviews``: one row per State and session. ``basis`` says why we believe the State was
reviewed there: ``recommendations_in_export`` (UPR Info recorded recommendations),
``listed_in_dated_source`` (a dated public source lists it), ``inferred_from_rotation``
(a guess from the review order; ``inferred`` is True exactly for these rows).

Decisions on the known anomalies (nothing is dropped)
-----------------------------------------------------
* United States of America, listed in session 50 (Nov 2025, a source from before that
  session) and in planned session 53 (Nov 2026, CeHDI's sheet of May 2026): both rows
  are kept, each with its own source, because we cannot tell from the sources which is
  right (a later list naming the State again suggests the review was rescheduled).
  Sessions 50 and 53 carry a note; ``upr_course.timeline`` shows the note on both
  reviews and treats the later one as the State's latest review, so its next review is
  never placed too early.
* Cote d'Ivoire has no cycle-4 row in the compiled file. The session-47 source says 14
  States but names 13 and discusses Cote d'Ivoire in the same article, and Cote
  d'Ivoire's rotation place (session 33 in cycle 3, session 19 in cycle 2) gives 47
  (33 + 14). We add one row for session 47 with basis ``inferred_from_rotation`` and
  ``inferred`` True, by the same rule the compiler used for its 44 inferred rows, so
  that every State has a cycle-4 review and Cote d'Ivoire's next review is projected
  from 2024, not from 2019. The table therefore has 773 rows and 45 inferred rows: the
  44 of the compiled file and this one (its ``source`` says it was added here).
* Postponements: Ukraine (not in session 42, listed in planned session 54) and Myanmar
  (not in session 51, listed in 54) are kept where the source lists them: session 54 is
  their cycle-4 review. Notes on sessions 42, 51 and 54 say so. Israel's cycle-2
  postponement (session 15 -> 17) is already in UPR Info's data and needs nothing.

Replace the compiled file with OHCHR's official calendar when it can be downloaded:
then the inferred rows and these decisions go away.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..cycles import LAST_KNOWN_SESSION, cycle_of_session
from ..data import REVIEW_DTYPES, SESSION_DTYPES
from .countries import CountryResolver

SOURCES_FOLDER = "data-sources"
CALENDAR_STATES = "upr-calendar-compiled/upr_calendar_state_by_session.csv"
CALENDAR_DATES = "upr-calendar-compiled/upr_wg_sessions_dates_sourced.csv"
SESSION_YEARS = "cehdi-upr-maternal-health/upr_sessions.csv"

SESSION_COLUMNS = ["session", "cycle", "year", "start_date", "end_date", "date_precision", "dates_source", "notes"]
REVIEW_COLUMNS = ["session", "cycle", "iso3", "country", "basis", "inferred", "source"]

BASIS_EXPORT = "recommendations_in_export"
BASIS_LISTED = "listed_in_dated_source"
BASIS_INFERRED = "inferred_from_rotation"
BASES = (BASIS_EXPORT, BASIS_LISTED, BASIS_INFERRED)

#: The compiled file's basis values (the first one is a prefix: it carries an explanation).
_SOURCE_BASIS = {
    "upr_info_export_2018": BASIS_EXPORT,
    "listed_in_dated_source": BASIS_LISTED,
    "INFERRED_rotation_from_session_minus_14_UNVERIFIED": BASIS_INFERRED,
}

#: date_precision of a session for which no dated source was found: only its year is known.
PRECISION_YEAR_ONLY = "year"
NOTE_SEPARATOR = " | "

#: Rows the course adds to the compiled file (see the module docstring): (session, UPR Info name, source).
ADDED_REVIEWS = (
    (
        47,
        "Cote d'Ivoire",
        "added by the course build: rotation place of session 33 (+14 sessions); the session-47 source "
        "(https://upr-info.org/en/news/47th-upr-working-group-key-highlights) names 13 of 14 States and "
        "discusses Cote d'Ivoire - unverified",
    ),
)

#: The course's notes on anomalies, added to the sources' own notes.
COURSE_NOTES = {
    42: "Ukraine is listed in planned session 54 instead (postponed within cycle 4); kept there.",
    47: "Cote d'Ivoire, the likely 14th State, added by the course build (rotation place: session 33 + 14).",
    50: "United States of America is also listed in planned session 53 (CeHDI sheet, May 2026): "
    "possibly rescheduled; both reviews kept; verify against OHCHR.",
    51: "Myanmar is listed in planned session 54 instead (postponed within cycle 4); kept there.",
    53: "United States of America is also listed in session 50 (source from Nov 2025): both reviews kept.",
    54: "Ukraine (rotation place: session 42) and Myanmar (session 51) are listed here after postponements.",
}


def _sources(shared_dir: Path) -> Path:
    folder = Path(shared_dir) / SOURCES_FOLDER
    if not folder.is_dir():
        raise FileNotFoundError(f"no raw sources in {folder}")
    return folder


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _blank_to_na(value: str) -> object:
    value = value.strip()
    return value if value else pd.NA


def _map_basis(value: str) -> str:
    for prefix, basis in _SOURCE_BASIS.items():
        if value.startswith(prefix):
            return basis
    raise ValueError(f"{CALENDAR_STATES}: unknown basis '{value}'")


def build_sessions(shared_dir: Path, inferred_counts: dict[int, int] | None = None) -> pd.DataFrame:
    """One row per Working Group session 1-54: cycle, year, dates where a source gives them.

    ``inferred_counts`` (session -> number of inferred States) adds a note to sessions
    whose list of States is partly guessed.
    """
    root = _sources(shared_dir)
    dated = _read(root / CALENDAR_DATES)
    dated["session"] = dated["session"].astype(int)
    if dated["session"].duplicated().any():
        raise ValueError(f"{CALENDAR_DATES}: a session appears twice")
    dated = dated.set_index("session")
    years = _read(root / SESSION_YEARS)
    years = dict(zip(years["session"].astype(int), years["year"].astype(int)))

    rows = []
    for session in range(1, LAST_KNOWN_SESSION + 1):
        cycle = cycle_of_session(session)
        notes: list[str] = []
        start = end = source = pd.NA
        precision = PRECISION_YEAR_ONLY
        if session in dated.index:
            row = dated.loc[session]
            if int(row["cycle"]) != cycle:
                raise ValueError(f"{CALENDAR_DATES}: session {session} is in cycle {cycle}, the file says {row['cycle']}")
            start, end = _blank_to_na(row["start_date"]), _blank_to_na(row["end_date"])
            precision, source = row["date_precision"], _blank_to_na(row["source"])
            if row["notes"].strip():
                notes.append(row["notes"].strip())
        else:
            notes.append("no dated source found; year from CeHDI's session table")
        dated_year = _year_of(start, end, precision)
        year = years.get(session, dated_year)
        if year is None:
            raise ValueError(f"no year for session {session} in {SESSION_YEARS} or {CALENDAR_DATES}")
        if session in years and dated_year is not None and dated_year != years[session]:
            notes.append(f"CeHDI gives the year {years[session]}, the dated source {dated_year}")
        if session not in years:
            notes.append("year from the dated source (CeHDI's table stops at session 53)")
        if inferred_counts and inferred_counts.get(session):
            count = inferred_counts[session]
            notes.append(f"{count} State{'s' if count > 1 else ''} of this session inferred from the rotation (unverified)")
        if session in COURSE_NOTES:
            notes.append(COURSE_NOTES[session])
        rows.append(
            {
                "session": session,
                "cycle": cycle,
                "year": year,
                "start_date": start,
                "end_date": end,
                "date_precision": precision,
                "dates_source": source,
                "notes": NOTE_SEPARATOR.join(notes) if notes else pd.NA,
            }
        )
    frame = pd.DataFrame(rows, columns=SESSION_COLUMNS)
    for column in ("start_date", "end_date"):
        frame[column] = frame[column].astype("string")
        bad = frame[column].dropna()
        bad = bad[~bad.str.fullmatch(r"\d{4}-\d{2}-\d{2}")]
        if len(bad):
            raise ValueError(f"{CALENDAR_DATES}: {column} not in YYYY-MM-DD form: {bad.tolist()}")
        pd.to_datetime(frame[column], format="%Y-%m-%d")  # raises on an impossible date
    return frame.astype(SESSION_DTYPES)


def _year_of(start: object, end: object, precision: str) -> int | None:
    for value in (start, end):
        if isinstance(value, str):
            return int(value[:4])
    if precision.startswith("month:"):
        return int(precision[len("month:") : len("month:") + 4])
    return None


def build_reviews(shared_dir: Path, resolver: CountryResolver | None = None) -> pd.DataFrame:
    """One row per State and session in which it was (or is planned to be) reviewed.

    Raises ValueError when a State name does not resolve, when a row's cycle disagrees
    with ``cycles.cycle_of_session``, or when a State appears twice in one session.
    """
    resolver = resolver or CountryResolver()
    raw = _read(_sources(shared_dir) / CALENDAR_STATES)
    added = pd.DataFrame(
        [
            {
                "session": str(session),
                "cycle": str(cycle_of_session(session)),
                "state_upr_info_name": name,
                "basis": "INFERRED_rotation_from_session_minus_14_UNVERIFIED",
                "source": source,
            }
            for session, name, source in ADDED_REVIEWS
        ]
    )
    raw = pd.concat([raw, added], ignore_index=True)
    frame = pd.DataFrame(
        {
            "session": raw["session"].astype(int),
            "cycle": raw["cycle"].astype(int),
            "iso3": raw["state_upr_info_name"].map(resolver.resolve),
            "basis": raw["basis"].map(_map_basis),
            "source": raw["source"].map(_blank_to_na),
        }
    )
    unknown = raw.loc[frame["iso3"].isna(), "state_upr_info_name"].tolist()
    if unknown:
        raise ValueError(f"{CALENDAR_STATES}: State names with no row in the countries reference: {unknown}")
    wrong_cycle = frame.loc[frame["cycle"] != frame["session"].map(cycle_of_session), "session"].tolist()
    if wrong_cycle:
        raise ValueError(f"{CALENDAR_STATES}: rows whose cycle does not match their session: sessions {wrong_cycle}")
    twice = frame.loc[frame.duplicated(["session", "iso3"]), ["session", "iso3"]].values.tolist()
    if twice:
        raise ValueError(f"{CALENDAR_STATES}: a State listed twice in one session: {twice}")
    frame["country"] = frame["iso3"].map(resolver.canonical_name)
    frame["inferred"] = frame["basis"] == BASIS_INFERRED
    frame = frame[REVIEW_COLUMNS].sort_values(["session", "country"], kind="stable").reset_index(drop=True)
    frame = frame.astype(REVIEW_DTYPES)
    frame["basis"] = frame["basis"].cat.set_categories(BASES)
    return frame


def build_calendar(shared_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``sessions`` and ``reviews`` tables (see the module docstring for their rules)."""
    reviews = build_reviews(shared_dir)
    inferred_counts = reviews.loc[reviews["inferred"], "session"].astype(int).value_counts().to_dict()
    sessions = build_sessions(shared_dir, inferred_counts)
    missing = sorted(set(reviews["session"].astype(int)) - set(sessions["session"].astype(int)))
    if missing:
        raise ValueError(f"reviews in sessions that the sessions table lacks: {missing}")
    return sessions, reviews

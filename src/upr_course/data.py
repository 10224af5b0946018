"""The course's datasets as pandas DataFrames: recommendations, countries, issues, calendar.

Everything is read from the built files in ``datasets/`` (see ``paths.py``) and cached,
so notebooks can call these functions freely. The frames are copies: changing one in a
notebook never changes what the next call returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .errors import UnknownCountryError, UserError
from .paths import datasets_dir
from .schema import CATEGORY_COLUMNS, RECOMMENDATION_COLUMNS

RECOMMENDATIONS_FILE = "recommendations.parquet"
COUNTRIES_FILE = "countries.csv"
ISSUES_FILE = "issues.csv"
SESSIONS_FILE = "sessions.csv"
REVIEWS_FILE = "reviews.csv"

COUNTRY_DTYPES = {
    "name": "string",
    "iso3": "string",
    "upr_info_name": "string",
    "un_name": "string",
    "aliases": "string",
    "regional_group": "category",
    "un_member": "bool",
    "is_state_under_review": "bool",
    "n_recommendations_received": "Int64",
}
ISSUE_DTYPES = {
    "issue": "string",
    "description": "string",
    "keywords": "string",
    "n_recommendations": "Int64",
    "n_supported": "Int64",
    "n_noted": "Int64",
}
SESSION_DTYPES = {
    "session": "Int16",
    "cycle": "Int8",
    "year": "Int16",
    "date_precision": "string",
    "dates_source": "string",
    "notes": "string",
}
REVIEW_DTYPES = {
    "session": "Int16",
    "cycle": "Int8",
    "iso3": "string",
    "country": "string",
    "basis": "category",
    "inferred": "bool",
    "source": "string",
}


@lru_cache(maxsize=2)
def _shipped(folder: str) -> pd.DataFrame:
    from .schema import conform_recommendations

    return conform_recommendations(pd.read_parquet(Path(folder) / RECOMMENDATIONS_FILE))


@lru_cache(maxsize=2)
def _recommendations_for(folder: str, imports_stamp: tuple) -> pd.DataFrame:
    from .schema import conform_recommendations
    from .user_data import apply_imports, read_imports

    frame = _shipped(folder)
    imports = read_imports() if imports_stamp[1] is not None else []
    if imports:
        frame = apply_imports(frame, [conform_recommendations(part.drop(columns=["action"])).assign(action=part["action"].to_numpy()) for part in imports])
        frame = frame.astype(RECOMMENDATION_COLUMNS)
    return frame.astype({name: "category" for name in CATEGORY_COLUMNS})


def _recommendations() -> pd.DataFrame:
    from .user_data import stamp

    return _recommendations_for(str(datasets_dir()), stamp())


def recommendations() -> pd.DataFrame:
    """All recommendations, one row per recommendation and recommending State: the shipped
    datasets plus what the participant imported (``upr-course data import``).

    Columns are described in ``datasets/README.md``. Repeated text across rows of one
    State under Review and session is a joint recommendation: ``joint_group`` ties them.
    ``response`` is ``Supported``, ``Noted`` or ``Pending`` (not answered yet).
    """
    return _recommendations().copy()


def shipped_recommendations() -> pd.DataFrame:
    """Only the recommendations shipped in ``datasets/`` (no imports), in the table's dtypes."""
    return _shipped(str(datasets_dir())).copy()


@lru_cache(maxsize=1)
def _countries() -> pd.DataFrame:
    return pd.read_csv(datasets_dir() / COUNTRIES_FILE, dtype=COUNTRY_DTYPES, keep_default_na=False, na_values=[""])


def countries() -> pd.DataFrame:
    """States under Review and recommending States: canonical name, ISO3, other spellings, group."""
    return _countries().copy()


@lru_cache(maxsize=1)
def _issues() -> pd.DataFrame:
    return pd.read_csv(datasets_dir() / ISSUES_FILE, dtype=ISSUE_DTYPES, keep_default_na=False, na_values=[""])


def issues() -> pd.DataFrame:
    """UPR Info's issue tags, each with a one-line plain description and search keywords."""
    return _issues().copy()


@lru_cache(maxsize=1)
def _sessions() -> pd.DataFrame:
    frame = pd.read_csv(datasets_dir() / SESSIONS_FILE, dtype=SESSION_DTYPES, keep_default_na=False, na_values=[""])
    for column in ("start_date", "end_date"):
        frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
    return frame


def sessions() -> pd.DataFrame:
    """UPR Working Group sessions 1-54: cycle, year and dates where a source gives them."""
    return _sessions().copy()


@lru_cache(maxsize=1)
def _reviews() -> pd.DataFrame:
    return pd.read_csv(datasets_dir() / REVIEWS_FILE, dtype=REVIEW_DTYPES, keep_default_na=False, na_values=[""])


def reviews() -> pd.DataFrame:
    """Which State was reviewed in which session; ``inferred`` marks rows guessed from the rotation."""
    return _reviews().copy()


@dataclass(frozen=True)
class Country:
    """One State: its canonical name, ISO3 code and the other names it goes by."""

    name: str
    iso3: str
    un_name: str
    upr_info_name: str | None
    aliases: tuple[str, ...]
    regional_group: str | None
    is_state_under_review: bool


@lru_cache(maxsize=None)
def _resolver(language: str = "en"):
    """The names the course accepts: the data's English spellings, plus, for a participant
    who reads Spanish or French, the States' names in that language (see :func:`local_names`)."""
    from .build.countries import CountryResolver, split_aliases

    frame = _countries()
    names = local_names(language)
    if names:
        english = CountryResolver(frame)
        frame = frame.copy()
        aliases, used = [], set()
        for row in frame.itertuples(index=False):
            known = split_aliases(row.aliases)
            extra = names.get(str(row.iso3))
            # A local name that is another State's English spelling stays that State's.
            if extra and english.resolve(extra) in (None, row.iso3) and extra.casefold() not in used:
                used.add(extra.casefold())
                known = [*known, extra]
            aliases.append("|".join(known) if known else pd.NA)
        frame["aliases"] = pd.array(aliases, dtype="string")
    return CountryResolver(frame)


#: Where CLDR's everyday name is not the UN's and the difference matters (another status, another
#: entity, an informal name for a divided country), the UN's own name in that language, as its
#: documents write it: "Estado de Palestina", not "Territorios Palestinos"; "Santa Sede", not
#: "Ciudad del Vaticano".
UN_NAMES = {
    "es": {"PSE": "Estado de Palestina", "VAT": "Santa Sede", "KOR": "República de Corea",
           "PRK": "República Popular Democrática de Corea"},
    "fr": {"PSE": "État de Palestine", "VAT": "Saint-Siège", "KOR": "République de Corée",
           "PRK": "République populaire démocratique de Corée"},
}


@lru_cache(maxsize=None)
def local_names(language: str) -> dict[str, str]:
    """Each State's name in ``language`` by ISO3 ({} for English): Unicode CLDR's names of
    territories, as Babel ships them ("Kenia", "Maroc", "Allemagne"). Data, not code: CLDR is
    what computers everywhere use to name countries, so these are the names people type."""
    if language == "en":
        return {}
    from babel import Locale
    from babel.core import get_global

    aliases = get_global("territory_aliases")
    territories = Locale.parse(language).territories
    names = {}
    for iso3 in _countries()["iso3"].astype(str):
        codes = aliases.get(iso3) or []
        if codes and codes[0] in territories:
            names[iso3] = territories[codes[0]]
    names.update(UN_NAMES.get(language, {}))
    return names


def local_name(country: str) -> str:
    """A State's name in the participant's language ("Kenia" in Spanish), for sentences."""
    from .i18n import current_language

    found = find_country(country)
    return local_names(current_language()).get(found.iso3, found.name)


def local_state_names(names: str) -> str:
    """A State's name, or a list of them ("Albania, Colombia"), in the participant's language
    ("Albanie, Colombie" in French), for what the tools print. A name that is no State the data
    knows (a group of States, an old name) stays as it is: printing must never fail on it."""
    from .i18n import current_language

    if not names or current_language() == "en":
        return names
    out = []
    for name in str(names).split(", "):
        try:
            out.append(local_name(name))
        except UserError:  # no State the data knows, or an empty part of a list
            out.append(name)
    return ", ".join(out)


def find_country(name: str) -> Country:
    """The State a name, alias or ISO3 code (any case, with or without accents) stands for.

    A participant who reads Spanish or French may also type the State's name in that language
    ("Kenia", "Maroc"). Raises ``UnknownCountryError`` with close suggestions ("Kenyia" -> "Kenya").
    """
    from .i18n import current_language
    from .i18n import gettext as _

    if not isinstance(name, str) or not name.strip():
        raise UserError(_("No country was given. Write a country's name or its three-letter ISO code, "
                          "for example 'Kenya' or 'KEN'."))
    resolver = _resolver(current_language())
    iso3 = resolver.resolve(name)
    if iso3 is None:
        raise UnknownCountryError(name.strip(), resolver.suggest(name))
    return _countries_by_iso3()[iso3]


@lru_cache(maxsize=1)
def _countries_by_iso3() -> dict[str, Country]:
    """Every country as a ``Country``, by ISO3: built once, so lookups in a batch are cheap."""
    result = {}
    for row in _countries().to_dict("records"):
        aliases = row["aliases"]
        result[row["iso3"]] = Country(
            name=row["name"],
            iso3=row["iso3"],
            un_name=row["un_name"],
            upr_info_name=None if pd.isna(row["upr_info_name"]) else row["upr_info_name"],
            aliases=tuple(aliases.split("|")) if isinstance(aliases, str) and aliases else (),
            regional_group=None if pd.isna(row["regional_group"]) else str(row["regional_group"]),
            is_state_under_review=bool(row["is_state_under_review"]),
        )
    return result


def explode_issues(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per recommendation and issue tag, in a column ``issue`` (for counting by issue)."""
    exploded = frame.assign(issue=frame["issues"].str.split("|")).explode("issue")
    exploded["issue"] = exploded["issue"].astype("string")
    return exploded


def clear_cache() -> None:
    """Forget loaded datasets (after ``upr-course data import`` or a change of ``UPR_COURSE_DATA``)."""
    for cached in (_shipped, _recommendations_for, _by_reference, _countries, _issues, _sessions, _reviews, _resolver, local_names, _countries_by_iso3):
        cached.cache_clear()
    import sys

    for name in ("upr_course.match.search", "upr_course.match.model"):  # the matcher's in-process caches
        module = sys.modules.get(name)
        if module is not None:
            module.clear_cache()


#: "A/HRC/62/13 para 36.1", "a/hrc/62/13, para. 36.1", "A/HRC/62/13 § 36.1", "A/HRC/62/13 paragraph 36.1"
_REFERENCE = re.compile(
    r"^\s*(?P<symbol>[A-Za-z]\s*/\s*[A-Za-z]+\s*/[\sA-Za-z0-9./-]*?\d)\s*[,;:]?\s*"
    r"(?:para(?:graph)?s?\.?|§+|\bp\.)?\s*(?P<paragraph>\d{1,3}(?:\s*\.\s*\d{1,3})+)\s*\.?\s*$",
    re.IGNORECASE,
)


def parse_reference(reference: str) -> tuple[str, str] | None:
    """``"a/hrc/62/13, para. 36.1"`` -> ``("A/HRC/62/13", "36.1")``; None when it is not a reference."""
    if not isinstance(reference, str):
        return None
    match = _REFERENCE.match(reference.replace("\u00a0", " "))
    if not match:
        return None
    symbol = re.sub(r"\s+", "", match["symbol"]).upper().rstrip("./")
    paragraph = re.sub(r"\s+", "", match["paragraph"])
    return symbol, paragraph


@lru_cache(maxsize=2)
def _by_reference(folder: str, imports_stamp: tuple) -> dict[tuple[str, str], str]:
    frame = _recommendations_for(folder, imports_stamp)
    known = frame.loc[frame["document"].notna() & frame["paragraph"].notna(), ["document", "paragraph", "id"]]
    lookup: dict[tuple[str, str], str] = {}
    for document, paragraph, rec_id in zip(known["document"].astype(str), known["paragraph"].astype(str), known["id"].astype(str)):
        lookup.setdefault((document, paragraph), rec_id)  # the first row of a joint recommendation
    return lookup


def find_by_reference(reference: str) -> str | None:
    """The dataset id of a recommendation cited by its UN document and paragraph, or None.

    ``find_by_reference("A/HRC/62/13 para 36.1")`` -> ``"AUS-S51-001"``. Spacing and case do
    not matter, and the paragraph may be written "para", "para.", "paragraph" or "§". A
    joint recommendation (one paragraph, several States) gives its first row's id, which
    is also its ``joint_group``. Draft reports have no symbol yet, so their paragraphs
    cannot be cited this way.
    """
    parsed = parse_reference(reference)
    if parsed is None:
        return None
    from .user_data import stamp

    return _by_reference(str(datasets_dir()), stamp()).get(parsed)

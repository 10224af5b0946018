"""``match``: the recommendations a country received that fit a goal, best first.

The index is built per country on first use and kept for the process: the country's
recommendations, joint ones grouped (see ``joint.py``), scored by ``rank.DocumentSet``
over the corpus model of the whole dataset (``model.py``).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from ..errors import UserError
from ..language import other_language
from ..i18n import gettext as _
from . import cache
from .filters import Filters, make_filters
from .joint import group_joint
from .model import corpus_model
from .text import fold
from .rank import DocumentSet, Query

#: A result scoring under this share of the best result's score is left out of a top-K list
#: (see ``match``). Chosen on the tune goals only (docs/matcher-languages.md): when the
#: scores fall to under half of the best, what follows is about other subjects. ``top=None``
#: (every recommendation ranked, for the other tools) is never cut.
RELATIVE_FLOOR = 0.5

#: Columns of a result, in order.
RESULT_COLUMNS = [
    "rank", "score", "id", "country", "session", "cycle", "recommending_state", "text", "response",
    "action_category", "issues", "n_states", "ids",
]


@dataclass
class CountryIndex:
    iso3: str
    name: str
    groups: pd.DataFrame
    documents: DocumentSet


_lock = threading.Lock()


@lru_cache(maxsize=64)
def _country_index(iso3: str) -> CountryIndex:
    """The country's index: from the on-disk cache when it is there (see ``cache.py``)."""
    path = cache.cache_file("country", iso3)
    index = cache.load(path, CountryIndex)
    if index is not None:
        index.documents.model = corpus_model()
        return index
    index = _build_country_index(iso3)
    cache.save(path, index)
    return index


def _build_country_index(iso3: str) -> CountryIndex:
    from .. import data

    recommendations = data._recommendations()
    rows = recommendations[recommendations["sur_iso3"].astype("string") == iso3]
    groups = group_joint(rows)
    name = str(rows["sur"].iloc[0]) if len(rows) else iso3
    tags = [tuple(tags) if tagged else None for tags, tagged in zip(groups["issues"], groups["tagged"])]
    language_of = dict(zip(rows["id"].astype(str), rows["language"].astype(str))) if "language" in rows else {}
    languages = [language_of.get(str(rec_id), "en") for rec_id in groups["id"]]
    documents = DocumentSet(corpus_model(), groups["text"].tolist(), tags=tags, languages=languages)
    return CountryIndex(iso3=iso3, name=name, groups=groups, documents=documents)


def country_index(country: str) -> CountryIndex:
    """The ready-to-score recommendations of a country (name, alias or ISO3)."""
    from .. import data

    found = data.find_country(country)
    with _lock:
        index = _country_index(found.iso3)
    if index.groups.empty:
        raise UserError(_("There are no recommendations to {country} in the data: it may not have been reviewed yet.").format(
            country=data.local_state_names(found.name)))
    return index


def parse_goal(goal) -> str:
    if goal is None or not str(goal).strip():
        raise UserError(_("The goal is empty: describe your advocacy goal in a few words, for example 'end torture in police custody'."))
    text = " ".join(str(goal).split())
    if not any(ch.isalpha() for ch in text):
        raise UserError(_("'{text}' is not a goal: describe it in words, for example 'find the disappeared'.").format(text=text))
    if not re.search(r"[a-z]", fold(text)):  # Arabic, Cyrillic...: no word the matcher could meet
        raise UserError(_("The matcher reads goals in English, Spanish or French, and '{text}' has no word in those "
                          "languages: write your goal in one of them, for example 'end torture in police custody'.").format(text=text))
    return text


def score_country(index: CountryIndex, goal: str, lang: str | None = None, meaning: bool = True) -> np.ndarray:
    """The scores of the country's recommendations for the goal (see ``DocumentSet.scores``)."""
    return index.documents.scores(Query.parse(goal, lang), meaning=meaning)


def match(
    country: str,
    goal: str,
    *,
    response: str | None = None,
    cycle: int | None = None,
    session: int | None = None,
    issue: str | None = None,
    recommending_state: str | None = None,
    top: int | None = 10,
    lang: str | None = None,
    cut: bool = True,
) -> pd.DataFrame:
    """The recommendations made to ``country`` that best fit ``goal``, best first.

    One row per recommendation; a joint recommendation (one text, several States) is one
    row whose ``recommending_state`` is a single string listing all its States, "A, B, C"
    (``n_states`` counts them, ``ids`` lists the dataset row ids it stands for).
    ``issues`` is a list of UPR Info tags (empty for cycle 3, which has none). ``score`` is
    in [0, 1]. Filters: ``response`` ("supported"/"noted"), ``cycle``, ``session``,
    ``issue`` (a UPR Info issue name) and ``recommending_state`` (name or ISO3).
    ``top=None`` returns every recommendation, ranked. ``lang`` "en"/"es"/"fr" forces the goal's
    language (default: identified, see ``upr_course.language``). Raises ``UserError`` on bad input.

    A top-K list leaves out the results that score under ``RELATIVE_FLOOR`` times the best
    one (``cut=False`` keeps them): when only three recommendations are about the goal, a
    participant gets those three, not ten with unrelated ones after them. How many were left
    out is in ``result.attrs["left_out"]`` (``few_message`` words it for people).
    """
    goal = parse_goal(goal)
    if top is not None:
        try:
            top = int(top)
        except (TypeError, ValueError):
            raise UserError(_("'{top}' is not a number of results: write a whole number such as 10.").format(top=top)) from None
        if top < 1:
            raise UserError(_("--top must be 1 or more, not {top}.").format(top=top))
    index = country_index(country)
    filters: Filters = make_filters(response, cycle, session, issue, recommending_state)
    scores = score_country(index, goal, lang)
    mask = filters.apply(index.groups).to_numpy()
    candidates = np.flatnonzero(mask)
    order = candidates[np.argsort(-scores[candidates], kind="stable")]
    left_out = 0
    if top is not None:
        order = order[:top]
        if cut and len(order):
            keep = scores[order] >= RELATIVE_FLOOR * scores[order[0]]
            left_out = int((~keep).sum())
            order = order[keep]
    result = index.groups.iloc[order].copy()
    result["score"] = np.round(scores[order].astype(float), 4)
    result["rank"] = np.arange(1, len(result) + 1)
    result["n_states"] = result["recommending_states"].map(len)
    result = result[RESULT_COLUMNS].reset_index(drop=True)
    result.attrs["left_out"] = left_out
    result.attrs["country"] = index.name
    result.attrs["unread_words"], result.attrs["read_as"] = read_goal(goal, lang)
    result.attrs["other_language"] = None if lang else _other_language(goal, result.attrs["unread_words"])
    return result


def read_goal(goal: str, lang: str | None = None) -> tuple[list[str], dict[str, str]]:
    """How the matcher read a goal, for the participant: (its words that no recommendation in
    the data uses, even once put in English; its misspelt words and the words they were read
    as). Words are given as the participant wrote them (folded: lower case, no accents).

    Why: the matcher ranks on the words it can meet. A word it cannot read ("tentes", an
    acronym, a local name) silently drops out, and the results rest on the goal's other
    words; a misspelt word read as another ("disabilty" -> "disability", "espulsan" ->
    "expulsan") may be a wrong guess. Saying both lets a participant try other words.
    """
    from ..language import detect_language
    from .families import families
    from .glossary import GLOSSARY_LANGUAGES, readings
    from .spelling import corrections

    language = detect_language(goal) if lang is None else lang
    model = corpus_model()
    counter = model.words
    related = families()

    def known(word: str) -> bool:  # used by a recommendation, itself, by its stem or its family
        return model.knows(word) or word in related

    unread: list[str] = []
    if language not in GLOSSARY_LANGUAGES:
        read_as = corrections(goal)
        for word in counter.tokens(goal):
            if not known(word) and word not in read_as and word not in unread:
                unread.append(word)
        return unread, read_as
    read_as = {}
    for source, english, meant in readings(goal, language):
        if meant is not None:
            read_as[source[0]] = meant
        english_words = counter.tokens(english)
        # Function words only ("la", "des") have nothing to report.
        if english_words and not any(known(w) for w in english_words):
            unread += [word for word in source if word not in unread]
    return unread, read_as


def _other_language(goal: str, unread: list[str]) -> str | None:
    """The goal's language when it is plainly none the matcher reads. Asked only when at least
    half the goal's words are in no recommendation: the full language model takes most of a
    second to load, and a goal the matcher reads never needs it."""
    words = [word for word in goal.split() if any(ch.isalpha() for ch in word)]
    return other_language(goal) if words and 2 * len(unread) >= len(words) else None


def other_language_message(result: pd.DataFrame) -> str:
    """One plain sentence when the goal is plainly in a language the matcher does not read ('' otherwise)."""
    code = result.attrs.get("other_language")
    if not code:
        return ""
    from ..i18n import current_language

    try:
        from babel import Locale

        name = Locale.parse(current_language()).languages.get(code) or code
    except (ValueError, LookupError):
        name = code
    return _("Your goal seems to be written in {language}. The matcher reads English, Spanish and French, so these results "
             "may miss what you mean: write your goal in one of them.").format(language=name)


def unread_message(result: pd.DataFrame) -> str:
    """One plain sentence naming the goal's words that no recommendation uses ('' when none)."""
    words = result.attrs.get("unread_words") or []
    if not words:
        return ""
    from ..i18n import ngettext

    listed = ", ".join(f"'{w}'" for w in words)
    return ngettext(
        "No recommendation in the data uses the word {words} of your goal, so the results rest on your other "
        "words. If they are off the subject, try another word for it, or the words the UN uses.",
        "No recommendation in the data uses the words {words} of your goal, so the results rest on your other "
        "words. If they are off the subject, try other words for them, or the words the UN uses.",
        len(words),
    ).format(words=listed)


def read_as_message(result: pd.DataFrame) -> str:
    """One plain sentence saying which misspelt words of the goal were read as which ('' when none)."""
    found = result.attrs.get("read_as") or {}
    if not found:
        return ""
    from ..i18n import ngettext

    pairs = ", ".join(f"'{typed}' -> '{meant}'" for typed, meant in found.items())
    return ngettext(
        "A word of your goal looked misspelt and was read as another: {pairs}. If that is not what you meant, "
        "write the word another way.",
        "Some words of your goal looked misspelt and were read as others: {pairs}. If that is not what you "
        "meant, write those words another way.",
        len(found),
    ).format(pairs=pairs)


def few_message(result: pd.DataFrame) -> str:
    """One plain sentence when a top-K list is shorter because the others were off the subject ('' otherwise)."""
    left_out = result.attrs.get("left_out", 0)
    if not left_out or result.empty:
        return ""
    n = len(result)
    from .. import data
    from ..i18n import ngettext

    country = data.local_state_names(result.attrs.get("country") or result["country"].iloc[0])
    return ngettext(
        "Only {count} recommendation to {country} is clearly about this subject: {left_out} more scored under half "
        "of the best one and were left out.",
        "Only {count} recommendations to {country} are clearly about this subject: {left_out} more scored under half "
        "of the best one and were left out.",
        n,
    ).format(count=n, country=country, left_out=left_out)


def to_records(frame: pd.DataFrame) -> list[dict]:
    """A result as JSON-ready dicts (numbers as numbers, missing as None)."""
    records = []
    for row in frame.to_dict(orient="records"):
        clean = {}
        for key, value in row.items():
            if isinstance(value, (list, tuple)):
                clean[key] = list(value)
            elif value is None or (not isinstance(value, str) and pd.isna(value)):
                clean[key] = None
            elif isinstance(value, (np.integer,)):
                clean[key] = int(value)
            elif isinstance(value, (np.floating,)):
                clean[key] = float(value)
            else:
                clean[key] = value
        records.append(clean)
    return records


def clear_cache() -> None:
    _country_index.cache_clear()

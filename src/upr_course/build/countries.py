"""The reference tables of countries and issues, and the checks that tie them to the sources.

Why a hand-written reference: the sources spell States in many ways ("DPR Korea",
"Democratic People's Republic of Korea", "República de Corea", "SlovakiaCanada"...). One
curated table (``reference/countries.csv``) gives every State one canonical name and its
ISO3 code, and lists the other spellings as aliases. The build then refuses to run when a
source holds a State name that the table does not know, so a new spelling is added here
once, by a person, instead of being guessed.

The naming rule for the ``name`` column (one rule for all rows):

1. Start from the UN's short name (the UN Member States list; OHCHR documents use the
   same names).
2. Drop a qualifier in brackets: "Bolivia (Plurinational State of)" -> "Bolivia"; also
   Iran, Micronesia, Netherlands, Venezuela, Gambia.
3. Drop words that only say what kind of State it is ("Republic of", "United Republic
   of", "of Great Britain and Northern Ireland", "of America") when the rest is the
   State's name in common UN use and names no other State: Moldova, Tanzania, United
   Kingdom, United States.
4. Never swap or respell a word. So "Syrian Arab Republic", "Lao People's Democratic
   Republic", "Russian Federation", "Viet Nam", "Brunei Darussalam", "Türkiye",
   "Czechia", "Côte d'Ivoire" stay as the UN writes them (Syria, Laos, Russia... are
   aliases). Words that tell two States apart also stay: "Republic of Korea" and
   "Democratic People's Republic of Korea", "Congo" and "Democratic Republic of the Congo".
5. "State of Palestine" keeps "State of": it is the name UN documents use for the
   observer State; "Palestine" (UPR Info's spelling) is an alias.

Apostrophes are the plain ASCII ``'``. ``aliases`` hold every spelling other than
``name``, so that one column lists them all: the UPR Info and UN names again; every
spelling seen in the raw sources exactly as written (Spanish ones too), even when the
resolver would match it anyway, so that the table also documents the sources; former
names (Swaziland, Turkey); common English forms (North Korea, UK, Ivory Coast); and
ISO 3166 forms ("Korea, Republic of"). ``regional_group`` is UPR Info's label of the UN
regional group (Africa, Asia, EEG, GRULAC, WEOG), "Observer" for the two observer States.

The issues reference (``reference/issues.csv``) gives each of UPR Info's 56 issue tags a
one-sentence plain-English description and search keywords.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

REFERENCE_DIR = Path(__file__).parent / "reference"
COUNTRIES_REFERENCE = REFERENCE_DIR / "countries.csv"
ISSUES_REFERENCE = REFERENCE_DIR / "issues.csv"

COUNTRY_COLUMNS = ["name", "iso3", "upr_info_name", "un_name", "aliases", "regional_group", "un_member"]
ISSUE_COLUMNS = ["issue", "description", "keywords"]
REGIONAL_GROUPS = ("Africa", "Asia", "EEG", "GRULAC", "WEOG", "Observer")
ALIAS_SEPARATOR = "|"
#: Lowest likeness (0-100) for a suggestion; below it, suggestions were mostly noise.
SUGGEST_CUTOFF = 70

SOURCES_FOLDER = "data-sources"
UPR_INFO_EXPORT = "upr-info-export-2018/upr_info_sessions01-27_combined_clean.csv"
UPR_INFO_RAW_GLOB = "upr-info-export-2018/*-UPR-INFO-DATABASE-EXPORT-*.csv"

#: Values that stand where a State name would be but are not a State: UPR Info's
#: "(Unknown)" recommending State, and "All" in the CeHDI timeline's Country column.
NOT_A_STATE = frozenset({"(Unknown)", "All"})

_QUIET_PUNCTUATION = re.compile(r"[.'\u2018\u2019\u02bc`\u00b4]")  # St. -> st, d'Ivoire -> divoire
_OTHER_PUNCTUATION = re.compile(r"[\W_]+")
_DROPPED_WORDS = frozenset({"the"})
_WORD_SWAPS = {"st": "saint"}


def normalise(name: str) -> str:
    """The matching key of a name: what is left when spelling details are ignored.

    Ignores case, accents, HTML entities, runs of spaces, the word "the" ("The Gambia",
    "Democratic Republic of the Congo"), '&' versus 'and', 'St'/'St.' versus 'Saint',
    and punctuation (hyphens, brackets, straight or curly apostrophes). Words stay
    apart; the resolver also ignores the spaces between them (see ``_compact``).
    """
    text = unicodedata.normalize("NFKD", html.unescape(name))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    text = text.replace("&", " and ")
    text = _QUIET_PUNCTUATION.sub("", text)
    text = _OTHER_PUNCTUATION.sub(" ", text)
    words = [_WORD_SWAPS.get(word, word) for word in text.split() if word not in _DROPPED_WORDS]
    return " ".join(words)


def _compact(key: str) -> str:
    """A key without spaces, so "Cote d Ivoire", "Cote d'Ivoire" and "SierraLeone" match."""
    return key.replace(" ", "")


def split_aliases(aliases: object) -> list[str]:
    """The aliases of one row as a list (empty for a missing value)."""
    if not isinstance(aliases, str) or not aliases:
        return []
    return [alias for alias in aliases.split(ALIAS_SEPARATOR) if alias]


def load_country_reference() -> pd.DataFrame:
    """The curated countries table, checked: one row per State, known regional groups.

    Empty cells (no UPR Info name, no aliases) come back as missing values.
    """
    frame = pd.read_csv(COUNTRIES_REFERENCE, dtype="string", keep_default_na=False, na_values=[""])
    if list(frame.columns) != COUNTRY_COLUMNS:
        raise ValueError(f"{COUNTRIES_REFERENCE.name}: columns {list(frame.columns)}, expected {COUNTRY_COLUMNS}")
    problems = []
    for column in ("name", "iso3", "un_name"):
        if frame[column].isna().any():
            problems.append(f"empty {column} in rows {list(frame.index[frame[column].isna()])}")
        duplicated = frame.loc[frame[column].duplicated(), column].tolist()
        if duplicated:
            problems.append(f"{column} used twice: {duplicated}")
    bad_iso3 = frame.loc[~frame["iso3"].fillna("").str.fullmatch(r"[A-Z]{3}"), "iso3"].tolist()
    if bad_iso3:
        problems.append(f"ISO3 codes that are not three capital letters: {bad_iso3}")
    bad_groups = sorted(set(frame["regional_group"].fillna("")) - set(REGIONAL_GROUPS))
    if bad_groups:
        problems.append(f"unknown regional groups: {bad_groups}")
    bad_member = sorted(set(frame["un_member"].fillna("")) - {"true", "false"})
    if bad_member:
        problems.append(f"un_member must be true or false, found {bad_member}")
    if problems:
        raise ValueError(f"{COUNTRIES_REFERENCE.name}: " + "; ".join(problems))
    frame["un_member"] = (frame["un_member"] == "true").astype(bool)
    return frame


def load_issue_reference() -> pd.DataFrame:
    """The curated issues table: UPR Info's tags with a description and search keywords."""
    frame = pd.read_csv(ISSUES_REFERENCE, dtype="string", keep_default_na=False, na_values=[""])
    if list(frame.columns) != ISSUE_COLUMNS:
        raise ValueError(f"{ISSUES_REFERENCE.name}: columns {list(frame.columns)}, expected {ISSUE_COLUMNS}")
    if frame.isna().any().any():
        raise ValueError(f"{ISSUES_REFERENCE.name}: empty cells in rows {list(frame.index[frame.isna().any(axis=1)])}")
    if frame["issue"].duplicated().any():
        raise ValueError(f"{ISSUES_REFERENCE.name}: issues listed twice: {frame.loc[frame['issue'].duplicated(), 'issue'].tolist()}")
    return frame


class CountryResolver:
    """Turns any known spelling of a State into its ISO3 code, and back into its canonical name.

    Built from the countries reference: the name, ISO3 code, UPR Info name, UN name and
    every alias of a row all lead to that row's ISO3 code, compared by ``normalise``
    with the spaces between words removed.
    Building fails if two rows claim the same spelling, because then a name in a source
    could silently land on the wrong State.
    """

    def __init__(self, reference: pd.DataFrame | None = None):
        reference = load_country_reference() if reference is None else reference
        self._iso3_by_key: dict[str, str] = {}  # compact key -> ISO3
        self._iso3_by_words: dict[str, str] = {}  # normalised key with spaces, for suggestions
        self._name_by_iso3: dict[str, str] = {}
        clashes = []
        for row in reference.itertuples(index=False):
            iso3 = str(row.iso3).upper()
            self._name_by_iso3[iso3] = str(row.name)
            spellings = [row.name, row.iso3, row.upr_info_name, row.un_name, *split_aliases(row.aliases)]
            for spelling in spellings:
                if not isinstance(spelling, str) or not normalise(spelling):
                    continue
                key = normalise(spelling)
                self._iso3_by_words.setdefault(key, iso3)
                owner = self._iso3_by_key.setdefault(_compact(key), iso3)
                if owner != iso3:
                    clashes.append(f"'{spelling}' ({iso3}) is already a spelling of {owner}")
        if clashes:
            raise ValueError("the same spelling points to two countries: " + "; ".join(clashes))
        self._keys = list(self._iso3_by_words)

    def resolve(self, name: str) -> str | None:
        """The ISO3 code for a name, alias or code; None when the name is unknown."""
        if not isinstance(name, str):
            return None
        return self._iso3_by_key.get(_compact(normalise(name)))

    def canonical_name(self, iso3: str) -> str:
        """The canonical name for an ISO3 code (any case); KeyError for an unknown code."""
        try:
            return self._name_by_iso3[iso3.strip().upper()]
        except KeyError:
            raise KeyError(f"no country with the ISO3 code '{iso3}'") from None

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Canonical names that look like ``name``: for "Did you mean ...?" messages.

        Compares the name with every known spelling, so "Kenia" finds Kenya and "Britian"
        finds the United Kingdom. A name that is known gives its own canonical name first.
        """
        key = normalise(name) if isinstance(name, str) else ""
        if not key or limit < 1:
            return []
        found: list[str] = []
        known = self._iso3_by_key.get(_compact(key))
        if known:
            found.append(self._name_by_iso3[known])
        # Three-letter codes look like everything ("ken" is close to "kenia"): compare
        # them only with short input.
        keys = self._keys if len(key) <= 3 else [k for k in self._keys if len(k) > 3]
        matches = process.extract(key, keys, scorer=_likeness, limit=None, score_cutoff=SUGGEST_CUTOFF)
        matches.sort(key=lambda match: (match[1], fuzz.QRatio(key, match[0])), reverse=True)
        for match, _score, _index in matches:
            country = self._name_by_iso3[self._iso3_by_words[match]]
            if country not in found:
                found.append(country)
            if len(found) == limit:
                break
        return found[:limit]


def _likeness(query: str, key: str, **_options) -> float:
    """0-100: whole-string likeness for typos ("Kenia"), word-set likeness for parts ("Korea")."""
    return max(fuzz.QRatio(query, key), fuzz.token_set_ratio(query, key))


def split_run_together_names(text: str, resolver: CountryResolver) -> list[str] | None:
    """Split State names written with no separator ("ChileEstoniaSlovenia") into a list.

    CeHDI's Egypt extract joins the recommending States this way. A new name can only
    start with a capital letter that follows a non-space, so we try those places and
    keep the split with the fewest parts in which every part is a known State. Returns
    None when no such split exists.
    """
    text = text.strip()
    if not text:
        return None
    cuts = [0] + [i for i in range(1, len(text)) if text[i].isupper() and not text[i - 1].isspace()] + [len(text)]
    best: dict[int, list[str]] = {0: []}  # best split of text[:cut]
    for end_index, end in enumerate(cuts[1:], start=1):
        for start in cuts[:end_index]:
            if start not in best or resolver.resolve(text[start:end]) is None:
                continue
            candidate = best[start] + [text[start:end].strip()]
            if end not in best or len(candidate) < len(best[end]):
                best[end] = candidate
    return best.get(len(text))


def _sources(shared_dir: Path) -> Path:
    folder = Path(shared_dir) / SOURCES_FOLDER
    if not folder.is_dir():
        raise FileNotFoundError(f"no raw sources in {folder}")
    return folder


def _read(path: Path, **options) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, **options)


def _split(values: pd.Series, separator: str) -> list[str]:
    return [part for value in values for part in value.split(separator)]


def read_upr_info_export(shared_dir: Path) -> pd.DataFrame:
    """UPR Info's combined export (sessions 1-27), exact duplicate rows dropped.

    Duplicates are dropped as the recommendations build does, so the counts here match
    the published recommendations table.
    """
    frame = _read(_sources(shared_dir) / UPR_INFO_EXPORT)
    original_columns = [column for column in frame.columns if column not in ("rec_id", "source_file")]
    return frame.drop_duplicates(subset=original_columns).reset_index(drop=True)


def source_state_names(shared_dir: Path) -> dict[str, set[str]]:
    """Every State name in the raw sources, as written, grouped by where it was found.

    Keys say "folder/file: column". Lists are split on their separators; the Egypt
    extract's run-together names are kept whole here (see ``split_run_together_names``).
    Placeholders in ``NOT_A_STATE`` are left out.
    """
    root = _sources(shared_dir)
    found: dict[str, set[str]] = {}

    def add(label: str, names: list[str]) -> None:
        cleaned = {name.strip() for name in names if name.strip() and html.unescape(name.strip()) not in NOT_A_STATE}
        found.setdefault(label, set()).update(cleaned)

    upr_info = _read(root / UPR_INFO_EXPORT)
    add(f"{UPR_INFO_EXPORT}: sur", upr_info["sur"].tolist())
    add(f"{UPR_INFO_EXPORT}: recommending_state", upr_info["recommending_state"].tolist())
    for path in sorted(root.glob(UPR_INFO_RAW_GLOB)):
        raw = _read(path, sep=";", encoding="utf-8-sig", usecols=["SuR", "RS"])
        label = f"{path.parent.name}/{path.name}"
        add(f"{label}: SuR", raw["SuR"].tolist())
        add(f"{label}: RS", raw["RS"].tolist())

    calendar = "upr-calendar-compiled/upr_calendar_state_by_session.csv"
    frame = _read(root / calendar)
    add(f"{calendar}: state_upr_info_name", frame["state_upr_info_name"].tolist())
    add(f"{calendar}: state_name_in_source", frame["state_name_in_source"].tolist())
    dates = "upr-calendar-compiled/upr_wg_sessions_dates_sourced.csv"
    add(f"{dates}: states_listed_in_source", _split(_read(root / dates)["states_listed_in_source"], ";"))

    sessions = "rochelleterman-uprs/sessions.csv"
    add(f"{sessions}: To", _read(root / sessions)["To"].tolist())
    years = "rochelleterman-uprs/upr-years.csv"  # old Mac line endings
    add(f"{years}: country", _read(root / years, lineterminator="\r")["country"].tolist())

    timeline = "cehdi-upr-maternal-health/timeline_dates__sessions_info.csv"
    lists = _read(root / timeline)["Countries"].str.replace("<br>", " ", regex=False).str.replace("*", "", regex=False)
    add(f"{timeline}: Countries", _split(lists, ","))
    events = "cehdi-upr-maternal-health/timeline_dates__All.csv"
    add(f"{events}: Country", _read(root / events)["Country"].tolist())
    egypt = "cehdi-upr-maternal-health/upr_recommendations_egypt_cycle2.csv"
    frame = _read(root / egypt)
    add(f"{egypt}: upr_reccomending_states", frame["upr_reccomending_states"].tolist())
    add(f"{egypt}: countries_concerned", frame["countries_concerned"].str.removeprefix("- ").tolist())

    reports = "gl0bsec-upr-analysis/wg_reports/wg_report_recommendations_albania_c3_korea_c4.csv"
    frame = _read(root / reports)
    add(f"{reports}: state_under_review", frame["state_under_review"].tolist())
    add(f"{reports}: recommending_states_parsed", _split(frame["recommending_states_parsed"], "|"))

    spain = "hrct-spain-upr4-es/spain_upr4_recommendations_es.csv"
    frame = _read(root / spain)
    add(f"{spain}: state_under_review", frame["state_under_review"].tolist())
    add(f"{spain}: recommending_states_es", _split(frame["recommending_states_es"], "|"))

    eswatini_folder = "huridocs-upr-paragraphs-eswatini-cycle3"
    eswatini = f"{eswatini_folder}/eswatini_upr_cycle3_wg_recommendations_118.csv"
    frame = _read(root / eswatini)
    add(f"{eswatini}: state_under_review", frame["state_under_review"].tolist())
    add(f"{eswatini}: recommending_states", _split(frame["recommending_states"], "|"))
    options = f"{eswatini_folder}/original/upr_paragraph_countries__options.json"
    add(options, json.loads((root / options).read_text(encoding="utf-8")))
    labels = f"{eswatini_folder}/original/upr_paragraph_countries__labels.json"
    add(labels, [name for item in json.loads((root / labels).read_text(encoding="utf-8")) for name in item["label"]])

    for thematic in (
        "ohchr-thematic-list-china-cycle3/china_upr_thematic_list_cycle3_session31.csv",
        "ohchr-thematic-lists-slovenia/slovenia_upr_thematic_lists_cycles2-4.csv",
    ):
        frame = _read(root / thematic)
        add(f"{thematic}: state_under_review", frame["state_under_review"].tolist())
        add(f"{thematic}: recommending_states_parsed", _split(frame["recommending_states_parsed"], "|"))
    return found


def unresolved_source_names(shared_dir: Path, resolver: CountryResolver | None = None) -> dict[str, list[str]]:
    """The source names the resolver does not know, by source (empty when all resolve)."""
    resolver = resolver or CountryResolver()
    missing: dict[str, list[str]] = {}
    for label, names in source_state_names(shared_dir).items():
        run_together = label.endswith("upr_reccomending_states")
        unknown = sorted(
            name
            for name in names
            if resolver.resolve(name) is None and not (run_together and split_run_together_names(name, resolver))
        )
        if unknown:
            missing[label] = unknown
    return missing


def _check_regional_groups(reference: pd.DataFrame, export: pd.DataFrame) -> None:
    """The reference's regional groups must agree with UPR Info's for every State there."""
    by_upr_name = pd.concat(
        [
            export[["sur", "sur_regional_group"]].set_axis(["state", "group"], axis=1),
            export[["recommending_state", "rs_regional_group"]].set_axis(["state", "group"], axis=1),
        ]
    ).drop_duplicates()
    expected = reference.set_index("upr_info_name")["regional_group"]
    wrong = [
        f"{row.state}: reference {expected[row.state]}, UPR Info {row.group}"
        for row in by_upr_name.itertuples(index=False)
        if row.state in expected.index and expected[row.state] != row.group
    ]
    if wrong:
        raise ValueError("regional groups differ from UPR Info: " + "; ".join(wrong))


def build_countries(shared_dir: Path) -> pd.DataFrame:
    """The published countries table: the reference plus counts from UPR Info's export.

    Raises ValueError, listing them, if any State name in the raw sources does not
    resolve: the fix is a new alias in ``reference/countries.csv``.
    """
    reference = load_country_reference()
    resolver = CountryResolver(reference)
    missing = unresolved_source_names(shared_dir, resolver)
    if missing:
        listing = "; ".join(f"{label}: {names}" for label, names in missing.items())
        raise ValueError(f"State names in the sources with no row in {COUNTRIES_REFERENCE.name}: {listing}")
    export = read_upr_info_export(shared_dir)
    _check_regional_groups(reference, export)
    received = export["sur"].map(resolver.resolve).value_counts()
    table = reference.copy()
    table["is_state_under_review"] = table["un_member"] & table["iso3"].isin(received.index)
    table["n_recommendations_received"] = table["iso3"].map(received).fillna(0).astype("Int64")
    return table.reset_index(drop=True)


def build_issues(shared_dir: Path) -> pd.DataFrame:
    """The published issues table: the reference plus counts from UPR Info's export.

    A recommendation row with several tags counts once for each of them. Raises
    ValueError when the reference and the export's tags differ.
    """
    reference = load_issue_reference()
    export = read_upr_info_export(shared_dir)
    tagged = export.loc[export["issues"] != "", ["issues", "response"]]
    exploded = tagged.assign(issue=tagged["issues"].str.split("|")).explode("issue")
    in_export = set(exploded["issue"])
    in_reference = set(reference["issue"])
    if in_export != in_reference:
        raise ValueError(
            f"{ISSUES_REFERENCE.name} does not match the export's tags: "
            f"missing {sorted(in_export - in_reference)}, not in the export {sorted(in_reference - in_export)}"
        )
    counts = exploded.groupby("issue")["response"].value_counts().unstack(fill_value=0)
    table = reference.copy()
    table["n_recommendations"] = table["issue"].map(exploded["issue"].value_counts()).astype("Int64")
    for response in ("Supported", "Noted"):
        column = counts[response] if response in counts.columns else pd.Series(dtype="int64")
        table[f"n_{response.lower()}"] = table["issue"].map(column).fillna(0).astype("Int64")
    return table.reset_index(drop=True)

"""Tests of the countries and issues reference tables, the resolver, and their build step."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from upr_course.build import countries as module
from upr_course.build.countries import (
    CountryResolver,
    build_countries,
    build_issues,
    load_country_reference,
    load_issue_reference,
    normalise,
    source_state_names,
    split_aliases,
    split_run_together_names,
    unresolved_source_names,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SOURCES = SHARED / "data-sources"
UPR_INFO = SOURCES / "upr-info-export-2018" / "upr_info_sessions01-27_combined_clean.csv"

#: ISO 3166-1 alpha-3 codes of the 193 UN Member States, written out here on purpose
#: (not read from the reference) so that a wrong or missing code in the reference fails.
UN_MEMBER_ISO3 = set(
    """
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
    BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK
    DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB
    GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO
    LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM
    NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR ROU RUS RWA
    KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
    SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB
    ZWE
    """.split()
)


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    return load_country_reference()


@pytest.fixture(scope="module")
def resolver() -> CountryResolver:
    return CountryResolver()


@pytest.fixture(scope="module")
def shared_dir() -> Path:
    if not SOURCES.is_dir():
        pytest.skip(f"raw sources not found in {SOURCES}")
    return SHARED


@pytest.fixture(scope="module")
def upr_info(shared_dir: Path) -> pd.DataFrame:
    return pd.read_csv(UPR_INFO, dtype=str, keep_default_na=False)


# --- the countries reference -------------------------------------------------------------


def test_un_members_are_all_there_once(reference):
    assert len(UN_MEMBER_ISO3) == 193
    members = reference.loc[reference["un_member"]]
    assert members["iso3"].is_unique
    assert set(members["iso3"]) == UN_MEMBER_ISO3
    assert reference["iso3"].is_unique
    assert reference["name"].is_unique


def test_observers_are_the_holy_see_and_palestine(reference):
    others = reference.loc[~reference["un_member"]].set_index("iso3")
    assert set(others.index) == {"VAT", "PSE"}
    assert set(others["regional_group"]) == {"Observer"}
    assert others.loc["PSE", "upr_info_name"] == "Palestine"


def test_regional_groups_of_members_are_the_five_un_groups(reference):
    members = reference.loc[reference["un_member"]]
    counts = members["regional_group"].value_counts().to_dict()
    assert counts == {"Africa": 54, "Asia": 54, "GRULAC": 33, "WEOG": 29, "EEG": 23}


@pytest.mark.parametrize(
    ("iso3", "name"),
    [
        ("BOL", "Bolivia"),
        ("IRN", "Iran"),
        ("VEN", "Venezuela"),
        ("FSM", "Micronesia"),
        ("MDA", "Moldova"),
        ("TZA", "Tanzania"),
        ("NLD", "Netherlands"),
        ("GBR", "United Kingdom"),
        ("USA", "United States"),
        ("SYR", "Syrian Arab Republic"),
        ("LAO", "Lao People's Democratic Republic"),
        ("RUS", "Russian Federation"),
        ("VNM", "Viet Nam"),
        ("SWZ", "Eswatini"),
        ("MKD", "North Macedonia"),
        ("TUR", "Türkiye"),
        ("CZE", "Czechia"),
        ("CPV", "Cabo Verde"),
        ("CIV", "Côte d'Ivoire"),
        ("PRK", "Democratic People's Republic of Korea"),
        ("KOR", "Republic of Korea"),
        ("COD", "Democratic Republic of the Congo"),
        ("COG", "Congo"),
        ("PSE", "State of Palestine"),
    ],
)
def test_canonical_names_follow_the_naming_rule(resolver, iso3, name):
    assert resolver.canonical_name(iso3) == name


def test_names_have_no_brackets_or_curly_apostrophes(reference):
    for column in ("name", "upr_info_name"):
        values = reference[column].dropna()
        assert not values.str.contains(r"[()]").any(), column
    assert not reference["name"].str.contains("\u2019").any()


def test_un_names_are_the_official_short_names(reference):
    un_names = reference.set_index("iso3")["un_name"]
    assert un_names["BOL"] == "Bolivia (Plurinational State of)"
    assert un_names["IRN"] == "Iran (Islamic Republic of)"
    assert un_names["GBR"] == "United Kingdom of Great Britain and Northern Ireland"
    assert un_names["TZA"] == "United Republic of Tanzania"


def test_no_spelling_points_to_two_countries(reference):
    owners: dict[str, set[str]] = {}
    for row in reference.itertuples(index=False):
        for spelling in [row.name, row.iso3, row.upr_info_name, row.un_name, *split_aliases(row.aliases)]:
            if isinstance(spelling, str):
                owners.setdefault(normalise(spelling).replace(" ", ""), set()).add(row.iso3)
    shared = {key: iso3s for key, iso3s in owners.items() if len(iso3s) > 1}
    assert shared == {}


def test_aliases_are_clean_lists(reference):
    for row in reference.itertuples(index=False):
        aliases = split_aliases(row.aliases)
        assert len(aliases) == len(set(aliases)), row.name
        assert row.name not in aliases
        assert all(alias == alias.strip() and alias for alias in aliases), row.name


def test_expected_aliases_are_present(resolver):
    expected = {
        "Swaziland": "SWZ", "Turkey": "TUR", "Cape Verde": "CPV", "Macedonia": "MKD", "Burma": "MMR",
        "South Korea": "KOR", "North Korea": "PRK", "USA": "USA", "US": "USA", "UK": "GBR",
        "Britain": "GBR", "Russia": "RUS", "Vietnam": "VNM", "Laos": "LAO", "Ivory Coast": "CIV",
        "DRC": "COD", "Congo-Brazzaville": "COG", "Palestine": "PSE", "Syria": "SYR",
        "Czech Republic": "CZE", "East Timor": "TLS", "Vatican": "VAT",
    }  # fmt: skip
    assert {name: resolver.resolve(name) for name in expected} == expected


def test_a_resolver_refuses_a_shared_spelling(reference):
    clashing = reference.copy()
    clashing.loc[clashing["iso3"] == "NER", "aliases"] = "Nigeria"
    with pytest.raises(ValueError, match="Nigeria"):
        CountryResolver(clashing)


# --- the resolver ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Kenya", "KEN"),
        ("  KENYA ", "KEN"),
        ("kenya", "KEN"),
        ("ken", "KEN"),
        ("KEN", "KEN"),
        ("Cote d'Ivoire", "CIV"),
        ("CÔTE D\u2019IVOIRE", "CIV"),
        ("Côte d Ivoire", "CIV"),
        ("SierraLeone", "SLE"),
        ("the Gambia", "GMB"),
        ("The Gambia", "GMB"),
        ("Gambia", "GMB"),
        ("St Lucia", "LCA"),
        ("St. Lucia", "LCA"),
        ("Saint Lucia", "LCA"),
        ("Saint Kitts & Nevis", "KNA"),
        ("St Vincent and the Grenadines", "VCT"),
        ("Sao Tome & Principe", "STP"),
        ("São Tomé and Príncipe", "STP"),
        ("Guinea Bissau", "GNB"),
        ("Guinea-Bissau", "GNB"),
        ("Timor Leste", "TLS"),
        ("Turkiye", "TUR"),
        ("DPR Korea", "PRK"),
        ("Democratic Republic of Congo", "COD"),
        ("Congo", "COG"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("Sudan", "SDN"),
        ("South Sudan", "SSD"),
        ("Dominica", "DMA"),
        ("Dominican Republic", "DOM"),
        ("Guinea", "GIN"),
        ("Equatorial Guinea", "GNQ"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("Democratic People\u2019s Republic of Korea", "PRK"),
        ("Korea, Republic of", "KOR"),
        ("&#40;Holy See&#41;", "VAT"),
    ],
)
def test_resolve(resolver, name, iso3):
    assert resolver.resolve(name) == iso3


@pytest.mark.parametrize("name", ["Korea", "Atlantis", "", "   ", "(Unknown)", "Unknown", "All", None, 42])
def test_resolve_unknown_gives_none(resolver, name):
    assert resolver.resolve(name) is None


def test_canonical_name_takes_any_case_and_refuses_unknown_codes(resolver):
    assert resolver.canonical_name("ken") == "Kenya"
    assert resolver.canonical_name(resolver.resolve("Swaziland")) == "Eswatini"
    with pytest.raises(KeyError, match="XYZ"):
        resolver.canonical_name("XYZ")


def test_suggestions_for_misspellings(resolver):
    assert "Kenya" in resolver.suggest("Kenia")
    assert "Tanzania" in resolver.suggest("Tanzanai")
    assert resolver.suggest("Phillipines")[0] == "Philippines"
    assert resolver.suggest("Columbia")[0] == "Colombia"
    assert set(resolver.suggest("Korea")[:2]) == {"Republic of Korea", "Democratic People's Republic of Korea"}


def test_suggestions_respect_the_limit_and_stay_quiet_on_noise(resolver):
    assert len(resolver.suggest("Guinea", limit=2)) == 2
    assert len(resolver.suggest("Guinea")) == 3
    assert resolver.suggest("Guinea")[0] == "Guinea"
    assert resolver.suggest("Qqxzzv") == []
    assert resolver.suggest("") == []


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("ChileGabonNigerUruguay", ["Chile", "Gabon", "Niger", "Uruguay"]),
        ("NigeriaNiger", ["Nigeria", "Niger"]),
        ("Sierra LeoneChile", ["Sierra Leone", "Chile"]),
        ("Iran (Islamic Republic of)", ["Iran (Islamic Republic of)"]),
        ("Bolivia (Plurinational State of)Canada", ["Bolivia (Plurinational State of)", "Canada"]),
        ("ChileCzech RepublicSierra Leone", ["Chile", "Czech Republic", "Sierra Leone"]),
        ("ChileAtlantis", None),
        ("", None),
    ],
)
def test_split_run_together_names(resolver, text, parts):
    assert split_run_together_names(text, resolver) == parts


# --- the issues reference ----------------------------------------------------------------


def test_issue_descriptions_are_one_short_sentence():
    issues = load_issue_reference()
    assert len(issues) == 56
    for row in issues.itertuples(index=False):
        words = row.description.split()
        assert len(words) < 25, f"{row.issue}: {len(words)} words"
        assert row.description.endswith("."), row.issue
        assert not re.search(r"[.!?]\s+[A-Z]", row.description), f"{row.issue}: more than one sentence"
        assert row.description[0].isupper(), row.issue


def test_issue_keywords_are_clean_and_cover_the_basics():
    issues = load_issue_reference().set_index("issue")
    for issue, keywords in issues["keywords"].items():
        words = keywords.split("|")
        assert all(word and word == word.strip() for word in words), issue
        assert len({word.casefold() for word in words}) == len(words), f"{issue}: repeated keyword"
        assert len(words) >= 3, issue

    def keywords(issue: str) -> set[str]:
        return set(issues.loc[issue, "keywords"].split("|"))

    assert {"LGBT", "LGBTI", "gay", "lesbian", "transgender", "same-sex", "homosexuality"} <= keywords(
        "Sexual Orientation and Gender Identity"
    )
    assert {"Dalits", "caste"} <= keywords("Minorities")
    assert {"death penalty", "capital punishment", "execution", "moratorium", "abolition"} <= keywords("Death penalty")
    assert {"CAT", "OPCAT", "torture"} <= keywords("Torture and other CID treatment")


# --- against the raw sources -------------------------------------------------------------


@pytest.mark.shared
def test_every_upr_info_state_resolves(resolver, upr_info):
    names = set(upr_info["sur"]) | set(upr_info["recommending_state"])
    unresolved = sorted(name for name in names - {"(Unknown)"} if resolver.resolve(name) is None)
    assert unresolved == []
    under_review = {resolver.resolve(name) for name in upr_info["sur"].unique()}
    assert under_review == UN_MEMBER_ISO3


@pytest.mark.shared
def test_upr_info_names_are_exactly_the_exports_names(reference, upr_info):
    in_export = (set(upr_info["sur"]) | set(upr_info["recommending_state"])) - {"(Unknown)"}
    assert set(reference["upr_info_name"].dropna()) == in_export


@pytest.mark.shared
def test_regional_groups_match_upr_info(reference, upr_info):
    groups = reference.set_index("upr_info_name")["regional_group"]
    sur = upr_info.drop_duplicates("sur")
    assert (sur["sur"].map(groups) == sur["sur_regional_group"]).all()
    rs = upr_info.loc[upr_info["recommending_state"] != "(Unknown)"].drop_duplicates("recommending_state")
    assert (rs["recommending_state"].map(groups) == rs["rs_regional_group"]).all()


@pytest.mark.shared
def test_spanish_names_resolve(resolver, shared_dir):
    spain = pd.read_csv(SOURCES / "hrct-spain-upr4-es" / "spain_upr4_recommendations_es.csv", dtype=str)
    names = {name for value in spain["recommending_states_es"] for name in value.split("|")}
    assert len(names) == 125
    assert sorted(name for name in names if resolver.resolve(name) is None) == []
    assert len({resolver.resolve(name) for name in names}) == 120  # as PROVENANCE.txt counts
    spot = {
        "Yibuti": "DJI", "Reino de los Países Bajos": "NLD", "Timor Oriental": "TLS", "Lesoto": "LSO",
        "República de Moldavia": "MDA", "Turquía": "TUR", "Estado de Palestina": "PSE", "Congo": "COG",
        "República Democrática del Congo": "COD", "Mauricio": "MUS", "Sudán": "SDN", "Libia": "LBY",
    }  # fmt: skip
    assert {name: resolver.resolve(name) for name in spot} == spot


@pytest.mark.shared
def test_every_state_name_in_every_source_resolves(shared_dir, resolver):
    found = source_state_names(shared_dir)
    assert len(found) >= 25  # every source was read
    assert unresolved_source_names(shared_dir, resolver) == {}


@pytest.mark.shared
def test_source_spellings_are_recorded_in_the_reference(shared_dir, reference, resolver):
    recorded: dict[str, str] = {}
    for row in reference.itertuples(index=False):
        for spelling in [row.name, row.upr_info_name, row.un_name, *split_aliases(row.aliases)]:
            if isinstance(spelling, str):
                recorded[spelling] = row.iso3
    missing = []
    for label, names in source_state_names(shared_dir).items():
        for name in names:
            parts = split_run_together_names(name, resolver) if label.endswith("upr_reccomending_states") else [name]
            for part in parts or [name]:
                part = " ".join(part.split())
                if recorded.get(part) != resolver.resolve(part):
                    missing.append(part)
    assert sorted(set(missing)) == []


@pytest.mark.shared
def test_egypt_run_together_names_match_the_text(shared_dir, resolver):
    egypt = pd.read_csv(SOURCES / "cehdi-upr-maternal-health" / "upr_recommendations_egypt_cycle2.csv", dtype=str)
    bracketed = re.compile(r"\(((?:[^()]|\([^()]*\))+)\)")  # one level of nested brackets
    for text, run_together in zip(egypt["text"], egypt["upr_reccomending_states"]):
        in_text = {resolver.resolve(name) for name in bracketed.findall(text)} - {None}
        parts = split_run_together_names(run_together, resolver)
        assert parts is not None, run_together
        assert {resolver.resolve(part) for part in parts} == in_text, run_together


@pytest.mark.shared
def test_eswatini_options_list_resolves(shared_dir, resolver):
    path = SOURCES / "huridocs-upr-paragraphs-eswatini-cycle3" / "original" / "upr_paragraph_countries__options.json"
    options = [name for name in json.loads(path.read_text(encoding="utf-8")) if "Unknown" not in name]
    assert len(options) == 195
    assert len({resolver.resolve(name) for name in options} - {None}) == 195


@pytest.mark.shared
def test_build_countries(shared_dir, upr_info):
    table = build_countries(shared_dir)
    assert list(table.columns) == [
        "name", "iso3", "upr_info_name", "un_name", "aliases", "regional_group", "un_member",
        "is_state_under_review", "n_recommendations_received",
    ]  # fmt: skip
    assert len(table) == 195
    by_iso3 = table.set_index("iso3")
    assert by_iso3["is_state_under_review"].sum() == 193
    assert not by_iso3.loc["PSE", "is_state_under_review"]
    assert by_iso3.loc["VAT", "n_recommendations_received"] == 0
    assert by_iso3.loc["KEN", "n_recommendations_received"] == (upr_info["sur"] == "Kenya").sum()
    assert by_iso3.loc["SWZ", "n_recommendations_received"] == (upr_info["sur"] == "Swaziland").sum()
    # the build drops exact duplicate rows, as the recommendations build does (3 in this export)
    assert table["n_recommendations_received"].sum() == len(upr_info) - 3


@pytest.mark.shared
def test_build_countries_lists_names_it_cannot_resolve(shared_dir, reference, monkeypatch):
    trimmed = reference.copy()
    trimmed.loc[trimmed["iso3"] == "DJI", "aliases"] = pd.NA
    monkeypatch.setattr(module, "load_country_reference", lambda: trimmed)
    with pytest.raises(ValueError, match="Yibuti"):
        build_countries(shared_dir)


@pytest.mark.shared
def test_build_issues(shared_dir, upr_info):
    table = build_issues(shared_dir)
    assert len(table) == 56
    tags = {tag for value in upr_info["issues"] if value for tag in value.split("|")}
    assert set(table["issue"]) == tags
    assert (table["n_supported"] + table["n_noted"] == table["n_recommendations"]).all()
    death = table.set_index("issue").loc["Death penalty"]
    assert death["n_noted"] > death["n_supported"]  # most death-penalty recommendations are noted


@pytest.mark.shared
def test_build_issues_refuses_a_reference_that_misses_a_tag(shared_dir, monkeypatch):
    issues = load_issue_reference()
    monkeypatch.setattr(module, "load_issue_reference", lambda: issues.loc[issues["issue"] != "Privacy"])
    with pytest.raises(ValueError, match="Privacy"):
        build_issues(shared_dir)

"""``upr-course data import`` on the real samples in ../shared: OHCHR thematic lists (Slovenia
cycles 2-4, China cycle 3), the UHRI export layout (Egypt cycle 2), UPR Info's export.

Every test works on a temporary copy of the datasets holding only the UPR Info base rows
(never on the repository's datasets/), so the figures below do not depend on what has
been imported into datasets/ since. The counts asserted were measured on the samples and
are explained where they differ from a source's own count.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from upr_course import data
from upr_course.build.countries import CountryResolver
from upr_course.build.datasets import SUMMARY_FILE, summarise
from upr_course.build.recommendations import SOURCE_NAME
from upr_course.cli import main
from upr_course.errors import UserError
from upr_course.importers import ImportContext, detect_format, read_file
from upr_course.importers.attributions import split_attributions, split_paragraph
from upr_course.importers.merge import SAME_TEXT_RATIO, merge_recommendations
from upr_course.importers.responses import map_response
from upr_course.paths import DATA_ENV_VAR

SOURCES = "data-sources"
EGYPT = "cehdi-upr-maternal-health/upr_recommendations_egypt_cycle2.csv"
SLOVENIA_DOCX = {
    20: "ohchr-thematic-lists-slovenia/UPR20__Slovenia_ThematicListRecommendations_E.docx",
    34: "ohchr-thematic-lists-slovenia/UPR34_Slovenia_Thematic_list_of_Recommendations.docx",
    48: "ohchr-thematic-lists-slovenia/upr48-slovenia-thematic-list-of-recommendatio.docx",
}
SLOVENIA_CSV = "ohchr-thematic-lists-slovenia/slovenia_upr_thematic_lists_cycles2-4.csv"
CHINA_DOCX = "ohchr-thematic-list-china-cycle3/Matrix_recommendations_2018.docx"
CHINA_CSV = "ohchr-thematic-list-china-cycle3/china_upr_thematic_list_cycle3_session31.csv"
UPR_INFO_25_27 = "upr-info-export-2018/25-27-UPR-INFO-DATABASE-EXPORT-2018_07_25-20_24_58.csv"
SPAIN = "hrct-spain-upr4-es/spain_upr4_recommendations_es.csv"
#: What the rows of one recommendation look like, whatever file they came from.
CONTENT = ["sur_iso3", "session", "cycle", "paragraph", "recommending_state", "text", "response", "themes", "document_symbol"]


def source(shared_dir: Path, relative: str) -> Path:
    return shared_dir / SOURCES / relative


# --- fixtures --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def base_dir(repo_root, tmp_path_factory) -> Path:
    """A datasets folder with the built files and only the UPR Info rows (no earlier imports)."""
    built = repo_root / "datasets"
    if not (built / "recommendations.parquet").is_file() or not (built / "reviews.csv").is_file():
        pytest.skip("needs the built datasets/ (run 'upr-course data build')")
    folder = tmp_path_factory.mktemp("base") / "datasets"
    shutil.copytree(built, folder)
    frame = pd.read_parquet(folder / "recommendations.parquet")
    frame = frame.loc[frame["source"] == SOURCE_NAME].reset_index(drop=True)
    frame.to_parquet(folder / "recommendations.parquet", index=False)  # quick to write; read the same way
    reviews = pd.read_csv(folder / "reviews.csv")
    (folder / SUMMARY_FILE).write_text(json.dumps(summarise(frame, reviews)), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def base(base_dir) -> pd.DataFrame:
    return pd.read_parquet(base_dir / "recommendations.parquet")


@pytest.fixture(scope="session")
def context(base_dir) -> ImportContext:
    return ImportContext(CountryResolver(), pd.read_csv(base_dir / "reviews.csv"))


@pytest.fixture
def data_dir(base_dir, tmp_path, monkeypatch) -> Path:
    """A fresh copy of the base datasets that ``upr-course`` uses via UPR_COURSE_DATA, and an
    empty imports folder (UPR_COURSE_HOME)."""
    folder = tmp_path / "datasets"
    shutil.copytree(base_dir, folder)
    monkeypatch.setenv(DATA_ENV_VAR, str(folder))
    monkeypatch.setenv("UPR_COURSE_HOME", str(tmp_path / "home"))
    data.clear_cache()
    yield folder
    data.clear_cache()


@pytest.fixture(scope="session")
def egypt(shared_dir, context):
    return read_file(source(shared_dir, EGYPT), context)


@pytest.fixture(scope="session")
def china(shared_dir, context):
    return read_file(source(shared_dir, CHINA_DOCX), context)


@pytest.fixture(scope="session")
def slovenia(shared_dir, context):
    return {session: read_file(source(shared_dir, path), context) for session, path in SLOVENIA_DOCX.items()}


def states_of(rows: pd.DataFrame, paragraph: str) -> list[str]:
    return rows.loc[rows["paragraph"] == paragraph, "recommending_state"].tolist()


def by_paragraph(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per recommendation (paragraph), as the UN counts them."""
    return rows.drop_duplicates("paragraph")


# --- text splitting and responses (no files needed) -------------------------------------


def _is_state(name: str) -> bool:
    return CountryResolver().resolve(name) is not None


def test_paragraph_number_is_cut_off_the_text():
    assert split_paragraph("166.6. Ratify the Rome Statute (Chile);") == ("166.6", "Ratify the Rome Statute (Chile);")
    assert split_paragraph("28.346 That the Hong Kong SAR ...") == ("28.346", "That the Hong Kong SAR ...")
    assert split_paragraph("Ratify CED") == (None, "Ratify CED")


def test_bundled_texts_are_split_per_state_and_asides_stay_in_the_text():
    segments = split_attributions(
        "Consider ratifying ICRMW in accordance with the principles (the Paris Principles) (Niger); "
        "Consider becoming a party to the ICRMW (Philippines);take measures (2009\u20132014) (Peru, Venezuela (Bolivarian Republic of))",
        _is_state,
    )
    assert [(s.text, s.states) for s in segments] == [
        ("Consider ratifying ICRMW in accordance with the principles (the Paris Principles)", ("Niger",)),
        ("Consider becoming a party to the ICRMW", ("Philippines",)),
        ("take measures (2009\u20132014)", ("Peru", "Venezuela (Bolivarian Republic of)")),
    ]


def test_attributions_written_as_separate_brackets_belong_to_one_text():
    segments = split_attributions("Ratify the OP-CAT; (Chile); (Czech Republic); (Togo);", _is_state)
    assert [(s.text, s.states) for s in segments] == [("Ratify the OP-CAT", ("Chile", "Czech Republic", "Togo"))]


def test_an_unknown_name_in_the_closing_bracket_is_kept_to_be_reported():
    segments = split_attributions("Improve the conditions of Roma (Atlantis);", _is_state)
    assert [(s.text, s.states) for s in segments] == [("Improve the conditions of Roma", ("Atlantis",))]
    assert split_attributions("Ratify CED", _is_state)[0].states == ()


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Supported", "Supported"),
        ("- Noted", "Noted"),
        ("Supported/Noted", "Noted"),
        ("partially_accepted", "Noted"),
        ("partially accepted", "Noted"),
        ("accepted", "Supported"),
        ("Pending (to be examined)", "Pending"),
        ("Under consideration", "Pending"),
        ("", "Pending"),
        (None, "Pending"),
    ],
)
def test_responses_map_to_supported_noted_or_pending(label, expected):
    assert map_response(label) == expected


def test_an_unknown_response_label_is_refused():
    with pytest.raises(UserError, match="not one the importer knows"):
        map_response("Maybe later")


# --- UHRI export: Egypt cycle 2 ----------------------------------------------------------


@pytest.mark.shared
def test_egypt_uhri_rows_states_and_session(egypt):
    rows = egypt.rows
    assert egypt.format == "uhri"
    assert egypt.records_read == 300
    # 300 UHRI records -> 321 rows, one per recommending State: the same count as UPR Info's
    # Egypt session-20 rows
    assert len(rows) == 321
    assert egypt.unknown_states == []
    assert states_of(rows, "166.6") == ["Chile", "Estonia", "Slovenia", "Tunisia", "Uruguay"]
    assert set(rows.loc[rows["paragraph"] == "166.6", "text"]) == {"Ratify the Rome Statute of the ICC"}
    # one record with five different texts, one per State
    texts = rows.loc[rows["paragraph"] == "166.104"].set_index("recommending_state")["text"]
    assert list(texts.index) == ["T\u00fcrkiye", "Togo", "France", "Germany", "Hungary"]
    assert texts["Togo"] == "Establish a moratorium on the application of the death penalty with a view to its abolition"
    # the HRC session (28) is not the Working Group session (20): that comes from the calendar
    assert set(rows["session"]) == {20} and set(rows["cycle"]) == {2} and rows["session_inferred"].all()
    assert set(rows["document_symbol"]) == {"A/HRC/28/16"}
    assert rows.loc[rows["paragraph"] == "166.1", "themes"].iloc[0] == "2.1. Acceptance of international norms|12.4. Death penalty"
    assert set(rows["language"]) == {"en"} and rows["issues"].isna().all() and rows["action_category"].isna().all()
    assert rows["source"].iloc[0] == "UHRI export: upr_recommendations_egypt_cycle2.csv"
    # "Supported/Noted" (23 records) is Noted: 224 Supported + 53 Noted + 23 split answers
    assert by_paragraph(rows)["response"].value_counts().to_dict() == {"Supported": 224, "Noted": 76}


@pytest.mark.shared
def test_egypt_is_already_in_the_upr_info_base(egypt, base):
    result = merge_recommendations(base, egypt.rows)
    # measured: all 321 rows are present (314 same text after normalising, 7 near-identical,
    # e.g. "OP-CAT"/"OPCAT", "non-governmental"/"nongovernmental"); none added twice
    assert (result.added, result.already_present) == (0, 321)
    assert len(result.table) == len(base)
    # the present rows gained the paragraph, symbol and themes the UPR Info export lacks
    assert result.completed == 321
    egypt_rows = result.table.loc[(result.table["sur_iso3"] == "EGY") & (result.table["session"] == 20)]
    assert egypt_rows["paragraph"].notna().sum() == 321
    # and UPR Info's responses agree with the import's mapping (Supported/Noted -> Noted)
    assert egypt_rows["response"].value_counts().to_dict() == {"Supported": 224, "Noted": 97}


@pytest.mark.shared
def test_uhri_xlsx_reads_like_the_csv(shared_dir, context, egypt, tmp_path):
    workbook = tmp_path / "uhri_egypt.xlsx"
    pd.read_csv(source(shared_dir, EGYPT), dtype=str, keep_default_na=False).to_excel(workbook, index=False, engine="openpyxl")
    assert detect_format(workbook) == "uhri"
    from_xlsx = read_file(workbook, context)
    assert from_xlsx.rows[CONTENT].equals(egypt.rows[CONTENT])
    assert from_xlsx.rows["source"].iloc[0] == "UHRI export: uhri_egypt.xlsx"


@pytest.mark.shared
def test_uhri_headers_as_ohchr_writes_them_and_listed_states(shared_dir, context, egypt, tmp_path):
    """The OHCHR download has title-case headers and one State per line ("- Chile")."""
    frame = pd.read_csv(source(shared_dir, EGYPT), dtype=str, keep_default_na=False)
    resolver = CountryResolver()
    from upr_course.build.countries import split_run_together_names

    frame["upr_reccomending_states"] = [
        "\n".join(f"- {name}" for name in (split_run_together_names(value, resolver) or [value])) for value in frame["upr_reccomending_states"]
    ]
    frame = frame.rename(columns=lambda name: name.replace("_", " ").title().replace("Upr", "UPR"))
    assert "UPR Reccomending States" in frame.columns
    workbook = tmp_path / "export-full-en.xlsx"
    frame.to_excel(workbook, index=False, engine="openpyxl")
    assert read_file(workbook, context).rows[CONTENT].equals(egypt.rows[CONTENT])


# --- OHCHR thematic lists: Slovenia and China ---------------------------------------------


@pytest.mark.shared
def test_slovenia_docx_counts_match_the_csv(shared_dir, slovenia):
    """Per cycle, the document gives as many recommendations (paragraphs) as the CSV's rows."""
    csv = pd.read_csv(source(shared_dir, SLOVENIA_CSV), dtype=str, keep_default_na=False)
    for session, imported in slovenia.items():
        expected = csv.loc[csv["session"] == str(session)]
        rows = imported.rows
        assert imported.records_read == len(expected)
        assert by_paragraph(rows)["response"].value_counts().to_dict() == expected["position"].value_counts().to_dict()
        assert set(rows["session"]) == {session} and set(rows["sur"]) == {"Slovenia"}
        assert not rows["session_inferred"].any()
        assert imported.unknown_states == []
    # more rows than recommendations: bundled cells and joint recommendations, one row per State
    assert {session: len(imported.rows) for session, imported in slovenia.items()} == {20: 180, 34: 223, 48: 262}
    assert {session: imported.records_read for session, imported in slovenia.items()} == {20: 163, 34: 215, 48: 254}


@pytest.mark.shared
def test_slovenia_bundled_and_joint_cells(slovenia):
    rows = slovenia[34].rows
    bundled = rows.loc[rows["paragraph"] == "121.2"].set_index("recommending_state")["text"]
    assert list(bundled.index) == ["Ukraine", "Slovakia"]
    assert bundled["Slovakia"].startswith("Increase efforts towards ratification")
    assert states_of(rows, "121.1") == ["France", "Lithuania"]
    assert states_of(slovenia[48].rows, "140.1")[-1] == "Venezuela"
    # the lowercase "the former Yugoslav Republic of Macedonia" still resolves
    assert states_of(slovenia[20].rows, "115.72") == ["North Macedonia"]
    # the symbol is the WG report, not the addendum that carries the answer
    assert set(slovenia[20].rows["document_symbol"]) == {"A/HRC/28/15"}
    assert set(slovenia[48].rows["document_symbol"]) == {"A/HRC/59/15"}
    themes = rows.loc[rows["paragraph"] == "121.1", "themes"].iloc[0]
    assert themes == "Acceptance of international norms|Enforced disappearances"


@pytest.mark.shared
def test_slovenia_cycles_3_and_4_are_added_with_new_ids(slovenia, base):
    table = base
    added = {}
    for session in (20, 34, 48):
        result = merge_recommendations(table, slovenia[session].rows)
        table = result.table
        added[session] = result
    # cycle 2 (session 20) is in UPR Info's export already: 173 same text, 6 near-identical,
    # 1 where UPR Info dropped "(ICRMW)"
    assert (added[20].added, added[20].already_present) == (0, 180)
    assert added[34].added == 223 and added[48].added == 262
    assert added[34].added_ids[:2] == ["SVN-S34-001", "SVN-S34-002"] and added[34].added_ids[-1] == "SVN-S34-223"
    assert all(rec_id.startswith("SVN-S48-") for rec_id in added[48].added_ids)
    assert len(set(table["id"])) == len(table)
    new = table.loc[table["id"].isin(added[34].added_ids)]
    # joint recommendations are tied together; bundled texts of one paragraph are not
    france = new.loc[(new["paragraph"] == "121.1")]
    assert france["joint_group"].nunique() == 1
    assert new.loc[new["paragraph"] == "121.2", "joint_group"].nunique() == 2


@pytest.mark.shared
def test_china_docx_346_recommendations(china):
    rows = china.rows
    per_recommendation = by_paragraph(rows)
    assert china.records_read == 346
    assert sorted(per_recommendation["paragraph"], key=lambda p: int(p.split(".")[1])) == [f"28.{n}" for n in range(1, 347)]
    assert per_recommendation["response"].value_counts().to_dict() == {"Supported": 284, "Noted": 62}
    # 389 recommending-State mentions, 138 distinct States (PROVENANCE), none unknown
    assert len(rows) == 389 and rows["recommending_state"].nunique() == 138 and china.unknown_states == []
    assert set(rows["session"]) == {31} and set(rows["cycle"]) == {3}  # from "(3rd Cycle - 31st session)"
    assert set(rows["document_symbol"]) == {"A/HRC/40/6"}
    assert len(states_of(rows, "28.9")) == 6 and rows.loc[rows["paragraph"] == "28.9", "text"].nunique() == 6
    assert states_of(rows, "28.4") == ["New Zealand", "Uruguay", "Mali"]
    assert rows.loc[rows["paragraph"] == "28.212", "themes"].iloc[0] == (
        "A12 Acceptance of international norms|A41 Constitutional and legislative framework|"
        "E1 Economic, social & cultural rights - general measures of implementation"
    )


@pytest.mark.shared
@pytest.mark.parametrize(("csv", "docx"), [(CHINA_CSV, CHINA_DOCX), (SLOVENIA_CSV, SLOVENIA_DOCX[34])])
def test_csv_layout_gives_the_same_rows_as_the_document(shared_dir, context, csv, docx):
    from_docx = read_file(source(shared_dir, docx), context)
    session = int(from_docx.rows["session"].iloc[0])
    from_csv = read_file(source(shared_dir, csv), ImportContext(context.resolver, context.reviews, session=session))
    assert from_csv.format == "ohchr-thematic"
    key = ["paragraph", "recommending_state", "text"]
    left = from_docx.rows[CONTENT].sort_values(key).reset_index(drop=True)
    right = from_csv.rows[CONTENT].sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right)


@pytest.mark.shared
def test_session_given_and_session_in_the_document_must_agree(shared_dir, context):
    with pytest.raises(UserError, match="session 34, not 35"):
        read_file(source(shared_dir, SLOVENIA_DOCX[34]), ImportContext(context.resolver, context.reviews, session=35))
    with pytest.raises(UserError, match="about Slovenia, not Kenya"):
        read_file(source(shared_dir, SLOVENIA_DOCX[34]), ImportContext(context.resolver, context.reviews, country="KEN"))


@pytest.mark.shared
def test_unknown_recommending_state_is_kept_and_reported(shared_dir, context, tmp_path):
    frame = pd.read_csv(source(shared_dir, CHINA_CSV), dtype=str, keep_default_na=False)
    first = frame.index[frame["paragraph"] == "28.346"][0]
    frame.loc[first, "recommendation"] = frame.loc[first, "recommendation"].replace("(Croatia)", "(Atlantis)")
    path = tmp_path / "china_thematic.csv"
    frame.to_csv(path, index=False)
    imported = read_file(path, context)
    row = imported.rows.loc[imported.rows["paragraph"] == "28.346"].iloc[0]
    assert (row["recommending_state"], row["rs_known"], pd.isna(row["rs_iso3"])) == ("(Unknown)", False, True)
    assert imported.unknown_states == ["Atlantis"] and imported.rows_with_unknown_state == 1


# --- merge: idempotence, stable ids, UPR Info export --------------------------------------


@pytest.mark.shared
def test_importing_twice_adds_nothing_and_keeps_ids(china, slovenia, base):
    first = merge_recommendations(base, pd.concat([china.rows, slovenia[34].rows], ignore_index=True))
    assert first.added == 389 + 223
    second = merge_recommendations(first.table, pd.concat([china.rows, slovenia[34].rows], ignore_index=True))
    assert (second.added, second.completed, second.already_present) == (0, 0, 612)
    pd.testing.assert_frame_equal(second.table, first.table)
    # every published row keeps its id and its values
    before = base.set_index("id")
    after = first.table.set_index("id").loc[before.index]
    pd.testing.assert_frame_equal(after, before, check_dtype=False, check_categorical=False)


@pytest.mark.shared
def test_near_identical_threshold_keeps_short_different_texts_apart(base):
    row = base.loc[(base["sur_iso3"] == "EGY") & (base["session"] == 20)].iloc[[0]].copy()
    different = row.assign(text="Ratify the Rome Statute of the ICC and its Kampala amendments")
    edited = row.assign(text=row["text"].iloc[0] + ".")
    assert SAME_TEXT_RATIO == 97
    assert merge_recommendations(base, edited).added == 0
    assert merge_recommendations(base, different).added == 1


@pytest.mark.shared
def test_upr_info_export_is_recognised_and_already_present(shared_dir, context, base):
    path = source(shared_dir, UPR_INFO_25_27)
    assert detect_format(path) == "upr-info"
    imported = read_file(path, context)
    assert imported.records_read == 8733 and len(imported.rows) == 8732  # one exact duplicate dropped, as in the build
    assert imported.rows["issues"].notna().any() and imported.rows["action_category"].notna().all()
    result = merge_recommendations(base, imported.rows)
    assert (result.added, result.already_present) == (0, 8732)


@pytest.mark.shared
def test_spanish_text_and_partial_answers(shared_dir, context, base, tmp_path):
    """Spain cycle 4 (official Spanish text) written in the UHRI layout: language, Spanish
    State names, "partially accepted" -> Noted, no answer yet -> missing."""
    spain = pd.read_csv(source(shared_dir, SPAIN), dtype=str, keep_default_na=False)
    uhri = pd.DataFrame(
        {
            "text": spain["paragraph"] + " " + spain["recommendation_es"],
            "upr_reccomending_states": spain["recommending_states_es"].str.replace("|", "", regex=False),
            "upr_position": spain["response"],
            "countries_concerned": "- Reino de Espa\u00f1a (sic)",
            "reccomending_body": "- UPR",
            "upr_session": "- 60th Session - Cycle 4",
            "document_symbol": spain["document_symbol"],
        }
    )
    path = tmp_path / "uhri_spain_es.csv"
    uhri.to_csv(path, index=False)
    with pytest.raises(UserError, match="'Reino de Espa\u00f1a \\(sic\\)' is not a country we know; give it with --country"):
        read_file(path, context)
    imported = read_file(path, ImportContext(context.resolver, context.reviews, country="ESP"))
    spanish_name = uhri.assign(countries_concerned="- Espa\u00f1a")
    spanish_name.to_csv(tmp_path / "uhri_spain_named.csv", index=False)
    assert set(read_file(tmp_path / "uhri_spain_named.csv", context).rows["sur"]) == {"Spain"}  # the Spanish name is known
    rows = imported.rows
    assert set(rows["language"]) == {"es"} and set(rows["session"]) == {49} and set(rows["sur"]) == {"Spain"}
    assert imported.unknown_states == [] and len(rows) == 332  # 332 State mentions in 324 paragraphs
    responses = by_paragraph(rows)["response"].value_counts(dropna=False).to_dict()
    assert responses == {"Supported": 269, "Noted": 15, "Pending": 40}
    result = merge_recommendations(base, rows)
    assert result.added == 332 and result.added_ids[0] == "ESP-S49-001"


def test_unknown_layouts_are_refused_naming_the_accepted_ones(tmp_path):
    other = tmp_path / "notes.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(UserError, match="OHCHR thematic list"):
        detect_format(other)
    with pytest.raises(UserError, match="could not be read as a PDF"):
        detect_format(_touch(tmp_path / "report.pdf"))
    with pytest.raises(UserError, match="cannot be imported"):
        detect_format(_touch(tmp_path / "report.odt"))
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip file")
    with pytest.raises(UserError, match="broken.docx"):
        read_file(broken, ImportContext(CountryResolver()))


def _touch(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.4")
    return path


# --- the command line -----------------------------------------------------------------------


@pytest.mark.shared
def test_cli_imports_good_files_and_reports_a_missing_one(shared_dir, data_dir, capsys):
    shipped_before = {path: path.read_bytes() for path in data_dir.rglob("*") if path.is_file()}
    missing = data_dir.parent / "no-such-file.docx"
    code = main(["data", "import", str(source(shared_dir, EGYPT)), str(missing), str(source(shared_dir, CHINA_DOCX))])
    out, err = capsys.readouterr()
    assert code == 2
    assert "no-such-file.docx was not found" in err and "Traceback" not in err
    assert "Matrix_recommendations_2018.docx" in out and "added 389" in out
    assert "upr_recommendations_egypt_cycle2.csv" in out and "added 0, already present 321" in out
    # the shipped datasets are never changed: imports go to the participant's folder
    assert {path: path.read_bytes() for path in data_dir.rglob("*") if path.is_file()} == shipped_before
    home = data_dir.parent / "home" / "imports"
    assert (home / "index.json").is_file()
    # the loaders see the new rows at once, with new ids, and the Egypt file completed documents
    recs = data.recommendations()
    assert recs["id"].astype(str).str.startswith("CHN-S31-").sum() == 389
    assert (recs.loc[recs["sur"] == "Egypt", "document"] == "A/HRC/28/16").sum() == 321
    code = main(["data", "imported", "--json"])
    names = [entry["name"] for entry in json.loads(capsys.readouterr().out)["imports"]]
    assert code == 0 and len(names) == 2 and any(name.startswith("CHN-S31-") for name in names)

    # the same file again: nothing added, nothing written
    before = (home / "index.json").stat().st_mtime_ns
    code = main(["data", "import", "--json", str(source(shared_dir, CHINA_DOCX))])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert report["files"][0]["added"] == 0 and report["files"][0]["already_present"] == 389 and not report["written"]
    assert (home / "index.json").stat().st_mtime_ns == before

    # remove takes one import out; an unknown name is one plain sentence and exit 2
    china = next(name for name in names if name.startswith("CHN-S31-"))
    assert main(["data", "remove", china]) == 0
    assert (data.recommendations()["session"] == 31).sum() == 0
    assert main(["data", "remove", china]) == 2
    assert "no import named" in capsys.readouterr().err


@pytest.mark.shared
def test_cli_dry_run_writes_nothing(shared_dir, data_dir, capsys):
    before = {path: path.read_bytes() for path in data_dir.parent.rglob("*") if path.is_file()}
    code = main(["data", "import", "--dry-run", str(source(shared_dir, SLOVENIA_DOCX[48]))])
    out = capsys.readouterr().out
    assert code == 0
    assert "added 262" in out and "Dry run" in out
    assert {path: path.read_bytes() for path in data_dir.parent.rglob("*") if path.is_file()} == before


@pytest.mark.shared
def test_cli_refuses_an_unknown_country(shared_dir, data_dir, capsys):
    code = main(["data", "import", "--country", "Kenia", str(source(shared_dir, CHINA_DOCX))])
    assert code == 2
    assert "Kenya" in capsys.readouterr().err


@pytest.mark.shared
def test_upr_info_pending_and_older_labels(shared_dir, context, tmp_path):
    """A pending answer in a UPR Info export is missing, "Accepted" (pre-2013 label) is Supported."""
    lines = source(shared_dir, UPR_INFO_25_27).read_text(encoding="utf-8-sig").splitlines()
    header, rows = lines[0], [line.split(";") for line in lines[1:5]]
    assert all(len(fields) == 11 for fields in rows)
    rows[0][7], rows[1][7] = "Pending", "Accepted"
    path = tmp_path / "upr-info-export.csv"
    path.write_text("\n".join([header] + [";".join(fields) for fields in rows]) + "\n", encoding="utf-8-sig")
    imported = read_file(path, context)
    assert imported.format == "upr-info"
    assert imported.rows["response"].iloc[0] == "Pending" and imported.rows["response"].iloc[1] == "Supported"

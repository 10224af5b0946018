"""Rebuilding the datasets from the raw sources gives exactly the committed files."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from upr_course.build import recommendations as build_recs
from upr_course.build.datasets import build_all

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory, shared_dir, repo_root):
    """A rebuild into a copy of datasets/, so the published ids are reused as in real use."""
    out = tmp_path_factory.mktemp("datasets")
    shutil.copytree(repo_root / "datasets", out, dirs_exist_ok=True)
    build_all(shared_dir, out)
    return out


@pytest.mark.slow
def test_rebuild_reproduces_every_committed_file(rebuilt, repo_root):
    committed = repo_root / "datasets"
    for name in ("countries.csv", "issues.csv", "sessions.csv", "reviews.csv", "summary.json"):
        assert (rebuilt / name).read_bytes() == (committed / name).read_bytes(), f"{name} differs after a rebuild"
    pd.testing.assert_frame_equal(pd.read_parquet(rebuilt / "recommendations.parquet"), pd.read_parquet(committed / "recommendations.parquet"))


@pytest.mark.slow
def test_ids_do_not_depend_on_the_published_file(shared_dir, repo_root):
    """A build from nothing numbers rows as the published file does: ids are deterministic."""
    fresh = build_recs.build_recommendations(shared_dir, published=None)
    committed = pd.read_parquet(repo_root / "datasets" / "recommendations.parquet")
    committed = committed.loc[committed["source"] == build_recs.SOURCE_NAME]
    merged = fresh.merge(committed, on="source_ref", suffixes=("_fresh", "_committed"))
    assert len(merged) == len(committed)
    assert (merged["id_fresh"] == merged["id_committed"]).all()


def test_repair_text_fixes_entities_double_encoding_and_spaces():
    assert build_recs.repair_text("&#40;Unknown&#41;") == "(Unknown)"
    assert build_recs.repair_text("Guaran\u00c3\u00ad people") == "Guaraní people"
    assert build_recs.repair_text("vis-\u00c3\u00a0-vis") == "vis-à-vis"
    assert build_recs.repair_text("  two\r\n lines  ") == "two lines"
    assert build_recs.repair_text("Côte d'Ivoire") == "Côte d'Ivoire"


def test_a_rebuild_keeps_what_an_import_filled_in(shared_dir, repo_root, tmp_path):
    """Imports may add a document symbol, paragraph or themes to base rows; a rebuild keeps them."""
    from upr_course.build.datasets import keep_enrichment

    committed = pd.read_parquet(repo_root / "datasets" / "recommendations.parquet")
    enriched = committed.copy()
    enriched.loc[0, "document_symbol"] = "A/HRC/99/1"
    enriched.loc[0, "themes"] = "A41 Constitutional and legislative framework"
    kept = keep_enrichment(committed, enriched)
    assert kept.loc[0, "document_symbol"] == "A/HRC/99/1"
    assert kept.loc[0, "themes"] == "A41 Constitutional and legislative framework"
    assert kept.drop(index=0).equals(committed.drop(index=0))


@pytest.mark.slow
def test_a_build_from_nothing_gives_every_committed_id(shared_dir, repo_root, tmp_path):
    """Ids of the newer sources, too, follow from the sources alone: a build into an empty folder
    numbers every row as the committed file does."""
    build_all(shared_dir, tmp_path)
    fresh = pd.read_parquet(tmp_path / "recommendations.parquet")
    committed = pd.read_parquet(repo_root / "datasets" / "recommendations.parquet")
    assert fresh["id"].tolist() == committed["id"].tolist()
    assert fresh["source_ref"].tolist() == committed["source_ref"].tolist()

"""A handout opened in Chromium with the network off: its pictures and tables are there (``make e2e``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from upr_course import handouts

REPO_ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.e2e


def test_a_lesson_handout_shows_its_pictures_and_tables_offline(tmp_path, page, shots):
    [page_file] = handouts.build([REPO_ROOT / "course" / "02-the-upr-cycle.ipynb"], tmp_path)
    page.context.set_offline(True)  # the network is off, as in a room without internet
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(Path(page_file).as_uri())
    pictures = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.complete && i.naturalWidth > 0)")
    tables = page.eval_on_selector_all("table", "ts => ts.map(t => t.rows.length)")
    shots(page, "handout-offline")
    assert len(pictures) >= 2 and all(pictures), pictures
    assert len(tables) >= 2 and all(rows > 1 for rows in tables), tables
    assert all(url.startswith(("file:", "data:")) for url in requested), [u for u in requested if not u.startswith(("file:", "data:"))]

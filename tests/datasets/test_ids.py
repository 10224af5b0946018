"""Recommendation ids: readable, and never changed once published."""

from __future__ import annotations

import pandas as pd

from upr_course.ids import assign_ids, format_id, joint_groups, normalise_text, parse_id


def _rows(*rows):
    return pd.DataFrame(rows, columns=["sur_iso3", "session", "text", "recommending_state"])


def test_format_and_parse_round_trip():
    assert format_id("KEN", 8, 1) == "KEN-S08-001"
    assert format_id("KEN", 41, 1234) == "KEN-S41-1234"
    assert parse_id("ken-s08-001") == ("KEN", 8, 1)
    assert parse_id("KEN-8-1") is None
    assert parse_id(None) is None


def test_numbers_run_per_state_and_session_in_source_order():
    frame = _rows(("KEN", 8, "A", "Chile"), ("KEN", 8, "B", "Peru"), ("NPL", 10, "C", "India"), ("KEN", 21, "D", "Chile"))
    assert assign_ids(frame).tolist() == ["KEN-S08-001", "KEN-S08-002", "NPL-S10-001", "KEN-S21-001"]


def test_published_ids_are_kept_when_rows_move_or_new_rows_arrive():
    published = _rows(("KEN", 8, "A", "Chile"), ("KEN", 8, "B", "Peru"))
    published["id"] = ["KEN-S08-001", "KEN-S08-002"]
    newer = _rows(("KEN", 8, "New one", "Brazil"), ("KEN", 8, "b.", "Peru"), ("KEN", 8, "A", "Chile"))
    assert assign_ids(newer, published).tolist() == ["KEN-S08-003", "KEN-S08-002", "KEN-S08-001"]


def test_exact_repeats_get_their_own_ids():
    frame = _rows(("KEN", 8, "A", "Chile"), ("KEN", 8, "A", "Chile"))
    assert assign_ids(frame).tolist() == ["KEN-S08-001", "KEN-S08-002"]


def test_a_published_id_is_never_reused_for_another_row():
    published = _rows(("KEN", 8, "A", "Chile"))
    published["id"] = ["KEN-S08-005"]
    frame = _rows(("KEN", 8, "Z", "Chile"))
    assert assign_ids(frame, published).tolist() == ["KEN-S08-006"]


def test_normalise_text_ignores_case_spaces_quotes_and_end_punctuation():
    assert normalise_text("  Ratify the  OPCAT. ") == normalise_text("ratify the opcat")
    assert normalise_text("Women\u2019s rights") == normalise_text("women's rights")
    assert normalise_text("Ratify OPCAT") != normalise_text("Ratify CED")


def test_joint_group_is_the_first_id_of_the_same_text():
    frame = _rows(("KEN", 8, "A", "Chile"), ("KEN", 8, "A", "Peru"), ("KEN", 8, "B", "Peru"))
    ids = assign_ids(frame)
    assert joint_groups(frame, ids).tolist() == ["KEN-S08-001", "KEN-S08-001", "KEN-S08-003"]

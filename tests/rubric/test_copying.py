"""The copy check reads across sentence breaks and without item ids (red team, second round, R1)."""

from __future__ import annotations

import re

from upr_course.paths import REPO_ROOT
from upr_course.plan import parse_plan
from upr_course.rubric.copying import batch_copies, copied_example, course_examples, is_copy, plan_frame, shingle_share, signature

KENYA = REPO_ROOT / "datasets" / "examples" / "plans" / "kenya_torture_custody.yaml"

TEXTS = [
    "We brief the embassies of six recommending States in Nairobi before the pre-session, with our case files on deaths in "
    "police custody, so that they ask for unannounced visits by the national commission to every police cell.",
    "The Government must then answer in public, and a noted answer now has a cost that our letters to the Cabinet alone "
    "could never impose, which we will quote in the committee hearing in the following spring.",
    "Our lawyers bring every answer home in the quarterly scorecard we send to the Ministry, Parliament and the press, and "
    "we track the budget line for the commission's visits until the law is passed.",
]


def _repunctuated(text: str) -> str:
    """One more full stop at every comma and before every 'and', 'so' or 'which': no word changed."""
    text = re.sub(r",\s+(\w)", lambda m: ". " + m.group(1).upper(), text)
    return re.sub(r"\s+(and|so|which)\s", lambda m: ". " + m.group(1).capitalize() + " ", text)


def test_a_text_cut_into_more_sentences_is_still_a_copy():
    mine = signature("mine.yaml", "Guyana", [_repunctuated(t.replace("Nairobi", "Georgetown")) for t in TEXTS])
    theirs = signature("theirs.yaml", "Kenya", TEXTS)
    assert len(mine.sentences) > len(theirs.sentences)
    share, shared = shingle_share(mine, theirs)
    assert share > 0.9 and shared > 30  # a name moved to the start of a sentence is no longer masked
    assert is_copy(mine, theirs)
    other = signature("other.yaml", "Nepal", [f"A different plan, sentence {n}, about girls' schools in the hills of the far west." for n in range(12)])
    assert batch_copies([mine, theirs, other]) == {"mine.yaml": ["theirs.yaml"], "theirs.yaml": ["mine.yaml"]}


def test_the_course_examples_are_not_copies_of_each_other():
    examples = course_examples()
    assert len(examples) > 10
    assert batch_copies(list(examples)) == {}
    for example in examples:
        assert [other.name for other in examples if other is not example and is_copy(example, other)] == []


def test_the_frame_holds_no_item_ids():
    text = KENYA.read_text(encoding="utf-8")
    renamed = re.sub(r"\b([ODI])(\d)\b", lambda m: {"O": "OB", "D": "DA", "I": "IA"}[m.group(1)] + m.group(2), text)
    assert renamed != text
    assert plan_frame(parse_plan(renamed)) == plan_frame(parse_plan(text))
    spanish = [f"Frase {n} de un plan traducido sobre la tortura en las comisarías del país." for n in range(12)]
    translated = signature("mio.yaml", "Guyana", spanish, plan_frame(parse_plan(renamed)), " ".join(spanish))
    assert copied_example(translated, course_examples()) == ("kenya_torture_custody.yaml", False)


def test_the_frame_counts_items_alike():
    """Two objectives due the same month are two items, not one."""
    text = KENYA.read_text(encoding="utf-8")
    frame = plan_frame(parse_plan(text))
    assert len(frame) == len(parse_plan(text).objectives) + len(parse_plan(text).domestic_activities) + len(
        parse_plan(text).international_activities
    )

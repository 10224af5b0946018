"""The exercises' answers as data: where a form keeps them, and the checks that can be made fairly.

Exercises 01-07 are answered with forms (``widgets/exercises.py``), never with code. A form's
answers are plain data (``{"DECISIONS": {...}, "WHY_A": "..."}``). They go:

1. into ``.upr-course-answers.json`` next to the notebook, at every change (:func:`save_answers`);
2. from there into the saved notebook file, when the notebook is saved: the course's Jupyter
   server copies them into the answer cell's metadata ``upr_course.answers``
   (:func:`merge_into_notebook`, called by ``jupyter_hooks.pre_save``). The answer cell is found
   by its metadata ``upr_course.form``, which names the form.

The grader reads them from the saved notebook (``grading/answers.py``), and never runs the
participant's code. Only the standard library is used here; the checks below are pure
functions, used by the forms (feedback while writing) and by the exercises' hidden tests.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .i18n import N_
from .i18n import gettext as _

STORE_NAME = ".upr-course-answers.json"
METADATA_KEY = "upr_course"


# ------------------------------------------------------------------------------------------
# Where the answers are kept


def _store(folder: str | Path) -> Path:
    return Path(folder) / STORE_NAME


def read_store(folder: str | Path = ".") -> dict:
    """Every form's answers kept in ``folder`` (``{form: {name: value}}``); empty when none."""
    try:
        content = json.loads(_store(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return content if isinstance(content, dict) else {}


def save_answers(form: str, values: dict, folder: str | Path = ".") -> Path:
    """Keep one form's answers in ``folder`` (written whole, then renamed: never half a file)."""
    store = read_store(folder)
    store[form] = values
    path = _store(folder)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(store, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, path)
    return path


def _form_of(cell: dict) -> str | None:
    own = cell.get("metadata", {}).get(METADATA_KEY) if isinstance(cell, dict) else None
    return own.get("form") if isinstance(own, dict) and isinstance(own.get("form"), str) else None


def answers_in_notebook(notebook: dict, form: str) -> dict | None:
    """The answers saved in a notebook (as JSON) for ``form``, or None."""
    for cell in notebook.get("cells", []):
        if _form_of(cell) == form:
            saved = cell["metadata"][METADATA_KEY].get("answers")
            return saved if isinstance(saved, dict) else None
    return None


def answers_saved_nearby(form: str, folder: str | Path = ".") -> dict | None:
    """The latest answers for ``form``: kept next to the notebook, else saved in a notebook there."""
    kept = read_store(folder).get(form)
    if isinstance(kept, dict):
        return kept
    session = os.environ.get("JPY_SESSION_NAME", "")
    paths = sorted(Path(folder).glob("*.ipynb"), key=lambda p: (p.name != Path(session).name, p.name))
    for path in paths:
        try:
            found = answers_in_notebook(json.loads(path.read_text(encoding="utf-8")), form)
        except (OSError, ValueError):
            continue
        if found is not None:
            return found
    return None


def merge_into_notebook(notebook: dict, folder: str | Path) -> int:
    """Copy the answers kept in ``folder`` into the notebook's answer cells; return how many cells."""
    store = read_store(folder)
    merged = 0
    for cell in notebook.get("cells", []):
        form = _form_of(cell)
        if form and isinstance(store.get(form), dict):
            cell["metadata"][METADATA_KEY]["answers"] = store[form]
            merged += 1
    return merged


# ------------------------------------------------------------------------------------------
# Exercise 01: now, later, differently or not at all

ENGAGE_CHOICES = ("now", "later", "differently", "not at all")

#: The answers that every experienced trainer would accept, per situation. Only these are
#: autograded; the reasons are graded by the trainer.
ENGAGE_ACCEPTED = {
    "situation_a": {"now"},
    "situation_b": {"differently", "not at all"},
    "situation_c": {"later", "not at all"},
}


def engage_score(decisions: object) -> float:
    """One point per situation whose choice is among the accepted ones."""
    if not isinstance(decisions, dict):
        return 0.0
    return float(sum(1 for key, accepted in ENGAGE_ACCEPTED.items() if decisions.get(key) in accepted))


# ------------------------------------------------------------------------------------------
# Exercise 02: when to act, stage by stage

TIMELINE_STAGES = ("stakeholder_report", "pre_session", "review", "responses", "mid_term_report")
SKIP = "passed"


#: The earliest month to act for a stage, in years before it: work for a stage starts in the
#: months before it, not decades earlier ("0000-00" is before every stage, and means nothing).
ACT_YEARS_BEFORE = 3


def act_month_ok(choice: object, stage_date, as_of) -> bool:
    """A real month to act (``YYYY-MM``) in the few years up to the stage's date, or "passed" for a stage that has passed."""
    if choice == SKIP:
        return stage_date < as_of
    if not isinstance(choice, str) or not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", choice):
        return False
    earliest = f"{stage_date.year - ACT_YEARS_BEFORE:04d}-{stage_date.month:02d}"
    return earliest <= choice <= f"{stage_date:%Y-%m}"


# ------------------------------------------------------------------------------------------
# Exercise 04: the tactic follows the response

TACTICS = {"push": "Supported", "expose": "Noted"}


def tactic_fits(tactic: object, response: object) -> bool:
    """Push a supported recommendation; expose a noted one."""
    return isinstance(tactic, str) and TACTICS.get(tactic) == response


# ------------------------------------------------------------------------------------------
# Exercise 06: a recommendation for a stakeholder report


@dataclass(frozen=True)
class Check:
    """One thing a draft can be checked on, whether it passes, and what to do if not."""

    name: str
    ok: bool
    advice: str


@dataclass(frozen=True)
class DraftWords:
    """The words exercise 06 checks a draft with, in every language the course speaks
    (``exercise_words.yaml``): a draft in Spanish or French is checked as fairly as one in English."""

    action_verbs: tuple[str, ...]
    vague: tuple[str, ...]
    deadline: re.Pattern
    not_to_state: re.Pattern


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def draft_words() -> DraftWords:
    import yaml

    lists = yaml.safe_load((Path(__file__).with_name("exercise_words.yaml")).read_text(encoding="utf-8"))
    every = {key: [w.lower() for words in lists.values() for w in words[key]] for key in next(iter(lists.values()))}
    return DraftWords(
        action_verbs=tuple(every["action_verbs"]),
        vague=tuple(dict.fromkeys(every["vague"])),
        deadline=re.compile(rf"(?<!\w)({_alternatives(every['deadline'])})(?!\w)[^.;]*?(20\d\d|(?<!\w)({_alternatives(every['time_units'])})(?!\w))", re.I),
        not_to_state=re.compile(rf"(?<!\w)({_alternatives(every['not_to_state'])})(?!\w)", re.I),
    )


#: A draft whose different words are fewer than this share of its words repeats itself to
#: reach the length ("Adopt banana banana ... by 2028."); written recommendations are far above it.
MIN_VARIED_SHARE = 0.5

_NUMBER = re.compile(r"\b\d+(\.\d+)?\s*(%|per ?cent|percent|por ciento|pour cent)?", re.I)


def recommendation_checks(text: object) -> list[Check]:
    """What can be checked fairly in a draft recommendation, each with advice in plain words."""
    text = text.strip() if isinstance(text, str) else ""
    words = re.findall(r"[\w'-]+", text)
    lexicon = draft_words()
    first = " ".join(words[:3]).lower()
    verb = next((v for v in lexicon.action_verbs if first == v or first.startswith(v + " ")), None)
    vague = [v for v in lexicon.vague if re.search(rf"(?<!\w){re.escape(v)}(?!\w)", text, re.I)]
    varied = len({w.lower() for w in words}) >= MIN_VARIED_SHARE * len(words) if words else False
    return [
        Check("length", 15 <= len(words) <= 70 and varied,
              _("Write one recommendation of 15 to 70 words: long enough to be specific, short enough to be read out.")
              if varied or not words else _("Write a real sentence: the same few words repeated say nothing to a State.")),
        Check("action", verb is not None,
              _("Start with what the State must do, as a verb: Adopt, Amend, Ratify, Establish, Allocate, Publish...")),
        Check("firm", not vague,
              _("Avoid weak words ({words}): a State can 'consider' for ever. Ask for an action.").format(
                  words=", ".join(vague)) if vague else _("Avoid weak words such as 'consider' or 'take steps'.")),
        Check("measurable", bool(lexicon.deadline.search(text) or _NUMBER.search(text)),
              _("Make it measurable: a date or deadline (by 2028, before the next review) or a number.")),
        Check("to_the_state", not lexicon.not_to_state.search(text),
              _("Address it to the State under review: it says what the Government must do, not what we or the UN "
                "will do.")),
    ]


def recommendation_score(text: object) -> float:
    """One point for each check passed (five checks)."""
    return float(sum(check.ok for check in recommendation_checks(text)))


# ------------------------------------------------------------------------------------------
# Exercise 07: a one-page factsheet for an embassy briefing

FACTSHEET_FIELDS = (
    ("TITLE", N_("Title: the issue and the country, in a few words")),
    ("WHO_WE_ARE", N_("Who we are (one or two sentences; a coalition name is safer than a person's)")),
    ("PROBLEM", N_("The problem: three facts, with their sources")),
    ("PROMISES", N_("What the State promised or refused at its last review (recommendation ids and responses)")),
    ("ASK", N_("Our ask: the recommendation or question we ask this embassy to raise")),
    ("CONTACT", N_("Contact and safety: how to reach us safely, and what must not be quoted")),
)
#: The parts of the factsheet by their short names, for "still empty: ..." (translated where shown).
FACTSHEET_PARTS = {"TITLE": N_("Title"), "WHO_WE_ARE": N_("Who we are"), "PROBLEM": N_("The problem"),
                   "PROMISES": N_("What the State promised or refused at its last review"), "ASK": N_("Our ask"),
                   "CONTACT": N_("Contact and safety")}
#: The checks' names as the participant reads them.
CHECK_NAMES = {"length": N_("length"), "action": N_("action"), "firm": N_("firm"), "measurable": N_("measurable"),
               "to_the_state": N_("to the State"), "complete": N_("complete"), "one_page": N_("one page"),
               "cites_record": N_("cites the record"), "one_ask": N_("one ask")}


def check_name(name: str) -> str:
    """A check's name in the participant's language ("to the State" for ``to_the_state``)."""
    return _(CHECK_NAMES[name]) if name in CHECK_NAMES else name.replace("_", " ")
#: About one printed page at a readable size.
FACTSHEET_MAX_WORDS = 450
_REC_ID = re.compile(r"\b[A-Z]{3}-S\d{1,2}-\d{3}\b")


def known_ids(text: str) -> list[str]:
    """The recommendation ids cited in ``text`` that the course's data holds: an id-shaped
    string that is no recommendation ("XYZ-S99-999") cites nothing."""
    cited = _REC_ID.findall(text or "")
    if not cited:
        return []
    from . import data

    known = set(data.recommendations()["id"].astype(str))
    return [rec_id for rec_id in cited if rec_id in known]


def factsheet_words(values: dict) -> int:
    return sum(len(re.findall(r"[\w'-]+", str(values.get(name, "") or ""))) for name, _ in FACTSHEET_FIELDS)


def factsheet_checks(values: object) -> list[Check]:
    """What can be checked fairly in a factsheet: it is complete, fits on a page, and cites the record."""
    values = values if isinstance(values, dict) else {}
    empty = [_(FACTSHEET_PARTS[name]) for name, _label in FACTSHEET_FIELDS if not str(values.get(name, "") or "").strip()]
    words = factsheet_words(values)
    ask = str(values.get("ASK", "") or "")
    return [
        Check("complete", not empty, _("Fill in every part; still empty: {parts}.").format(parts=", ".join(empty))
              if empty else _("Fill in every part.")),
        Check("one_page", 0 < words <= FACTSHEET_MAX_WORDS,
              _("A diplomat reads one page: keep it under {most} words (now {words}).").format(
                  most=FACTSHEET_MAX_WORDS, words=words)),
        Check("cites_record", bool(known_ids(str(values.get("PROMISES", "") or ""))),
              _("Cite at least one recommendation by its id (for example KEN-S21-064): it shows the State's own words.")
              if not _REC_ID.search(str(values.get("PROMISES", "") or "")) else
              _("The ids you cite are not in the course's data: copy a recommendation's id from the match tool or the data table.")),
        Check("one_ask", 8 <= len(re.findall(r"[\w'-]+", ask)) <= 80,
              _("Write one clear ask of 8 to 80 words: what you want this embassy to say or do.")),
    ]


def factsheet_score(values: object) -> float:
    return float(sum(check.ok for check in factsheet_checks(values)))


# ------------------------------------------------------------------------------------------
# What the check cells print: the answers in plain words (the trainer reads them when grading)


#: One-word labels the exercises' checks print, and the timeline stages (exercise 02 prints a
#: stage's key with spaces). The notebooks' translations leave one-word strings of code alone
#: (they are mostly names), so the package's catalogue translates these: a Spanish participant
#: reads "Por qué: ...", not "Why: ...".
ANSWER_LABELS = {
    "Why": N_("Why"), "Country": N_("Country"), "Goal": N_("Goal"), "Chosen": N_("Chosen"), "Issue": N_("Issue"),
    "Recommendation": N_("Recommendation"), "Evidence": N_("Evidence"),
    "stakeholder report": N_("stakeholder report"), "pre session": N_("pre-session"), "review": N_("review"),
    "responses": N_("responses"), "mid term report": N_("mid-term report"),
}


def written(pairs: list[tuple[str, object]]) -> str:
    """Answers as labelled lines of plain text: ``Situation A: now``; an empty answer says so."""
    lines = []
    for label, value in pairs:
        if isinstance(value, list):
            value = "; ".join(str(v) for v in value)
        text = str(value).strip() if value not in (None, "") else ""
        # A label the package's catalogue knows is shown in the participant's language (the
        # factsheet's parts, "Title", "Our ask"...); any other label comes back as it is.
        shown = _(ANSWER_LABELS.get(label, label)) if isinstance(label, str) and label else label
        lines.append(f"{shown}: " + (text or _("(no answer yet)")))
    return "\n".join(lines)


def checks_text(checks: list[Check]) -> str:
    """The checks as plain lines: passed, or what to do."""
    return "\n".join(_("[ok] {check}").format(check=check_name(c.name)) if c.ok
                     else _("[to do] {check}: {advice}").format(check=check_name(c.name), advice=c.advice) for c in checks)


def chosen_ok(chosen: object, mine: set[str]) -> tuple[bool, bool]:
    """Exercise 03: (3 to 5 recommendations chosen, every one of them made to your country: ids in ``mine``)."""
    chosen = [c for c in chosen if isinstance(c, str)] if isinstance(chosen, list) else []
    return 3 <= len(set(chosen)) <= 5, bool(chosen) and all(c in mine for c in chosen)


# ------------------------------------------------------------------------------------------
# The workshop's assessment, before and after (the same questions; the key is in the hidden tests)

#: (id, question, [(option text, value), ...]). The right answers are NOT here: participants
#: have this package; the key is in the hidden tests of ``solutions/assessment-*``.
ASSESSMENT_QUESTIONS: tuple[tuple[str, str, list[tuple[str, str]]], ...] = (
    (
        "q1",
        N_("Where does most of the work of a UPR cycle happen?"),
        [(N_("In Geneva, during the review"), "a"), (N_("At home, before and after the review"), "b"), (N_("In the UN compilation"), "c")],
    ),
    (
        "q2",
        N_("Who makes the recommendations to a State under review?"),
        [(N_("The UN's human rights office (OHCHR)"), "a"), (N_("Civil society organisations"), "b"), (N_("Other States"), "c")],
    ),
    (
        "q3",
        N_("The Government has supported a recommendation on your issue. What does that give you at home?"),
        [(N_("A public promise you can push it to keep"), "a"), (N_("A law that is now in force"), "b"), (N_("Nothing: supporting costs it nothing"), "c")],
    ),
    (
        "q4",
        N_("The Government has noted a recommendation on your issue. What can you do with it?"),
        [
            (N_("Nothing: a noted recommendation is closed"), "a"),
            (N_("Make the refusal public and ask the Government to justify it"), "b"),
            (N_("Ask the UN to enforce it"), "c"),
        ],
    ),
    (
        "q5",
        N_("When are stakeholder reports due, compared with the review?"),
        [(N_("About 7 to 8 months before"), "a"), (N_("On the day of the review"), "b"), (N_("After the review, with the responses"), "c")],
    ),
    (
        "q6",
        N_("Which recommendation is the easiest to check?"),
        [
            (N_("Continue efforts to protect human rights defenders"), "a"),
            (N_("Consider improving prison conditions"), "b"),
            (N_("Adopt, by 2028, a law that allows independent visits to every police cell"), "c"),
        ],
    ),
    (
        "q7",
        N_("In a good action plan, each step at the UN..."),
        [
            (N_("serves an objective at home, and its result is brought home"), "a"),
            (N_("replaces work at home that is too risky"), "b"),
            (N_("is chosen because the UN is the most important audience"), "c"),
        ],
    ),
    (
        "q8",
        N_("Defenders were threatened after speaking to foreign journalists. Before the review they should first..."),
        [
            (N_("speak in their own names at the pre-session, to be seen"), "a"),
            (N_("assess the risks, and engage differently if needed (with allies, without names)"), "b"),
            (N_("stop all work on the issue"), "c"),
        ],
    ),
    (
        "q9",
        N_("What is an embassy briefing for, before a review?"),
        [
            (N_("To ask diplomats to make a precise recommendation on your issue"), "a"),
            (N_("To ask the embassy for funding"), "b"),
            (N_("To file a complaint against your Government"), "c"),
        ],
    ),
    (
        "q10",
        N_("When is it wise NOT to engage with the UPR now?"),
        [
            (N_("When the decision is at home and soon, and the UN work would take the people it needs"), "a"),
            (N_("When the Government has noted a recommendation"), "b"),
            (N_("When the next review is less than a year away"), "c"),
        ],
    ),
)


def assessment_score(answers: object, key: dict[str, str]) -> float:
    """One point per question answered as in ``key``."""
    answers = answers if isinstance(answers, dict) else {}
    return float(sum(1 for q, right in key.items() if answers.get(q) == right))


def answered_text(answers: object) -> str:
    """The assessment's check line: 'You answered 7 of 10 questions.', in the participant's language."""
    from .i18n import ngettext

    answers = answers if isinstance(answers, dict) else {}
    done = sum(1 for qid, *_rest in ASSESSMENT_QUESTIONS if answers.get(qid))
    total = len(ASSESSMENT_QUESTIONS)
    return ngettext("You answered {done} of {total} question.", "You answered {done} of {total} questions.",
                    total).format(done=done, total=total)

"""The grader, the plan checker and the command line speak the participant's language.

Every sentence a plan's author or a trainer reads (feedback, reports, the checker's problems,
the command line's messages and errors) is checked to be in Spanish, then French: the example
plans and a set of broken plans are graded, their text and HTML reports rendered, and the
command line's error paths run. Each sentence's language is identified with the course's own
identifier (``upr_course.language``, py3langid) once what is not the course's words is masked:
what is quoted from the plan, the plan's own texts, ids, numbers, dates, paths, field names
and proper names. A message left in English shows up as an English sentence, named in the
failure message.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest

from upr_course.cli import main
from upr_course.i18n import catalogues, language, messages
from upr_course.language import language_probabilities
from upr_course.plan import ADDS, DECISIONS, MAX_ITEMS, STAGES, PlanError, parse_plan
from upr_course.render.report import to_html, to_text
from upr_course.rubric import default_context, grade_text
from upr_course.rubric.plan_reading import free_texts

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))
from sample_plans import STRONG_KENYA_PLAN, WEAK_PLAN  # noqa: E402

AS_OF = "2026-11-29"
#: A recommendation's response as the data and the command line write it, in every language.
RESPONSES = ("supported", "noted", "pending")
EXAMPLES = sorted((REPO / "datasets" / "examples" / "plans").glob("*.yaml"))
MALFORMED = sorted((REPO / "datasets" / "examples" / "malformed").glob("*.yaml"))
#: The modules whose messages this helper's area owns (the grader, the checker, the command line).
MODULES = ("upr_course/rubric/", "upr_course/render/", "upr_course/plan/", "upr_course/cli/", "upr_course/grading_io.py",
           "upr_course/errors.py", "upr_course/coverage.py", "upr_course/match/", "upr_course/data.py", "upr_course/paths.py")


@pytest.fixture(autouse=True)
def no_language_from_the_environment(monkeypatch):
    for variable in messages.LANGUAGE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    messages.set_language(None)
    yield
    messages.set_language(None)


# -- plans that cannot be read, or that can but carry notes ----------------------------------

def _objectives(count: int) -> str:
    return "".join(
        f"  - id: O{i}\n    text: Objective {i}\n    target: Cabinet Secretary\n    indicator: Bill published\n    due: 2028-06\n"
        for i in range(1, count + 1)
    )


def broken_plans() -> dict[str, str]:
    """Plans with the problems the checker explains: each must be explained in the language asked."""
    strong = STRONG_KENYA_PLAN
    plans = {
        "tabs": "\n".join(("\t" + line.lstrip(" ")) if line.startswith("    ") else line for line in strong.splitlines()),
        "duplicate keys": strong.replace("issue:", "issue: Torture\nissue:", 1),
        "wrong types": strong.replace("goal:", "goal: [one, two]\nold_goal:", 1).replace("adds: [", "adds: leverage\n    old_adds: [", 1),
        "unknown country": strong.replace("country: Kenya", "country: Atlantis", 1),
        "bad date and stage": strong.replace("due: ", "due: 2028-02-30\n    old_due: ", 1).replace("stage: ", "stage: geneva_trip\n    old_stage: ", 1),
        "list over the limit": re.sub(r"objectives:\n(?:  - .*\n|    .*\n)+", "objectives:\n" + _objectives(MAX_ITEMS + 1), strong, count=1),
        "empty values": strong.replace("- id: O1", "- id: ''", 1).replace("when: ", "when: ''\n    old_when: ", 1),
        "not a mapping": "- format: upr-action-plan/1\n- country: Kenya\n",
        "empty": "# nothing yet\n",
        "missing fields": "format: upr-action-plan/1\ncountry: Kenya\n",
        "syntax error": "format: upr-action-plan/1\ncountry: Kenya\nissue: [torture\n",
    }
    for path in MALFORMED:
        plans[path.name] = path.read_text(encoding="utf-8")
    return plans


def readable_plans_with_notes() -> dict[str, str]:
    """Plans that are graded but carry the checker's notes or a trainer's read."""
    with_unknown = STRONG_KENYA_PLAN.replace("issue:", "budget: 1000\ncolour: red\nissue:", 1)
    none = WEAK_PLAN + "engagement:\n  decision: none\n"
    return {"unknown fields": with_unknown, "weak": WEAK_PLAN, "decides not to engage": none}


# -- what is not the course's words ----------------------------------------------------------

_QUOTED = [
    re.compile(r"(?<![\w])'[^'\n]*?'(?![\w])"),  # 'plan text' (an apostrophe inside a word does not open a quote)
    re.compile(r'"[^"\n]*"'),
    re.compile(r"«[^»]*»"),
    re.compile(r"`[^`]*`"),
    re.compile(r"<[^>]+>"),  # HTML tags
    re.compile(r"\[[^\]\n]*\]"),  # [ok ], [fix], adds: [leverage]
]
_TOKENS = [
    re.compile(r"(?:[\w.-]*/)+[\w.-]*"),  # paths, A/HRC/57/5, data-sources/
    re.compile(r"\S+\.(?:yaml|yml|csv|json|docx|html|md|txt|db|py)\b"),
    re.compile(r"--?[a-z][\w-]*"),  # options
    re.compile(r"\w+(?:\|\w+)+"),  # choices: supported|noted|pending
    re.compile(r"\b\w*_\w*\b"),  # field names and values: added_value, stakeholder_report
    re.compile(r"\b\w*\d\w*\b"),  # ids, numbers, dates: KEN-S21-042, I1, 2027
    re.compile(r"\b[A-Z]{2,}\b"),  # acronyms, WORDS IN CAPITALS
    re.compile(r"(?<=[\w,;(] )[A-Z][\w'’-]*"),  # proper names: a capital inside a sentence
    # the format's own values (stage names, what a step adds, decisions), kept in English in every language
    re.compile(r"\b(?:" + "|".join(sorted({*STAGES, *ADDS, *DECISIONS, *RESPONSES}, key=len, reverse=True)) + r")\b", re.I),
]


def _plan_texts(text: str) -> list[str]:
    try:
        plan = parse_plan(text)
    except PlanError:
        return []
    texts = free_texts(plan) + [plan.country_name, plan.country, plan.organisation or ""]
    return sorted({t.strip() for t in texts if t and len(t.strip()) > 2}, key=len, reverse=True)


def mask(shown: str, plan_texts: list[str] = ()) -> str:
    shown = html.unescape(shown)
    for text in plan_texts:
        shown = shown.replace(text, " ")
    for pattern in _QUOTED + _TOKENS:
        shown = pattern.sub(" ", shown)
    return shown


def sentences(shown: str) -> list[str]:
    """Sentences and clauses (split at . ! ? ; :), a short piece joined to the next one, so that
    each piece has enough words to tell its language."""
    parts = []
    for line in html.unescape(re.sub(r"<(?:br|/?p|/?li|/?ul|/?tr|/?td|/?th|/?div)[^>]*>", "\n", shown)).splitlines():
        pending = ""
        for piece in re.split(r"(?<=[.!?;:])\s+", line):
            pending = f"{pending} {piece}".strip()
            if len(words(mask(pending))) >= MIN_WORDS:
                parts.append(pending)
                pending = ""
        if pending:
            parts.append(pending)
    return [p for p in parts if p]


def words(sentence: str) -> list[str]:
    # "l'examen" stays one word: French elisions are much of what tells French apart.
    return [w for w in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", sentence) if len(w) > 1]


#: Fewer words than this, once masked, say too little to tell a language ("n/a", "Id.").
MIN_WORDS = 3
#: Small English words that are never Spanish or French words: one of them in a Spanish or
#: French sentence is an English fragment ("'id' en el objetivo 1 is empty"), which the
#: identifier alone may read past when the rest of the sentence is translated.
ENGLISH_ONLY = frozenset("the of and to for with by is are was were be this that from at our their its will your should have not".split())


def wrong_language(shown: str, code: str, plan_texts: list[str] = ()) -> list[str]:
    """The sentences of ``shown`` that read as another language than ``code``."""
    found = []
    for original in sentences(shown):
        masked = " ".join(words(mask(original, plan_texts)))
        if len(masked.split()) < MIN_WORDS:
            continue
        english = sorted({w for w in masked.lower().split() if w in ENGLISH_ONLY})
        probabilities = language_probabilities(masked)
        best = max(probabilities, key=probabilities.get)
        if best != code:
            found.append(f"{best}: {original}")
        elif english and code != "en":
            found.append(f"English words {', '.join(english)}: {original}")
    return found


def _report(offending: dict[str, list[str]]) -> str:
    lines = []
    for where, found in offending.items():
        lines.append(f"{where}:")
        lines += [f"    {sentence}" for sentence in dict.fromkeys(found)]
    return "\n".join(lines)


# -- (a) every sentence shown is in the participant's language -------------------------------

@pytest.mark.parametrize("code", ["es", "fr"])
def test_grading_feedback_and_reports_are_in_the_language_asked(code):
    import datetime as dt

    context = default_context(dt.date.fromisoformat(AS_OF))
    plans = {path.name: path.read_text(encoding="utf-8") for path in EXAMPLES}
    plans.update(readable_plans_with_notes())
    plans.update(broken_plans())
    offending = {}
    with language(code):
        for name, text in plans.items():
            result = grade_text(text, name=name, context=context)
            assert result.feedback_language == code
            plan_texts = [name, *_plan_texts(text)]
            # Feedback on criteria with full marks is not in the reports, but it is in the JSON.
            everything = "\n".join([*(c.feedback for c in result.criteria), *result.review.reasons, *(e["message"] for e in result.errors)])
            for kind, shown in (("text", to_text(result)), ("HTML", to_html(result)), ("JSON", everything)):
                found = wrong_language(shown, code, plan_texts)
                if found:
                    offending[f"{name} ({kind} report)"] = found
    assert not offending, f"Sentences not in {code}:\n{_report(offending)}"


def _cli(capsys, *argv) -> tuple[int, str]:
    try:
        code = main(list(argv))
    except SystemExit as stopped:  # argparse's usage errors
        code = stopped.code
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize("code", ["es", "fr"])
def test_command_line_errors_are_in_the_language_asked(code, capsys, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(broken_plans()["wrong types"], encoding="utf-8")
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    runs = {
        "missing file": ["grade", str(tmp_path / "missing.yaml"), "--as-of", AS_OF],
        "a folder": ["grade", str(folder)],
        "bad plan": ["grade", str(broken), "--as-of", AS_OF],
        "bad option": ["grade", str(broken), "--bogus"],
        "no plan given": ["grade"],
        "bad choice": ["export", str(broken), "--to", "pdf"],
        "bad date": ["grade", str(broken), "--as-of", "soon"],
        "export of a bad plan": ["export", str(broken), "--to", "md"],
        "unknown country": ["timeline", "--country", "Atlantis"],
        "bad timeline date": ["timeline", "--country", "Kenya", "--as-of", "2027-02-30"],
        "no such import": ["data", "remove", "nothing-here"],
        "no gradebook": ["workshop", "report", "--course", str(tmp_path)],
        "bad response": ["match", "--country", "Kenya", "--goal", "end torture in police custody", "--response", "maybe"],
        "unknown issue": ["mirror", "--country", "Kenya", "--issue", "Nothing of the kind"],
    }
    offending = {}
    for where, argv in runs.items():
        for placed in (["--lang", code, *argv], [*argv, "--lang", code]):
            exit_code, shown = _cli(capsys, *placed)
            assert exit_code == 2, (placed, shown)
            found = wrong_language(shown, code)
            if found:
                offending[f"{where}: upr-course {' '.join(placed)}"] = found
    assert not offending, f"Sentences not in {code}:\n{_report(offending)}"


@pytest.mark.parametrize("code", ["es", "fr"])
def test_help_texts_are_in_the_language_asked(code, capsys):
    offending = {}
    for argv in (["--help"], ["grade", "--help"], ["data", "coverage", "--help"], ["timeline", "--help"], ["match", "--help"]):
        with pytest.raises(SystemExit):
            main(["--lang", code, *argv])
        shown = capsys.readouterr().out
        # argparse's usage lines are the command's own syntax, not sentences.
        prose = "\n".join(line for line in shown.splitlines() if not line.lstrip().startswith(("upr-course", "[", "usage", "uso", "utilisation")))
        found = wrong_language(prose, code)
        if found:
            offending[" ".join(argv)] = found
    assert not offending, f"Sentences not in {code}:\n{_report(offending)}"


def test_the_check_finds_an_english_sentence():
    """The test above would fail on a message left in English (its own check of itself)."""
    english = "The plan has no dated objectives or activities to check."
    assert wrong_language(english, "es") and wrong_language(english, "fr")
    assert not wrong_language("El plan no tiene objetivos ni actividades con fecha que se puedan comprobar.", "es")
    assert not wrong_language("Le plan n'a aucun objectif ni aucune activité datés à vérifier.", "fr")


# -- which language the feedback uses --------------------------------------------------------

SPANISH_PLAN = REPO / "tests" / "calibration" / "plans" / "col_lideres_sociales.yaml"


def test_a_plan_in_spanish_gets_feedback_in_spanish_unless_a_language_is_asked(monkeypatch):
    text = SPANISH_PLAN.read_text(encoding="utf-8")
    result = grade_text(text, as_of=__import__("datetime").date(2026, 11, 29))
    assert result.language == "es" and result.feedback_language == "es"
    assert result.to_dict()["feedback_language"] == "es"
    assert "Meta y objetivos" in to_text(result)
    monkeypatch.setenv("UPR_COURSE_LANG", "fr")
    assert grade_text(text, as_of=__import__("datetime").date(2026, 11, 29)).feedback_language == "fr"
    monkeypatch.delenv("UPR_COURSE_LANG")
    with language("en"):
        english = grade_text(text, as_of=__import__("datetime").date(2026, 11, 29))
    assert english.feedback_language == "en" and "Goal and objectives" in to_text(english)


def test_an_english_plan_gets_feedback_in_the_computers_language(monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    result = grade_text(EXAMPLES[0].read_text(encoding="utf-8"), as_of=__import__("datetime").date(2026, 11, 29))
    assert result.feedback_language == "fr"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert grade_text(EXAMPLES[0].read_text(encoding="utf-8")).feedback_language == "en"


def test_the_json_keeps_its_english_keys_and_adds_the_feedback_language(capsys, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(WEAK_PLAN, encoding="utf-8")
    code, shown = _cli(capsys, "--lang", "es", "grade", str(plan), "--json", "--as-of", AS_OF)
    import json

    payload = json.loads(shown)
    assert code == 0 and payload["feedback_language"] == "es" and payload["band"] == "weak"
    assert {c["id"] for c in payload["criteria"]} >= {"goal", "added_value"}
    assert "Añada" in " ".join(c["feedback"] for c in payload["criteria"])


# -- (b) the catalogues are complete for these modules ---------------------------------------

def test_every_message_of_the_grader_checker_and_command_line_is_translated():
    template = catalogues.extract_package_messages()
    ours = {m.id[0] if isinstance(m.id, tuple) else m.id for m in template if m.id and any(loc.startswith(MODULES) for loc, _ in m.locations)}
    assert len(ours) > 400, "the grader's messages are no longer marked for translation"
    problems = [p for p in catalogues.package_catalogue_problems(template) if p.message in ours]
    assert not problems, "\n".join(str(p) for p in problems)


# -- (c) plural forms and placeholders -------------------------------------------------------

@pytest.mark.parametrize(
    "code, one, three",
    [
        ("es", "Actividad I1 (línea 7): ", "Actividades I1, I2 y I3 (líneas 7, 8, 9): "),
        ("fr", "Activité I1 (ligne 7) : ", "Activités I1, I2 et I3 (lignes 7, 8, 9) : "),
        ("en", "Activity I1 (line 7): ", "Activities I1, I2 and I3 (lines 7, 8, 9): "),
    ],
)
def test_notes_name_one_or_several_activities_in_each_language(code, one, three):
    from upr_course.rubric.notes import Notes

    with language(code):
        single = Notes()
        single.add("kind", ("activity", "I1"), 7, "x")
        several = Notes()
        for number in (1, 2, 3):
            several.add("kind", ("activity", f"I{number}"), 6 + number, "x")
        assert single.messages() == [one + "x"]
        assert several.messages() == [three + "x"]


@pytest.mark.parametrize("code", ["es", "fr"])
def test_counted_messages_agree_with_their_number(code):
    from upr_course.rubric.feedback import say

    with language(code):
        one = say("cycle_coverage", "stops_on_review_day", n=1, ids="O1")
        three = say("cycle_coverage", "stops_on_review_day", n=3, ids="O1, O2, O3")
        lines_one = messages.ngettext("{items} (line {lines})", "{items} (lines {lines})", 1)
        lines_three = messages.ngettext("{items} (line {lines})", "{items} (lines {lines})", 3)
    assert "O1" in one and "O1, O2, O3" in three and "{" not in one + three
    assert lines_one != lines_three and ("línea" in lines_one or "ligne" in lines_one)


@pytest.mark.parametrize("code", ["es", "fr"])
def test_every_translation_fills_in_with_the_english_placeholders(code):
    """A translation that renamed or lost a placeholder would raise here, when shown."""
    template = catalogues.extract_package_messages()
    with language(code):
        for message in template:
            if not message.id or not any(loc.startswith(MODULES) for loc, _ in message.locations):
                continue
            forms = message.id if isinstance(message.id, tuple) else (message.id,)
            names = {name for form in forms for name in re.findall(r"\{(\w+)\}", form)}
            if not names:
                continue  # not filled in (argparse's printf-style messages are checked by the catalogue check)
            values = dict.fromkeys(names, "X")
            if isinstance(message.id, tuple):
                for n in (1, 3):
                    messages.ngettext(message.id[0], message.id[1], n).format(**values)
            elif message.context:
                messages.pgettext(message.context, message.id).format(**values)
            else:
                messages.gettext(message.id).format(**values)


def test_file_counts_in_the_command_line_agree_with_their_number(capsys, tmp_path):
    missing = [str(tmp_path / f"missing{i}.yaml") for i in range(3)]
    _, one = _cli(capsys, "--lang", "es", "grade", missing[0])
    _, three = _cli(capsys, "--lang", "es", "grade", *missing)
    assert "1 de 1 planes no se pudo leer" in one
    assert "3 de 3 planes no se pudieron leer" in three


# -- each criterion's texts are declared once, in the registry's table ------------------------

def test_every_text_a_scorer_says_is_declared_for_its_criterion_and_every_declared_text_is_said():
    """Scorers pick their feedback by key from the criterion's table (``Criterion.feedback``):
    a key that is not declared would fail when said, and a declared text no scorer says is dead."""
    from upr_course.rubric import feedback
    from upr_course.rubric.registry import CRITERIA

    source = "\n".join(path.read_text(encoding="utf-8") for path in (REPO / "src" / "upr_course" / "rubric").glob("*.py"))
    said = set(re.findall(r'say\(\s*"(\w+)",\s*f?"([\w{}]+)"', source))
    for criterion in CRITERIA:
        assert criterion.feedback is feedback.BY_CRITERION[criterion.id]
    for criterion_id, key in said:
        if "{" in key:
            continue
        assert key in feedback.BY_CRITERION[criterion_id], (criterion_id, key)
    keys_said = {key for _, key in said}
    # Keys said through a variable: the free-text problems ("empty", "generic"...), the reasons
    # for a decision (criterion chosen by the decision), the phases and the missing evidence.
    said_indirectly = re.findall(r'say\((?:field_name|criterion|criterion\.id|criterion_id), "(\w+)"', source)
    declared = {key for texts in (feedback.GOAL, feedback.DOMESTIC_LINK, feedback.ADDED_VALUE, feedback.BROUGHT_HOME,
                                  feedback.RECOMMENDATIONS, feedback.RESPONSE_TACTIC, feedback.REASONS, feedback.CYCLE_COVERAGE,
                                  feedback.TIMELINE, feedback.MEDIA, feedback.RISKS, feedback.BALANCE, feedback.ANY) for key in texts}
    built = {key for key in declared if key.startswith(("missing_", "phase_", "none_no_reasons", "light_no_reasons"))}
    unused = declared - keys_said - set(said_indirectly) - built
    assert not unused, f"declared but never said: {sorted(unused)}"


@pytest.mark.parametrize(("code", "kenya", "morocco"), [("es", "Kenia", "Marruecos"), ("fr", "Kenya", "Maroc")])
def test_the_report_names_states_as_the_reader_does_and_the_json_keeps_the_datas_names(code, kenya, morocco):
    """A Spanish report that says "Kenya" and "Morocco" reads as half translated; French needs the
    State in apposition ("un autre État (Maroc)"), since "adressée à Maroc" is not French."""
    import datetime as dt

    from sample_plans import strong_plan_with_real_ids

    text = strong_plan_with_real_ids()
    first_id = re.search(r"\bKEN-S\d+-\d+\b", text).group(0)
    text = text.replace(first_id, "MAR-S01-001", 1)
    with language(code):
        result = grade_text(text, as_of=dt.date(2026, 11, 29))
        shown = to_text(result)
        page = html.unescape(to_html(result))
    assert result.country == "Kenya" and result.to_dict()["country"] == "Kenya"
    assert shown.splitlines()[0].count(kenya) == 1 and kenya in page
    recommendations = result.criterion("recommendations").feedback
    assert "MAR-S01-001" in recommendations and morocco in recommendations and "Morocco" not in recommendations
    if code == "fr":
        assert not re.search(r"\b(à|de|pour) (Maroc|Kenya)\b", shown + page)

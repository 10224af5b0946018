"""Red team, second round: plans a trainer would call weak that ``upr-course grade`` scores strong,
and the reverse (``tests/grading/attack_repros/FINDINGS2.md`` has the write-up of each).

Every test runs the real command in a child process, as a trainer would, with
``--as-of 2026-12-07``. The tests marked ``xfail(strict=True)`` pass only while the attack works:
each one states what a fair grader should do, and fails today because the grader does not.

The plans are built from the course's own example ``kenya_torture_custody.yaml`` (100/100,
strong) in a few lines of Python each, so the reader sees exactly what was changed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from upr_course.rubric.reading import sentences

AS_OF = "2026-12-07"
REPO = Path(__file__).resolve().parents[2]
KENYA = REPO / "datasets" / "examples" / "plans" / "kenya_torture_custody.yaml"
FREE = {"text", "added_value", "brought_home", "goal", "risk", "mitigation"}


def grade(*paths: Path, timeout: float = 120) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "upr_course.cli", "grade", *map(str, paths), "--json", "--as-of", AS_OF],
        capture_output=True, text=True, timeout=timeout, env={**os.environ, "UPR_COURSE_LANG": "en"},
    )
    assert done.returncode in (0, 1), done.stderr
    result = json.loads(done.stdout)
    return result if isinstance(result, list) else [result]


def scores(result: dict) -> dict[str, float]:
    return {c["id"]: c["score"] for c in result["criteria"]}


def not_for_the_example(result: dict) -> list[str]:
    """The review's reasons, but the one that the plan is built on the course example (the plans of
    R2 to R5 and R11 are, on purpose: their tests are about what the grader reads, not copies)."""
    return [reason for reason in result["review"]["reasons"] if "course example" not in reason]


def kenya() -> dict:
    return json.loads(json.dumps(yaml.safe_load(KENYA.read_text(encoding="utf-8")), default=str))


def _split_sentence(sentence: str) -> str:
    """One long sentence as two: a full stop at the comma or joint word nearest its middle.

    To a reader it is the same text, with one more full stop; no word is changed.
    """
    words = sentence.split()
    if len(words) < 10:
        return sentence
    best = None
    for i in range(3, len(words) - 3):
        if words[i].endswith(",") or words[i + 1] in ("and", "so", "with", "which", "that", "to", "in", "for"):
            distance = abs(i - len(words) / 2)
            if best is None or distance < best[0]:
                best = (distance, i)
    cut = best[1] if best else len(words) // 2
    second = " ".join(words[cut + 1:])
    return " ".join(words[: cut + 1]).rstrip(",") + ". " + second[0].upper() + second[1:]


def split_sentences(plan):
    """Every free text of the plan with each long sentence split in two (see ``_split_sentence``)."""
    def walk(value, key=None):
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if isinstance(value, str) and key in FREE:
            return " ".join(_split_sentence(s) for s in sentences(value))
        return value

    return walk(plan)


def write(tmp_path: Path, name: str, plan: dict) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(plan, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
    return path


def kenya_as_guyana() -> dict:
    """The Kenya example moved to Guyana: country and recommendation ids changed, nothing else.

    Guyana is reviewed in the same session as Kenya (the calendar fits), it supported
    GUY-S08-036 (prevent torture of inmates) and noted GUY-S21-094 (ratify OPCAT) in 2015.
    Every Kenyan fact stays: Nairobi, Mombasa, Kisumu, KNCHR, IPOA, the Law Society of Kenya,
    "Kenya supported both recommendations", "Kenya noted the call to ratify OPCAT in 2015".
    """
    plan = kenya()
    plan["country"] = "Guyana"
    for activity in plan["international_activities"]:
        if activity.get("recommendations") == ["KEN-S21-064", "KEN-S21-099"]:
            activity["recommendations"] = ["GUY-S08-036"]
        elif activity.get("recommendations") == ["KEN-S21-194"]:
            activity["recommendations"] = ["GUY-S21-094"]
    return plan


# --- Finding R1: one full stop more per sentence hides a copy ---------------------------------

def test_a_course_example_moved_to_another_country_is_caught_as_it_is(tmp_path):
    """Blocked (baseline): the example moved to Guyana unchanged loses its own-strategy points and is shown to a trainer."""
    [result] = grade(write(tmp_path, "guyana.yaml", kenya_as_guyana()))
    assert result["review"]["needed"]
    assert result["total"] < 60


def test_a_course_example_moved_to_another_country_with_its_sentences_split_is_still_a_copy(tmp_path):
    [result] = grade(write(tmp_path, "guyana_split.yaml", split_sentences(kenya_as_guyana())))
    # Today: 100.0, band strong, review not needed, though the plan speaks of Nairobi, KNCHR and
    # IPOA and says "Kenya supported both recommendations".
    assert result["review"]["needed"] or result["total"] < 75


def test_the_course_example_handed_in_as_own_work_with_its_sentences_split_is_shown_to_a_trainer():
    import dataclasses
    import datetime as dt

    from upr_course.rubric import default_context, grade_text

    context = dataclasses.replace(default_context(dt.date.fromisoformat(AS_OF)), own_work=True)
    plain = grade_text(KENYA.read_text(encoding="utf-8"), context=context)
    assert plain.review.needed  # finding 15 of the first round: fixed for the example as it is
    split = grade_text(yaml.safe_dump(split_sentences(kenya()), sort_keys=False, allow_unicode=True), context=context)
    assert split.review.needed


def test_a_classmates_plan_with_its_sentences_split_is_flagged_in_the_batch(tmp_path):
    from sample_plans import strong_plan_with_real_ids

    first = json.loads(json.dumps(yaml.safe_load(strong_plan_with_real_ids()), default=str))
    first["organisation"] = "Participant A"
    second = split_sentences(first)
    second["organisation"] = "Participant B"
    same = dict(first, organisation="Participant C")
    results = grade(write(tmp_path, "a.yaml", first), write(tmp_path, "b.yaml", second), write(tmp_path, "c.yaml", same))
    by_name = {Path(r["plan"]).name: r for r in results}
    # Baseline (works): C, a plain copy of A, is flagged with A.
    assert by_name["c.yaml"]["review"]["needed"]
    # Today B, the same plan with one more full stop per sentence, is not.
    assert by_name["b.yaml"]["review"]["needed"]


# --- Finding R2: the grader does not read which way a sentence points -------------------------

def _contradictory() -> dict:
    """The Kenya example (sentences split, so no copy flag), with goal, objectives and the UN
    steps turned to say the opposite of what the plan is for."""
    plan = split_sentences(kenya())
    plan["goal"] = (
        "By March 2030 the Cabinet formally rejects ratification of the Optional Protocol to the Convention against Torture "
        "(OPCAT). Parliament abolishes unannounced visits to police cells, and the Kenya National Commission on Human Rights "
        "(KNCHR) loses its power to inspect them."
    )
    o1, o2, o3 = plan["objectives"]
    o1["text"] = ("The Independent Policing Oversight Authority (IPOA) stops publishing the outcome of its investigations into deaths "
                  "and injuries in police custody.")
    o2["text"] = "The Justice and Legal Affairs Committee of the National Assembly recommends against ratification of OPCAT in a report adopted by the House."
    o3["text"] = "The Attorney-General withdraws the Cabinet memorandum on OPCAT ratification, so that no ratification motion reaches the Order Paper."
    steps = plan["international_activities"]
    steps[1]["text"] = "Joint stakeholder report asking States not to recommend OPCAT ratification to Kenya."
    steps[1]["added_value"] = (
        "Our case data enters the UN summary of stakeholders' information that recommending States read. So that no State asks "
        "Kenya to ratify OPCAT or to name KNCHR, and the Government never has to answer such a recommendation in public."
    )
    steps[2]["text"] = "Brief the Nairobi embassies to drop OPCAT ratification from their recommendations."
    steps[2]["added_value"] = (
        "Embassies can withdraw our old demand (ratify OPCAT and designate KNCHR) before the review. Which makes another "
        "'noted' answer unnecessary for the Government to justify to the Attorney-General."
    )
    steps[4]["text"] = "Thank the Government, before the plenary, for noting the recommendation to ratify OPCAT."
    steps[4]["added_value"] = (
        "Kenya noted the call to ratify OPCAT in 2015. Thanking the Attorney-General for that refusal before the plenary turns "
        "a quiet 'noted' into a public position. That the Government can keep without cost."
    )
    return plan


@pytest.mark.xfail(strict=True, reason="R2: a plan whose goal, objectives and UN steps say the opposite of each other scores 100/100, no review")
def test_a_plan_that_contradicts_itself_is_not_strong(tmp_path):
    [result] = grade(write(tmp_path, "contradictory.yaml", _contradictory()))
    assert not_for_the_example(result) or result["total"] < 90


# --- Finding R3: a plan whose domestic objectives are UN results ------------------------------

def _un_objectives() -> dict:
    plan = split_sentences(kenya())
    plan["goal"] = (
        "By November 2029 Kenya receives at least five recommendations to ratify OPCAT at its fifth review. "
        "Its delegation supports them in the addendum before the plenary adopts the outcome."
    )
    plan["objectives"] = [
        {"id": "O1", "text": "Our joint stakeholder report on deaths in police custody is quoted in the summary of stakeholders' information on Kenya.",
         "target": "Attorney-General as head of Kenya's delegation",
         "indicator": "Paragraphs quoting our report in the published summary", "due": "2029-09"},
        {"id": "O2", "text": "Five recommending governments put OPCAT ratification and KNCHR as preventive mechanism into their statements on Kenya.",
         "target": "Ambassadors of Denmark, Czechia and Switzerland in Nairobi",
         "indicator": "Statements listed in the Working Group report", "due": "2029-11"},
        {"id": "O3", "text": "Kenya's delegation answers 'supported' to the OPCAT recommendations in the addendum before the plenary.",
         "target": "Attorney-General; Cabinet Secretary for Foreign and Diaspora Affairs",
         "indicator": "Response published in the addendum to the report", "due": "2030-03"},
    ]
    plan["domestic_activities"] = [
        {"id": "D1", "objective": "O1", "when": "2027-01",
         "text": "Paralegals write up twenty custody-death cases in the format of the stakeholder report, with the Law Society of Kenya."},
        {"id": "D2", "objective": "O2", "when": "2028-09",
         "text": "Translate the one-page factsheet on OPCAT for the embassies' political officers."},
        {"id": "D3", "objective": "O2", "when": "2029-05",
         "text": "Hold a civil-society rehearsal in Nairobi of the statements we hope recommending governments will make."},
        {"id": "D4", "objective": "O3", "when": "2029-12",
         "text": "Write to the Attorney-General's office asking which answer the delegation will give on OPCAT in the addendum."},
    ]
    return plan


def test_a_plan_whose_objectives_are_un_results_is_not_strong(tmp_path):
    [result] = grade(write(tmp_path, "un_objectives.yaml", _un_objectives()))
    got = scores(result)
    # Today: total 98.53, domestic_link 12/12, balance 7.2/8, goal 7.33/8.
    assert got["domestic_link"] < 6 or result["total"] < 90


# --- Finding R4: "the world is watching", in new words under each step ------------------------

PRESSURE = [
    "International pressure on custody deaths reaches the Inspector-General. Because the world is watching Kenya, the police must respond.",
    "The UN spotlight on torture in custody embarrasses the Attorney-General. Since global scrutiny matters to the Government, it has to act on OPCAT.",
    "Worldwide attention to police cells raises the stakes for the Cabinet Secretary. The eyes of the international community oblige the Government "
        "to move on OPCAT.",
    "Geneva puts custody deaths on the map for the Justice Committee. Diplomatic pressure means the delegation cannot ignore the issue any longer.",
    "The Council's scrutiny of the refusal to ratify OPCAT shames the Attorney-General. Naming and shaming forces the Government to change course.",
]


def test_reworded_pressure_filler_earns_little_for_what_each_step_adds(tmp_path):
    """R4, fixed: pressure and attention are a mechanism only through a UN product named with them."""
    plan = split_sentences(kenya())
    for activity, text in zip(plan["international_activities"], PRESSURE):
        activity["added_value"] = text
    [result] = grade(write(tmp_path, "pressure.yaml", plan))
    # The marking guide's own example of a weak added_value ("the world is watching") under
    # every step, each time in other words: a trainer gives little; the grader 80 %.
    assert scores(result)["added_value"] <= 9


# --- Finding R5 (fairness): English with Spanish fields ---------------------------------------

ES_ADDED = [
    "Kenia apoyó ambas recomendaciones ante el Consejo de Derechos Humanos. Por eso una evaluación de medio término en el registro de la ONU le "
        "dice al Gobierno que su promesa se mide por su nombre, un costo diplomático que nuestras quejas ante la IPOA no pueden imponer solas.",
    "Nuestros datos de casos entran en el resumen de la ONU que leen los Estados recomendantes. Así varios Estados piden a Kenia ratificar el OPCAT "
        "y nombrar a la KNCHR, y el Gobierno tiene que responder a cada recomendación en público.",
    "Las embajadas pueden convertir nuestra demanda en una recomendación precisa (ratificar el OPCAT y designar a la KNCHR) en lugar de un llamado "
        "general. Eso hace más difícil para el Gobierno justificar otra respuesta de 'tomar nota'.",
    "La transmisión muestra, en el registro, qué Estados plantearon la tortura bajo custodia y qué prometió la delegación keniana. Así podemos "
        "comparar las palabras de la delegación con lo que dice la policía en el país.",
    "Kenia tomó nota de la recomendación de ratificar el OPCAT en 2015. Pedir al Fiscal General que justifique ese rechazo antes del pleno "
        "convierte un 'tomó nota' silencioso en una posición pública que el Gobierno tiene que defender o cambiar.",
]
ES_HOME = [
    "Enviamos la tabla de la evaluación con nuestra lista de casos (D2) a la junta de la IPOA y al Inspector General. La publicamos en un artículo "
        "de opinión en julio de 2027.",
    "Citamos los párrafos del resumen sobre muertes bajo custodia en el borrador del memorando al Gabinete que presentamos al Fiscal General (D5).",
    "Decimos a la oficina del Fiscal General qué Estados piensan plantear el OPCAT. Usamos las notas de la reunión cuando presentamos el memorando "
        "al Gabinete (D5).",
    "Nuestro comunicado de prensa de ese día nombra a los Estados y cita las promesas de la delegación. Lo enviamos a cada miembro de la Comisión "
        "de Justicia y Asuntos Jurídicos.",
    "Un miembro aliado de la Comisión de Justicia presenta una pregunta parlamentaria sobre el rechazo. Publicamos la respuesta junto a la lista de "
        "Estados que pidieron la ratificación.",
]


def test_a_strong_plan_with_spanish_fields_is_marked_as_in_english(tmp_path):
    """R5, fixed: each text is read in its own language (rubric.reading.own_language)."""
    english = split_sentences(kenya())
    mixed = split_sentences(kenya())
    for activity, added, home in zip(mixed["international_activities"], ES_ADDED, ES_HOME):
        activity["added_value"], activity["brought_home"] = added, home
    plain, spanish = grade(write(tmp_path, "english.yaml", english), write(tmp_path, "mixed.yaml", mixed))
    assert plain["total"] == 100.0
    # Today: 82.48 (added_value 7.2/18, brought_home 7.28/14), and the review says "most of the
    # plan is in a language the grader does not read", which is false for English and Spanish.
    assert spanish["total"] >= 90
    assert not any("does not read" in reason for reason in spanish["review"]["reasons"])


# --- Finding R6: full-width and mathematical letters hide a repeated text ----------------------

ADDED = ("Puts our evidence into the UN summary that recommending States read, so that several States recommend it and the "
         "Government must answer each recommendation in public; accepted before the Human Rights Council, delay now has a "
         "diplomatic cost that our domestic lobbying alone cannot impose.")
HOME = ("We quote every recommendation in our letter to the Cabinet Secretary and in the committee briefing (D1); six-monthly "
        "public scorecard sent to the Ministry, Parliament and the press.")


def _full_width(text: str, seed: int, share: float = 0.10) -> str:
    """About one Latin letter in ten as its full-width form (``ｒ`` for ``r``): the same sentence to a reader."""
    import random

    rnd = random.Random(seed)
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalpha() and rnd.random() < share else c for c in text)


def _math_sans(text: str, seed: int) -> str:
    """About three letters in ten as MATHEMATICAL SANS-SERIF SMALL letters (``𝗋``), which many fonts draw like plain ones."""
    import random

    rnd = random.Random(seed)
    return "".join(chr(0x1D5BA + ord(c) - 97) if "a" <= c <= "z" and rnd.random() < 0.3 else c for c in text)


def _repeated_with(tmp_path: Path, name: str, disguise) -> Path:
    from sample_plans import strong_plan_with_real_ids

    plan = json.loads(json.dumps(yaml.safe_load(strong_plan_with_real_ids()), default=str))
    for index, activity in enumerate(plan["international_activities"]):
        activity["added_value"] = disguise(ADDED, index)
        activity["brought_home"] = disguise(HOME, 100 + index)
    return write(tmp_path, name, plan)


@pytest.mark.parametrize("disguise", [_full_width, _math_sans], ids=["full_width", "math_sans"])
def test_full_width_or_mathematical_letters_do_not_hide_a_repeated_text(tmp_path, disguise):
    # Graded one at a time: in one batch, the two plans would be flagged as copies of each other.
    [plain] = grade(_repeated_with(tmp_path, "plain.yaml", lambda text, seed: text))
    [disguised] = grade(_repeated_with(tmp_path, "disguised.yaml", disguise))
    assert scores(plain)["added_value"] == 0.0  # the plain repetition is caught (first round)
    # Today: full_width 72.95 (added_value 11.7, brought_home 3.5), math_sans 71.93, against 45.75; no review.
    assert disguised["review"]["needed"] or disguised["total"] <= plain["total"] + 0.5


# --- Finding R11: the words in any order ------------------------------------------------------

def _scrambled(text: str, rnd) -> str:
    """The same words in a random order: no sentence left for a reader."""
    import re

    words = re.sub(r"[.;,]", "", text).lower().split()
    rnd.shuffle(words)
    return " ".join(words).capitalize() + "."


def test_shuffled_words_do_not_score_as_the_sentences(tmp_path):
    import random

    rnd = random.Random(0)
    plan = split_sentences(kenya())
    for activity in plan["international_activities"]:
        activity["added_value"] = _scrambled(activity["added_value"], rnd)
        activity["brought_home"] = _scrambled(activity["brought_home"], rnd)
    [result] = grade(write(tmp_path, "shuffled.yaml", plan))
    got = scores(result)
    # Before the fix: added_value 15.84/18, brought_home 14/14, total 97.84; for example
    # "Has name public several knchr and so and enters data each of ask information summary to read states ..."
    # Fixed (word_order.py): both 0, "words in no order" in the feedback, and a trainer's read
    # that says so (besides the copy of the course example the plan is built on).
    assert got["added_value"] + got["brought_home"] <= 16
    assert not_for_the_example(result), result["review"]["reasons"]


# --- Finding R12 (low): a control character stops the Word export with a traceback ------------

def test_a_control_character_does_not_stop_the_word_export(tmp_path):
    plan = split_sentences(kenya())
    plan["goal"] += " \x0b\x01 end"  # written by yaml.safe_dump as "\v\x01" escapes in a double-quoted string
    path = write(tmp_path, "control.yaml", plan)
    [graded] = grade(path)
    assert graded["total"] == 100.0  # the grader reads it
    done = subprocess.run([sys.executable, "-m", "upr_course.cli", "export", "--to", "docx", "--out", str(tmp_path / "plan.docx"), str(path)],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "UPR_COURSE_LANG": "en"})
    assert "Traceback" not in done.stderr, done.stderr[-800:]
    assert done.returncode == 0 and (tmp_path / "plan.docx").is_file()


@pytest.mark.xfail(strict=True, reason="R2: the tests' own strong plan turned against its goal (repeal, withdraw, oppose, 'not recommend', thank "
    "for noting) scores exactly as before")
def test_a_plan_turned_against_its_goal_scores_lower_than_the_plan(tmp_path):
    """Not built on a course example: the strong Kenya plan of tests/fixtures (84.37 as of 2026-11-29 in the first round's tests)."""
    from sample_plans import strong_plan_with_real_ids

    plan = json.loads(json.dumps(yaml.safe_load(strong_plan_with_real_ids()), default=str))
    turned = json.loads(json.dumps(plan))
    turned["goal"] = ("By December 2028 Parliament repeals the law on unannounced visits to police cells, so that no independent "
                      "national preventive mechanism can inspect them.")
    turned["objectives"][0]["text"] = "The Ministry of Justice withdraws the prevention-of-torture bill by June 2028."
    turned["objectives"][1]["text"] = "At least 30 members of Parliament publicly oppose the bill by October 2028."
    steps = turned["international_activities"]
    steps[0]["text"] = "Joint stakeholder report asking States not to recommend a preventive mechanism."
    steps[0]["added_value"] = steps[0]["added_value"].replace("so that several States recommend a preventive mechanism",
                                                              "so that no State recommends a preventive mechanism")
    steps[3]["text"] = "Thank the Government for noting the recommendation to ratify OPCAT."
    # Graded one at a time: in one batch the two would be flagged as copies of each other.
    [original] = grade(write(tmp_path, "plan.yaml", plan))
    [contrary] = grade(write(tmp_path, "turned.yaml", turned))
    # Today: both 84.37 as of 2026-12-07 too; the review is not asked for either.
    assert contrary["review"]["needed"] or contrary["total"] < original["total"] - 10


def test_a_translated_example_with_its_ids_renamed_is_still_a_copy():
    """Built like tests/rubric/test_rubric.py's own test of translated copies, on the real Kenya example."""
    import re

    from upr_course.plan import parse_plan
    from upr_course.rubric.copying import copied_example, course_examples, plan_frame, signature

    text = KENYA.read_text(encoding="utf-8")
    renamed = re.sub(r"\b([ODI])(\d)\b", lambda m: {"O": "OB", "D": "DA", "I": "IA"}[m.group(1)] + m.group(2), text)
    spanish = [f"Frase {n} de un plan traducido sobre la tortura en las comisarías del país." for n in range(12)]
    as_it_is = signature("mio.yaml", "Guyana", spanish, plan_frame(parse_plan(text)), " ".join(spanish))
    assert copied_example(as_it_is, course_examples()) == ("kenya_torture_custody.yaml", False)  # the check works...
    translated = signature("mio.yaml", "Guyana", spanish, plan_frame(parse_plan(renamed)), " ".join(spanish))
    assert copied_example(translated, course_examples()) is not None  # ...until the ids are renamed

"""Read an action plan (YAML text) and check that it can be graded.

The action plan format is a contract (the spec ``specs/action-plan-format.md``, "The action
plan format (version 1)"). Its last section draws one line that this module keeps exactly:

* a plan that **cannot be read** is *malformed*: ``parse_plan`` raises ``PlanError`` with every
  problem at once, each with its line number and one plain sentence on how to fix it;
* a plan that can be read but is **weak** parses without complaint: the rubric finds the
  weaknesses later and takes points off, citing the lines in ``Plan.lines``.

Why the line sits where it does: a malformed plan leaves the grader nothing sure to read (which
activity? which date? which country?), so the only useful answer is "fix this first". A weak plan
is the participant's real work, and the course teaches by scoring it, so refusing it would hide
the feedback the participant needs.

Decisions, field by field (M = malformed, raises; W = weak, parses, the rubric judges):

Whole text
    M: not text; longer than ``MAX_BYTES``; characters YAML does not allow (control characters);
    YAML syntax errors; empty or only comments; more than one YAML document; nested deeper than
    ``MAX_DEPTH``; more than ``MAX_NODES`` values once aliases are written out (so a "billion
    laughs" text is refused after a few thousand events, whatever it would expand to); an alias
    to nothing or to a value that contains it; not a mapping (a list or one text);
    a field name that is not plain text; the same field twice in one mapping (YAML forbids it,
    and the usual loaders silently drop the first copy and with it half a plan).
Unknown fields (top level or in an item)
    Neither: ignored, so the format can grow new optional fields; each one is listed in
    ``Plan.notes`` (with "did you mean ...?" when it is close to a known name). When a required
    field is missing and an unknown field is a near miss (``objective`` for ``objectives``,
    ``added value`` for ``added_value``), the missing-field problem names it.
``format``
    M: missing, empty, or not exactly ``upr-action-plan/1``.
``country``
    M: missing, empty, not a text, or unknown to the country lookup (with its suggestions).
    Kept as written (``country``) plus ``country_iso3`` and ``country_name`` from the lookup.
``organisation``
    Optional. M: a list or a mapping. Empty becomes ``None``.
``issue``, ``goal``, and every free text in items (``text``, ``target``, ``indicator``,
``added_value``, ``brought_home``, ``risk``, ``mitigation``)
    M: missing, or a list or a mapping instead of a text. W: present but empty (``""``); the
    rubric judges content. Numbers or ``yes`` written as text are kept as written.
``objectives``, ``domestic_activities``, ``international_activities``, ``media``, ``risks``
    M: missing; a text or a mapping instead of a list; an item that is not a mapping.
    W: an empty list, or an empty value (``risks:`` with nothing after it), which reads as [].
``id`` (objectives, domestic and international activities)
    M: missing, empty, not a text, or used twice anywhere in these three lists.
``objective`` (activities)
    M: missing, or a list or a mapping (an activity serves one objective). W: empty, or naming
    no objective of the plan (``domestic_link``).
``due``, ``when``
    M: missing, empty, not ``YYYY-MM`` or ``YYYY-MM-DD``, or not a real date (``2028-02-30``,
    ``2031-13``). W: dates in the past, or in an odd order (``timeline``).
``stage`` (international activities) and ``moment`` (media, "a stage name" in the spec)
    M: missing, empty, not a text, or not one of ``STAGES`` (exact spelling; a close match is
    suggested).
``adds``
    M: missing; not a list (``adds: leverage`` must be ``adds: [leverage]``); a value that is
    empty, a list, or not one of ``ADDS`` (exact spelling; a close match is suggested).
    W: an empty list, or ``adds:`` with nothing after it (``added_value``).
``recommendations`` (optional, international activities)
    M: not a list; an item that is a list or a mapping. W: ids that do not exist or belong to
    another country (``recommendations``). Empty value reads as ().

How the text is read: not with ``yaml.safe_load`` but from PyYAML's event stream, composed here
into small nodes. That is deliberate: the event parser has no recursion (10,000 ``[`` cannot
raise ``RecursionError``), every value keeps its line, duplicate keys are seen instead of
silently dropped, aliases are counted before they are expanded, and every scalar stays the text
that was typed. So the YAML 1.1 surprises cannot happen: ``country: NO`` (Norway) stays ``"NO"`` instead of ``False``,
``due: 2028-02-30`` is a string we can explain instead of a ``ValueError``, and ``id: 01`` stays
``"01"``. Only a plain empty value, ``~`` or ``null`` counts as "no value".
"""

from __future__ import annotations

import calendar
import datetime as _dt
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import yaml

from upr_course.errors import UnknownCountryError, UserError

__all__ = [
    "ADDS",
    "FORMAT",
    "MAX_BYTES",
    "STAGES",
    "DECISIONS",
    "DomesticActivity",
    "Engagement",
    "InternationalActivity",
    "MediaMoment",
    "Objective",
    "Plan",
    "PlanDate",
    "PlanError",
    "Problem",
    "Risk",
    "parse_plan",
]

FORMAT = "upr-action-plan/1"

#: Stages of the UPR cycle, in the spec's order, with their phase.
STAGES: dict[str, str] = {
    "national_consultation": "before",
    "stakeholder_report": "before",
    "pre_session": "before",
    "embassy_briefing": "before",
    "advance_questions": "before",
    "review": "review",
    "outcome_adoption": "review",
    "responses": "after",
    "plenary": "after",
    "implementation": "after",
    "mid_term_report": "after",
}

#: What an international step can add, with the spec's plain meaning.
ADDS: dict[str, str] = {
    "leverage": "a commitment the Government made in public that can be pushed",
    "visibility": 'the profile and the "UN stamp" an issue gains',
    "access": "meetings with officials, embassies or missions that were closed before",
    "legitimacy": "international endorsement of a demand",
    "accountability": 'a public record, including of rejected or "noted" recommendations',
    "media": "a news hook",
    "coalition": "alliances formed around a joint report or consultation",
    "information": "knowing what the Government says abroad, to compare with what it says at home",
}

#: Longest plan accepted, in UTF-8 bytes. A real plan is a few kilobytes; 1 MB leaves room for
#: hundreds of activities and keeps parsing well under a second.
MAX_BYTES = 1_000_000
#: Deepest nesting accepted. A plan needs 4 levels; the margin is for extension fields.
MAX_DEPTH = 64
#: Most values (scalars, lists, mappings) accepted; a 500-activity plan has about 15,000.
MAX_NODES = 200_000
#: Most items in one list (objectives, activities, media moments, risks). A real plan has a
#: handful; a trainer cannot read hundreds, and comparing every UN step with every other (to
#: find copied texts) grows with the square of their number.
MAX_ITEMS = 200
#: At most this many "bad character" problems are listed one by one.
_MAX_CHAR_PROBLEMS = 20


# --------------------------------------------------------------------------------------------
# Public value types


@dataclass(frozen=True)
class Problem:
    """One reason why a plan cannot be read (or, in ``Plan.notes``, a field that is ignored).

    ``line`` is 1-based, ``None`` when no line applies (an empty text); ``field`` is a path such
    as ``international_activities[1].stage`` (indexes from 0, for programs); ``message`` is one
    plain sentence for the participant, starting with "Line N:" when the line is known.
    """

    line: int | None
    field: str
    message: str


class PlanError(UserError):
    """The plan cannot be read; ``problems`` lists every reason, sorted by line."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_problem_order)
        super().__init__("\n".join(p.message for p in self.problems))


def _problem_order(problem: Problem) -> tuple[int, int]:
    # A stable sort on the line alone keeps problems of one line in the order found (spec order).
    return (0, 0) if problem.line is None else (1, problem.line)


@dataclass(frozen=True)
class PlanDate:
    """A plan date: a month (``2027-06``) or a day (``2027-06-15``).

    Plans mostly name months, so a plain ``datetime.date`` would invent a day; the rubric
    instead asks for ``first_day()`` or ``last_day()`` as its comparison needs.
    """

    year: int
    month: int
    day: int | None = None

    def __post_init__(self) -> None:
        # Raises ValueError for a date that does not exist, so no PlanDate is ever invalid.
        _dt.date(self.year, self.month, self.day or 1)

    @classmethod
    def parse(cls, value: str | _dt.date) -> PlanDate:
        """Read ``YYYY-MM``, ``YYYY-MM-DD`` or a ``date``; ValueError with a plain reason."""
        if isinstance(value, _dt.datetime):
            value = value.date()
        if isinstance(value, _dt.date):
            return cls(value.year, value.month, value.day)
        if not isinstance(value, str):
            raise ValueError("it is not a date")
        match = _DATE_RE.fullmatch(value.strip())
        if not match:
            raise ValueError(_NOT_A_DATE_FORM)
        year, month = int(match["year"]), int(match["month"])
        day = int(match["day"]) if match["day"] else None
        if not 1 <= month <= 12:
            raise ValueError(f"there is no month {month}")
        if year < 1:
            raise ValueError(f"there is no year {year}")
        if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(f"{_MONTHS[month]} {year} has no day {day}")
        return cls(year, month, day)

    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month, self.day or 1)

    def last_day(self) -> _dt.date:
        day = self.day or calendar.monthrange(self.year, self.month)[1]
        return _dt.date(self.year, self.month, day)

    def __str__(self) -> str:
        text = f"{self.year:04d}-{self.month:02d}"
        return text if self.day is None else f"{text}-{self.day:02d}"


_NOT_A_DATE_FORM = "it is not written as YYYY-MM or YYYY-MM-DD"
_DATE_RE = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?")
# English names, not calendar.month_name, which follows the computer's locale.
_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")  # fmt: skip


@dataclass(frozen=True)
class Objective:
    id: str
    text: str
    target: str
    indicator: str
    due: PlanDate
    line: int | None = None


@dataclass(frozen=True)
class DomesticActivity:
    id: str
    text: str
    objective: str
    when: PlanDate
    line: int | None = None


@dataclass(frozen=True)
class InternationalActivity:
    id: str
    stage: str
    text: str
    objective: str
    adds: tuple[str, ...]
    added_value: str
    brought_home: str
    when: PlanDate
    recommendations: tuple[str, ...] = ()
    line: int | None = None

    @property
    def phase(self) -> str:
        """``before``, ``review`` or ``after``: what ``cycle_coverage`` counts."""
        return STAGES[self.stage]


@dataclass(frozen=True)
class MediaMoment:
    moment: str
    text: str
    line: int | None = None


@dataclass(frozen=True)
class Risk:
    risk: str
    mitigation: str
    line: int | None = None


#: How much a plan engages with the UN this cycle (the spec's "Engaging is a choice").
DECISIONS: dict[str, str] = {
    "full": "UN steps before, during and after the review (the default)",
    "light": "a deliberately small UN part, or follow-up only",
    "none": "no UN engagement this cycle",
}


@dataclass(frozen=True)
class Engagement:
    """The plan's ``engagement`` block: a decision and, for ``light`` and ``none``, its reasons.

    ``stated`` is False when the plan has no block: the decision is then ``full``, or ``none``
    without reasons when the plan has no UN steps (the spec reads it so).
    """

    decision: str = "full"
    reasons: str = ""
    stated: bool = False
    line: int | None = None


@dataclass(frozen=True)
class Plan:
    """A plan that can be read. It may still be weak: that is the rubric's to judge.

    ``lines`` maps field paths (``goal``, ``objectives[0]``, ``objectives[0].due``,
    ``international_activities[1].adds[0]``) to 1-based line numbers, so feedback can say
    where to look. ``notes`` lists ignored (unknown) fields, for a friendly mention.
    """

    format: str
    country: str
    country_iso3: str
    country_name: str
    organisation: str | None
    issue: str
    goal: str
    objectives: tuple[Objective, ...]
    domestic_activities: tuple[DomesticActivity, ...]
    international_activities: tuple[InternationalActivity, ...]
    media: tuple[MediaMoment, ...]
    risks: tuple[Risk, ...]
    engagement: Engagement = field(default_factory=Engagement)
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)
    notes: tuple[Problem, ...] = field(default=(), compare=False, hash=False, repr=False)

    def line(self, path: str) -> int | None:
        """The line of ``path``, or of its closest enclosing field, or None."""
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return None

    @property
    def objective_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.objectives)

    @property
    def decision(self) -> str:
        """``full``, ``light`` or ``none``: a plan with no UN steps and no block has decided ``none``."""
        if not self.engagement.stated and not self.international_activities:
            return "none"
        return self.engagement.decision

    @property
    def unknown_fields(self) -> tuple[Problem, ...]:
        """Fields the format does not know (listed in feedback, never dropped silently)."""
        return self.notes


# --------------------------------------------------------------------------------------------
# Reading YAML into small nodes


class _Node:
    """A YAML value with its line: kind is "scalar", "seq" or "map".

    A scalar's ``value`` is its text as typed, or None for a plain empty value, ``~`` or
    ``null``; a seq's is a list of nodes; a map's is a list of (key node, value node) pairs.
    """

    __slots__ = ("kind", "line", "size", "value")

    def __init__(self, kind: str, line: int, value: Any):
        self.kind = kind
        self.line = line
        self.value = value
        self.size = 1  # values inside, itself included; final when a list or mapping ends


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_KIND_WORDS = {"seq": "a list", "map": "a group of fields", "scalar": "a text"}
# Characters YAML does not accept in a document (same set as PyYAML's reader).
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

try:  # libyaml is much faster on long plans; the pure-Python parser gives the same events.
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _CParser = None


class _PyEventSource(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


def _event_source(text: str):
    return _CParser(text) if _CParser is not None else _PyEventSource(text)


class _Reader:
    """Builds the node tree from events and collects problems that stop reading."""

    def __init__(self, text: str):
        self.text = text
        self.problems: list[Problem] = []

    def problem(self, line: int | None, path: str, message: str) -> None:
        self.problems.append(Problem(line, path, _with_line(line, message)))

    def read(self) -> _Node | None:
        source = None
        try:
            source = _event_source(self.text)
            return self._compose(source)
        except yaml.YAMLError as error:
            self.problems.append(_syntax_problem(error, self.text))
        except (RecursionError, MemoryError):
            self.problem(None, "", "the plan is too large or too deeply nested to read; start again from the example plan")
        except Exception:  # noqa: BLE001 - any text must give a PlanError, never a traceback
            self.problem(None, "", "the text cannot be read as YAML; start again from the example plan and check each line")
        finally:
            try:
                if source is not None:
                    source.dispose()
            except Exception:  # noqa: BLE001
                pass
        return None

    def _compose(self, source) -> _Node | None:
        root: _Node | None = None
        stack: list[_Node] = []
        pending_key: list[_Node | None] = []
        anchors: dict[str, _Node] = {}
        documents = 0
        count = 0  # values in the plan once every alias is written out

        def add(node: _Node) -> None:
            nonlocal root
            if not stack:
                root = node
                return
            parent = stack[-1]
            if parent.kind == "seq":
                parent.value.append(node)
            elif pending_key[-1] is None:
                pending_key[-1] = node
            else:
                parent.value.append((pending_key[-1], node))
                pending_key[-1] = None

        while source.check_event():
            event = source.get_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.problem(
                        line,
                        "",
                        "a second YAML document starts here, but a plan is one document; "
                        "remove this '---' line or split the text into two plans",
                    )
                    return None
            elif isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                count += 1
                if count > MAX_NODES:
                    self._too_long()
                    return None
                if isinstance(event, yaml.ScalarEvent):
                    plain = event.style in (None, "") and not event.tag
                    value = None if plain and event.value in _NULLS else event.value
                    node = _Node("scalar", line, value)
                    add(node)
                else:
                    node = _Node("seq" if isinstance(event, yaml.SequenceStartEvent) else "map", line, [])
                    add(node)
                    stack.append(node)
                    pending_key.append(None)
                    if len(stack) > MAX_DEPTH:
                        self.problem(
                            line,
                            "",
                            f"the plan is nested more than {MAX_DEPTH} levels deep here; "
                            "a plan needs only a few levels, so check the brackets and indentation",
                        )
                        return None
                if event.anchor is not None:
                    anchors[event.anchor] = node
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                node = stack.pop()
                pending_key.pop()
                children = node.value if node.kind == "seq" else [n for pair in node.value for n in pair]
                node.size = 1 + sum(child.size for child in children)
            elif isinstance(event, yaml.AliasEvent):
                # Aliases are allowed (yaml.safe_dump writes them for shared values), but they
                # count as written out in full, so a "billion laughs" text is too long at once.
                target = anchors.get(event.anchor)
                name = _show(event.anchor or "")
                if target is None:
                    self.problem(
                        line,
                        "",
                        f"'*{name}' refers to nothing; a text that starts with '*' must be in quotes, for example \"*{name}\"",
                    )
                    return None
                if any(target is open_node for open_node in stack):
                    self.problem(line, "", f"'*{name}' refers to a part of the text that contains it; write the text out in full")
                    return None
                count += target.size
                if count > MAX_NODES:
                    self._too_long()
                    return None
                add(target)
        return root

    def _too_long(self) -> None:
        self.problem(
            None,
            "",
            f"the plan is too long (more than {MAX_NODES:,} values once every '*' reference is written out); "
            "keep it to the objectives and activities that matter most",
        )


def _with_line(line: int | None, message: str) -> str:
    message = message[0].upper() + message[1:] if line is None else message
    text = message if line is None else f"Line {line}: {message}"
    return text if text.endswith((".", "?")) else text + "."


def _syntax_problem(error: yaml.YAMLError, text: str) -> Problem:
    """Turn a PyYAML (or libyaml) error into one plain sentence with a line number."""
    problem = (getattr(error, "problem", None) or "").lower()
    context = (getattr(error, "context", None) or "").lower()
    mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    if context_mark is not None and (
        "end of stream" in problem or "simple key" in context or "flow sequence" in context or "flow mapping" in context
    ):
        # Point at where the quote or bracket opened, or at the line that lacks its ':',
        # not at where the parser noticed.
        mark = context_mark
    line = mark.line + 1 if mark is not None else None
    lines = _split_lines(text)
    source = lines[line - 1] if line is not None and 0 < line <= len(lines) else ""
    stripped = source.lstrip(" ")

    if "\t" in problem or "'\\t'" in problem or stripped.startswith("\t"):
        message = "this line starts with a tab; indent with spaces only, never with tabs"
    elif "quoted scalar" in context:
        message = (
            "a quote (\" or ') opens here but is never closed; add the closing quote at the end of the text, "
            "or remove the opening one"
        )
    elif "mapping values are not allowed" in problem:
        message = (
            "YAML reads ': ' (a colon and a space) here as the start of a field; if it is part of a text, put the "
            "whole text in quotes or write '>' after the field name and the text on the next lines, indented, "
            "and if it is a new field, check its indentation"
        )
    elif "simple key" in context and "expected ':'" in problem:
        message = (
            "YAML expected 'name: value' here; if this line continues the text above, indent it further than the "
            "field name (or write '>' after the colon), otherwise check the field name and its colon"
        )
    elif "block scalar" in context:
        message = "after '>' or '|' nothing may follow on the same line; start the text on the next line, indented"
    elif "anchor" in context or "alias" in context:
        message = "a text that starts with '&' or '*' must be in quotes, for example text: \"* important\""
    elif "cannot start any token" in problem:
        message = (
            "a text here starts with a special character (such as @, `, % or |); put the whole text in quotes"
        )
    elif "flow sequence" in context or "flow mapping" in context:
        message = (
            "a list in [ ] or a group in { } is not closed, or an item in it has a ':' or '#'; "
            "close the bracket, or put that item in quotes"
        )
    elif "block collection" in context or "block mapping" in context or "block end" in problem:
        message = (
            "the indentation is wrong here; fields of the same item must start in the same column, and each list "
            "item starts with '- ' at the same indentation"
        )
    elif isinstance(error, yaml.reader.ReaderError):
        message = "the text has a character that YAML does not allow; delete it or save the file as UTF-8 text"
        line = _line_of_char(text, getattr(error, "character", None))
    else:
        message = (
            "YAML cannot read this line; check the indentation (spaces, not tabs) and put in quotes any text that "
            "contains ': ' or ' #' or starts with a special character"
        )
    return Problem(line, "", _with_line(line, message))


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _split_lines(text: str) -> list[str]:
    """Lines as YAML counts them (it also breaks on \\r, NEL and the Unicode separators)."""
    return _LINE_BREAK.split(text)


def _line_of_char(text: str, character: Any) -> int | None:
    if isinstance(character, int):
        try:
            position = text.find(chr(character))
        except (ValueError, OverflowError):
            return None
        if position >= 0:
            return len(_LINE_BREAK.findall(text, 0, position)) + 1
    return None


def _bad_character_problems(text: str) -> list[Problem]:
    """Lines with characters YAML refuses, found before parsing so each gets its line."""
    problems: list[Problem] = []
    lines_seen = 0
    for number, line in enumerate(_split_lines(text), start=1):
        match = _NON_PRINTABLE.search(line)
        if not match:
            continue
        lines_seen += 1
        if lines_seen <= _MAX_CHAR_PROBLEMS:
            code = ord(match.group())
            problems.append(
                Problem(
                    number,
                    "",
                    _with_line(
                        number,
                        f"this line has a hidden character (code {code}) that YAML does not allow; delete it "
                        "(it often comes from copying text out of a PDF or a word processor)",
                    ),
                )
            )
    if lines_seen > _MAX_CHAR_PROBLEMS:
        problems.append(
            Problem(
                None,
                "",
                _with_line(
                    None,
                    f"{lines_seen - _MAX_CHAR_PROBLEMS} more lines have such characters; "
                    "is this really a plan written as text?",
                ),
            )
        )
    return problems


# --------------------------------------------------------------------------------------------
# Checking the plan


#: What to write when a field is missing: the fix half of the message.
_FIELD_HINTS: dict[str, str] = {
    "format": f"add 'format: {FORMAT}' as the first line",
    "country": "add 'country:' with the State under Review, for example 'country: Kenya' or 'country: KEN'",
    "issue": "add 'issue:' with the human rights issue in a few words",
    "goal": "add 'goal:' with the change you want at home, and by when",
    "objectives": "add 'objectives:' with a list of objectives (write 'objectives: []' if there are none yet)",
    "domestic_activities": (
        "add 'domestic_activities:' with a list of activities at home (write 'domestic_activities: []' if there are none yet)"
    ),
    "international_activities": (
        "add 'international_activities:' with a list of UPR activities "
        "(write 'international_activities: []' if there are none yet)"
    ),
    "media": "add 'media:' with a list of media moments (write 'media: []' if there are none yet)",
    "risks": "add 'risks:' with a list of risks and how you reduce them (write 'risks: []' if there are none yet)",
    "id": "add a short id that no other objective or activity uses, for example 'id: O1'",
    "text": "add 'text:' with one sentence that says what it is",
    "target": "add 'target:' with the decision-maker you want to move",
    "indicator": "add 'indicator:' with how you will know it happened",
    "due": "add 'due:' with the month it should be reached, for example 'due: 2027-06'",
    "when": "add 'when:' with the month it happens, for example 'when: 2027-03'",
    "objective": "add 'objective:' with the id of the objective it serves, for example 'objective: O1'",
    "stage": "add 'stage:' with a stage of the UPR cycle, for example 'stage: stakeholder_report'",
    "adds": "add 'adds:' with what the step adds, for example 'adds: [leverage, visibility]'",
    "added_value": "add 'added_value:' with what this step adds that work at home alone could not",
    "brought_home": "add 'brought_home:' with how you use the result back home",
    "moment": "add 'moment:' with the stage of the UPR cycle it is tied to, for example 'moment: review'",
    "risk": "add 'risk:' with what could go wrong",
    "mitigation": "add 'mitigation:' with how you reduce that risk",
}

_TOP_FIELDS = (
    "format",
    "country",
    "organisation",
    "issue",
    "goal",
    "objectives",
    "domestic_activities",
    "international_activities",
    "media",
    "risks",
    "engagement",
)
#: Top-level fields that may be left out.
_OPTIONAL_TOP = frozenset({"organisation", "engagement"})
_ENGAGEMENT_FIELDS = ("decision", "reasons")

# Item fields in spec order, with their kind; optional ones are listed separately.
_OBJECTIVE_FIELDS = {"id": "id", "text": "text", "target": "text", "indicator": "text", "due": "date"}
_DOMESTIC_FIELDS = {"id": "id", "text": "text", "objective": "ref", "when": "date"}
_INTERNATIONAL_FIELDS = {
    "id": "id",
    "stage": "stage",
    "text": "text",
    "objective": "ref",
    "adds": "adds",
    "added_value": "text",
    "brought_home": "text",
    "when": "date",
}
_INTERNATIONAL_OPTIONAL = {"recommendations": "reclist"}
_MEDIA_FIELDS = {"moment": "stage", "text": "text"}
_RISK_FIELDS = {"risk": "text", "mitigation": "text"}

_LISTS = {
    # field: (item word for messages, required fields, optional fields)
    "objectives": ("objective", _OBJECTIVE_FIELDS, {}),
    "domestic_activities": ("domestic activity", _DOMESTIC_FIELDS, {}),
    "international_activities": ("international activity", _INTERNATIONAL_FIELDS, _INTERNATIONAL_OPTIONAL),
    "media": ("media moment", _MEDIA_FIELDS, {}),
    "risks": ("risk", _RISK_FIELDS, {}),
}

CountryLookup = Callable[[str], "tuple[str, str]"]


def _default_country_lookup(name: str) -> tuple[str, str]:
    """The agreed interface to the datasets, imported late so this module stands alone."""
    from upr_course.data import find_country

    country = find_country(name)
    return country.iso3, country.name


class _Checker:
    def __init__(self, country_lookup: CountryLookup):
        self.country_lookup = country_lookup
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []
        self.lines: dict[str, int] = {}

    # -- helpers ---------------------------------------------------------------------------

    def problem(self, line: int | None, path: str, message: str) -> None:
        self.problems.append(Problem(line, path, _with_line(line, message)))

    def fields(
        self, node: _Node, path: str, subject: str, known: tuple[str, ...]
    ) -> dict[str, tuple[_Node, _Node]]:
        """The fields of a mapping by name; reports odd keys and duplicates, notes unknown ones."""
        result: dict[str, tuple[_Node, _Node]] = {}
        for key, value in node.value:
            if key.kind != "scalar" or key.value is None:
                self.problem(
                    key.line,
                    path,
                    f"a field name in {subject} is not a plain word; write each field as 'name: value'",
                )
                continue
            name = key.value
            if name in result:
                first = result[name][0].line
                self.problem(
                    key.line,
                    _join(path, name),
                    f"'{_show(name)}' appears twice in {subject} (also on line {first}); keep only one of them",
                )
                continue
            result[name] = (key, value)
            self.lines[_join(path, name)] = key.line
            if name not in known:
                close = _near_miss(name, known)
                hint = f"; did you mean '{close}'?" if close else ", so it is ignored"
                self.notes.append(
                    Problem(
                        key.line,
                        _join(path, name),
                        _with_line(key.line, f"'{_show(name)}' in {subject} is not a field of the action plan format{hint}"),
                    )
                )
        return result

    def missing(self, node: _Node, fields: dict, name: str, path: str, subject: str, known: tuple[str, ...]) -> None:
        """A required field is absent; name a near-miss unknown field if there is one."""
        close = _near_miss_for(name, [k for k in fields if k not in known])
        if close is not None:
            line = fields[close][0].line
            self.problem(
                line,
                _join(path, name),
                f"{subject} has no '{name}' field, but it has '{_show(close)}' (did you mean '{name}'?); rename it to '{name}'",
            )
            return
        self.problem(node.line, _join(path, name), f"{subject} has no '{name}' field; {_FIELD_HINTS[name]}")

    def wrong_kind(self, node: _Node, path: str, label: str, want: str, fix: str) -> None:
        self.problem(node.line, path, f"{label} should be {want}, but it is {_KIND_WORDS[node.kind]}; {fix}")

    # -- field kinds -----------------------------------------------------------------------

    def text(self, node: _Node, path: str, label: str) -> str | None:
        """Free text: any scalar, kept as typed; empty is weak, not malformed."""
        if node.kind != "scalar":
            name = path.rsplit(".", 1)[-1]
            self.wrong_kind(
                node,
                path,
                label,
                "a text",
                f"write the text after '{name}:' and put it in quotes if it contains ': ', '[' or '{{'",
            )
            return None
        return (node.value or "").strip()

    def required_scalar(self, node: _Node, path: str, label: str, fix: str) -> str | None:
        """A scalar that must not be empty (ids, stages, dates, country, format)."""
        if node.kind != "scalar":
            self.wrong_kind(node, path, label, "one value", fix)
            return None
        value = (node.value or "").strip()
        if not value:
            self.problem(node.line, path, f"{label} is empty; {fix}")
            return None
        return value

    def date(self, node: _Node, path: str, label: str) -> PlanDate | None:
        fix = "write a date as YYYY-MM or YYYY-MM-DD, for example 2027-06 or 2027-06-30"
        value = self.required_scalar(node, path, label, fix)
        if value is None:
            return None
        try:
            return PlanDate.parse(value)
        except ValueError as reason:
            why = "" if str(reason) == _NOT_A_DATE_FORM else f", but {reason}"
            self.problem(node.line, path, f"{label} is '{_show(value)}'{why}; {fix}")
            return None

    def stage(self, node: _Node, path: str, label: str) -> str | None:
        options = ", ".join(STAGES)
        value = self.required_scalar(node, path, label, f"use one of: {options}")
        if value is None:
            return None
        if value not in STAGES:
            close = _close(value, STAGES)
            hint = f" (did you mean '{close}'?)" if close else ""
            self.problem(node.line, path, f"{label} is '{_show(value)}', which is not a stage; use one of: {options}{hint}")
            return None
        return value

    def id_(self, node: _Node, path: str, label: str) -> str | None:
        return self.required_scalar(
            node, path, label, "give it a short id that no other objective or activity uses, for example 'O1' or 'D2'"
        )

    def ref(self, node: _Node, path: str, label: str) -> str | None:
        """The objective an activity serves: empty or dangling is weak (domestic_link)."""
        if node.kind != "scalar":
            self.wrong_kind(
                node,
                path,
                label,
                "one objective id",
                "an activity serves one objective, so write one id, for example 'objective: O1', "
                "and split the activity in two if it serves two",
            )
            return None
        return (node.value or "").strip()

    def adds(self, node: _Node, path: str, label: str) -> tuple[str, ...] | None:
        options = ", ".join(ADDS)
        if node.kind == "scalar" and node.value is None:
            return ()
        if node.kind != "seq":
            given = node.value.strip() if node.kind == "scalar" else ""
            words = [w for w in re.split(r"[\s,;]+", given) if w in ADDS]
            example = f"adds: [{', '.join(words)}]" if words else "adds: [leverage, visibility]"
            self.wrong_kind(node, path, label, "a list", f"write it in square brackets, for example '{example}'")
            return None
        values: list[str] = []
        ok = True
        for index, item in enumerate(node.value):
            item_path = f"{path}[{index}]"
            self.lines[item_path] = item.line
            if item.kind != "scalar" or not (item.value or "").strip():
                shown = "empty" if item.kind == "scalar" else _KIND_WORDS[item.kind]
                self.problem(item.line, item_path, f"{label} has a value that is {shown}; use only: {options}")
                ok = False
                continue
            value = item.value.strip()
            if value not in ADDS:
                close = _close(value, ADDS)
                hint = f" (did you mean '{close}'?)" if close else ""
                self.problem(item.line, item_path, f"{label} has '{_show(value)}', which is not allowed; use only: {options}{hint}")
                ok = False
                continue
            values.append(value)
        return tuple(values) if ok else None

    def reclist(self, node: _Node, path: str, label: str) -> tuple[str, ...] | None:
        """Cited recommendation ids: must be a list of texts; whether they exist is weak."""
        if node.kind == "scalar" and node.value is None:
            return ()
        if node.kind != "seq":
            example = node.value.strip() if node.kind == "scalar" else "KEN-S08-001"
            self.wrong_kind(
                node, path, label, "a list", f"write the ids in square brackets, for example 'recommendations: [{_show(example)}]'"
            )
            return None
        values: list[str] = []
        ok = True
        for index, item in enumerate(node.value):
            item_path = f"{path}[{index}]"
            self.lines[item_path] = item.line
            if item.kind != "scalar":
                self.wrong_kind(item, item_path, f"an item of {label}", "a recommendation id", "write one id per item, for example KEN-S08-001")
                ok = False
                continue
            values.append((item.value or "").strip())
        return tuple(values) if ok else None

    # -- the plan --------------------------------------------------------------------------

    def plan(self, root: _Node) -> Plan | None:
        if root.kind != "map":
            if root.kind == "seq":
                why = "the plan is a list (its lines start with '- '), but it must be fields such as 'format:' and 'country:'"
            else:
                why = "the plan is one piece of text, but it must be fields, one per line, such as 'format:' and 'country:'"
            self.problem(root.line, "", f"{why}; start from the example plan")
            return None
        fields = self.fields(root, "", "the plan", _TOP_FIELDS)
        values: dict[str, Any] = {}
        for name in _TOP_FIELDS:
            if name not in fields:
                if name not in _OPTIONAL_TOP:
                    self.missing(root, fields, name, "", "the plan", _TOP_FIELDS)
                continue
            key, node = fields[name]
            label = f"'{name}'"
            if name == "format":
                value = self.required_scalar(node, name, label, f"write 'format: {FORMAT}'")
                if value is not None and value != FORMAT:
                    self.problem(node.line, name, f"{label} is '{_show(value)}', but this course reads only '{FORMAT}'; write 'format: {FORMAT}'")
                values[name] = value
            elif name == "country":
                values[name] = self.country(node)
            elif name == "organisation":
                text = self.text(node, name, label)
                values[name] = text or None
            elif name in ("issue", "goal"):
                values[name] = self.text(node, name, label)
            elif name == "engagement":
                values[name] = self.engagement(node)
            else:
                values[name] = self.items(node, name)
        self.duplicate_ids(values)
        if self.problems:
            return None
        country_text, iso3, country_name = values["country"]
        return Plan(
            format=values["format"],
            country=country_text,
            country_iso3=iso3,
            country_name=country_name,
            organisation=values.get("organisation"),
            issue=values["issue"],
            goal=values["goal"],
            objectives=tuple(Objective(**_public(v)) for v in values["objectives"]),
            domestic_activities=tuple(DomesticActivity(**_public(v)) for v in values["domestic_activities"]),
            international_activities=tuple(InternationalActivity(**_public(v)) for v in values["international_activities"]),
            media=tuple(MediaMoment(**_public(v)) for v in values["media"]),
            risks=tuple(Risk(**_public(v)) for v in values["risks"]),
            engagement=values.get("engagement") or Engagement(),
            lines=MappingProxyType(dict(self.lines)),
            notes=tuple(sorted(self.notes, key=_problem_order)),
        )

    def engagement(self, node: _Node) -> Engagement | None:
        """``engagement: {decision: full|light|none, reasons: ...}``; reasons missing is weak, not malformed."""
        options = ", ".join(DECISIONS)
        if node.kind == "scalar" and node.value is None:
            return Engagement(line=node.line)
        if node.kind != "map":
            self.wrong_kind(
                node, "engagement", "'engagement'", "a group of fields",
                f"write 'decision:' ({options}) and 'reasons:' on the next lines, indented",
            )
            return None
        fields = self.fields(node, "engagement", "'engagement'", _ENGAGEMENT_FIELDS)
        decision = "full"
        if "decision" in fields:
            value = self.required_scalar(fields["decision"][1], "engagement.decision", "'decision' of 'engagement'", f"use one of: {options}")
            if value is not None and value.lower() not in DECISIONS:
                close = _close(value, DECISIONS)
                hint = f" (did you mean '{close}'?)" if close else ""
                self.problem(fields["decision"][1].line, "engagement.decision", f"'decision' of 'engagement' is '{_show(value)}'; use one of: {options}{hint}")
            elif value is not None:
                decision = value.lower()
        else:
            self.problem(node.line, "engagement.decision", f"'engagement' has no 'decision' field; add 'decision:' with one of: {options}")
        reasons = ""
        if "reasons" in fields:
            reasons = self.text(fields["reasons"][1], "engagement.reasons", "'reasons' of 'engagement'") or ""
        return Engagement(decision=decision, reasons=reasons, stated=True, line=node.line)

    def country(self, node: _Node) -> tuple[str, str, str] | None:
        fix = "write the State under Review, for example 'country: Kenya' or 'country: KEN'"
        value = self.required_scalar(node, "country", "'country'", fix)
        if value is None:
            return None
        try:
            iso3, name = self.country_lookup(value)
        except UnknownCountryError as error:
            if error.suggestions:
                hint = f"did you mean {_or_list(error.suggestions)}?"
            else:
                hint = "use the name of a UN Member State or its three-letter ISO code, for example 'Kenya' or 'KEN'"
            self.problem(node.line, "country", f"'{_show(value)}' is not a country we know; {hint}")
            return None
        except LookupError:
            self.problem(
                node.line,
                "country",
                f"'{_show(value)}' is not a country we know; use the name of a UN Member State or its three-letter ISO code",
            )
            return None
        return value, iso3, name

    def items(self, node: _Node, list_name: str) -> list[dict[str, Any]]:
        word, required, optional = _LISTS[list_name]
        label = f"'{list_name}'"
        if node.kind == "scalar" and node.value is None:
            return []  # 'risks:' with nothing after it: an empty list, weak
        if node.kind != "seq":
            if node.kind == "map":
                fix = f"start each {word} with '- ' (a dash and a space) before its first field"
            else:
                fix = f"write each {word} on its own lines, starting with '- ' (see the example plan)"
            self.wrong_kind(node, list_name, label, "a list", fix)
            return []
        known = tuple(required) + tuple(optional)
        if len(node.value) > MAX_ITEMS:
            self.problem(
                node.line,
                list_name,
                f"{label} has {len(node.value):,} items; a plan can have at most {MAX_ITEMS}. Keep the {word} items that matter most "
                "(a strong plan has a handful), or split the work into several plans",
            )
            return []
        result = []
        for index, item in enumerate(node.value):
            path = f"{list_name}[{index}]"
            self.lines[path] = item.line
            subject = f"{word} number {index + 1}"
            if item.kind != "map":
                first = next(iter(required))
                self.wrong_kind(
                    item,
                    path,
                    f"each {word}",
                    "a group of fields",
                    f"write it as '- {first}: ...' with the other fields ({', '.join(required)}) on the next lines, indented",
                )
                continue
            fields = self.fields(item, path, subject, known)
            if "id" in required and "id" in fields and fields["id"][1].kind == "scalar" and fields["id"][1].value:
                subject = f"{word} {_show(fields['id'][1].value.strip())}"
            values: dict[str, Any] = {"line": item.line, "_path": path}
            for name, kind in {**required, **optional}.items():
                if name not in fields:
                    if name in required:
                        self.missing(item, fields, name, path, subject, known)
                    elif kind == "reclist":
                        values[name] = ()
                    continue
                field_node = fields[name][1]
                values[name] = getattr(self, _KIND_METHODS[kind])(field_node, f"{path}.{name}", f"'{name}' of {subject}")
            result.append(values)
        return result

    def duplicate_ids(self, values: dict[str, Any]) -> None:
        """Ids are unique across objectives and both kinds of activity, as the spec says."""
        seen: dict[str, int | None] = {}
        all_ids = [
            item["id"]
            for name in ("objectives", "domestic_activities", "international_activities")
            for item in values.get(name) or []
            if item.get("id")
        ]
        for name in ("objectives", "domestic_activities", "international_activities"):
            for item in values.get(name) or []:
                item_id = item.get("id")
                if not item_id:
                    continue
                path = f"{item['_path']}.id"
                line = self.lines.get(path)
                if item_id in seen:
                    where = f" on line {seen[item_id]}" if seen[item_id] else ""
                    free = _free_id(item_id, all_ids)
                    self.problem(
                        line,
                        path,
                        f"the id '{_show(item_id)}' is already used{where}; give each objective and activity its own id, "
                        f"for example '{free}'",
                    )
                else:
                    seen[item_id] = line


def _public(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if not k.startswith("_")}


_KIND_METHODS = {
    "id": "id_",
    "text": "text",
    "date": "date",
    "ref": "ref",
    "stage": "stage",
    "adds": "adds",
    "reclist": "reclist",
}


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _normal(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def _near_miss(name: str, known: tuple[str, ...]) -> str | None:
    """The known field that an unknown field name probably meant, if any."""
    normal = _normal(name)
    for candidate in known:
        if normal == candidate or normal.rstrip("s") == candidate.rstrip("s"):
            return candidate
    close = difflib.get_close_matches(normal, known, n=1, cutoff=0.75)
    return close[0] if close else None


def _near_miss_for(wanted: str, names: list[str]) -> str | None:
    """Of the names present, the one that was probably meant to be ``wanted``."""
    for name in names:
        normal = _normal(name)
        if normal == wanted or normal.rstrip("s") == wanted.rstrip("s"):
            return name
    normals = {_normal(n): n for n in names}
    close = difflib.get_close_matches(wanted, list(normals), n=1, cutoff=0.75)
    return normals[close[0]] if close else None


def _close(value: str, options: Mapping[str, Any] | tuple[str, ...]) -> str | None:
    normal = _normal(value)
    if normal in options:
        return normal
    close = difflib.get_close_matches(normal, list(options), n=1, cutoff=0.6)
    return close[0] if close else None


def _free_id(taken: str, all_ids: list[str]) -> str:
    """A suggestion for a new id with the same letters as a duplicate: O1 taken -> O3."""
    prefix = re.match(r"\D*", taken).group() or "X"
    number = 1
    while f"{prefix}{number}" in all_ids:
        number += 1
    return f"{prefix}{number}"


def _show(value: str, limit: int = 40) -> str:
    """A value as it can be quoted in a message: one line, short, no hidden characters."""
    text = " ".join(str(value).split())
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _or_list(items: list[str]) -> str:
    quoted = [f"'{_show(item)}'" for item in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


# --------------------------------------------------------------------------------------------
# Entry point


def parse_plan(text: str, *, country_lookup: CountryLookup | None = None) -> Plan:
    """Read an action plan; return a ``Plan`` or raise ``PlanError`` listing every problem.

    ``country_lookup(name) -> (iso3, canonical name)`` raises ``UnknownCountryError`` for
    unknown names; by default it is ``upr_course.data.find_country``. Whatever ``text`` is,
    the result is a Plan or a PlanError, never another exception from the plan's content
    (an error of the lookup itself, such as missing datasets, is not the plan's fault and
    is passed on).
    """
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise PlanError([Problem(None, "", "The file is not UTF-8 text; save the plan as plain text (UTF-8) and try again.")]) from None
    if text is None or not isinstance(text, str):
        raise PlanError([Problem(None, "", "There is no plan text; paste or load the plan, starting from the example plan.")])
    try:
        size = len(text.encode("utf-8", "surrogatepass"))
    except Exception:  # noqa: BLE001 - cannot happen for str, but never a traceback
        size = len(text) * 4
    if size > MAX_BYTES:
        raise PlanError(
            [
                Problem(
                    None,
                    "",
                    f"The plan is too long ({size // 1000:,} kB; the limit is {MAX_BYTES // 1000:,} kB); "
                    "keep it to the objectives and activities that matter most.",
                )
            ]
        )
    problems = _bad_character_problems(text)
    if problems:
        raise PlanError(problems)
    tab_problems, root, reader_problems = _read_with_tabs_forgiven(text)
    if reader_problems or (tab_problems and root is None):
        raise PlanError(tab_problems + reader_problems)
    if root is None or (root.kind == "scalar" and root.value is None):
        raise PlanError(
            [Problem(None, "", "The plan is empty; start from the example plan and fill in each field.")]
        )
    checker = _Checker(country_lookup or _default_country_lookup)
    plan = checker.plan(root)
    if plan is None or tab_problems:
        raise PlanError(tab_problems + checker.problems)
    return plan


_LEADING_TABS = re.compile(r"^([ \t]*\t[ \t]*)", re.M)


def _read_with_tabs_forgiven(text: str) -> tuple[list[Problem], _Node | None, list[Problem]]:
    """Read the YAML; tabs in indentation are reported, then read as spaces to find the other problems.

    YAML stops at the first tab, so without this a participant would fix the tab, run again and
    only then hear of the duplicate field three lines below. Each tab is one problem of its own;
    the text is still refused, but every problem is listed at once.
    """
    lines = _split_lines(text)
    tabbed = [number for number, line in enumerate(lines, 1) if "\t" in line[: len(line) - len(line.lstrip(" \t"))]]
    if not tabbed:
        reader = _Reader(text)
        root = reader.read()
        return [], root, reader.problems
    tab_problems = [
        Problem(number, "", _with_line(number, "this line is indented with a tab; indent with spaces only, never with tabs"))
        for number in tabbed
    ]
    for width in (2, 4):
        spaced = _LEADING_TABS.sub(lambda match: match.group(1).replace("\t", " " * width), text)
        reader = _Reader(spaced)
        root = reader.read()
        if not reader.problems:
            return tab_problems, root, []
    # Still unreadable once the tabs are spaces: the other problem is real, report both.
    return tab_problems, None, [p for p in reader.problems if p.line not in tabbed]

"""Checking that a plan can be graded: every field, every problem at once, each with its line.

Field kinds are checked by functions of :class:`_Checker` chosen from ``FIELD_KINDS``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from upr_course.errors import UnknownCountryError

from ..i18n import N_, pgettext
from ..i18n import gettext as _

from .model import (
    _NOT_A_DATE_FORM,
    ADDS,
    DECISIONS,
    FORMAT,
    MAX_BYTES,
    MAX_ITEMS,
    STAGES,
    DomesticActivity,
    Engagement,
    InternationalActivity,
    MediaMoment,
    Objective,
    Plan,
    PlanDate,
    PlanError,
    Problem,
    Risk,
    _problem_order,
)
from .yaml_reader import (
    _KIND_WORDS,
    _bad_character_problems,
    _Node,
    _read_with_tabs_forgiven,
    _show,
    _with_line,
)

# --------------------------------------------------------------------------------------------
# Checking the plan


#: What to write when a field is missing: the fix half of the message.
_FIELD_HINTS: dict[str, str] = {
    "format": N_("add 'format: {format}' as the first line"),
    "country": N_("add 'country:' with the State under Review, for example 'country: Kenya' or 'country: KEN'"),
    "issue": N_("add 'issue:' with the human rights issue in a few words"),
    "goal": N_("add 'goal:' with the change you want at home, and by when"),
    "objectives": N_("add 'objectives:' with a list of objectives (write 'objectives: []' if there are none yet)"),
    "domestic_activities": N_(
        "add 'domestic_activities:' with a list of activities at home (write 'domestic_activities: []' if there are none yet)"
    ),
    "international_activities": N_(
        "add 'international_activities:' with a list of UPR activities "
        "(write 'international_activities: []' if there are none yet)"
    ),
    "media": N_("add 'media:' with a list of media moments (write 'media: []' if there are none yet)"),
    "risks": N_("add 'risks:' with a list of risks and how you reduce them (write 'risks: []' if there are none yet)"),
    "id": N_("add a short id that no other objective or activity uses, for example 'id: O1'"),
    "text": N_("add 'text:' with one sentence that says what it is"),
    "target": N_("add 'target:' with the decision-maker you want to move"),
    "indicator": N_("add 'indicator:' with how you will know it happened"),
    "due": N_("add 'due:' with the month it should be reached, for example 'due: 2027-06'"),
    "when": N_("add 'when:' with the month it happens, for example 'when: 2027-03'"),
    "objective": N_("add 'objective:' with the id of the objective it serves, for example 'objective: O1'"),
    "stage": N_("add 'stage:' with a stage of the UPR cycle, for example 'stage: stakeholder_report'"),
    "adds": N_("add 'adds:' with what the step adds, for example 'adds: [leverage, visibility]'"),
    "added_value": N_("add 'added_value:' with what this step adds that work at home alone could not"),
    "brought_home": N_("add 'brought_home:' with how you use the result back home"),
    "moment": N_("add 'moment:' with the stage of the UPR cycle it is tied to, for example 'moment: review'"),
    "risk": N_("add 'risk:' with what could go wrong"),
    "mitigation": N_("add 'mitigation:' with how you reduce that risk"),
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
#: How problems name a list's items, translated where shown: the bare word ("each objective"),
#: an item by its number ("objective number 2") and by its id ("objective O1"). A translation
#: gives the last two their article, so that "'due' of {item}" can read well in Spanish and French.
_ITEM_NAMES = {
    "objectives": (lambda: pgettext("plan item", "objective"), N_("objective number {number}"), N_("objective {id}")),
    "domestic_activities": (
        lambda: pgettext("plan item", "domestic activity"), N_("domestic activity number {number}"), N_("domestic activity {id}"),
    ),
    "international_activities": (
        lambda: pgettext("plan item", "international activity"), N_("international activity number {number}"), N_("international activity {id}"),
    ),
    "media": (lambda: pgettext("plan item", "media moment"), N_("media moment number {number}"), N_("media moment {id}")),
    "risks": (lambda: pgettext("plan item", "risk"), N_("risk number {number}"), N_("risk {id}")),
}


class _Later:
    """A message looked up only when it is shown: a plan's fields are named in case they have a
    problem, and most have none, so a good plan is read without looking up any message."""

    __slots__ = ("_make",)

    def __init__(self, make: Callable[[], str]):
        self._make = make

    def __str__(self) -> str:
        return self._make()

    def __format__(self, spec: str) -> str:
        return format(self._make(), spec)


def _field_label(name: str, subject: object | None = None) -> object:
    """How a problem names a field: "'goal'", or "'due' of objective O1" (looked up when shown)."""
    if subject is None:
        return f"'{name}'"
    # TRANSLATORS: a field of an item of the plan: "'due' of objective O1".
    return _Later(lambda: _("'{field}' of {item}").format(field=name, item=subject))


def _hint(name: str) -> str:
    return _(_FIELD_HINTS[name]).format(format=FORMAT)

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
                    _("a field name in {subject} is not a plain word; write each field as 'name: value'").format(subject=subject),
                )
                continue
            name = key.value
            if name in result:
                first = result[name][0].line
                self.problem(
                    key.line,
                    _join(path, name),
                    _("'{name}' appears twice in {subject} (also on line {first}); keep only one of them").format(
                        name=_show(name), subject=subject, first=first
                    ),
                )
                continue
            result[name] = (key, value)
            self.lines[_join(path, name)] = key.line
            if name not in known:
                close = _near_miss(name, known)
                if close:
                    text = _("'{name}' in {subject} is not a field of the action plan format; did you mean '{close}'?")
                else:
                    text = _("'{name}' in {subject} is not a field of the action plan format, so it is ignored")
                self.notes.append(
                    Problem(key.line, _join(path, name), _with_line(key.line, text.format(name=_show(name), subject=subject, close=close)))
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
                _("{subject} has no '{name}' field, but it has '{close}' (did you mean '{name}'?); rename it to '{name}'").format(
                    subject=subject, name=name, close=_show(close)
                ),
            )
            return
        self.problem(node.line, _join(path, name), _("{subject} has no '{name}' field; {hint}").format(subject=subject, name=name, hint=_hint(name)))

    def wrong_kind(self, node: _Node, path: str, label: str, want: str, fix: str) -> None:
        """``want`` is what the field should be, already translated ("a list")."""
        self.problem(
            node.line, path, _("{label} should be {want}, but it is {kind}; {fix}").format(label=label, want=want, kind=_(_KIND_WORDS[node.kind]), fix=fix)
        )

    # -- field kinds -----------------------------------------------------------------------

    def text(self, node: _Node, path: str, label: str) -> str | None:
        """Free text: any scalar, kept as typed; empty is weak, not malformed."""
        if node.kind != "scalar":
            name = path.rsplit(".", 1)[-1]
            self.wrong_kind(
                node,
                path,
                label,
                _("a text"),
                _("write the text after '{name}:' and put it in quotes if it contains ': ', '[' or '{{'").format(name=name),
            )
            return None
        return (node.value or "").strip()

    def required_scalar(self, node: _Node, path: str, label: str, fix: str) -> str | None:
        """A scalar that must not be empty (ids, stages, dates, country, format)."""
        if node.kind != "scalar":
            self.wrong_kind(node, path, label, _("one value"), fix)
            return None
        value = (node.value or "").strip()
        if not value:
            self.problem(node.line, path, _("{label} is empty; {fix}").format(label=label, fix=fix))
            return None
        return value

    def date(self, node: _Node, path: str, label: str) -> PlanDate | None:
        fix = _Later(lambda: _("write a date as YYYY-MM or YYYY-MM-DD, for example 2027-06 or 2027-06-30"))
        value = self.required_scalar(node, path, label, fix)
        if value is None:
            return None
        try:
            return PlanDate.parse(value)
        except ValueError as reason:
            if str(reason) == _(_NOT_A_DATE_FORM):
                text = _("{label} is '{value}'; {fix}")
            else:
                text = _("{label} is '{value}', but {reason}; {fix}")
            self.problem(node.line, path, text.format(label=label, value=_show(value), reason=reason, fix=fix))
            return None

    def stage(self, node: _Node, path: str, label: str) -> str | None:
        options = ", ".join(STAGES)
        value = self.required_scalar(node, path, label, _Later(lambda: _("use one of: {options}").format(options=options)))
        if value is None:
            return None
        if value not in STAGES:
            close = _close(value, STAGES)
            if close:
                text = _("{label} is '{value}', which is not a stage; use one of: {options} (did you mean '{close}'?)")
            else:
                text = _("{label} is '{value}', which is not a stage; use one of: {options}")
            self.problem(node.line, path, text.format(label=label, value=_show(value), options=options, close=close))
            return None
        return value

    def id_(self, node: _Node, path: str, label: str) -> str | None:
        return self.required_scalar(
            node, path, label, _Later(lambda: _("give it a short id that no other objective or activity uses, for example 'O1' or 'D2'"))
        )

    def ref(self, node: _Node, path: str, label: str) -> str | None:
        """The objective an activity serves: empty or dangling is weak (domestic_link)."""
        if node.kind != "scalar":
            self.wrong_kind(
                node,
                path,
                label,
                _("one objective id"),
                _("an activity serves one objective, so write one id, for example 'objective: O1', and split the activity in two if it serves two"),
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
            self.wrong_kind(node, path, label, _("a list"), _("write it in square brackets, for example '{example}'").format(example=example))
            return None
        values: list[str] = []
        ok = True
        for index, item in enumerate(node.value):
            item_path = f"{path}[{index}]"
            self.lines[item_path] = item.line
            if item.kind != "scalar" or not (item.value or "").strip():
                if item.kind == "scalar":
                    text = _("{label} has a value that is empty; use only: {options}")
                else:
                    text = _("{label} has a value that is {kind}; use only: {options}")
                self.problem(item.line, item_path, text.format(label=label, kind=_(_KIND_WORDS[item.kind]), options=options))
                ok = False
                continue
            value = item.value.strip()
            if value not in ADDS:
                close = _close(value, ADDS)
                if close:
                    text = _("{label} has '{value}', which is not allowed; use only: {options} (did you mean '{close}'?)")
                else:
                    text = _("{label} has '{value}', which is not allowed; use only: {options}")
                self.problem(item.line, item_path, text.format(label=label, value=_show(value), options=options, close=close))
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
                node, path, label, _("a list"), _("write the ids in square brackets, for example 'recommendations: [{example}]'").format(example=_show(example))
            )
            return None
        values: list[str] = []
        ok = True
        for index, item in enumerate(node.value):
            item_path = f"{path}[{index}]"
            self.lines[item_path] = item.line
            if item.kind != "scalar":
                self.wrong_kind(
                    item, item_path, _("an item of {label}").format(label=label), _("a recommendation id"),
                    _("write one id per item, for example KEN-S08-001"),
                )
                ok = False
                continue
            values.append((item.value or "").strip())
        return tuple(values) if ok else None

    # -- the plan --------------------------------------------------------------------------

    def plan(self, root: _Node) -> Plan | None:
        if root.kind != "map":
            if root.kind == "seq":
                why = _("the plan is a list (its lines start with '- '), but it must be fields such as 'format:' and 'country:'; start from the example plan")
            else:
                why = _("the plan is one piece of text, but it must be fields, one per line, such as 'format:' and 'country:'; start from the example plan")
            self.problem(root.line, "", why)
            return None
        the_plan = _Later(lambda: _("the plan"))
        fields = self.fields(root, "", the_plan, _TOP_FIELDS)
        values: dict[str, Any] = {}
        for name in _TOP_FIELDS:
            if name not in fields:
                if name not in _OPTIONAL_TOP:
                    self.missing(root, fields, name, "", the_plan, _TOP_FIELDS)
                continue
            key, node = fields[name]
            label = _field_label(name)
            if name == "format":
                value = self.required_scalar(node, name, label, _Later(lambda: _("write 'format: {format}'").format(format=FORMAT)))
                if value is not None and value != FORMAT:
                    self.problem(
                        node.line, name,
                        _("{label} is '{value}', but this course reads only '{format}'; write 'format: {format}'").format(
                            label=label, value=_show(value), format=FORMAT
                        ),
                    )
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
                node, "engagement", "'engagement'", _("a group of fields"),
                _("write 'decision:' ({options}) and 'reasons:' on the next lines, indented").format(options=options),
            )
            return None
        fields = self.fields(node, "engagement", "'engagement'", _ENGAGEMENT_FIELDS)
        decision = "full"
        if "decision" in fields:
            label = _Later(lambda: _("'{field}' of '{block}'").format(field="decision", block="engagement"))
            value = self.required_scalar(
                fields["decision"][1], "engagement.decision", label, _Later(lambda: _("use one of: {options}").format(options=options))
            )
            if value is not None and value.lower() not in DECISIONS:
                close = _close(value, DECISIONS)
                if close:
                    text = _("{label} is '{value}'; use one of: {options} (did you mean '{close}'?)")
                else:
                    text = _("{label} is '{value}'; use one of: {options}")
                self.problem(fields["decision"][1].line, "engagement.decision", text.format(label=label, value=_show(value), options=options, close=close))
            elif value is not None:
                decision = value.lower()
        else:
            self.problem(
                node.line, "engagement.decision", _("'engagement' has no 'decision' field; add 'decision:' with one of: {options}").format(options=options)
            )
        reasons = ""
        if "reasons" in fields:
            label = _Later(lambda: _("'{field}' of '{block}'").format(field="reasons", block="engagement"))
            reasons = self.text(fields["reasons"][1], "engagement.reasons", label) or ""
        return Engagement(decision=decision, reasons=reasons, stated=True, line=node.line)

    def country(self, node: _Node) -> tuple[str, str, str] | None:
        fix = _Later(lambda: _("write the State under Review, for example 'country: Kenya' or 'country: KEN'"))
        value = self.required_scalar(node, "country", "'country'", fix)
        if value is None:
            return None
        try:
            iso3, name = self.country_lookup(value)
        except UnknownCountryError as error:
            if error.suggestions:
                text = _("'{value}' is not a country we know; did you mean {suggestions}?")
            else:
                text = _("'{value}' is not a country we know; use the name of a UN Member State or its three-letter ISO code, for example 'Kenya' or 'KEN'")
            self.problem(node.line, "country", text.format(value=_show(value), suggestions=_or_list(error.suggestions)))
            return None
        except LookupError:
            self.problem(
                node.line,
                "country",
                _("'{value}' is not a country we know; use the name of a UN Member State or its three-letter ISO code").format(value=_show(value)),
            )
            return None
        return value, iso3, name

    def items(self, node: _Node, list_name: str) -> list[dict[str, Any]]:
        required, optional = _LISTS[list_name][1:]
        word_of, by_number, by_id = _ITEM_NAMES[list_name]
        word = _Later(word_of)
        label = f"'{list_name}'"
        if node.kind == "scalar" and node.value is None:
            return []  # 'risks:' with nothing after it: an empty list, weak
        if node.kind != "seq":
            if node.kind == "map":
                fix = _("start each {item} with '- ' (a dash and a space) before its first field").format(item=word)
            else:
                fix = _("write each {item} on its own lines, starting with '- ' (see the example plan)").format(item=word)
            self.wrong_kind(node, list_name, label, _("a list"), fix)
            return []
        known = tuple(required) + tuple(optional)
        if len(node.value) > MAX_ITEMS:
            self.problem(
                node.line,
                list_name,
                _(
                    "{label} has {count} items; a plan can have at most {limit}. Keep the {item} items that matter most "
                    "(a strong plan has a handful), or split the work into several plans"
                ).format(label=label, count=f"{len(node.value):,}", limit=MAX_ITEMS, item=word),
            )
            return []
        result = []
        for index, item in enumerate(node.value):
            path = f"{list_name}[{index}]"
            self.lines[path] = item.line
            subject = _Later(lambda number=index + 1: _(by_number).format(number=number))
            if item.kind != "map":
                first = next(iter(required))
                self.wrong_kind(
                    item,
                    path,
                    _("each {item}").format(item=word),
                    _("a group of fields"),
                    _("write it as '- {first}: ...' with the other fields ({fields}) on the next lines, indented").format(
                        first=first, fields=", ".join(required)
                    ),
                )
                continue
            fields = self.fields(item, path, subject, known)
            if "id" in required and "id" in fields and fields["id"][1].kind == "scalar" and fields["id"][1].value:
                shown_id = _show(fields["id"][1].value.strip())
                subject = _Later(lambda item_id=shown_id: _(by_id).format(id=item_id))
            values: dict[str, Any] = {"line": item.line, "_path": path}
            for name, kind in {**required, **optional}.items():
                if name not in fields:
                    if name in required:
                        self.missing(item, fields, name, path, subject, known)
                    elif kind == "reclist":
                        values[name] = ()
                    continue
                field_node = fields[name][1]
                values[name] = FIELD_KINDS[kind](self, field_node, f"{path}.{name}", _field_label(name, subject))
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
                    free = _free_id(item_id, all_ids)
                    if seen[item_id]:
                        text = _("the id '{id}' is already used on line {first}; give each objective and activity its own id, for example '{free}'")
                    else:
                        text = _("the id '{id}' is already used; give each objective and activity its own id, for example '{free}'")
                    self.problem(line, path, text.format(id=_show(item_id), first=seen[item_id], free=free))
                else:
                    seen[item_id] = line


def _public(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if not k.startswith("_")}


#: The function that checks and reads each kind of field (the kinds named in the field tables above).
FIELD_KINDS: dict[str, Callable[..., Any]] = {
    "id": _Checker.id_,
    "text": _Checker.text,
    "date": _Checker.date,
    "ref": _Checker.ref,
    "stage": _Checker.stage,
    "adds": _Checker.adds,
    "reclist": _Checker.reclist,
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


def _or_list(items: list[str]) -> str:
    quoted = [f"'{_show(item)}'" for item in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    # TRANSLATORS: the end of a list of choices, "'Niger', 'Nigeria' or 'Algeria'".
    return _("{items} or {last}").format(items=", ".join(quoted[:-1]), last=quoted[-1])


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
            raise PlanError([Problem(None, "", _("The file is not UTF-8 text; save the plan as plain text (UTF-8) and try again."))]) from None
    if text is None or not isinstance(text, str):
        raise PlanError([Problem(None, "", _("There is no plan text; paste or load the plan, starting from the example plan."))])
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
                    _(
                        "The plan is too long ({size} kB; the limit is {limit} kB); keep it to the objectives and activities that matter most."
                    ).format(size=f"{size // 1000:,}", limit=f"{MAX_BYTES // 1000:,}"),
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
            [Problem(None, "", _("The plan is empty; start from the example plan and fill in each field."))]
        )
    checker = _Checker(country_lookup or _default_country_lookup)
    plan = checker.plan(root)
    if plan is None or tab_problems:
        raise PlanError(tab_problems + checker.problems)
    return plan



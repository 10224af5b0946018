"""Read an action plan (YAML text) and check that it can be graded.

The package: ``model`` (the plan as values, its limits and problems), ``yaml_reader`` (YAML
into nodes that keep their lines), ``checker`` (every field checked, every problem at once;
``parse_plan``), ``draft`` (a plan being written, as the plan builder holds it) and ``writer``
(values written back as YAML that reads back the same).

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
``engagement`` (optional)
    M: not a group of fields; ``decision`` missing, empty or not one of ``full``, ``light``,
    ``none``. W: ``reasons`` missing or empty (the rubric asks for them). A plan with no UN
    steps and no ``engagement`` block has decided ``none`` without reasons (``Plan.decision``).
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

from .checker import CountryLookup, parse_plan
from .model import (
    ADDS,
    DECISIONS,
    FORMAT,
    MAX_BYTES,
    MAX_DEPTH,
    MAX_ITEMS,
    MAX_NODES,
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
)

__all__ = [
    "ADDS",
    "DECISIONS",
    "FORMAT",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_ITEMS",
    "MAX_NODES",
    "STAGES",
    "CountryLookup",
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

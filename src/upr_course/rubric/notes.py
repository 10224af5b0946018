"""Feedback with one message per problem, however many activities share it.

A plan with the same weakness in five activities should read "Activities I1, I2, I3, I4 and
I5 (lines 30, 41, 52, 63, 74): ..." once, not the same sentence five times. Each note has a
``kind`` (the problem) and a ``where`` (the item and line); notes of one kind whose advice is
the same are merged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..i18n import gettext, ngettext


#: How a note names the items it is about, one or several (``Notes.add``'s ``item``).
ITEM_NAMES = {
    "activity": lambda n: ngettext("Activity {ids}", "Activities {ids}", n),
    "risk": lambda n: ngettext("Risk {ids}", "Risks {ids}", n),
}


@dataclass
class Notes:
    """Collects feedback notes in order and merges those that say the same thing."""

    _items: list[tuple[str, tuple[str, object] | None, int | None, str]] = field(default_factory=list)

    def add(self, kind: str, item: tuple[str, object], line: int | None, advice: str) -> None:
        """``item`` is what the note is about, ``("activity", "I2")`` or ``("risk", 1)``;
        ``advice`` the sentence after the colon."""
        self._items.append((kind, item, line, advice))

    def plain(self, advice: str) -> None:
        """A note about the whole plan, not one item."""
        self._items.append(("", None, None, advice))

    def __bool__(self) -> bool:
        return bool(self._items)

    @property
    def lines(self) -> list[int]:
        return [line for *_, line, _ in self._items if line]

    def messages(self) -> list[str]:
        merged: dict[tuple[str, str], list[tuple[tuple[str, object] | None, int | None]]] = {}
        for kind, item, line, advice in self._items:
            merged.setdefault((kind, advice), []).append((item, line))
        result = []
        for (_, advice), places in merged.items():
            items = [item for item, _ in places if item]
            if not items:
                result.append(advice)
                continue
            lines = [str(line) for _, line in places if line]
            where = _names(items)
            if lines:
                where = ngettext("{items} (line {lines})", "{items} (lines {lines})", len(lines)).format(items=where, lines=", ".join(lines))
            # TRANSLATORS: {where} names the items ("Activity I2 (line 30)"), {advice} says what to do.
            result.append(gettext("{where}: {advice}").format(where=where, advice=advice))
        return result


def _names(items: list[tuple[str, object]]) -> str:
    """"Activity I1" / "Activities I1 and I2" / "Activities I1, I2 and I3"."""
    from .feedback import and_list

    items = list(dict.fromkeys(items))
    return ITEM_NAMES[items[0][0]](len(items)).format(ids=and_list(str(item_id) for _, item_id in items))


def quote(text: str, limit: int = 80) -> str:
    """A participant's words, quoted on one line and shortened."""
    one_line = " ".join((text or "").split())
    return "'" + (one_line if len(one_line) <= limit else one_line[: limit - 3].rstrip() + "...") + "'"


def quote_list(phrases) -> str:
    from .feedback import and_list

    return and_list(quote(p, 40) for p in dict.fromkeys(phrases))

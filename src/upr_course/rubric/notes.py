"""Feedback with one message per problem, however many activities share it.

A plan with the same weakness in five activities should read "Activities I1, I2, I3, I4 and
I5 (lines 30, 41, 52, 63, 74): ..." once, not the same sentence five times. Each note has a
``kind`` (the problem) and a ``where`` (the item and line); notes of one kind whose advice is
the same are merged.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Notes:
    """Collects feedback notes in order and merges those that say the same thing."""

    _items: list[tuple[str, str, int | None, str]] = field(default_factory=list)

    def add(self, kind: str, item: str, line: int | None, advice: str) -> None:
        """``item`` is a short name ("Activity I2"), ``advice`` the sentence after the colon."""
        self._items.append((kind, item, line, advice))

    def plain(self, advice: str) -> None:
        """A note about the whole plan, not one item."""
        self._items.append(("", "", None, advice))

    def __bool__(self) -> bool:
        return bool(self._items)

    @property
    def lines(self) -> list[int]:
        return [line for *_, line, _ in self._items if line]

    def messages(self) -> list[str]:
        merged: dict[tuple[str, str], list[tuple[str, int | None]]] = {}
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
                where += f" ({'line' if len(lines) == 1 else 'lines'} {', '.join(lines)})"
            result.append(f"{where}: {advice}")
        return result


def _names(items: list[str]) -> str:
    """"Activity I1" / "Activities I1 and I2" / "Activities I1, I2 and I3"."""
    items = list(dict.fromkeys(items))
    if len(items) == 1:
        return items[0]
    ids = [item.split(" ", 1)[-1] for item in items]
    noun = items[0].split(" ", 1)[0]
    plural = "Activities" if noun == "Activity" else noun + "s"
    return f"{plural} {', '.join(ids[:-1])} and {ids[-1]}"


def quote(text: str, limit: int = 80) -> str:
    """A participant's words, quoted on one line and shortened."""
    one_line = " ".join((text or "").split())
    return "'" + (one_line if len(one_line) <= limit else one_line[: limit - 3].rstrip() + "...") + "'"


def quote_list(phrases) -> str:
    phrases = [quote(p, 40) for p in dict.fromkeys(phrases)]
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]

"""Reading YAML into small nodes that keep their lines, without the usual loaders' surprises.

See the package docstring (``upr_course.plan``): the event parser has no recursion, duplicate keys are
seen, aliases are counted before they are expanded, and every scalar stays the text that was typed.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..i18n import N_, ngettext
from ..i18n import gettext as _
from .model import _MAX_CHAR_PROBLEMS, MAX_DEPTH, MAX_NODES, Problem

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
#: What a value is, as said in a problem ("..., but it is a list"); translated where shown.
_KIND_WORDS = {"seq": N_("a list"), "map": N_("a group of fields"), "scalar": N_("a text")}
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
                            _(
                                "the plan is nested more than {depth} levels deep here; "
                                "a plan needs only a few levels, so check the brackets and indentation"
                            ).format(depth=MAX_DEPTH),
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
                        _("'*{name}' refers to nothing; a text that starts with '*' must be in quotes, for example \"*{name}\"").format(name=name),
                    )
                    return None
                if any(target is open_node for open_node in stack):
                    self.problem(line, "", _("'*{name}' refers to a part of the text that contains it; write the text out in full").format(name=name))
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
            _(
                "the plan is too long (more than {count} values once every '*' reference is written out); "
                "keep it to the objectives and activities that matter most"
            ).format(count=f"{MAX_NODES:,}"),
        )


def _with_line(line: int | None, message: str) -> str:
    message = message[0].upper() + message[1:] if line is None else message
    # TRANSLATORS: every problem of a plan that cannot be read starts so; {message} is the problem.
    text = message if line is None else _("Line {line}: {message}").format(line=line, message=message)
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
        message = _("this line starts with a tab; indent with spaces only, never with tabs")
    elif "quoted scalar" in context:
        message = _(
            "a quote (\" or ') opens here but is never closed; add the closing quote at the end of the text, "
            "or remove the opening one"
        )
    elif "mapping values are not allowed" in problem:
        message = _(
            "YAML reads ': ' (a colon and a space) here as the start of a field; if it is part of a text, put the "
            "whole text in quotes or write '>' after the field name and the text on the next lines, indented, "
            "and if it is a new field, check its indentation"
        )
    elif "simple key" in context and "expected ':'" in problem:
        message = _(
            "YAML expected 'name: value' here; if this line continues the text above, indent it further than the "
            "field name (or write '>' after the colon), otherwise check the field name and its colon"
        )
    elif "block scalar" in context:
        message = _("after '>' or '|' nothing may follow on the same line; start the text on the next line, indented")
    elif "anchor" in context or "alias" in context:
        message = _("a text that starts with '&' or '*' must be in quotes, for example text: \"* important\"")
    elif "cannot start any token" in problem:
        message = _(
            "a text here starts with a special character (such as @, `, % or |); put the whole text in quotes"
        )
    elif "flow sequence" in context or "flow mapping" in context:
        message = _(
            "a list in [ ] or a group in { } is not closed, or an item in it has a ':' or '#'; "
            "close the bracket, or put that item in quotes"
        )
    elif "block collection" in context or "block mapping" in context or "block end" in problem:
        message = _(
            "the indentation is wrong here; fields of the same item must start in the same column, and each list "
            "item starts with '- ' at the same indentation"
        )
    elif isinstance(error, yaml.reader.ReaderError):
        message = _("the text has a character that YAML does not allow; delete it or save the file as UTF-8 text")
        line = _line_of_char(text, getattr(error, "character", None))
    else:
        message = _(
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
                        _(
                            "this line has a hidden character (code {code}) that YAML does not allow; delete it "
                            "(it often comes from copying text out of a PDF or a word processor)"
                        ).format(code=code),
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
                    ngettext(
                        "{count} more line has such characters; is this really a plan written as text?",
                        "{count} more lines have such characters; is this really a plan written as text?",
                        lines_seen - _MAX_CHAR_PROBLEMS,
                    ).format(count=lines_seen - _MAX_CHAR_PROBLEMS),
                ),
            )
        )
    return problems


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
        Problem(number, "", _with_line(number, _("this line is indented with a tab; indent with spaces only, never with tabs")))
        for number in tabbed
    ]
    for width in (2, 4):
        spaced = _LEADING_TABS.sub(lambda match, width=width: match.group(1).replace("\t", " " * width), text)
        reader = _Reader(spaced)
        root = reader.read()
        if not reader.problems:
            return tab_problems, root, []
    # Still unreadable once the tabs are spaces: the other problem is real, report both.
    return tab_problems, None, [p for p in reader.problems if p.line not in tabbed]


def _show(value: str, limit: int = 40) -> str:
    """A value as it can be quoted in a message: one line, short, no hidden characters."""
    text = " ".join(str(value).split())
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text if len(text) <= limit else text[: limit - 3] + "..."

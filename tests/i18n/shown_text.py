"""What a participant reads in a widget or a picture, and which of it is still English.

Used by ``test_widgets_translated.py``. A widget is walked child by child and every text it
shows is collected: descriptions, placeholders, tooltips, the choices of a list, tab and
accordion titles, and the text of HTML (each piece between tags on its own, so that a table
cell is one piece; styles and the plan's YAML left out). A picture gives its titles, axis
labels, tick labels, legends and notes.

A piece is English, and so untranslated, when:

- it is exactly one of the package's English messages that has another translation (short
  labels such as "Step", which no language detector can judge); or
- once the data is masked (recommendation ids, numbers, dates, the names of States and
  issues, recommendation texts, the plan checker's messages, which are not this branch's),
  it has five words or more and ``upr_course.language`` says it is English.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

import ipywidgets as widgets

from upr_course import data
from upr_course.i18n import catalogues, current_language, gettext

#: Widgets whose content is data, not the course's words: the plan's YAML text.
DATA_CLASSES = {"upr-plan-preview", "upr-yaml"}
_ID = re.compile(r"\b[A-Z]{3}-S\d{1,2}-\d{1,4}\b|\b[A-Z]{1,2}\d+\b")
_NUMBER = re.compile(r"[\d][\d.,\u202f\xa0 %/:-]*")
_WORD = re.compile(r"[^\W\d_]{2,}")
#: Fewer words than this are judged only against the English messages: a detector cannot
#: tell the language of "Exporter : page web (.html)".
MIN_WORDS = 5


class _Pieces(HTMLParser):
    """The text between tags, piece by piece; nothing inside <style>, <code> or <pre>."""

    SKIPPED = {"style", "code", "pre", "script"}

    def __init__(self):
        super().__init__()
        self.pieces: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in self.SKIPPED and self._skip:
            self._skip -= 1

    def handle_data(self, text):
        if not self._skip and text.strip():
            self.pieces.append(text.strip())


def html_pieces(markup: str) -> list[str]:
    parser = _Pieces()
    parser.feed(markup or "")
    return parser.pieces


def widget_texts(widget) -> list[str]:
    """Every text ``widget`` and its children show."""
    found: list[str] = []
    seen: set[int] = set()

    def visit(item) -> None:
        if id(item) in seen or not isinstance(item, widgets.Widget):
            return
        seen.add(id(item))
        classes = set(getattr(item, "_dom_classes", ()))
        if classes & DATA_CLASSES:
            return
        for name in ("description", "placeholder", "tooltip"):
            value = getattr(item, name, None)
            if isinstance(value, str) and value.strip():
                found.append(value.strip())
        if isinstance(item, (widgets.HTML, widgets.HTMLMath)):
            found.extend(html_pieces(item.value))
        elif isinstance(item, widgets.Label) and item.value.strip():
            found.append(item.value.strip())
        labels = getattr(item, "_options_labels", None)
        if labels:
            found.extend(str(label) for label in labels)
        titles = getattr(item, "titles", None)
        if titles:
            found.extend(str(title) for title in titles if title)
        for child in getattr(item, "children", ()):
            visit(child)

    visit(widget)
    return found


def figure_texts(fig) -> list[str]:
    """Titles, labels, tick labels, legends and notes of a matplotlib figure."""
    fig.canvas.draw() if hasattr(fig.canvas, "draw") else None
    texts = [text.get_text() for text in fig.texts]
    if fig._suptitle is not None:
        texts.append(fig._suptitle.get_text())
    for ax in fig.axes:
        texts += [ax.get_title(loc) for loc in ("left", "center", "right")]
        texts += [ax.get_xlabel(), ax.get_ylabel()]
        texts += [label.get_text() for label in ax.get_xticklabels() + ax.get_yticklabels()]
        texts += [text.get_text() for text in ax.texts]
        legend = ax.get_legend()
        if legend is not None:
            texts += [text.get_text() for text in legend.get_texts()] + [legend.get_title().get_text()]
    return [text.strip() for text in texts if text and text.strip()]


@lru_cache(maxsize=None)
def data_words() -> frozenset[str]:
    """The data's own words: names of States (in every language the course accepts), issues,
    recommending States and recommendation texts."""
    countries = data.countries()
    words = set()
    for column in ("name", "un_name", "upr_info_name"):
        words |= set(countries[column].dropna().astype(str))
    for aliases in countries["aliases"].dropna().astype(str):
        words |= set(aliases.split("|"))
    for code in ("es", "fr"):
        words |= set(data.local_names(code).values())
    words |= set(data.issues()["issue"].astype(str))
    recs = data.recommendations()
    words |= set(recs["recommending_state"].dropna().astype(str)) | set(recs["sur"].dropna().astype(str))
    words |= set(recs["text"].dropna().astype(str))
    return frozenset(word for word in words if word)


@lru_cache(maxsize=None)
def _name_pattern() -> re.Pattern:
    names = sorted((w for w in data_words() if len(w) < 60), key=len, reverse=True)
    return re.compile("|".join(re.escape(name) for name in names))


@lru_cache(maxsize=None)
def english_messages(code: str) -> frozenset[str]:
    """The package's English messages that ``code`` translates differently ("Step", "Country")."""
    messages = set()
    for message in catalogues.extract_package_messages():
        if not message.id or message.context:
            continue
        for english in (message.id if isinstance(message.id, tuple) else (message.id,)):
            if "{" not in english:
                messages.add(english)
    from upr_course.i18n import language

    with language(code):
        return frozenset(english for english in messages if gettext(english) != english)


def masked(text: str) -> str:
    text = _ID.sub(" ", text)
    text = _name_pattern().sub(" ", text)
    return _NUMBER.sub(" ", text)


def untranslated(texts: list[str], extra_data: set[str] = frozenset()) -> list[str]:
    """The pieces of ``texts`` that are still English in the current language."""
    from upr_course.language import detect_language

    code = current_language()
    english = english_messages(code)
    known = data_words() | set(extra_data)
    wrong = []
    for text in dict.fromkeys(texts):
        flat = " ".join(text.split())  # a long label may be wrapped on two lines
        bare = flat.strip().rstrip(":").strip()
        if flat in known or bare in known or all(part.strip() in known for part in flat.split(",")):
            continue
        if flat in english or bare in english:
            wrong.append(text)
            continue
        rest = flat
        for piece in sorted(extra_data, key=len, reverse=True):
            rest = rest.replace(piece, " ")
        rest = masked(rest)
        if len(_WORD.findall(rest)) >= MIN_WORDS and detect_language(rest) == "en":
            wrong.append(text)
    return wrong

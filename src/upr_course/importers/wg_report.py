"""Read a UPR Working Group report (.docx, .pdf or .txt), or its addendum with the answers.

This is what a participant finds on OHCHR's country page for the newest review: the report
of the Working Group ("A/HRC/57/5"), whose section II, "Conclusions and/or
recommendations", lists every recommendation as a numbered paragraph::

    114. The following recommendations will be examined by Kenya, which will provide
    responses in due time, but no later than the fifty-ninth session of the Human Rights
    Council:
    114.1 Ratify the Optional Protocol to the Convention against Torture (Chile); (Ghana);
    114.2 ...

and, a few months later, the addendum ("A/HRC/57/5/Add.1") with the State's answers.

The report: the whole document or only its recommendations section (copied into a Word
or text file) is read. Each lead-in paragraph ("114. The following recommendations ...")
gives the answer of the items numbered under it: "enjoy the support of" -> Supported,
"have been noted" -> Noted, "will be examined" -> Pending. Items are found at the start of
a line, numbered "114.1", "114.2", ... in sequence, so a number inside a text ("target
16.2") is never taken for a new item. Joint recommendations ("(Chile); (Ghana)") become
one row per State (``attributions``). The State, the Working Group session and the
document symbol are read from the report when it gives them ("The review of Kenya was
held ...", "held its forty-ninth session", "A/HRC/57/5"); ``--country`` and ``--session``
fill in what a recommendations-only file lacks, and without ``--session`` the State's
latest review in the calendar is taken (marked ``session_inferred``). A draft ("Draft
report", "ad referendum", "advance unedited version", or "draft" in the file name) gives
rows with ``draft = True``: its paragraph numbers may change.

The addendum: the paragraph numbers it names with an answer ("supports recommendations
139.1, 139.3-139.5", or a table row "139.2 Noted") become answers for the rows that
the data already holds for that report; the report must be in the data first.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd

from ..build.recommendations import repair_text
from ..errors import UserError
from ..i18n import N_
from ..i18n import gettext as _
from ..i18n import ngettext
from ..schema import NOTED, PENDING, SUPPORTED
from .common import ImportContext, ImportedFile, SourceRecord, records_to_rows

FORMAT = "wg-report"
LABEL = N_("UPR Working Group report")  # the data's "source" column keeps the English; the import report translates it
ADDENDUM_FORMAT = "wg-addendum"
ADDENDUM_LABEL = N_("addendum to a UPR Working Group report")
EXTENSIONS = (".docx", ".pdf", ".txt")

_HEADER_LINES = (
    re.compile(r"^\s*A/HRC/[\w./]+\s*$"),
    re.compile(r"^\s*(?:\d{1,3}\s+)?GE\.\d{2}-\d{4,6}.*$"),
    re.compile(r"^\s*\d{1,3}\s*$"),
)
_SECTION_START = re.compile(r"Conclusions\s+and/or\s+recommendations", re.IGNORECASE)
_SECTION_END = re.compile(r"^\s*(?:Annex|Composition of the delegation)\b", re.IGNORECASE | re.MULTILINE)
_ITEM = re.compile(r"^[ \t]*(?P<major>\d{1,3})\.(?P<minor>\d{1,3})\.?[ \t]+(?=\S)", re.MULTILINE)
_LEAD_IN = re.compile(r"^[ \t]*(?P<number>\d{1,3})\.[ \t]+(?=[A-Z])", re.MULTILINE)
_SYMBOL = re.compile(r"\bA\s*/\s*HRC\s*/\s*\d{1,2}\s*/\s*\d{1,3}(?:\s*/\s*Add\.\s*\d)?", re.IGNORECASE)
_REVIEW_OF = re.compile(r"The review of (?P<country>.+?) was held", re.IGNORECASE | re.DOTALL)
_TITLE_COUNTRY = re.compile(r"Report of the Working Group on the Universal\s+Periodic\s+Review\W*\s*\n\s*(?P<country>[^\n*]+)", re.IGNORECASE)
_SESSION_WORDS = re.compile(r"held its (?P<ordinal>[a-z]+(?:[- ][a-z]+)?) session", re.IGNORECASE)
_DRAFT = re.compile(r"\bdraft report\b|\bad referendum\b|advance unedited version", re.IGNORECASE)

#: Items numbered by Word itself get this paragraph "number" while read, and no paragraph in the data.
AUTO_MAJOR = 999
_TYPED_NUMBER = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3})*\.?\s")
_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9}
_TEENS = {"tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
          "seventeenth": 17, "eighteenth": 18, "nineteenth": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_TENS_ORDINAL = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70}


def ordinal_number(words: str) -> int | None:
    """"forty-second" -> 42, "thirty-third" -> 33, "tenth" -> 10; None when not an ordinal."""
    parts = re.split(r"[- ]+", words.strip().lower())
    if len(parts) == 1:
        word = parts[0]
        return _UNITS.get(word) or _TEENS.get(word) or _TENS_ORDINAL.get(word)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS:
        return _TENS[parts[0]] + _UNITS[parts[1]]
    return None


def position_of_lead_in(text: str) -> str | None:
    """The answer a lead-in paragraph gives its items, or None when it gives none."""
    lowered = " ".join(text.lower().split())
    if "enjoy the support" in lowered or "enjoys the support" in lowered or "have been accepted" in lowered or "are supported" in lowered:
        return SUPPORTED
    if "will be examined" in lowered or "will provide responses" in lowered or "under consideration" in lowered:
        return PENDING
    if "noted" in lowered or "take note" in lowered or "took note" in lowered or "did not enjoy" in lowered or "not supported" in lowered:
        return NOTED
    return None


# --- text of the file ------------------------------------------------------------------


def _docx_text(path: Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise UserError(_("{file} could not be opened as a Word document; save it again as .docx, or as .pdf").format(file=path.name)) from None
    lines, auto = [], 0
    for paragraph in document.paragraphs:
        text = paragraph.text
        properties = paragraph._p.pPr
        numbered = properties is not None and properties.numPr is not None
        if numbered and text.strip() and not _TYPED_NUMBER.match(text):
            # Word's automatic numbering: the number is not in the text and cannot be read back
            auto += 1
            text = f"{AUTO_MAJOR}.{auto} {text}"
        lines.append(text)
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _pdf_text(path: Path) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - pypdf is pinned
        raise UserError(_("reading PDF files needs the package pypdf; run 'make setup' again")) from None
    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError, KeyError, TypeError):
        raise UserError(
            _("{file} could not be read as a PDF; download it again from OHCHR, or use the Word (.docx) version").format(file=path.name)
        ) from None
    text = "\n".join(pages)
    if len(text.strip()) < 50:
        raise UserError(
            _("{file} holds no text that can be read (a scanned PDF?); use the Word (.docx) version of the report").format(file=path.name)
        )
    return text


def file_text(path: Path) -> str:
    """The plain text of a .docx, .pdf or .txt file, page headers and footers removed."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        text = _docx_text(path)
    elif suffix == ".pdf":
        text = _pdf_text(path)
    elif suffix == ".txt":
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    else:
        raise UserError(_("files ending in '{extension}' are not Working Group reports; use the .docx, .pdf or .txt file").format(extension=path.suffix))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines, symbol_kept = [], False
    for line in text.split("\n"):
        if _HEADER_LINES[0].match(line) and not symbol_kept:
            symbol_kept = True  # the first one names the document: keep it
            lines.append(line)
        elif not any(pattern.match(line) for pattern in _HEADER_LINES):
            lines.append(line)
    return "\n".join(lines)


def looks_like_report(text: str) -> bool:
    """True when a text holds numbered recommendations ("6.1 ... (State);") or the report's section II."""
    if _SECTION_START.search(text):
        return True
    items = list(_ITEM.finditer(text))
    return len(items) >= 3 and sum(1 for item in items if item["minor"] == "1") >= 1


def looks_like_addendum(text: str) -> bool:
    head = text[:4000].lower()
    return bool(re.search(r"/add\.\s*\d", head)) and ("views on conclusions" in head or "replies of the state" in head or "addendum" in head)


# --- the report ------------------------------------------------------------------------


def _section(text: str) -> str:
    starts = list(_SECTION_START.finditer(text))
    # the heading, not a mention in the table of contents: the last one that is followed by items
    for start in reversed(starts):
        body = text[start.end() :]
        if _ITEM.search(body):
            end = _SECTION_END.search(body)
            return body[: end.start()] if end else body
    return text


def split_items(section: str, notes: list[str]) -> list[tuple[str, str, str | None]]:
    """(paragraph, text, answer from its lead-in) for every numbered item, in order."""
    lead_ins = {int(match["number"]): match for match in _LEAD_IN.finditer(section)}
    found = []
    current_major, last_minor = None, 0
    for match in _ITEM.finditer(section):
        major, minor = int(match["major"]), int(match["minor"])
        if major == current_major and minor == last_minor + 1:
            pass
        elif minor == 1 and (current_major is None or major != current_major):
            current_major = major
        else:
            continue  # a number inside a text, not a new item
        last_minor = minor
        found.append((major, minor, match))
    items = []
    for index, (major, minor, match) in enumerate(found):
        end = found[index + 1][2].start() if index + 1 < len(found) else len(section)
        body = section[match.end() : end]
        after = [m for number, m in lead_ins.items() if m.start() > match.end() and m.start() < end and number > major]
        if after:  # the next lead-in paragraph (or the closing paragraph) ends the last item
            body = section[match.end() : min(m.start() for m in after)]
        text = " ".join(body.split())
        lead_in = lead_ins.get(major)
        answer = None
        if lead_in is not None and lead_in.start() < match.start():
            answer = position_of_lead_in(section[lead_in.end() : lead_in.end() + 600].split(f"{major}.1", 1)[0])
        items.append((f"{major}.{minor}", text, answer))
    majors = sorted({item[0].split(".")[0] for item in items})
    unanswered = [major for major in majors if not any(item[2] for item in items if item[0].startswith(major + "."))]
    if unanswered and len(items):
        notes.append(
            _("paragraph(s) {paragraphs}: no lead-in saying whether the State supports them; their answer is Pending").format(
                paragraphs=", ".join(unanswered)
            )
        )
    return items


def _guess_country(text: str, path: Path, context: ImportContext) -> str:
    for pattern in (_REVIEW_OF, _TITLE_COUNTRY):
        match = pattern.search(text[:20000])
        if match:
            name = " ".join(match["country"].split()).strip(" *")
            if context.resolver.resolve(name):
                return name
    stem = re.split(r"\s+-\s+|_", path.stem)[0].strip()
    if context.resolver.resolve(stem):
        return stem
    return ""


def _report_symbol(text: str) -> tuple[str | None, bool]:
    """(the report's symbol, whether the file is an addendum), from the first symbols it names."""
    for match in _SYMBOL.finditer(text[:6000]):
        symbol = re.sub(r"\s+", "", match.group(0)).upper().replace("ADD.", "Add.")
        return symbol.split("/Add.")[0], "/Add." in symbol
    return None, False


def _latest_session(iso3: str, context: ImportContext) -> int | None:
    if context.reviews is None:
        return None
    reviews = context.reviews
    mine = reviews.loc[reviews["iso3"] == iso3, "session"].dropna().astype(int)
    from ..coverage import _as_of  # the calendar's "today"

    from .. import data

    try:
        sessions = data.sessions().set_index("session")
    except UserError:
        return int(mine.max()) if len(mine) else None
    today = pd.Timestamp(_as_of(None))
    held = [s for s in mine if s in sessions.index and (pd.isna(sessions.at[s, "start_date"]) or sessions.at[s, "start_date"] <= today)]
    return max(held) if held else (int(mine.max()) if len(mine) else None)


def read(path: Path, context: ImportContext, text: str | None = None) -> ImportedFile:
    """The recommendations of a Working Group report (whole, or its recommendations section)."""
    text = file_text(path) if text is None else text
    notes: list[str] = []
    section = _section(text)
    items = split_items(section, notes)
    if not items:
        raise UserError(
            _(
                "{file} holds no numbered recommendations such as '6.12 Ratify ... (State);'. "
                "Use the Working Group report (or its section 'Conclusions and/or recommendations') from OHCHR's country page"
            ).format(file=path.name)
        )
    country = _guess_country(text, path, context)
    from .common import resolve_state_under_review

    iso3 = resolve_state_under_review(country, context)
    session, inferred = None, False
    words = _SESSION_WORDS.search(text[:20000])
    if words:
        session = ordinal_number(words["ordinal"])
    if session is not None and context.session is not None and session != context.session:
        raise UserError(_("the report says session {session}, not {given} as --session says").format(session=session, given=context.session))
    if session is None:
        session = context.session
    if session is None:
        session = _latest_session(iso3, context)
        inferred = session is not None
        if inferred:
            notes.append(
                _(
                    "the file does not name its Working Group session: taken as {country}'s latest review, "
                    "session {session} (give --session to change it)"
                ).format(country=context.resolver.canonical_name(iso3), session=session)
            )
    if session is None:
        raise UserError(_("{file} does not say which Working Group session it is from; give it with --session").format(file=path.name))
    symbol, is_addendum = _report_symbol(text)
    draft = bool(_DRAFT.search(text[:6000]) or re.search(r"draft|advance", path.stem, re.IGNORECASE))
    if draft:
        notes.append(_("a draft or advance report: its paragraph numbers may change; import the final report when it is out"))
    auto = [item for item in items if item[0].startswith(f"{AUTO_MAJOR}.")]
    if auto:
        notes.append(
            ngettext(
                "{count} recommendation is numbered by Word itself, so its paragraph number could not be read: "
                "it is imported without it (the PDF of the report gives it)",
                "{count} recommendations are numbered by Word itself, so their paragraph numbers could not be read: "
                "they are imported without them (the PDF of the report gives them)",
                len(auto),
            ).format(count=len(auto))
        )
    records = [
        SourceRecord(
            sur=context.resolver.canonical_name(iso3),
            text=repair_text(item_text),
            position=answer or PENDING,
            source_ref=f"{path.name}: " + (f"para. {paragraph}" if not paragraph.startswith(f"{AUTO_MAJOR}.") else f"item {paragraph.split('.')[1]}"),
            session=session,
            session_inferred=inferred,
            paragraph=None if paragraph.startswith(f"{AUTO_MAJOR}.") else paragraph,
            document_symbol=None if draft else symbol,
            draft=draft,
        )
        for paragraph, item_text, answer in items
    ]
    rows, unknown, more = records_to_rows(records, context, f"{LABEL}: {path.name}")
    return ImportedFile(path, FORMAT, rows, len(records), unknown, notes + more)


# --- the addendum ----------------------------------------------------------------------

_REFERENCE = re.compile(r"(?<![\d.])(\d{1,3}\.\d{1,3})(?:\s*(?:-|–|to)\s*(\d{1,3}\.\d{1,3}))?(?![\d])")
_SUPPORT_WORDS = re.compile(r"\b(?:support(?:s|ed)?|accept(?:s|ed)?)\b", re.IGNORECASE)
_NOTE_WORDS = re.compile(r"\b(?:not(?:e|ed|es)|does not support|cannot support|not supported|reject(?:s|ed)?)\b", re.IGNORECASE)


def _expand(first: str, last: str | None) -> list[str]:
    if not last:
        return [first]
    major, low = first.split(".")
    major_last, high = last.split(".")
    if major != major_last or int(high) < int(low) or int(high) - int(low) > 400:
        return [first, last]
    return [f"{major}.{minor}" for minor in range(int(low), int(high) + 1)]


def answers_of_addendum(text: str) -> dict[str, str]:
    """Paragraph -> Supported/Noted, from the addendum's sentences and table rows.

    A piece of text (a line of a table, or a sentence) that names paragraphs and one kind
    of answer gives that answer to all of them; "does not support" and "notes" count as
    Noted; a piece that names both kinds is left out (it needs a person to read it).
    """
    answers: dict[str, str] = {}
    pieces = re.split(r"\n|(?<=[.;:])\s+(?=[A-Z])", text)
    for piece in pieces:
        references = [paragraph for first, last in _REFERENCE.findall(piece) for paragraph in _expand(first, last)]
        if not references:
            continue
        noted = bool(_NOTE_WORDS.search(piece))
        supported = bool(_SUPPORT_WORDS.search(_NOTE_WORDS.sub("", piece)))
        if noted == supported:
            continue
        for paragraph in references:
            answers.setdefault(paragraph, NOTED if noted else SUPPORTED)
    return answers


def read_addendum(path: Path, context: ImportContext, recommendations: pd.DataFrame, text: str | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Rows of ``recommendations`` (the report's rows in the data) with the addendum's answers filled in.

    Returns the changed rows and notes. Raises UserError when the report is not in the data.
    """
    text = file_text(path) if text is None else text
    symbol, _is_addendum = _report_symbol(text)
    if symbol is None:
        raise UserError(_("{file} does not name the report it answers (a symbol such as A/HRC/57/5/Add.1)").format(file=path.name))
    rows = recommendations.loc[recommendations["document"].astype("string") == symbol]
    if rows.empty:
        raise UserError(
            _(
                "{file} answers the recommendations of {symbol}, which the data does not hold yet: "
                "import the Working Group report {symbol} first, then this addendum"
            ).format(file=path.name, symbol=symbol)
        )
    answers = answers_of_addendum(text)
    if not answers:
        raise UserError(_("{file}: no answers such as 'supports recommendations 114.1, 114.3' were found in it").format(file=path.name))
    notes = []
    wanted = rows["paragraph"].astype("string").map(answers)
    changed = rows.loc[wanted.notna() & (rows["response"].astype(str) == PENDING)].copy()
    changed["response"] = wanted.loc[changed.index].astype(str)
    unknown = sorted(set(answers) - set(rows["paragraph"].dropna().astype(str)), key=lambda p: [int(x) for x in p.split(".")])
    if unknown:
        notes.append(
            ngettext(
                "{count} paragraph number named in the addendum is not a recommendation of {symbol} in the data: {paragraphs}",
                "{count} paragraph numbers named in the addendum are not recommendations of {symbol} in the data: {paragraphs}",
                len(unknown),
            ).format(count=len(unknown), symbol=symbol, paragraphs=", ".join(unknown[:8]))
        )
    still = int(((rows["response"].astype(str) == PENDING) & wanted.isna()).sum())
    if still:
        notes.append(
            ngettext(
                "{count} row of {symbol} is still Pending: the addendum gives it no clear answer",
                "{count} rows of {symbol} are still Pending: the addendum gives them no clear answer",
                still,
            ).format(count=still, symbol=symbol)
        )
    return changed, notes

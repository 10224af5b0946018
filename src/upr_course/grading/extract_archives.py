"""``nbgrader zip_collect`` that survives broken archives and zip bombs: the course's extractor plugin.

Before it collects anything, ``zip_collect`` extracts every archive of
``downloaded/<assignment>/archive/`` into ``extracted/``. nbgrader's own extractor stops at
the first problem: one zip cut short (an e-mail attachment), or a ``.gz`` that is not a
tar, raises an error and **nothing** is collected for anyone. It also writes whatever an
archive says it holds: a 68 KB zip can write 64 MB of zeros, and zips inside zips are
opened again and again (a "zip bomb" fills the trainer's disk).

So the course's extractor (``c.ZipCollectApp.extractor_plugin``, nbgrader's own plugin
point, set in ``nbgrader_config.py``) does the same work with these rules:

- each archive is extracted on its own: a broken one is refused with one sentence that
  names it and says what to do (ask the participant to send it again), and the others are
  still extracted and collected;
- before a zip is extracted, the sizes it announces are added up: more than
  :data:`MAX_ARCHIVE_BYTES`, more than :data:`MAX_MEMBERS` files, or a compression ratio
  over :data:`MAX_RATIO` (once it is bigger than :data:`RATIO_FROM_BYTES`) refuses the
  archive; the bytes really written are counted too, and tar archives are checked the same
  way before anything is written;
- all the archives of one ``zip_collect`` together may write at most :data:`MAX_CLASS_BYTES`
  (30 archives just under the limit for one would otherwise write 6 GB): the archive that
  would go past it, and every file of ``archive/`` after it, is refused with a sentence that
  names it and says how to collect it later; what was extracted before it is collected;
- archives inside an archive are opened (as nbgrader does), but only one level deep: the
  ones inside those are left closed, and the trainer is told;
- the ``__MACOSX/`` folder that macOS's "Compress" adds to a zip (resource files named like
  the notebooks, ``._amina__action-plan.ipynb``) is skipped without a word: it is never a
  hand-in, and the collector would refuse each of its files as a badly named notebook;
- nothing is written outside ``extracted/``: names with ``..`` or an absolute path are
  skipped; links (symbolic or hard), devices and pipes in an archive are skipped, so no
  link is ever created or followed;
- an archive is written to a hidden folder first, and moved into place only when all of it
  is good: a refused archive leaves nothing behind, so none of its notebooks is collected.

Each refusal goes to the grading log like the collector's (event ``collect``, outcome
``refused``): ``upr-course workshop report`` lists it under "Needs your attention".
Files that are not archives are copied, as nbgrader does. Each file of ``archive/`` has a folder
(or file) of its own in ``extracted/``: nbgrader's name (``amina.zip`` → ``amina/``) unless another
file of the same folder would get it too (``amina.gz`` sent by bruno, or a file named ``amina``);
then each archive's folder is named by its whole file name (``amina.zip/``, ``amina.gz/``), so the
collector knows which file, hence which sender, every extracted notebook came from.
"""

from __future__ import annotations

import os
import shutil
import stat
import tarfile
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from nbgrader.plugins.zipcollect import ExtractorPlugin

from ..safe_text import printable
from . import grading_log
from .collect import LIST_NAME, extracted_names, read_list

#: Most bytes one archive (with the archives inside it) may write. A course notebook is well
#: under 1 MB and a participant hands in a few, so 200 MB is far above any real hand-in while
#: a class of such archives still fits on a laptop's disk.
MAX_ARCHIVE_BYTES = 200 * 1024 * 1024
#: Most files in one archive: a hand-in has a few; a million empty files fills a disk's
#: table of files (inodes) without using any space.
MAX_MEMBERS = 10_000
#: Highest compression ratio (bytes written / bytes of the archive) accepted. Notebooks
#: (JSON text) compress about 3 to 10 times; a zip bomb is made of data that compresses 1000
#: times (zeros). 100:1 leaves real hand-ins a wide margin.
MAX_RATIO = 100
#: The ratio is checked only above this size: a small text file alone can compress more than
#: 100 times, and a few MB can never fill a disk.
RATIO_FROM_BYTES = 5 * 1024 * 1024
#: Most bytes all the archives (and other files) of ``archive/`` may write in one ``zip_collect``.
#: A real class hands in well under 100 MB (30 participants, a few notebooks of under 1 MB
#: each), so 1 GB leaves a wide margin while it stays far below the 6 GB that 30 archives
#: just under :data:`MAX_ARCHIVE_BYTES` could write, and fits on any laptop's disk.
MAX_CLASS_BYTES = 1024 * 1024 * 1024
#: Archives inside an archive are opened to this depth (1: the ones inside a participant's
#: zip, not the ones inside those). nbgrader opens them at any depth, which multiplies a bomb.
MAX_NESTING = 1

_CHUNK = 1024 * 1024
_STAGING_PREFIX = ".upr-course-extracting-"
#: Folders of an archive that are never a hand-in, skipped quietly (macOS's resource files).
SKIPPED_FOLDERS = frozenset({"__MACOSX"})


class Refused(Exception):
    """An archive that is not extracted; the message is the sentence for the trainer (without the file's name)."""


class TooBig(Refused):
    """An archive over a limit: the whole archive (with what is inside it) is refused."""


class ClassFull(TooBig):
    """An archive that would take the whole class past :data:`MAX_CLASS_BYTES`: it and the files after it are refused."""


def folder_name(archive_name: str) -> str:
    """The folder nbgrader extracts ``amina.zip`` (or ``amina.tar.gz``) to: ``amina``."""
    stem, _ = os.path.splitext(archive_name)
    inner, inner_ext = os.path.splitext(stem)
    return inner if inner_ext == ".tar" else stem


def safe_member_path(name: str) -> PurePosixPath | None:
    """The relative path an archive member may be written to, or None to skip it.

    Skipped: absolute paths (``/etc/x``, ``C:/x``), any ``..`` part, empty names. Windows tools
    sometimes write ``\\`` between folders: it is read as a folder separator.
    """
    parts = [part for part in name.replace("\\", "/").split("/") if part not in ("", ".")]
    if not parts or name.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
        return None
    return PurePosixPath(*parts)


def skipped_member(relative: PurePosixPath) -> bool:
    """A member that is never a hand-in, skipped without a word (``__MACOSX/...``)."""
    return any(part in SKIPPED_FOLDERS for part in relative.parts)


class _Budget:
    """Bytes and files still allowed for one participant's archive (with its inner archives), and for the class."""

    def __init__(self, class_left: int | None = None) -> None:
        self.bytes_left = MAX_ARCHIVE_BYTES
        self.members_left = MAX_MEMBERS
        self.class_left = MAX_CLASS_BYTES if class_left is None else class_left

    def check(self, announced_bytes: int, members: int, archive_bytes: int) -> None:
        """Refuse an archive that announces more than allowed, before anything is written."""
        if members > self.members_left:
            raise TooBig(f"holds {members:,} files (the limit is {MAX_MEMBERS:,})")
        if announced_bytes > self.bytes_left:
            raise TooBig(f"would write {_size(announced_bytes)} (the limit is {_size(MAX_ARCHIVE_BYTES)} for one participant)")
        if announced_bytes > RATIO_FROM_BYTES and announced_bytes > MAX_RATIO * max(archive_bytes, 1):
            raise TooBig(f"would write {_size(announced_bytes)} from a {_size(archive_bytes)} file "
                         f"(more than {MAX_RATIO} times its size: a \"zip bomb\")")
        if announced_bytes > self.class_left:  # after the participant's own limits: a bad archive is named as such
            raise ClassFull(f"would write {_size(announced_bytes)}")

    def spend(self, size: int) -> None:
        self.bytes_left -= size
        self.class_left -= size
        if self.bytes_left < 0:
            raise TooBig(f"writes more than {_size(MAX_ARCHIVE_BYTES)} (the limit for one participant)")
        if self.class_left < 0:
            raise ClassFull("writes more than what is left")


def _size(count: int) -> str:
    """``count`` bytes for a reader: ``64 MB``, ``29 KB``."""
    return f"{count / 1024 / 1024:,.0f} MB" if count >= 1024 * 1024 else f"{count / 1024:,.0f} KB"


def _copy(source, target: Path, budget: _Budget) -> None:
    """Write one member to a new file (never through an existing file or link), counting its bytes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_file() and not target.is_symlink():
        target.unlink()  # the same name twice in one archive: the last one wins, as with nbgrader
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    with os.fdopen(descriptor, "wb") as handle:
        while chunk := source.read(_CHUNK):
            budget.spend(len(chunk))
            handle.write(chunk)


def _extract_zip(path: Path, into: Path, budget: _Budget) -> None:
    with zipfile.ZipFile(path) as bundle:
        members = bundle.infolist()
        files = [m for m in members if not m.is_dir()]
        budget.check(sum(m.file_size for m in files), len(members), path.stat().st_size)
        budget.members_left -= len(members)
        for member in members:
            relative = safe_member_path(member.filename)
            kind = stat.S_IFMT(member.external_attr >> 16)  # 0 when the zip was not made on Unix
            if relative is None or kind not in (0, stat.S_IFREG, stat.S_IFDIR) or skipped_member(relative):
                continue  # outside the folder, a link or a device, or macOS's resource files: never written
            if member.is_dir():
                (into / relative).mkdir(parents=True, exist_ok=True)
                continue
            with bundle.open(member) as source:
                _copy(source, into / relative, budget)


def _extract_tar(path: Path, into: Path, budget: _Budget) -> None:
    with tarfile.open(path, mode="r:*") as bundle:
        members = []
        announced = 0
        for member in bundle:  # reads the headers only (a compressed tar is decompressed, not written)
            members.append(member)
            announced += member.size if member.isfile() else 0
            budget.check(announced, len(members), path.stat().st_size)
        budget.members_left -= len(members)
        for member in members:
            relative = safe_member_path(member.name)
            if relative is None or not (member.isfile() or member.isdir()) or skipped_member(relative):
                continue  # outside the folder, a link or a device, or macOS's resource files: never written
            if member.isdir():
                (into / relative).mkdir(parents=True, exist_ok=True)
                continue
            source = bundle.extractfile(member)
            if source is not None:
                with source:
                    _copy(source, into / relative, budget)


def extract_one(path: Path, into: Path, budget: _Budget) -> None:
    """Extract the archive ``path`` into the folder ``into`` (created), or raise :class:`Refused`."""
    into.mkdir(parents=True, exist_ok=True)
    try:
        if zipfile.is_zipfile(path):
            _extract_zip(path, into, budget)
        elif _is_tar(path):
            _extract_tar(path, into, budget)
        else:
            raise Refused("is not a zip or tar.gz archive that can be opened (it may be damaged, or cut short when it was sent)")
    except Refused:
        raise
    except RuntimeError as error:
        if "encrypted" in str(error) or "password" in str(error):
            raise Refused("is protected by a password (ask for it without one)") from error
        raise Refused(f"could not be opened ({error})") from error
    except NotImplementedError as error:
        raise Refused(f"uses a kind of compression that cannot be read here ({error})") from error
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, zlib.error, ValueError) as error:
        raise Refused(f"is damaged or incomplete ({type(error).__name__}: {error})") from error
    except OSError as error:
        raise Refused(f"could not be extracted ({error.strerror or error})") from error


def _is_tar(path: Path) -> bool:
    try:
        return tarfile.is_tarfile(path)
    except (OSError, tarfile.TarError, EOFError, zlib.error, ValueError):
        return False


class SafeExtractor(ExtractorPlugin):
    """nbgrader's extractor, with the rules above (configured in ``nbgrader_config.py``)."""

    def extract(self, archive_path: str, extracted_path: str) -> None:
        archive, extracted = Path(archive_path), Path(extracted_path)
        if not any(archive.iterdir()):
            self.log.warning("No files found in directory: %s", archive_path)
            return
        self._senders = read_list(archive.parent / LIST_NAME)[0]
        self._class_left, self._class_full = MAX_CLASS_BYTES, ""
        for folder, dirnames, names in os.walk(archive):
            dirnames.sort()
            extract_to = extracted / os.path.relpath(folder, archive)
            targets = extracted_names(dirnames + names, self.zip_ext)
            self._tell_apart(os.path.relpath(folder, archive), targets)
            for name in sorted(names):
                source = Path(folder) / name
                relative = os.path.normpath(os.path.relpath(source, archive))
                if self._class_full:
                    self._refuse(relative, self._class_full, kind="class")
                    continue
                extract_to.mkdir(parents=True, exist_ok=True)
                if os.path.splitext(name)[1] not in self.zip_ext:
                    self._copy_plain(source, relative, extract_to / name)
                    continue
                self.log.info("Extracting from: %s", source)
                self._extract_top(source, relative, extract_to / targets[name])

    def _tell_apart(self, folder: str, targets: dict[str, str]) -> None:
        """Say which archives are extracted to a folder named by their whole file name (nbgrader would merge them)."""
        apart = sorted(name for name, target in targets.items() if target != folder_name(name) and os.path.splitext(name)[1] in self.zip_ext)
        for name in apart:
            where = name if folder == "." else os.path.join(folder, name)
            self.log.warning("upr-course: %s", printable(
                f"{where} is extracted to {where}/ (not {folder_name(name)}/), as another file of archive/ has that name: "
                "files sent by different participants are never merged."))

    def _copy_plain(self, source: Path, relative: str, target: Path) -> None:
        """Copy a file of ``archive/`` that is not an archive (a notebook sent alone), as nbgrader does, within the class's total."""
        size = source.stat().st_size
        if size > self._class_left:
            self._class_full = relative
            self._refuse(relative, "", kind="class")
            return
        self.log.info("Copying from: %s", source)
        shutil.copy(source, target)
        self._class_left -= size

    # -- one participant's archive ----------------------------------------------------------

    def _extract_top(self, source: Path, relative: str, target: Path) -> None:
        """Extract one archive of ``archive/`` (and the archives inside it) to ``target``, or refuse it."""
        staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=target.parent))
        try:
            budget = _Budget(self._class_left)
            extract_one(source, staging, budget)
            self._extract_inner(staging, relative, budget)
            if target.exists():  # never merged with another file's folder (see collect.extracted_names)
                raise Refused(f"could not be extracted, as {target.name} already exists in extracted/ "
                              "(run nbgrader zip_collect --force to start from an empty extracted/)")
            staging.rename(target)
            self._class_left = budget.class_left
        except ClassFull:
            self._class_full = relative  # this archive and every file after it
            self._refuse(relative, "", kind="class")
        except Refused as error:
            self._refuse(relative, str(error))
        except Exception as error:  # noqa: BLE001 - one archive must never stop the class's collection
            self._refuse(relative, f"could not be extracted ({type(error).__name__}: {error})")
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _extract_inner(self, staging: Path, relative: str, budget: _Budget) -> None:
        """Open the archives found inside a participant's archive, one level deep (:data:`MAX_NESTING`)."""
        level = [path for path in sorted(staging.rglob("*")) if self._is_archive_name(path)]
        seen = set(level)
        for _ in range(MAX_NESTING):
            found = []
            for inner in level:
                name = inner.relative_to(staging).as_posix()
                into = inner.parent / folder_name(inner.name)
                try:
                    extract_one(inner, into, budget)
                except ClassFull:
                    raise
                except TooBig as error:
                    raise TooBig(f"contains {name}, which {error}") from error
                except Refused as error:
                    self._refuse(relative, f"contains {name}, which {error}", kind="part")
                    continue
                found.extend(path for path in sorted(into.rglob("*")) if self._is_archive_name(path) and path not in seen)
            seen.update(found)
            level = found
        if level:  # one sentence for all of them: a nested bomb would otherwise fill the report
            names = [path.relative_to(staging).as_posix() for path in level]
            shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
            self._refuse(relative, f"contains archives inside an archive inside it ({shown}): they were not opened "
                         "(archives are opened one level deep only)", kind="part")

    def _is_archive_name(self, path: Path) -> bool:
        return path.is_file() and not path.is_symlink() and path.suffix in self.zip_ext

    # -- telling the trainer ----------------------------------------------------------------

    def _refuse(self, relative: str, problem: str, kind: str = "whole") -> None:
        """Tell the trainer: ``kind`` is ``whole`` (the archive is refused), ``part`` (a part of it) or ``class``
        (over the class's total; ``problem`` is then the file where the total was reached, or empty for that file)."""
        sender = self._senders.get(os.path.basename(relative)) or self._senders.get(relative) or ""
        who = sender or "the participant who sent it"
        later = ("To collect it, move the files already collected out of archive/ (their notebooks are in submitted/), "
                 "then run nbgrader zip_collect --force again.")
        if kind == "class" and problem:
            message = (f"{relative} was not extracted: the limit for one zip_collect of a whole class "
                       f"({_size(MAX_CLASS_BYTES)}) was reached at {problem}. {later}")
        elif kind == "class":
            message = (f"{relative} was not extracted: with it, the files of archive/ would write more than "
                       f"{_size(MAX_CLASS_BYTES)}, the limit for one zip_collect of a whole class (so that many big archives "
                       "cannot fill your disk). Nothing in it, nor in the files of archive/ after it, was collected; what was "
                       f"extracted before it is collected as usual. {later.replace('collect it,', 'collect the rest,')}")
        elif kind == "whole":
            message = (f"{relative} {problem}: nothing in it was collected. Ask {who} to send it again (a zip of the "
                       f"notebooks), put the new file in archive/ in its place, and run nbgrader zip_collect --force again.")
        else:
            message = (f"{relative} {problem}. The rest of {relative} was extracted. If a notebook is missing, ask {who} "
                       "to send the notebooks in one zip, and run nbgrader zip_collect --force again.")
        self.log.error("upr-course: %s", printable(message))
        root, assignment = self._where()
        if root is not None:
            grading_log.append(root, "collect", sender, assignment, "", outcome="refused", file=relative, claimed="", message=message)

    def _where(self) -> tuple[Path | None, str]:
        """The course folder and the assignment, from the ZipCollectApp that made this plugin."""
        coursedir = getattr(self.parent, "coursedir", None)
        if coursedir is None:
            return None, ""
        return Path(coursedir.root), str(coursedir.assignment_id)

    _senders: dict[str, str] = {}
    _class_left: int = MAX_CLASS_BYTES
    _class_full: str = ""  # the file of archive/ where the class's total was reached

"""``nbgrader collect`` on a hub that copies no link and believes no name it cannot check.

On a hub (``deploy/jupyterhub``) participants hand in through nbgrader's exchange folder:
``nbgrader submit`` writes ``inbound/NAME+ASSIGNMENT+TIMESTAMP+RANDOM`` from the
participant's own server, and ``inbound/`` is writable by everyone. nbgrader 0.9.6's
collect copies each of these folders with ``shutil.copytree``, which follows links, and
takes the participant from the folder's name; its owner check only warns. So anyone who
writes into ``inbound/`` directly could hand in a link to a file the trainer can read
(``solutions/``, the gradebook), which arrived in ``submitted/`` as an ordinary file, or hand
in under another participant's name.

The course's collector (``c.ExchangeFactory.collect`` in ``nbgrader_config.py``) is
nbgrader's, with two changes. Before choosing each participant's latest submission, it
refuses, with one sentence in nbgrader's log naming the folder and why, and goes on with
the others, every folder of ``inbound/``:

- that is a link, or holds one, or holds anything but ordinary files and folders (a pipe
  would make the copy wait forever);
- that is owned (the folder, or anything in it) by another user id than the user its name
  claims. On The Littlest JupyterHub a submission is named after the participant's system
  user (``jupyter-amina``), which owns what their server writes: the name is looked up
  with ``pwd``. Where names are not system users, ``c.CheckedExchangeCollect.owners`` maps
  each name to its user id (the demo hub sets it); a name that is in neither is refused;
- whose time stamp cannot be read, or that is larger than nbgrader's ``max_dir_size``
  (nbgrader would stop the whole collection there).

So a refused later folder never hides a participant's own earlier submission. Each refusal
(and each collected submission) is also written to the grading log (event ``collect``, ``via``
``exchange``), so ``upr-course workshop report`` lists the refusals under "Needs your attention". Then it copies
without following any link: each folder and file is opened relative to its already opened
parent, with ``O_NOFOLLOW``, and checked again once open (type and owner), so a link swapped
in after the check is refused too. Everything else is nbgrader's: the latest submission per
participant (or the latest before the due date), ``--update``, ``timestamp.txt``, ignored and
too large files, group-shared permissions.

Where owners cannot tell participants apart (every participant's server runs as the same
user as the trainer's, as on the demo hub without root), the log says so once: links are
still refused, but a name cannot be checked there.
"""

from __future__ import annotations

import glob
import os
import shutil
import stat
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.exchange.default.collect import ExchangeCollect, groupby
from nbgrader.utils import check_mode, ignore_patterns
from traitlets import Bool, Dict, Int, Unicode

from ..safe_text import printable
from . import grading_log

try:
    import pwd
except ImportError:  # Windows: nbgrader's exchange does not run there either
    pwd = None

_CHUNK = 1 << 20


class Refused(Exception):
    """Why a submission folder is not collected (the end of the sentence for the log)."""


def owners_from_text(text: str) -> dict[str, int]:
    """``"amina=310000,bruno=310001"`` (the hub's ``UPR_COURSE_PARTICIPANT_UIDS``) as ``{name: user id}``."""
    owners = {}
    for pair in text.split(","):
        name, sep, uid = pair.strip().rpartition("=")
        if sep and name and uid.strip().isdigit():
            owners[name] = int(uid)
    return owners


def uid_of(name: str, owners: dict[str, int]) -> int | None:
    """The user id that must own ``name``'s submissions: the configured one, else the system user's."""
    if name in owners:
        return int(owners[name])
    if pwd is None:
        return None
    try:
        return pwd.getpwnam(name).pw_uid
    except (KeyError, ValueError):
        return None


def _why(path: str, mode: int, uid: int, expected: int, name: str) -> str | None:
    if stat.S_ISLNK(mode):
        return f"{path} is a link, and a link could hand in any file the trainer can read, such as the solutions"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return f"{path} is not an ordinary file or folder (a pipe, a socket or a device)"
    if uid != expected:
        return f"{path} belongs to user id {uid}, not to {name} (user id {expected}), so someone else may have handed it in"
    return None


def refusal_reason(folder: str | Path, name: str, owners: dict[str, int], max_bytes: int | None = None) -> str | None:
    """Why the submission ``folder`` claiming ``name`` is refused, or None. Reads no file, follows no link."""
    folder = str(folder)
    if name in ("", ".", "..") or "/" in name or "\\" in name:
        return f"its name {name!r} is not a participant's name"
    expected = uid_of(name, owners)
    if expected is None:
        return (f"no system user is called {name} and the course's settings name no user id for it "
                "(c.CheckedExchangeCollect.owners), so nobody can be shown to have handed it in")
    try:
        top = os.lstat(folder)
    except OSError as error:
        return f"it cannot be read ({error.strerror or error})"
    if stat.S_ISLNK(top.st_mode):
        return "the folder is a link, and a link could hand in any folder the trainer can read, such as the solutions"
    if not stat.S_ISDIR(top.st_mode):
        return "it is not a folder"
    why = _why("the folder", top.st_mode, top.st_uid, expected, name)
    if why:
        return why
    total = 0
    problems: list[str] = []

    def fail(error: OSError) -> None:
        problems.append(f"{error.filename} cannot be read ({error.strerror or error})")

    for dirpath, dirnames, filenames in os.walk(folder, onerror=fail):  # never follows links
        for entry in sorted(dirnames + filenames):
            path = os.path.join(dirpath, entry)
            try:
                info = os.lstat(path)
            except OSError as error:
                return f"{os.path.relpath(path, folder)} cannot be read ({error.strerror or error})"
            why = _why(os.path.relpath(path, folder), info.st_mode, info.st_uid, expected, name)
            if why:
                return why
            if stat.S_ISREG(info.st_mode):
                total += info.st_size
    if problems:
        return problems[0]
    if max_bytes is not None and total > max_bytes:
        return f"it holds {total} bytes, more than the {max_bytes} that nbgrader's max_dir_size allows"
    return None


def copy_without_links(src: str | Path, dest: str | Path, uid: int | None, ignore=None) -> None:
    """Copy the folder ``src`` to ``dest`` (which must not exist) as ``shutil.copytree`` would,
    opening every folder and file relative to its parent with ``O_NOFOLLOW``.

    Raises :class:`Refused` at the first link, non-ordinary file or entry not owned by ``uid``
    (None: owners not checked); what was copied until then stays in ``dest`` for the caller to remove.
    """
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(src, flags)
    except OSError as error:
        raise Refused(f"the folder cannot be opened without following a link ({error.strerror or error})") from error
    try:
        _copy_folder(fd, str(src), str(dest), ".", uid, ignore)
    finally:
        os.close(fd)


def _check_open(info: os.stat_result, shown: str, uid: int | None, want_dir: bool) -> None:
    if want_dir and not stat.S_ISDIR(info.st_mode) or not want_dir and not stat.S_ISREG(info.st_mode):
        raise Refused(f"{shown} changed into something else than an ordinary {'folder' if want_dir else 'file'} while it was copied")
    if uid is not None and info.st_uid != uid:
        raise Refused(f"{shown} belongs to user id {info.st_uid}, not to user id {uid}")


def _copy_folder(fd: int, src: str, dest: str, shown: str, uid: int | None, ignore) -> None:
    info = os.fstat(fd)
    _check_open(info, shown, uid, want_dir=True)
    os.makedirs(dest)
    names = sorted(os.listdir(fd))
    ignored = set(ignore(src, names)) if ignore is not None else set()
    for name in names:
        if name in ignored:
            continue
        where = name if shown == "." else f"{shown}/{name}"
        mode = os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode
        if stat.S_ISLNK(mode):
            raise Refused(f"{where} is a link")
        if stat.S_ISDIR(mode):
            child = os.open(name, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), dir_fd=fd)
            try:
                _copy_folder(child, os.path.join(src, name), os.path.join(dest, name), where, uid, ignore)
            finally:
                os.close(child)
        elif stat.S_ISREG(mode):
            _copy_file(fd, name, os.path.join(dest, name), where, uid)
        else:
            raise Refused(f"{where} is not an ordinary file or folder")
    os.chmod(dest, stat.S_IMODE(info.st_mode) & 0o777 | stat.S_IRWXU)
    os.utime(dest, ns=(info.st_atime_ns, info.st_mtime_ns))


def _copy_file(parent: int, name: str, dest: str, shown: str, uid: int | None) -> None:
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0), dir_fd=parent)
    except OSError as error:  # ELOOP: it became a link
        raise Refused(f"{shown} cannot be opened without following a link ({error.strerror or error})") from error
    try:
        info = os.fstat(fd)
        _check_open(info, shown, uid, want_dir=False)
        with open(dest, "xb") as out:
            while chunk := os.read(fd, _CHUNK):
                out.write(chunk)
    finally:
        os.close(fd)
    os.chmod(dest, stat.S_IMODE(info.st_mode) & 0o777)
    os.utime(dest, ns=(info.st_atime_ns, info.st_mtime_ns))


class CheckedExchangeCollect(ExchangeCollect):
    """nbgrader's collect from the exchange folder, refusing links and submissions in a name their owner cannot claim."""

    owners = Dict(
        key_trait=Unicode(), value_trait=Int(), default_value={},
        help="The user id that owns each participant's submissions, by the name nbgrader gives them, for names that "
             "are not system users (the demo hub). Other names are looked up as system users.",
    ).tag(config=True)

    check_owner = Bool(
        False,
        help="nbgrader's own owner check, which only warns; the course's collector refuses such a submission instead.",
    ).tag(config=True)

    def _refuse(self, folder: str, why: str) -> None:
        message = f"{os.path.basename(folder)} in the exchange's inbound/ was not collected: {why}."
        self.log.warning("upr-course: %s", printable(message))
        self._record(folder, "refused", message)

    def _record(self, folder: str, outcome: str, message: str = "") -> None:
        """One line in the grading log (event ``collect``, ``via`` exchange): ``upr-course workshop report`` lists the refusals."""
        name = os.path.basename(folder).split("+", 1)[0]
        grading_log.append(self.coursedir.root, "collect", name, str(self.coursedir.assignment_id), "",
                           outcome=outcome, file=os.path.basename(folder), claimed=name, message=message, via="exchange")

    def _same_user_warning(self, names) -> None:
        mine = os.geteuid() if hasattr(os, "geteuid") else None
        same = sorted(n for n in names if mine is not None and uid_of(n, self.owners) == mine)
        if same:
            self.log.warning("upr-course: %s", printable(
                f"The submissions of {', '.join(same)} are owned by the trainer's own user here (user id {mine}), so "
                "who handed in what cannot be checked from owners; links are still refused."))
        elif pwd is None:
            self.log.warning("upr-course: owners cannot be checked on this system; links are still refused.")

    def init_src(self):
        # nbgrader's init_src (0.9.6), with the checks before each participant's latest submission is chosen.
        if self.coursedir.course_id == "":
            self.fail("No course id specified. Re-run with --course flag.")
        self.course_path = os.path.join(self.root, self.coursedir.course_id)
        self.inbound_path = os.path.join(self.course_path, "inbound")
        if not os.path.isdir(self.inbound_path):
            self.fail("Course not found: {}".format(self.inbound_path))
        if not check_mode(self.inbound_path, read=True, execute=True):
            self.fail("You don't have read permissions for the directory: {}".format(self.inbound_path))
        student_id = self.coursedir.student_id if self.coursedir.student_id else "*"
        pattern = os.path.join(self.inbound_path, "{}+{}+*".format(glob.escape(student_id) if student_id != "*" else "*",
                                                                 glob.escape(self.coursedir.assignment_id)))
        max_bytes = 1000 * self.coursedir.max_dir_size if self.coursedir.max_dir_size else None
        records = []
        for path in sorted(glob.glob(pattern)):
            try:
                record = self._path_to_record(path)
            except Exception:  # nbgrader stops the whole collection on a bad time stamp
                self._refuse(path, "its name holds no time stamp that nbgrader can read")
                continue
            why = refusal_reason(path, record["username"], self.owners, max_bytes)
            if why:
                self._refuse(path, why)
                continue
            records.append(record)
        usergroups = groupby(records, lambda item: item["username"])
        self._same_user_warning(usergroups)

        with Gradebook(self.coursedir.db_url, self.coursedir.course_id) as gb:
            try:
                assignment = gb.find_assignment(self.coursedir.assignment_id)
                self.duedate = assignment.duedate
            except MissingEntry:
                self.duedate = None
        if self.duedate is None or not self.before_duedate:
            self.src_records = [self._sort_by_timestamp(v)[0] for v in usergroups.values()]
        else:
            self.src_records = []
            for v in usergroups.values():
                records = self._sort_by_timestamp(v)
                records_before_duedate = [record for record in records if record["timestamp"] <= self.duedate]
                self.src_records.append(records_before_duedate[0] if records_before_duedate else records[0])

    def do_copy(self, src, dest, log=None):
        """nbgrader's do_copy (ignored and too large files, group-shared permissions), following no link."""
        name = self._path_to_record(src)["username"]
        ignore = ignore_patterns(exclude=self.coursedir.ignore, include=self.coursedir.include,
                                 max_file_size=self.coursedir.max_file_size, log=self.log)
        try:
            copy_without_links(src, dest, uid_of(name, self.owners), ignore)
        except (Refused, OSError) as why:
            shutil.rmtree(dest, ignore_errors=True)
            self._refuse(src, f"{why} (found while copying; nothing of it was kept in submitted/)")
            return
        self._record(src, "collected")
        if self.coursedir.groupshared:
            for dirname, _, filenames in os.walk(dest):
                st_mode = os.stat(dirname).st_mode
                if st_mode & 0o2770 != 0o2770:
                    try:
                        os.chmod(dirname, (st_mode | 0o2770) & 0o2777)
                    except PermissionError:
                        self.log.warning("Could not update permissions of %s to make it groupshared", dirname)
                for filename in filenames:
                    filename = os.path.join(dirname, filename)
                    st_mode = os.stat(filename).st_mode
                    if st_mode & 0o660 != 0o660:
                        try:
                            os.chmod(filename, (st_mode | 0o660) & 0o777)
                        except PermissionError:
                            self.log.warning("Could not update permissions of %s to make it groupshared", filename)

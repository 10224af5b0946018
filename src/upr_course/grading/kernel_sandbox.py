"""A participant's kernel, walled in with bubblewrap: what it may see, and how much it may use.

During ``nbgrader autograde`` a participant's code runs in a Jupyter kernel. Without a wall
it runs with the trainer's rights: it could write the gradebook, overwrite other
participants' notebooks, read the hidden tests and the trainer's environment, or start a
process that lives on after nbgrader. So :class:`SandboxedKernelManager` starts the kernel
inside `bubblewrap <https://github.com/containers/bubblewrap>`_ (Debian's ``bubblewrap``
package, also used by Flatpak), with:

- **its own file system**: the system's programs and libraries, Python and the course's
  package and datasets, all read-only; one writable folder holding a copy of that
  submission's files only (``/home/participant``, the kernel's working folder); a small
  ``/tmp``. Both writable folders are size-limited tmpfs (in memory, gone when the kernel
  stops): a notebook that writes many files gets "No space left on device" there, and the
  trainer's own disk never fills. Not the course folder, the gradebook, other submissions, ``solutions/``, the
  source tree or the trainer's home;
- **a cleaned environment**: only the variables listed in :data:`PASSED_SETTINGS` (no
  passwords, tokens or database addresses);
- **no network**, its own process and IPC namespaces (it cannot see or signal nbgrader, and
  every process it starts dies with it: nothing outlives the grading of that submission);
- **limits** (:class:`Limits`): CPU seconds, memory, number of processes, file size, open
  files, the total size of its two writable folders. When the trainer runs as root, the kernel also drops to an unprivileged user of
  its own (a fresh numeric id), because Linux does not enforce a process limit on root.

The kernel talks to nbgrader through Unix sockets in a folder both can reach (ZeroMQ's
``ipc`` transport), since it has no network at all.

Where bubblewrap is not available (macOS, Windows, a Linux without it or without user
namespaces) :func:`sandbox_status` says why, and the course's grading runs no participant
code at all unless the trainer sets ``UPR_COURSE_SANDBOX=off`` (see ``execute.py``).
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

#: ``UPR_COURSE_SANDBOX``: ``bwrap`` (the default: required), ``off`` (run without a sandbox: only where nothing must stay hidden).
SANDBOX_SETTING = "UPR_COURSE_SANDBOX"
#: The only variables of the trainer's environment that reach a participant's kernel.
PASSED_SETTINGS = ("UPR_COURSE_AS_OF", "LANG", "LC_ALL", "TZ", "NBGRADER_EXECUTION")
#: The kernel's working folder inside the sandbox.
WORKDIR = "/home/participant"
#: Where the host's copy of the submission is seen, read-only, inside the sandbox; the sandbox's
#: first command copies it into WORKDIR (a size-limited tmpfs) before the kernel starts.
SUBMISSION_COPY = "/run/upr-submission"
#: The exit status of the sandbox when that copy fails (``_exit_cause`` in execute.py names it).
COPY_FAILED_STATUS = 74
#: When the trainer runs as root, each kernel becomes its own unprivileged user from this range,
#: so that the process limit counts that kernel's processes only (not another submission's).
SANDBOX_UIDS = (200_000, 300_000)
#: System folders bound read-only (those that exist; on merged-/usr systems /bin and /lib are links).
SYSTEM_FOLDERS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
#: The few files of /etc that Python, its libraries and fonts read.
ETC_FILES = (
    "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/nsswitch.conf",
    "/etc/passwd", "/etc/group", "/etc/mime.types", "/etc/fonts", "/etc/alternatives",
)


@dataclass(frozen=True)
class Limits:
    """What one participant's kernel may use, for the whole notebook.

    The first five are rlimits of every process of the kernel. ``file_bytes`` limits each file,
    not how many are written, so the two writable folders have a total size too:
    ``work_bytes`` for the kernel's working folder and ``tmp_bytes`` for ``/tmp``. Both are
    tmpfs, so they use the trainer's memory (at most their size, only while that notebook
    runs), never the trainer's disk.
    """

    cpu_seconds: int = 120
    memory_bytes: int = 4 * 1024**3
    processes: int = 64
    file_bytes: int = 64 * 1024**2
    open_files: int = 256
    tmp_bytes: int = 64 * 1024**2
    work_bytes: int = 128 * 1024**2


@dataclass(frozen=True)
class SandboxStatus:
    """Whether the sandbox can run here, and if not, why (in a sentence for the trainer)."""

    available: bool
    reason: str = ""
    bwrap: str | None = None


@lru_cache(maxsize=1)
def _probe(bwrap: str) -> str:
    """Empty when bwrap can start a process here; else its error."""
    command = [bwrap, *_namespace_args(), "--ro-bind", "/", "/", "--", "/bin/true"]
    if os.geteuid() != 0:
        command = [bwrap, "--unshare-user", *_namespace_args(), "--ro-bind", "/", "/", "--", "/bin/true"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as error:
        return str(error)
    return "" if done.returncode == 0 else (done.stderr.strip() or f"exit status {done.returncode}")


def sandbox_status() -> SandboxStatus:
    """Can participants' kernels be sandboxed on this computer? Never raises."""
    if not sys.platform.startswith("linux"):
        return SandboxStatus(False, f"the sandbox (bubblewrap) exists only on Linux; this computer runs {sys.platform}")
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return SandboxStatus(False, "bubblewrap is not installed (Debian/Ubuntu: sudo apt-get install bubblewrap)")
    problem = _probe(bwrap)
    if problem:
        return SandboxStatus(False, f"bubblewrap cannot start a sandbox here ({problem}); on Ubuntu 24.04 and later, "
                             "allow it with an AppArmor profile or run the grading on another Linux computer", bwrap)
    return SandboxStatus(True, "", bwrap)


def _namespace_args() -> list[str]:
    return ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent", "--new-session"]


def _running_processes(uid: int) -> int:
    """How many processes this user runs now (the process limit counts them all)."""
    count = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    count += 1
            except OSError:
                continue
    return count


def _python_folders() -> list[Path]:
    """Python itself, the environment with the course's packages, and the course's package and datasets."""
    from ..paths import DATA_ENV_VAR, REPO_ROOT

    folders = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.executable).resolve().parent.parent}
    package = Path(__file__).resolve().parents[1]
    folders.add(package)  # in an editable install the package is in the source tree: bind it alone
    data = os.environ.get(DATA_ENV_VAR)
    folders.add(Path(data).resolve() if data else (REPO_ROOT / "datasets").resolve())
    return sorted(f for f in folders if f.exists())


@dataclass
class Sandbox:
    """One submission's sandbox: a host folder (``root``) with ``work/`` (the kernel's files) and ``ipc/`` (its sockets).

    ``work/`` is only where the submission's files are put before the kernel starts: the
    sandbox sees it read-only and copies it into its own size-limited working folder, so
    nothing the participant's code writes reaches the host's disk.
    """

    root: Path
    limits: Limits = field(default_factory=Limits)
    bwrap: str = "bwrap"
    uid: int = field(default_factory=lambda: secrets.randbelow(SANDBOX_UIDS[1] - SANDBOX_UIDS[0]) + SANDBOX_UIDS[0])

    @property
    def work(self) -> Path:
        return self.root / "work"

    @property
    def ipc(self) -> Path:
        return self.root / "ipc"

    def prepare(self) -> None:
        for folder in (self.work, self.ipc):
            folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:  # the kernel runs as its own user: it must be able to use its two folders, and nothing else
            for path in (self.root, self.work, self.ipc, *self.work.rglob("*")):
                os.chown(path, self.uid, self.uid)

    def environment(self) -> list[str]:
        env = {
            "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
            "HOME": WORKDIR,
            "IPYTHONDIR": "/tmp/ipython",
            "MPLCONFIGDIR": "/tmp/matplotlib",
            "JUPYTER_CONFIG_DIR": "/tmp/jupyter",
            "JUPYTER_RUNTIME_DIR": "/tmp/jupyter/runtime",
            "UPR_COURSE_CACHE": "off",
            "PYTHONDONTWRITEBYTECODE": "1",
            "LANG": "C.UTF-8",
        }
        from ..paths import DATA_ENV_VAR

        if os.environ.get(DATA_ENV_VAR):
            env[DATA_ENV_VAR] = str(Path(os.environ[DATA_ENV_VAR]).resolve())
        for name in PASSED_SETTINGS:
            if os.environ.get(name):
                env[name] = os.environ[name]
        args = ["--clearenv"]
        for name, value in env.items():
            args += ["--setenv", name, value]
        return args

    def command(self, kernel_cmd: list[str]) -> list[str]:
        """``prlimit ... bwrap ... [setpriv ...] <kernel_cmd>``."""
        limits = self.limits
        root = os.geteuid() == 0
        processes = limits.processes if root else _running_processes(os.getuid()) + limits.processes
        prlimit = [
            "prlimit", f"--cpu={limits.cpu_seconds}", f"--as={limits.memory_bytes}", f"--nproc={processes}",
            f"--fsize={limits.file_bytes}", f"--nofile={limits.open_files}", "--core=0", "--",
        ]
        args = [self.bwrap]
        if not root:
            args.append("--unshare-user")
        args += _namespace_args()
        for folder in SYSTEM_FOLDERS:
            if os.path.islink(folder):
                args += ["--symlink", os.readlink(folder), folder]
            elif os.path.isdir(folder):
                args += ["--ro-bind", folder, folder]
        for path in ETC_FILES:
            args += ["--ro-bind-try", path, path]
        args += ["--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--size", str(limits.tmp_bytes), "--tmpfs", "/tmp"]
        made: set[str] = set()

        def parents_of(target: str) -> list[str]:  # bwrap makes missing parents 0700: make them 0755
            found = []
            for parent in reversed(Path(target).parents[:-1]):
                if str(parent) not in made and str(parent) != "/tmp":
                    made.add(str(parent))
                    found += ["--perms", "0755", "--dir", str(parent)]
            return found

        # The working folder: a tmpfs of work_bytes, so that writing many files fills it, not the trainer's disk.
        # The kernel's user must write in it (when root, a user of its own; alone in this mount namespace).
        args += [*parents_of(WORKDIR), "--perms", "1777" if root else "0700", "--size", str(limits.work_bytes), "--tmpfs", WORKDIR]
        binds = [(str(folder), str(folder), "--ro-bind") for folder in _python_folders()]
        binds += [(str(self.work), SUBMISSION_COPY, "--ro-bind"), (str(self.ipc), str(self.ipc), "--bind")]
        for source, target, how in binds:
            args += [*parents_of(target), how, source, target]
        args += ["--chdir", WORKDIR]
        args += ["--hostname", "sandbox", *self.environment()]
        if root:
            args += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--"]
            args += ["setpriv", f"--reuid={self.uid}", f"--regid={self.uid}", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--"]
        else:
            args.append("--")
        # As the kernel's own user, inside every limit: copy the submission in, then become the kernel.
        copy_in = f'cp -R -- {SUBMISSION_COPY}/. {WORKDIR}/ || exit {COPY_FAILED_STATUS}; exec "$@"'
        return prlimit + args + ["/bin/sh", "-c", copy_in, "upr-sandbox"] + kernel_cmd


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel starts inside a :class:`Sandbox` and talks over Unix sockets."""

    def __init__(self, *args, sandbox: Sandbox, **kwargs):
        super().__init__(*args, **kwargs)
        self.sandbox = sandbox
        self.transport = "ipc"
        self.ip = str(sandbox.ipc / "kernel")
        self.connection_file = str(sandbox.ipc / "kernel.json")

    def format_kernel_cmd(self, extra_arguments=None):
        if self.kernel_spec is not None:
            self.kernel_spec.interrupt_mode = "message"  # signals cannot cross the sandbox's session
        return self.sandbox.command(super().format_kernel_cmd(extra_arguments))

    def write_connection_file(self, **kwargs):
        super().write_connection_file(**kwargs)
        if os.geteuid() == 0:  # the kernel, as its own user, reads it (it stays unreadable for everyone else)
            os.chown(self.connection_file, self.sandbox.uid, self.sandbox.uid)

    async def _async_pre_start_kernel(self, **kw):
        # The sandbox has its own environment and working folder (set in its command).
        kw.pop("cwd", None)
        return await super()._async_pre_start_kernel(**kw)

    def exit_status(self) -> int | None:
        """The sandbox's exit status once it has stopped (negative: killed by that signal), else None."""
        process = getattr(self.provisioner, "process", None)
        return None if process is None else process.poll()


class CleanKernelManager(AsyncKernelManager):
    """``UPR_COURSE_SANDBOX=off``: no wall, but at least an empty working folder and a cleaned environment.

    The kernel still runs with the trainer's rights: use it only where nothing must stay
    hidden from participants (the trainer guide says where).
    """

    def __init__(self, *args, workdir: Path, **kwargs):
        super().__init__(*args, **kwargs)
        self.workdir = workdir

    async def _async_pre_start_kernel(self, **kw):
        kw["cwd"] = str(self.workdir)
        env = {"PATH": os.environ.get("PATH", ""), "HOME": str(self.workdir), "UPR_COURSE_CACHE": "off"}
        env.update({name: os.environ[name] for name in (*PASSED_SETTINGS, "UPR_COURSE_DATA", "SYSTEMROOT", "TEMP", "TMP") if os.environ.get(name)})
        kw["env"] = env
        return await super()._async_pre_start_kernel(**kw)

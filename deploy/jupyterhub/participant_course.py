"""What a participant's server on the demo hub may see: the participant kit, installed, and nothing of the repository.

On a real hub (README.md, "The Littlest JupyterHub") participants are Unix users of their
own, the kit is installed into their environment, and the repository is readable by the
trainers' group only. The demo hub (``make hub``, the hub test) runs every server on this
computer, where the repository is the developer's own folder and readable by everyone. So
when it runs as root with bubblewrap installed, the demo gives each participant's server the
same separation with well-kept tools instead:

- **the participant kit** (``make participant-kit``: no ``solutions/``, no ``tests/``, no
  mark schemes), installed as a normal (not editable) package into ``STATE/participant-site``
  with pip, and its lessons and data in ``STATE/participant-kit``;
- **a user of its own**: each participant's server (and so their kernels) runs as an
  unprivileged numeric user id (:data:`PARTICIPANT_UIDS`), so it cannot read the trainer's
  processes' environment (``/proc/PID/environ`` is readable by its owner only) nor files
  that only root may read (the grading folder and the gradebook, mode 0700/0600);
- **bubblewrap** (Debian's ``bubblewrap``, also used by the course's grading sandbox): the
  server sees the system's programs, the course's Python environment (read-only), the kit,
  its own home and nbgrader's exchange. Not the repository (``solutions/``, ``tests/``,
  ``nbgrader_config.py``), not the grading folder, not other homes. Its own process
  namespace: it sees no other process at all.

``python participant_course.py STATE`` builds and installs the kit (``make hub`` does it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
#: Participant n (0, 1, ...) of the demo runs as user id PARTICIPANT_UIDS + n (no name in /etc/passwd needed).
PARTICIPANT_UIDS = 310_000
SYSTEM_FOLDERS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
ETC_FILES = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/nsswitch.conf",
             "/etc/passwd", "/etc/group", "/etc/hosts", "/etc/mime.types", "/etc/fonts", "/etc/alternatives", "/etc/ssl")


def kit_folder(state: Path) -> Path:
    return Path(state) / "participant-kit"


def site_folder(state: Path) -> Path:
    return Path(state) / "participant-site"


def prepare(state: Path, python: str = sys.executable) -> tuple[Path, Path]:
    """Build the participant kit in STATE and install it (not editable) into STATE/participant-site; quick when done."""
    kit, site = kit_folder(state), site_folder(state)
    if not (site / "upr_course").is_dir():
        sys.path.insert(0, str(REPO / "src"))
        from upr_course.participant_kit import build_kit

        shutil.rmtree(kit, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
        build_kit(kit, REPO)
        subprocess.run([python, "-m", "pip", "install", "--disable-pip-version-check", "-q", "--no-deps", "--no-build-isolation",
                        "--no-index", "--target", str(site), str(kit)], check=True)
        shutil.rmtree(kit / "src", ignore_errors=True)  # the package is in site/; the kit keeps lessons, exercises, data
        shutil.rmtree(kit / "build", ignore_errors=True)
    for folder in (kit, site):
        subprocess.run(["chmod", "-R", "a+rX", str(folder)], check=True)
    return kit, site


def walled_in() -> str | None:
    """Why participants' servers cannot be walled in here (None: they can)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "the demo hub does not run as root, so every participant's server runs as you"
    if not shutil.which("bwrap") or not shutil.which("setpriv"):
        return "bubblewrap (bwrap) or setpriv is not installed (Debian: apt-get install bubblewrap)"
    return None


def server_command(uid: int, home: Path, exchange: Path, site: Path, kit: Path, command: list[str], extra_ro=()) -> list[str]:
    """``bwrap ... setpriv ... COMMAND``: a participant's server as user ``uid``, seeing only what it needs."""
    args = [shutil.which("bwrap") or "bwrap", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent", "--new-session"]
    for folder in SYSTEM_FOLDERS:
        if os.path.islink(folder):
            args += ["--symlink", os.readlink(folder), folder]
        elif os.path.isdir(folder):
            args += ["--ro-bind", folder, folder]
    for path in ETC_FILES:
        args += ["--ro-bind-try", path, path]
    args += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    python_env = Path(sys.prefix)
    binds = [(python_env, "--ro-bind"), (Path(sys.base_prefix), "--ro-bind"), (Path(sys.executable).resolve().parent.parent, "--ro-bind"),
             (site, "--ro-bind"), (kit, "--ro-bind"), *((Path(f), "--ro-bind") for f in extra_ro), (exchange, "--bind"), (home, "--bind")]
    seen = set()
    for folder, how in binds:
        folder = folder.resolve()
        if folder in seen or not folder.exists():
            continue
        seen.add(folder)
        for parent in reversed(folder.parents[:-1]):
            if str(parent) != "/tmp":
                args += ["--perms", "0755", "--dir", str(parent)]
        args += [how, str(folder), str(folder)]
    args += ["--chdir", str(home), "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--"]
    args += ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--"]
    return args + command


if __name__ == "__main__":
    kit, site = prepare(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "demo")
    print(f"The participant kit is in {kit}, its package installed in {site}.")

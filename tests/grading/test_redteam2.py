"""Red team, second round: attacks on the class's grading through real nbgrader runs.

``tests/grading/attack_repros/FINDINGS2.md`` has the write-up of each. The tests marked
``xfail(strict=True)`` pass only while the attack works: each states what should hold, and fails
today because it does not.
"""

from __future__ import annotations

import io
import shutil
import tarfile
from pathlib import Path

import pytest

from upr_course.grading import throwaway_course as course_copy
from upr_course.grading.collect import LIST_NAME

from test_zip_collect import ASSIGNMENT, NOTEBOOK, _course, _notebook, _zip

NB = f"__{NOTEBOOK}.ipynb"


def _tar_gz(path: Path, files: dict[str, str]) -> None:
    with tarfile.open(path, "w:gz") as bundle:
        for name, text in files.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            bundle.addfile(info, io.BytesIO(data))


def _collect_with_a_namesake(tmp_path: Path, attacker_archive: str, amina_sends_the_notebook: bool) -> tuple[Path, str]:
    """amina sends ``amina.zip``; bruno sends a tar.gz he named ``attacker_archive`` (``amina.gz``
    or ``amina.tar.gz``), holding a notebook named ``amina__…`` and his own. The trainer lists both
    files truthfully in handed-in.csv (``amina.zip,amina`` and ``amina.gz,bruno``)."""
    tmp_path.mkdir(parents=True)
    course, archive = _course(tmp_path)
    amina_files = {f"amina{NB}": _notebook("amina herself")} if amina_sends_the_notebook else {"amina__notes.ipynb": _notebook("amina notes")}
    _zip(archive / "amina.zip", amina_files)
    _tar_gz(archive / attacker_archive, {f"amina{NB}": _notebook("bruno as amina"), f"bruno{NB}": _notebook("bruno himself")})
    (archive.parent / LIST_NAME).write_text(f"file,participant\namina.zip,amina\n{attacker_archive},bruno\n", encoding="utf-8")
    done = course_copy.run_nbgrader(course, "zip_collect", ASSIGNMENT)
    assert done.returncode == 0, done.stderr[-3000:]
    return course, done.stdout + done.stderr


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="R7: an archive named like another participant's (amina.gz beside amina.zip) is extracted into the same folder; "
                                       "the collector then attributes every file there to one of the two senders: bruno hands in for amina, or amina's own notebook is refused and she is blamed")
def test_an_archive_named_like_another_participants_cannot_hand_in_for_them_or_block_them(tmp_path):
    failures = []
    for attacker_archive in ("amina.gz", "amina.tar.gz"):
        for amina_sends in (False, True):
            course, log = _collect_with_a_namesake(tmp_path / f"{attacker_archive}-{amina_sends}", attacker_archive, amina_sends)
            handed_in = course / "submitted" / "amina" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
            text = handed_in.read_text(encoding="utf-8") if handed_in.exists() else ""
            if "bruno as amina" in text:
                failures.append(f"{attacker_archive}: bruno's notebook collected as amina's")
            if amina_sends and "amina herself" not in text:
                failures.append(f"{attacker_archive}: amina's own notebook not collected")
            shutil.rmtree(course)
    # Which of the two happens depends on the order the file system lists archive/ in; on this
    # machine (ext4 / overlay): amina.gz -> bruno's notebook is amina's hand-in (and the log says
    # "bruno__… in amina.zip claims to be bruno's, but amina sent amina.zip", blaming amina);
    # amina.tar.gz -> amina's own notebook is refused as "in amina.tar.gz, sent by bruno".
    assert not failures, failures

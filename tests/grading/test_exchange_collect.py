"""``nbgrader collect`` from the hub's exchange folder: links and borrowed names.

On a hub (deploy/jupyterhub) participants hand in through nbgrader's exchange: each
submission is a folder ``inbound/NAME+ASSIGNMENT+TIMESTAMP+RANDOM`` that the participant's
own server writes, and ``inbound/`` is writable by everyone. nbgrader 0.9.6's collect copies
each folder with ``shutil.copytree``, which follows links, and takes the participant from the
folder's name (its owner check only warns, and the demo hub turns it off). So a participant
who writes into ``inbound/`` directly can:

(a) hand in a link to a file the trainer can read (``solutions/``, the gradebook): it lands in
    ``submitted/`` as an ordinary file, which the formgrader then shows to the trainer and
    feedback may send back;
(b) hand in under another participant's name.

The first tests reproduce both with nbgrader's own collector (they document nbgrader's
behaviour: if one starts failing, nbgrader changed). The others run the course's collector
(``upr_course.grading.exchange_collect``, ``c.ExchangeFactory.collect`` in
``nbgrader_config.py``) on the same exchange: each attack is refused with one sentence in the
log naming its folder, and the honest submissions are still collected. Run as root (the test
gives files to other user ids with ``os.chown``); elsewhere the real-collect tests skip.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from upr_course.grading import throwaway_course as course_copy

EX = "01-should-we-engage"
NB = "should-we-engage.ipynb"
AMINA, BRUNO, CARLA = 310_000, 310_001, 310_002
OWNERS = {"amina": AMINA, "bruno": BRUNO, "carla": CARLA}
STOCK = "nbgrader.exchange.default.collect.ExchangeCollect"

as_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root (files owned by other users)")


def stamp(minute: int) -> str:
    return f"2026-12-07 10:{minute:02d}:00.000000 UTC"


def notebook(text: str) -> str:
    return json.dumps({"cells": [{"cell_type": "markdown", "id": "a", "metadata": {}, "source": text}],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def chown_tree(path: Path, uid: int) -> None:
    os.chown(path, uid, uid, follow_symlinks=False)
    if path.is_dir() and not path.is_symlink():
        for dirpath, dirnames, filenames in os.walk(path):
            for name in dirnames + filenames:
                os.chown(os.path.join(dirpath, name), uid, uid, follow_symlinks=False)


def hand_in(inbound: Path, name: str, minute: int, uid: int, text: str | None = None, tag: str = "r") -> Path:
    """A submission as nbgrader submit writes it: the notebook and timestamp.txt, owned by ``uid``."""
    folder = inbound / f"{name}+{EX}+{stamp(minute)}+{tag}"
    folder.mkdir()
    (folder / NB).write_text(notebook(text or f"{name}'s own answer at {minute}"), encoding="utf-8")
    (folder / "timestamp.txt").write_text(stamp(minute), encoding="utf-8")
    chown_tree(folder, uid)
    return folder


def make_course(folder: Path, exchange: Path) -> Path:
    course = course_copy.make_course(folder, [EX])
    with (course / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write(f"\nc.Exchange.root = {str(exchange)!r}\nc.CheckedExchangeCollect.owners = {OWNERS!r}\n")
    # The gradebook, for a link to point at.
    from nbgrader.api import Gradebook

    os.environ["PATH"] = course_copy.nbgrader_env()["PATH"]  # nbgrader runs alembic, as throwaway_course.api does
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "upr-course") as gradebook:
        gradebook.add_student("amina")
    return course


def attacked_exchange(root: Path, course: Path) -> Path:
    """An exchange with honest submissions and every attack, as participants could write it."""
    exchange = root / "exchange"
    inbound = exchange / "upr-course" / "inbound"
    inbound.mkdir(parents=True)
    os.chmod(exchange, 0o777)
    os.chmod(inbound, 0o733)
    solution = course / "solutions" / EX / NB
    # amina: honest, twice (the later one counts).
    hand_in(inbound, "amina", 1, AMINA, "amina first")
    hand_in(inbound, "amina", 2, AMINA, "amina second")
    # bruno (a): his notebook is a link to the solution, and a link to the gradebook beside it.
    linked = hand_in(inbound, "bruno", 3, BRUNO)
    (linked / NB).unlink()
    (linked / NB).symlink_to(solution)
    (linked / "gradebook.db").symlink_to(course / "gradebook.db")
    chown_tree(linked, BRUNO)
    # bruno (b): a later "submission" in amina's name, written by bruno.
    hand_in(inbound, "amina", 9, BRUNO, "bruno pretending to be amina", tag="x")
    # carla: her whole submission folder is a link to the solutions' folder.
    (inbound / f"carla+{EX}+{stamp(4)}+r").symlink_to(course / "solutions" / EX)
    os.chown(inbound / f"carla+{EX}+{stamp(4)}+r", CARLA, CARLA, follow_symlinks=False)
    return exchange


def collect(course: Path, *args: str) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).parent / "nbgrader"), "collect", EX, *args]
    return subprocess.run(command, cwd=course, env=course_copy.nbgrader_env(), capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def stock(tmp_path_factory):
    """nbgrader's own collector on the attacked exchange (check_owner off, as on the demo hub)."""
    root = tmp_path_factory.mktemp("stock")
    course = make_course(root / "course", root / "exchange")
    attacked_exchange(root, course)
    result = collect(course, f"--ExchangeFactory.collect={STOCK}", "--ExchangeCollect.check_owner=False")
    return {"course": course, "result": result, "submitted": course / "submitted"}


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """The course's collector (nbgrader_config.py) on the same attacked exchange."""
    root = tmp_path_factory.mktemp("checked")
    course = make_course(root / "course", root / "exchange")
    exchange = attacked_exchange(root, course)
    result = collect(course)
    return {"course": course, "result": result, "submitted": course / "submitted", "exchange": exchange}


# -- nbgrader's own collector: the holes ---------------------------------------------------------

@pytest.mark.slow
@as_root
def test_stock_collect_copies_what_a_link_points_to(stock):
    assert stock["result"].returncode == 0, stock["result"].stderr
    handed_in = stock["submitted"] / "bruno" / EX / NB
    assert handed_in.is_file() and not handed_in.is_symlink()
    solution = (stock["course"] / "solutions" / EX / NB).read_text(encoding="utf-8")
    assert handed_in.read_text(encoding="utf-8") == solution
    copied = stock["submitted"] / "bruno" / EX / "gradebook.db"
    assert copied.read_bytes() == (stock["course"] / "gradebook.db").read_bytes()
    carla = stock["submitted"] / "carla" / EX / NB
    assert carla.read_text(encoding="utf-8") == solution


@pytest.mark.slow
@as_root
def test_stock_collect_takes_the_name_from_the_folder(stock):
    amina = stock["submitted"] / "amina" / EX / NB
    assert "bruno pretending to be amina" in amina.read_text(encoding="utf-8")


# -- the course's collector ----------------------------------------------------------------------

def test_the_course_configures_its_collector():
    config = (Path(__file__).resolve().parents[2] / "nbgrader_config.py").read_text(encoding="utf-8")
    assert 'c.ExchangeFactory.collect = "upr_course.grading.exchange_collect.CheckedExchangeCollect"' in config


@pytest.mark.slow
@as_root
def test_links_are_refused_and_named(checked):
    result = checked["result"]
    assert result.returncode == 0, result.stderr
    assert not (checked["submitted"] / "bruno").exists()
    assert not (checked["submitted"] / "carla").exists()
    log = result.stderr
    assert f"bruno+{EX}+{stamp(3)}+r" in log and "link" in log
    assert f"carla+{EX}+{stamp(4)}+r" in log
    solution = (checked["course"] / "solutions" / EX / NB).read_text(encoding="utf-8")
    for path in checked["submitted"].rglob("*"):
        assert not path.is_symlink()
        if path.is_file():
            assert path.read_bytes() != solution.encode("utf-8")
            assert not path.read_bytes().startswith(b"SQLite format 3")


@pytest.mark.slow
@as_root
def test_a_submission_in_another_participants_name_is_refused_and_the_real_one_collected(checked):
    log = checked["result"].stderr
    assert f"amina+{EX}+{stamp(9)}+x" in log and "310001" in log
    amina = checked["submitted"] / "amina" / EX
    assert (amina / NB).read_text(encoding="utf-8") == notebook("amina second")
    assert (amina / "timestamp.txt").read_text(encoding="utf-8") == stamp(2)


@pytest.mark.slow
@as_root
def test_each_refusal_is_one_sentence_in_the_log(checked):
    lines = [line for line in checked["result"].stderr.splitlines() if "not collected" in line]
    assert len(lines) == 3, checked["result"].stderr
    for line in lines:
        assert line.rstrip().endswith(".")


@pytest.mark.slow
@as_root
def test_the_workshop_report_lists_each_refusal(checked, tmp_path):
    import datetime as dt

    from upr_course.grading.collect import latest_collections
    from upr_course.grading.report import WorkshopReport, render_text, write_csv

    records = latest_collections(checked["course"])[EX]
    assert sorted(r["outcome"] for r in records) == ["collected", "refused", "refused", "refused"]
    assert {r["via"] for r in records} == {"exchange"}
    report = WorkshopReport(entries=[], as_of=dt.date.today(), assignments=[EX], collection=latest_collections(checked["course"]))
    text = render_text(report)
    assert f"collect {EX} (last run" in text and "1 submissions collected, 3 refused." in text
    assert "Needs your attention (3):" in text
    assert f"[collect] amina+{EX}+{stamp(9)}+x in the exchange's inbound/ was not collected: the folder belongs to user id 310001" in text
    write_csv(report, tmp_path / "report.csv")
    assert (tmp_path / "report.csv").read_text(encoding="utf-8").count(",collect,problem,") == 3


@pytest.mark.slow
@as_root
def test_a_later_honest_submission_is_collected_with_update(checked):
    inbound = checked["exchange"] / "upr-course" / "inbound"
    hand_in(inbound, "amina", 20, AMINA, "amina third")
    result = collect(checked["course"], "--update")
    assert result.returncode == 0, result.stderr
    amina = checked["submitted"] / "amina" / EX
    assert (amina / NB).read_text(encoding="utf-8") == notebook("amina third")
    assert (amina / "timestamp.txt").read_text(encoding="utf-8") == stamp(20)


@pytest.mark.slow
@as_root
@pytest.mark.skipif(not shutil.which("setpriv"), reason="needs setpriv (util-linux) to run nbgrader as a participant's user")
def test_a_real_submit_by_the_participants_own_user_is_collected():
    """As on a hub: the participant's nbgrader fetches and submits as their own user id; the trainer's collect takes it."""
    tmp_path = Path(tempfile.mkdtemp(prefix="upr-exchange-"))  # pytest's own folder is closed to other users
    os.chmod(tmp_path, 0o755)
    try:
        _real_submit(tmp_path)
    finally:
        shutil.rmtree(tmp_path, ignore_errors=True)


def _real_submit(tmp_path: Path) -> None:
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    os.chmod(exchange, 0o777)
    course = make_course(tmp_path / "course", exchange)
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    env = course_copy.nbgrader_env()
    # The participants' version is committed in exercises/: release it as it is (generating it takes long).
    shutil.copytree(Path(__file__).resolve().parents[2] / "exercises" / EX, course / "exercises" / EX)
    result = subprocess.run([nbgrader, "release_assignment", EX], cwd=course, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    home = tmp_path / "amina"
    home.mkdir()
    os.chown(home, AMINA, AMINA)
    participant = {"PATH": env["PATH"], "HOME": str(home), "PYTHONPATH": env.get("PYTHONPATH", "")}
    as_amina = ["setpriv", f"--reuid={AMINA}", f"--regid={AMINA}", "--clear-groups", nbgrader]
    common = ["--course=upr-course", f"--Exchange.root={exchange}"]
    for step in (["fetch_assignment", EX, *common], ["submit", EX, *common, "--student=amina"]):
        result = subprocess.run([*as_amina, *step], cwd=home, env=participant, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
    result = collect(course)
    assert result.returncode == 0 and "not collected" not in result.stderr, result.stderr
    collected = course / "submitted" / "amina" / EX
    assert {p.name for p in collected.iterdir()} == {NB, "timestamp.txt", "submission_secret.txt"}


# -- the checks themselves, without nbgrader's command (fast) -----------------------------------

@as_root
def test_refusals_without_running_nbgrader(tmp_path):
    from upr_course.grading.exchange_collect import refusal_reason

    honest = hand_in(tmp_path, "amina", 1, AMINA)
    assert refusal_reason(honest, "amina", {"amina": AMINA}) is None

    assert "310001" in refusal_reason(hand_in(tmp_path, "amina", 2, BRUNO), "amina", {"amina": AMINA})

    inner = hand_in(tmp_path, "amina", 3, AMINA)
    os.chown(inner / NB, BRUNO, BRUNO)
    assert "310001" in refusal_reason(inner, "amina", {"amina": AMINA})

    pipe = hand_in(tmp_path, "amina", 4, AMINA)
    os.mkfifo(pipe / "pipe")
    os.chown(pipe / "pipe", AMINA, AMINA)
    assert "not an ordinary file" in refusal_reason(pipe, "amina", {"amina": AMINA})

    deep = hand_in(tmp_path, "amina", 5, AMINA)
    (deep / "sub").mkdir()
    (deep / "sub" / "link").symlink_to("/etc/passwd")
    chown_tree(deep, AMINA)
    assert "link" in refusal_reason(deep, "amina", {"amina": AMINA})

    assert "no system user" in refusal_reason(hand_in(tmp_path, "zed-unknown", 6, AMINA), "zed-unknown", {})
    nobody = hand_in(tmp_path, "nobody", 7, 65534)
    assert refusal_reason(nobody, "nobody", {}) is None  # names and system users the same: found with pwd
    assert "65534" in refusal_reason(hand_in(tmp_path, "daemon", 8, 65534), "daemon", {})


@as_root
def test_the_copy_follows_no_link_that_appears_after_the_check(tmp_path):
    from upr_course.grading.exchange_collect import Refused, copy_without_links

    folder = hand_in(tmp_path, "amina", 1, AMINA)
    secret = tmp_path / "secret.txt"
    secret.write_text("the solutions", encoding="utf-8")
    (folder / NB).unlink()
    (folder / NB).symlink_to(secret)  # swapped in between the check and the copy
    with pytest.raises(Refused):
        copy_without_links(folder, tmp_path / "dest", AMINA)

    os.unlink(folder / NB)
    (folder / NB).write_text("x", encoding="utf-8")
    os.chown(folder / NB, AMINA, AMINA)
    os.utime(folder / NB, (1_000_000_000, 1_000_000_000))
    copy_without_links(folder, tmp_path / "dest2", AMINA)
    assert (tmp_path / "dest2" / NB).read_text(encoding="utf-8") == "x"
    assert (tmp_path / "dest2" / NB).stat().st_mtime == 1_000_000_000
    assert (tmp_path / "dest2" / "timestamp.txt").read_text(encoding="utf-8") == stamp(1)
    shutil.rmtree(tmp_path / "dest2")


# -- the hub's wiring (fast) -------------------------------------------------------------------

def test_owners_from_the_hubs_environment():
    from upr_course.grading.exchange_collect import owners_from_text

    assert owners_from_text("amina=310000, bruno=310001") == {"amina": 310000, "bruno": 310001}
    assert owners_from_text("") == {} and owners_from_text("amina=,=5,x=y") == {}


def test_the_hubs_trainer_config_uses_the_course_collector_with_the_participants_uids(monkeypatch):
    from traitlets.config.loader import PyFileConfigLoader

    repo = Path(__file__).resolve().parents[2]
    monkeypatch.setenv("UPR_COURSE_REPO", str(repo))
    monkeypatch.setenv("UPR_COURSE_PARTICIPANT_UIDS", "amina=310000,bruno=310001")
    monkeypatch.delenv("UPR_COURSE_NGSHARE_URL", raising=False)
    config = PyFileConfigLoader("nbgrader_config.py", path=str(repo / "deploy" / "jupyterhub" / "config" / "trainer")).load_config()
    assert config.ExchangeFactory.collect == "upr_course.grading.exchange_collect.CheckedExchangeCollect"
    assert config.CheckedExchangeCollect.owners == {"amina": 310000, "bruno": 310001}


def test_only_trainers_servers_get_the_participants_uids():
    hub_dir = Path(__file__).resolve().parents[2] / "deploy" / "jupyterhub"
    sys.path.insert(0, str(hub_dir))
    try:
        from course_hub import server_environment
    finally:
        sys.path.remove(str(hub_dir))
    uids = {"amina": 310000, "bruno": 310001}
    trainer = server_environment("trainer", exchange="/x", participant_uids=uids)
    participant = server_environment("participant", exchange="/x", participant_uids=uids)
    assert trainer["UPR_COURSE_PARTICIPANT_UIDS"] == "amina=310000,bruno=310001"
    assert "UPR_COURSE_PARTICIPANT_UIDS" not in participant
    assert "UPR_COURSE_PARTICIPANT_UIDS" not in server_environment("trainer", exchange="/x")

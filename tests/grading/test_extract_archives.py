"""The course's zip_collect extractor (``extract_archives.SafeExtractor``), called directly: fast.

Broken archives, zip bombs (flat and nested), archives nested too deep, zip-slip names and
links must neither stop the class's collection nor reach the trainer's disk; good archives
must come out exactly as nbgrader's own extractor writes them. ``test_zip_collect.py`` and
``test_grading_attacks_more.py`` run the same through real ``nbgrader zip_collect``.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest
from nbgrader.apps.zipcollectapp import ZipCollectApp
from nbgrader.coursedir import CourseDirectory
from nbgrader.plugins.zipcollect import ExtractorPlugin

from upr_course.grading import extract_archives
from upr_course.grading.collect import latest_collections
from upr_course.grading.extract_archives import SafeExtractor, safe_member_path
from upr_course.grading.report import WorkshopReport

ASSIGNMENT = "01-should-we-engage"
NOTEBOOK = "should-we-engage.ipynb"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    (tmp_path / "downloaded" / ASSIGNMENT / "archive").mkdir(parents=True)
    (tmp_path / "downloaded" / ASSIGNMENT / "extracted").mkdir()
    return tmp_path


def _archive(course: Path) -> Path:
    return course / "downloaded" / ASSIGNMENT / "archive"


def _extracted(course: Path) -> Path:
    return course / "downloaded" / ASSIGNMENT / "extracted"


def _senders(course: Path, lines: str) -> None:
    (course / "downloaded" / ASSIGNMENT / "handed-in.csv").write_text("file,participant\n" + lines, encoding="utf-8")


def _run(course: Path, plugin=SafeExtractor, into: Path | None = None) -> None:
    app = ZipCollectApp()
    app.coursedir = CourseDirectory(root=str(course), assignment_id=ASSIGNMENT)
    plugin(parent=app).extract(str(_archive(course)), str(into or _extracted(course)))


def _zip(path: Path, files: dict[str, bytes | str], method=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as bundle:
        for name, data in files.items():
            bundle.writestr(name, data)
    return path


def _zip_bytes(files: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in files.items():
            bundle.writestr(name, data)
    return buffer.getvalue()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _refusals(course: Path) -> list[dict]:
    return [r for r in latest_collections(course).get(ASSIGNMENT, []) if r["outcome"] == "refused"]


def test_good_archives_come_out_as_nbgraders_own_extractor_writes_them(course, tmp_path):
    archive = _archive(course)
    _zip(archive / "amina.zip", {f"amina__{NOTEBOOK}": "{}", "notes/readme.txt": "hello"})
    _zip(archive / "bruno.zip", {"inner.zip": _zip_bytes({f"bruno__{NOTEBOOK}": "{\"b\": 1}"})})  # one level of nesting
    with tarfile.open(archive / "carla.tar.gz", "w:gz") as bundle:
        data = b'{"c": 1}'
        info = tarfile.TarInfo(f"work/carla__{NOTEBOOK}")
        info.size = len(data)
        bundle.addfile(info, io.BytesIO(data))
    (archive / f"dan__{NOTEBOOK}").write_text("{\"d\": 1}", encoding="utf-8")
    (archive / "by-post").mkdir()
    _zip(archive / "by-post" / "erin.zip", {f"erin__{NOTEBOOK}": "{\"e\": 1}"})

    _run(course)
    nbgraders = tmp_path / "nbgraders"
    nbgraders.mkdir()
    _run(course, ExtractorPlugin, nbgraders)

    ours = _files(_extracted(course))
    assert ours == _files(nbgraders)
    assert ours[f"bruno/inner/bruno__{NOTEBOOK}"] == b'{"b": 1}'
    assert ours[f"carla/work/carla__{NOTEBOOK}"] == b'{"c": 1}'
    assert f"by-post/erin/erin__{NOTEBOOK}" in ours
    assert _refusals(course) == []


def test_a_truncated_zip_and_a_gz_that_is_not_a_tar_are_refused_and_the_others_extracted(course):
    archive = _archive(course)
    whole = _zip(archive / "amina.zip", {f"amina__{NOTEBOOK}": "{}" * 5000}).read_bytes()
    (archive / "carol.zip").write_bytes(whole[: len(whole) // 2])
    (archive / "dan.gz").write_bytes(gzip.compress(b"not a tar"))
    _senders(course, "amina.zip,amina\ncarol.zip,carol\n")

    _run(course)

    assert (_extracted(course) / "amina" / f"amina__{NOTEBOOK}").is_file()
    assert sorted(p.name for p in _extracted(course).iterdir()) == ["amina"]  # nothing half-written, no staging folder
    refused = {r["file"]: r for r in _refusals(course)}
    assert sorted(refused) == ["carol.zip", "dan.gz"]
    assert refused["carol.zip"]["participant"] == "carol" and refused["dan.gz"]["participant"] == ""
    assert refused["carol.zip"]["message"].startswith("carol.zip is not a zip or tar.gz archive that can be opened")
    assert "Ask carol to send it again" in refused["carol.zip"]["message"]
    assert "Ask the participant who sent it to send it again" in refused["dan.gz"]["message"]

    # The trainer's report lists both under "Needs your attention".
    report = WorkshopReport(entries=[], as_of=dt.date.today(), assignments=[ASSIGNMENT], collection=latest_collections(course))
    text = report.to_text()
    assert "Needs your attention (2):" in text and "[zip_collect] carol.zip is not a zip" in text


def test_a_zip_with_a_password_is_refused_with_a_sentence(course):
    data = bytearray(_zip_bytes({f"lou__{NOTEBOOK}": "{}"}))
    data[6] |= 1  # the "encrypted" flag, in the file's header and in the zip's table of contents
    data[data.find(b"PK\x01\x02") + 8] |= 1
    (_archive(course) / "lou.zip").write_bytes(bytes(data))
    _zip(_archive(course) / "max.zip", {f"max__{NOTEBOOK}": "{}"})

    _run(course)

    assert sorted(p.name for p in _extracted(course).iterdir()) == ["max"]
    assert _refusals(course)[0]["message"].startswith("lou.zip is protected by a password (ask for it without one): nothing in it")


def test_a_zip_bomb_is_refused_before_anything_is_written(course, monkeypatch):
    archive = _archive(course)
    _zip(archive / "erin.zip", {f"erin__{NOTEBOOK}": "{}", "padding.bin": b"\0" * (6 * 1024 * 1024)})
    _zip(archive / "fay.zip", {f"fay__{NOTEBOOK}": "{}"})
    written = []
    real_copy = extract_archives._copy
    monkeypatch.setattr(extract_archives, "_copy", lambda source, target, budget: (written.append(target.name), real_copy(source, target, budget)))

    _run(course)

    assert written == [f"fay__{NOTEBOOK}"]
    assert sorted(p.name for p in _extracted(course).iterdir()) == ["fay"]
    [refused] = _refusals(course)
    assert refused["file"] == "erin.zip" and "more than 100 times its size" in refused["message"]


def test_a_tar_gz_bomb_is_refused_before_anything_is_written(course):
    with tarfile.open(_archive(course) / "erin.tar.gz", "w:gz") as bundle:
        info = tarfile.TarInfo("padding.bin")
        info.size = 6 * 1024 * 1024
        bundle.addfile(info, io.BytesIO(b"\0" * info.size))

    _run(course)

    assert list(_extracted(course).iterdir()) == []
    assert "zip bomb" in _refusals(course)[0]["message"]


def test_nested_archives_share_one_size_limit(course, monkeypatch):
    monkeypatch.setattr(extract_archives, "MAX_ARCHIVE_BYTES", 30_000)
    inner = _zip_bytes({"a.txt": "a" * 20_000})  # small zips that each write 20,000 bytes
    _zip(_archive(course) / "gus.zip", {"one.zip": inner, "two.zip": inner, f"gus__{NOTEBOOK}": "{}"})

    _run(course)

    assert list(_extracted(course).iterdir()) == []  # the whole archive is refused, not only two.zip
    [refused] = _refusals(course)
    assert refused["file"] == "gus.zip" and "gus.zip contains two.zip, which would write 20 KB (the limit is 29 KB for one participant)" in refused["message"]


def test_too_many_files_are_refused(course, monkeypatch):
    monkeypatch.setattr(extract_archives, "MAX_MEMBERS", 5)
    _zip(_archive(course) / "hal.zip", {f"{n}.txt": "" for n in range(10)})

    _run(course)

    assert "holds 10 files (the limit is 5)" in _refusals(course)[0]["message"]


def test_archives_are_opened_one_level_deep_only(course):
    deep = _zip_bytes({f"ivy__{NOTEBOOK}": "{\"deep\": 1}"})
    middle = _zip_bytes({"deep.zip": deep, "mid.txt": "m"})
    _zip(_archive(course) / "ivy.zip", {"middle.zip": middle, f"ivy__{NOTEBOOK}": "{}"})
    _senders(course, "ivy.zip,ivy\n")

    _run(course)

    files = _files(_extracted(course))
    assert f"ivy/ivy__{NOTEBOOK}" in files and "ivy/middle/mid.txt" in files and "ivy/middle/deep.zip" in files
    assert not (_extracted(course) / "ivy" / "middle" / "deep").exists()
    [refused] = _refusals(course)
    assert refused["participant"] == "ivy" and "contains archives inside an archive inside it (middle/deep.zip)" in refused["message"]
    assert "The rest of ivy.zip was extracted" in refused["message"]


def test_a_nested_bomb_is_one_refusal_naming_the_inner_archive(course):
    bomb = _zip_bytes({"padding.bin": b"\0" * (6 * 1024 * 1024)})
    _zip(_archive(course) / "kit.zip", {f"m{n}.zip": _zip_bytes({f"i{k}.zip": bomb for k in range(10)}) for n in range(10)})

    _run(course)

    [refused] = _refusals(course)  # not 100 lines in the report
    assert "kit.zip contains archives inside an archive inside it (m0/i0.zip, m0/i1.zip, m0/i2.zip and 97 more)" in refused["message"]
    assert sum(p.stat().st_size for p in _extracted(course).rglob("*") if p.is_file()) < 1024 * 1024
    _zip(_archive(course) / "kit.zip", {"i0.zip": bomb})
    (_archive(course).parent / "extracted" / "kit").rename(_archive(course).parent / "old")

    _run(course)

    assert "kit.zip contains i0.zip, which would write 6 MB from a 6 KB file" in _refusals(course)[-1]["message"]
    assert not (_extracted(course) / "kit").exists()


def test_a_broken_inner_archive_is_named_and_the_rest_is_extracted(course):
    _zip(_archive(course) / "jo.zip", {"inner.zip": b"PK\x03\x04 cut", f"jo__{NOTEBOOK}": "{}"})

    _run(course)

    assert (_extracted(course) / "jo" / f"jo__{NOTEBOOK}").is_file()
    assert "jo.zip contains inner.zip, which is not a zip or tar.gz archive" in _refusals(course)[0]["message"]


def test_nothing_is_written_outside_the_folder_and_no_link_is_created(course, tmp_path):
    outside = tmp_path / "outside"
    with zipfile.ZipFile(_archive(course) / "kim.zip", "w") as bundle:
        bundle.writestr(f"kim__{NOTEBOOK}", "{}")
        bundle.writestr("../../../../outside/slip.txt", "x")
        bundle.writestr(f"{outside}/absolute.txt", "x")
        bundle.writestr("..\\..\\..\\..\\outside\\windows.txt", "x")
        link = zipfile.ZipInfo("link-to-passwd")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        bundle.writestr(link, "/etc/passwd")
    with tarfile.open(_archive(course) / "lee.tar.gz", "w:gz") as bundle:
        for name, kind in [("tar-link", tarfile.SYMTYPE), ("tar-hard", tarfile.LNKTYPE), ("tar-fifo", tarfile.FIFOTYPE)]:
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, "/etc/passwd"
            bundle.addfile(info)
        info = tarfile.TarInfo("../../../../outside/tar-slip.txt")
        info.size = 1
        bundle.addfile(info, io.BytesIO(b"x"))
        info = tarfile.TarInfo(f"lee__{NOTEBOOK}")
        info.size = 2
        bundle.addfile(info, io.BytesIO(b"{}"))

    _run(course)

    assert not outside.exists()
    everything = [p for p in tmp_path.rglob("*")]
    assert not [p for p in everything if p.is_symlink()]
    assert sorted(_files(_extracted(course))) == [f"kim/kim__{NOTEBOOK}", f"lee/lee__{NOTEBOOK}"]
    assert _refusals(course) == []


@pytest.mark.parametrize(
    "name, expected",
    [("a/b.ipynb", "a/b.ipynb"), ("./a//b", "a/b"), ("a\\b", "a/b"), ("../a", None), ("a/../../b", None), ("/etc/x", None),
     ("\\x", None), ("C:/x", None), ("", None)],
)
def test_safe_member_path(name, expected):
    result = safe_member_path(name)
    assert (result.as_posix() if result else None) == expected


def test_the_course_config_uses_this_extractor():
    from traitlets.config.loader import PyFileConfigLoader

    repo = Path(__file__).resolve().parents[2]
    config = PyFileConfigLoader("nbgrader_config.py", path=str(repo)).load_config()
    assert config.ZipCollectApp.extractor_plugin == "upr_course.grading.extract_archives.SafeExtractor"


def _collect(course: Path) -> None:
    """nbgrader's own zip_collect steps (extract, then collect into submitted/), in this process: limits set here apply."""
    from nbgrader.coursedir import CourseDirectory

    from upr_course.grading.throwaway_course import load_config

    (course / "nbgrader_config.py").write_bytes((Path(__file__).resolve().parents[2] / "nbgrader_config.py").read_bytes())
    config = load_config(course)
    app = ZipCollectApp(config=config)
    app.coursedir = CourseDirectory(config=config, assignment_id=ASSIGNMENT)
    app.init_plugins()
    app.extract_archive_files()
    app.process_extracted_files()


def _collected(course: Path) -> list[str]:
    submitted = course / "submitted"
    return sorted(p.relative_to(submitted).as_posix() for p in submitted.rglob("*.ipynb")) if submitted.is_dir() else []


def test_the_whole_class_has_a_size_limit_and_what_came_before_it_is_collected(course, monkeypatch):
    monkeypatch.setattr(extract_archives, "MAX_CLASS_BYTES", 60_000)  # stands for 1 GB: 30 archives of 200 MB would write 6 GB
    archive = _archive(course)
    notebook = {name: json.dumps({"cells": [], "by": name * 5000}) for name in ("amina", "bruno", "carla")}  # 25 KB each
    _zip(archive / "amina.zip", {f"amina__{NOTEBOOK}": notebook["amina"]})
    _zip(archive / "bruno.zip", {f"bruno__{NOTEBOOK}": notebook["bruno"]})
    _zip(archive / "carla.zip", {"inner.zip": _zip_bytes({f"carla__{NOTEBOOK}": notebook["carla"]})})  # past the total, inside
    _zip(archive / "dan.zip", {f"dan__{NOTEBOOK}": "{}"})  # small, but after the total was reached
    (archive / f"erin__{NOTEBOOK}").write_text("{}", encoding="utf-8")  # a notebook sent alone, after it too
    _senders(course, "amina.zip,amina\nbruno.zip,bruno\ncarla.zip,carla\ndan.zip,dan\nerin__should-we-engage.ipynb,erin\n")

    _collect(course)

    assert _collected(course) == [f"amina/{ASSIGNMENT}/{NOTEBOOK}", f"bruno/{ASSIGNMENT}/{NOTEBOOK}"]  # nothing lost
    assert sorted(p.name for p in _extracted(course).iterdir()) == ["amina", "bruno"]  # nothing half-written, no staging folder
    refused = {r["file"]: r for r in _refusals(course)}
    assert sorted(refused) == ["carla.zip", "dan.zip", f"erin__{NOTEBOOK}"]
    assert refused["carla.zip"]["message"].startswith(
        "carla.zip was not extracted: with it, the files of archive/ would write more than 59 KB, the limit for one zip_collect of a whole class")
    assert "move the files already collected out of archive/" in refused["carla.zip"]["message"]
    for name in ("dan.zip", f"erin__{NOTEBOOK}"):
        expected = f"{name} was not extracted: the limit for one zip_collect of a whole class (59 KB) was reached at carla.zip."
        assert refused[name]["message"].startswith(expected)
    assert refused["dan.zip"]["participant"] == "dan"
    report = WorkshopReport(entries=[], as_of=dt.date.today(), assignments=[ASSIGNMENT], collection=latest_collections(course))
    assert "Needs your attention (3):" in report.to_text()


def test_macos_resource_files_are_skipped_quietly(course):
    apple_double = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + b"\x00" * 64
    archive = _archive(course)
    _zip(archive / "amina.zip", {f"amina__{NOTEBOOK}": "{}", "__MACOSX/": b"", f"__MACOSX/._amina__{NOTEBOOK}": apple_double,
                                 "work/notes.txt": "n", "__MACOSX/work/._notes.txt": apple_double})
    with tarfile.open(archive / "bruno.tar.gz", "w:gz") as bundle:
        for name, data in [(f"bruno__{NOTEBOOK}", b"{}"), (f"__MACOSX/._bruno__{NOTEBOOK}", apple_double)]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            bundle.addfile(info, io.BytesIO(data))
    _senders(course, "amina.zip,amina\nbruno.tar.gz,bruno\n")

    _collect(course)

    assert _collected(course) == [f"amina/{ASSIGNMENT}/{NOTEBOOK}", f"bruno/{ASSIGNMENT}/{NOTEBOOK}"]
    assert sorted(_files(_extracted(course))) == [f"amina/amina__{NOTEBOOK}", "amina/work/notes.txt", f"bruno/bruno__{NOTEBOOK}"]
    assert _refusals(course) == []  # before: "._amina__should-we-engage.ipynb ... is not a valid name"


def test_each_file_of_archive_gets_a_folder_of_its_own():
    from upr_course.grading.collect import extracted_names

    zip_ext = [".zip", ".gz"]
    assert extracted_names(["amina.zip", "bruno.tar.gz", "dan__x.ipynb"], zip_ext) == {
        "amina.zip": "amina", "bruno.tar.gz": "bruno", "dan__x.ipynb": "dan__x.ipynb"}  # nbgrader's names
    assert extracted_names(["amina.zip", "amina.gz"], zip_ext) == {"amina.zip": "amina.zip", "amina.gz": "amina.gz"}
    assert extracted_names(["amina.zip", "amina"], zip_ext) == {"amina.zip": "amina.zip", "amina": "amina"}  # a file or a folder
    # whichever names come in, no two entries share a name in extracted/
    names = ["a.zip", "a.gz", "a.tar.gz", "a", "a.zip.gz", "a.tar", "b.tar.gz", "b.tar", "c.gz.zip", "c.gz"]
    targets = extracted_names(names, zip_ext)
    assert len(set(targets.values())) == len(names)
    assert targets["b.tar.gz"] == "b" and targets["c.gz.zip"] == "c.gz.zip" and targets["c.gz"] == "c"


@pytest.mark.parametrize("second", ["amina.gz", "amina.tar.gz", "amina"])
def test_archives_named_alike_are_never_merged(course, second):
    _zip(_archive(course) / "amina.zip", {f"amina__{NOTEBOOK}": "{\"a\": 1}"})
    if second == "amina":
        (_archive(course) / second).write_text("bruno's attachment", encoding="utf-8")
    else:
        with tarfile.open(_archive(course) / second, "w:gz") as bundle:
            data = b'{"b": 1}'
            info = tarfile.TarInfo(f"amina__{NOTEBOOK}")
            info.size = len(data)
            bundle.addfile(info, io.BytesIO(data))

    _run(course)

    files = _files(_extracted(course))
    assert files[f"amina.zip/amina__{NOTEBOOK}"] == b'{"a": 1}'
    if second == "amina":
        assert files["amina"] == b"bruno's attachment"
    else:
        assert files[f"{second}/amina__{NOTEBOOK}"] == b'{"b": 1}'
    assert _refusals(course) == []

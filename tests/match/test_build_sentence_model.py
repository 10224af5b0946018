"""The script that builds the matcher's sentence model (scripts/build_sentence_model.py).

Rebuilding needs PyTorch and the original model, never needed to use the course, so these
tests check what the script refuses and says before it gets there: it must not turn the wrong
weights into the file the matcher trusts.
"""

from __future__ import annotations

import pytest
from repo_scripts import load_script


@pytest.fixture(scope="module")
def build():
    return load_script("build_sentence_model")


def test_a_folder_without_the_model_gets_a_plain_message_and_exit_code_2(build, tmp_path, capsys):
    assert build.main([str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert "model.safetensors" in error and build.SOURCE in error and "Traceback" not in error


def test_weights_that_are_not_the_published_ones_are_refused(build, tmp_path, capsys):
    (tmp_path / "model.safetensors").write_bytes(b"not the published weights")
    (tmp_path / "tokenizer.json").write_text("{}")
    assert build.main([str(tmp_path)]) == 2
    assert "SHA-256 differs" in capsys.readouterr().err
    assert not (tmp_path / "model.onnx").exists()


def test_the_committed_model_names_the_weights_the_script_checks(build):
    from upr_course.match import meaning

    readme = (meaning.MODEL_DIR / "README.md").read_text(encoding="utf-8")
    assert build.PUBLISHED_WEIGHTS_SHA256 in readme and build.SOURCE in readme
    assert build.OUT_DIR == meaning.MODEL_DIR


def test_sha256_reads_a_file_in_blocks(build, tmp_path):
    path = tmp_path / "data.bin"
    path.write_bytes(b"a" * (3 << 20))
    import hashlib

    assert build.sha256(path) == hashlib.sha256(b"a" * (3 << 20)).hexdigest()

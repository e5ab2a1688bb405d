"""Hostile files in the content folders: FIFOs, /dev/zero, huge files, the env var of validate.

Every read that could hang or fill memory runs in a child process with a memory limit and a
timeout, so a regression fails the test instead of taking the machine down.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from simulacro.answer_key import load_answer_key
from simulacro.bank import DEFAULT_QUESTIONS_DIR, load_bank
from simulacro.importer import ImportError_, import_file
from simulacro.safe_file import UnreadableFile, read_capped

ROOT = Path(__file__).resolve().parents[1]
MEMORY_LIMIT = 1536 * 1024 * 1024  # a child that tries to read /dev/zero whole dies here
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _validate(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python -m simulacro validate ARGS` bounded in time and memory."""
    return subprocess.run(
        [sys.executable, "-m", "simulacro", "validate", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
        env={**os.environ, **(env or {})},
    )


def _bank_copy(tmp_path: Path, numbers: tuple[int, ...] = (41, 42)) -> Path:
    folder = tmp_path / "questions"
    folder.mkdir()
    for path in DEFAULT_QUESTIONS_DIR.glob("*.md"):
        if path.name.split("-", 1)[0].isdigit() and int(path.name[:3]) in numbers:
            shutil.copy(path, folder / path.name)
    return folder


def _in_thread(work, seconds: float = 20.0):
    """Run `work` in a daemon thread; fail (instead of hanging) if it does not return."""
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # re-raised in the test's thread
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s (blocked on a FIFO?)"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


# ------------------------------------------------------------------------- the reader
def test_read_capped_refuses_a_fifo_without_blocking(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableFile, match=r"not a regular file \(a FIFO\)"):
        _in_thread(lambda: read_capped(fifo, 1000))


def test_read_capped_refuses_a_device_and_a_folder(tmp_path):
    link = tmp_path / "zero"
    link.symlink_to("/dev/zero")
    with pytest.raises(UnreadableFile, match=r"a character device"):
        read_capped(link, 1000)
    with pytest.raises(UnreadableFile, match=r"a folder"):
        read_capped(tmp_path, 1000)
    with pytest.raises(UnreadableFile, match="file not found"):
        read_capped(tmp_path / "missing", 1000)


def test_read_capped_stops_one_byte_past_the_cap(tmp_path):
    path = tmp_path / "big"
    path.write_bytes(b"x" * 5000)
    assert read_capped(path, 5000) == b"x" * 5000
    with pytest.raises(UnreadableFile, match=r"file is 4\.9 KB, over the 4\.0 KB limit") as caught:
        read_capped(path, 4096)
    assert caught.value.size == 5000


# ------------------------------------------------------------------- questions folder
def test_fifo_in_the_questions_folder_is_reported_not_waited_for(tmp_path):
    folder = _bank_copy(tmp_path)
    os.mkfifo(folder / "951-x.md")
    bank = _in_thread(lambda: load_bank(folder))
    assert [q.number for q in bank.questions] == [41, 42]
    assert "questions/951-x.md:1: not a regular file (a FIFO)" in [str(p) for p in bank.problems]


def test_validate_with_a_fifo_and_dev_zero_in_the_folder_ends_with_messages(tmp_path):
    folder = _bank_copy(tmp_path)
    os.mkfifo(folder / "951-x.md")
    (folder / "952-zero.md").symlink_to("/dev/zero")
    result = _validate("--questions", str(folder), "--answers", str(ROOT / "answers.yaml"))
    assert "Traceback" not in result.stderr
    assert "questions/951-x.md:1: not a regular file (a FIFO)" in result.stdout
    assert "questions/952-zero.md:1: not a regular file (a character device)" in result.stdout
    assert result.returncode == 1


def test_a_huge_sparse_question_file_is_refused_without_reading_it_whole(tmp_path):
    folder = _bank_copy(tmp_path)
    with (folder / "953-huge.md").open("wb") as handle:
        handle.truncate(8 * 1024 * 1024 * 1024)  # 8 GB of zeros, sparse on disk
    result = _validate("--questions", str(folder), "--answers", str(ROOT / "answers.yaml"))
    assert "Traceback" not in result.stderr
    assert "questions/953-huge.md:1: file is 8388608 KB, over the 256 KB limit" in result.stdout


def test_translation_fifo_is_reported(tmp_path):
    folder = _bank_copy(tmp_path)
    (folder / "en").mkdir()
    os.mkfifo(folder / "en" / "041-x.md")
    bank = _in_thread(lambda: load_bank(folder))
    assert "questions/en/041-x.md:1: not a regular file (a FIFO)" in [str(p) for p in bank.problems]


# ------------------------------------------------------------------------ answers.yaml
def test_answers_yaml_as_a_fifo_or_dev_zero_is_a_problem_not_a_hang(tmp_path):
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    key = _in_thread(lambda: load_answer_key(fifo))
    assert not key.entries
    assert any("not a regular file (a FIFO)" in str(p) for p in key.problems)
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    result = _validate("--answers", str(zero))
    assert "Traceback" not in result.stderr
    assert "not a regular file (a character device)" in result.stdout
    assert result.returncode == 1


# ------------------------------------------------------------------- imported documents
def test_importing_a_fifo_or_dev_zero_document_says_why(tmp_path):
    fifo = tmp_path / "doc.md"
    os.mkfifo(fifo)
    with pytest.raises(ImportError_, match=r"not a regular file \(a FIFO\)"):
        _in_thread(lambda: import_file(fifo))
    zero = tmp_path / "zero.md"
    zero.symlink_to("/dev/zero")
    with pytest.raises(ImportError_, match="a character device"):
        import_file(zero)


# ------------------------------------------------------------- validate and the env var
def test_validate_honours_simulacro_questions_dir(tmp_path):
    folder = _bank_copy(tmp_path, numbers=(41,))
    (folder / "954-bad.md").write_text("no front matter\n", encoding="utf-8")
    result = _validate(
        "--answers", str(ROOT / "answers.yaml"), env={"SIMULACRO_QUESTIONS_DIR": str(folder)}
    )
    assert "questions/954-bad.md:1: missing front matter" in result.stdout
    assert "1 question(s) loaded" in result.stderr
    assert result.returncode == 1

"""Recorded answers on disk: checks, limits, a full disk, deletion, orphans."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from simulacro import recordings as rec
from tools.wav_tone import wav_bytes

TOKEN = "abc123"


def test_a_wav_is_checked_saved_loaded_and_deleted(tmp_path):
    data = wav_bytes(1.5)
    path, info = rec.save(tmp_path, TOKEN, "q1_main", data)
    assert path == tmp_path / "mock_recordings" / TOKEN / "q1_main.wav"
    assert (info.seconds, info.rate, info.channels) == (1.5, 16_000, 1)
    assert rec.load(tmp_path, TOKEN, "q1_main") == data
    assert not list(path.parent.glob("*.part"))  # written whole, then renamed
    rec.save(tmp_path, TOKEN, "q1_main", wav_bytes(0.5))  # a new take replaces the old
    assert rec.check_wav(rec.load(tmp_path, TOKEN, "q1_main")).seconds == 0.5
    rec.delete(tmp_path, TOKEN, "q1_main")
    assert rec.load(tmp_path, TOKEN, "q1_main") is None
    rec.delete(tmp_path, TOKEN, "q1_main")  # deleting twice is fine


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (wav_bytes(0.0), "empty"),
        (b"ID3\x03" + b"\x00" * 100, "not a WAV file"),
        (b"RIFF\x00\x00\x00\x00WAVEjunk", "damaged WAV"),
        (b"RIFF" + b"\x00" * (rec.MAX_BYTES + 1), "over the 20 MB limit"),
    ],
)
def test_bad_recordings_get_a_clear_message_and_write_nothing(tmp_path, data, message):
    with pytest.raises(rec.RecordingError, match=message):
        rec.save(tmp_path, TOKEN, "q1_main", data)
    assert not (tmp_path / "mock_recordings" / TOKEN / "q1_main.wav").exists()


def test_a_data_folder_without_room_refuses_with_a_clear_message(tmp_path, monkeypatch):
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(rec.shutil, "disk_usage", lambda _: usage._replace(free=1024))
    with pytest.raises(rec.RecordingError, match="has no room for this recording"):
        rec.save(tmp_path, TOKEN, "q1_main", wav_bytes(1.0))
    assert rec.load(tmp_path, TOKEN, "q1_main") is None


def test_a_disk_that_fills_up_while_writing_leaves_no_half_file(tmp_path, monkeypatch):
    rec.save(tmp_path, TOKEN, "q1_main", wav_bytes(0.5))  # an earlier take, kept

    def full(self, data):  # half a file appears, then the disk is full
        with open(self, "wb") as handle:
            handle.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(rec.RecordingError, match="has no room"):
        rec.save(tmp_path, TOKEN, "q1_main", wav_bytes(1.0))
    monkeypatch.undo()
    folder = tmp_path / "mock_recordings" / TOKEN
    assert sorted(p.name for p in folder.iterdir()) == ["q1_main.wav"]  # no .part left
    assert rec.check_wav(rec.load(tmp_path, TOKEN, "q1_main")).seconds == 0.5  # old take


def test_unsafe_names_are_refused(tmp_path):
    for token in ("../x", "a/b", "", "x" * 65):
        with pytest.raises(rec.RecordingError):
            rec.save(tmp_path, token, "q1_main", wav_bytes(0.1))
    assert rec.load(tmp_path, "../etc", "passwd") is None


def test_deleting_an_interview_and_everything(tmp_path):
    rec.save(tmp_path, "one", "q1_main", wav_bytes(0.1))
    rec.save(tmp_path, "two", "q1_main", wav_bytes(0.1))
    rec.delete_interview(tmp_path, "one")
    assert rec.load(tmp_path, "one", "q1_main") is None
    assert rec.load(tmp_path, "two", "q1_main") is not None
    rec.delete_all(tmp_path)
    assert not (tmp_path / "mock_recordings").exists()
    rec.delete_all(tmp_path)  # nothing there: fine


def test_orphans_of_unsaved_interviews_are_pruned_after_a_week(tmp_path):
    for token in ("saved", "fresh", "old"):
        rec.save(tmp_path, token, "q1_main", wav_bytes(0.1))
    week_ago = os.path.getmtime(tmp_path / "mock_recordings" / "old") - rec.ORPHAN_AFTER_S - 60
    for token in ("saved", "old"):
        os.utime(tmp_path / "mock_recordings" / token, (week_ago, week_ago))
    assert rec.prune_orphans(tmp_path, keep={"saved"}) == ["old"]
    assert sorted(p.name for p in (tmp_path / "mock_recordings").iterdir()) == ["fresh", "saved"]
    assert rec.prune_orphans(tmp_path / "nowhere", keep=set()) == []


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=300),
        st.binary(max_size=200).map(lambda b: b"RIFF" + b[:4] + b"WAVE" + b[4:]),
        st.integers(0, 400).map(lambda n: wav_bytes(0.05)[:n]),
    )
)
@example(b"RIFF\x00\x00\x00\x01WAVE\x00\x00\x00\x00\x00\x00\x00\x01")  # RuntimeError once
def test_any_bytes_are_a_recording_or_a_clear_error(data):
    try:
        info = rec.check_wav(data)
    except rec.RecordingError as exc:
        assert str(exc)
    else:
        assert info.seconds > 0 and info.size == len(data)

"""Spoken answers of a mock interview, kept as WAV files in the data folder.

Layout: `<data folder>/mock_recordings/<interview token>/<slot>.wav`, one folder per
interview, so deleting an interview's recordings is deleting one folder. A recording is
checked before it is written (not empty, at most `MAX_BYTES`, a real WAV), written to a
temporary file and renamed (a full disk never leaves half a file), and refused with a
clear `RecordingError` when the data folder has no room. Nothing here raises anything
else for bad input.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import shutil
import struct
import time
import wave
from dataclasses import dataclass
from pathlib import Path

FOLDER = "mock_recordings"
MAX_BYTES = 20 * 1024 * 1024  # ~10 min of 16 kHz mono 16-bit: longer than any question
MAX_MB = MAX_BYTES // (1024 * 1024)
FREE_MARGIN_BYTES = 5 * 1024 * 1024  # never fill the disk to the last byte
ORPHAN_AFTER_S = 7 * 24 * 3600  # unsaved interviews' recordings older than this go
_SAFE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class RecordingError(ValueError):
    """A recording that cannot be kept; the message says what and what to do."""


@dataclass(frozen=True)
class WavInfo:
    seconds: float
    rate: int
    channels: int
    size: int


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_wav(data: bytes) -> WavInfo:
    """The recording's length and format, or RecordingError (empty, too big, not a WAV)."""
    size = len(data)
    if size == 0:
        raise RecordingError("the recording is empty (no sound was captured): record again")
    if size > MAX_BYTES:
        raise RecordingError(
            f"the recording is {_mb(size)}, over the {MAX_MB} MB limit "
            "(about 10 minutes): record a shorter answer"
        )
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise RecordingError("the recording is not a WAV file (audio/wav): record it again here")
    try:
        with wave.open(io.BytesIO(data)) as wav:
            frames, rate, channels = wav.getnframes(), wav.getframerate(), wav.getnchannels()
    # The stdlib reader raises several kinds on a malformed header (RuntimeError for a bad
    # chunk, found by the fuzz test); every one means a damaged file.
    except (wave.Error, EOFError, RuntimeError, ValueError, OSError, struct.error) as exc:
        raise RecordingError(f"the recording is a damaged WAV file ({exc}): record again") from exc
    if frames == 0 or rate <= 0:
        raise RecordingError("the recording is empty (no sound was captured): record again")
    return WavInfo(round(frames / rate, 2), rate, channels, size)


def _checked(name: str, what: str) -> str:
    if not _SAFE.match(name):
        raise RecordingError(f"{what} {name!r} is not a safe file name")
    return name


def folder(data_dir: Path, token: str) -> Path:
    return Path(data_dir) / FOLDER / _checked(token, "interview token")


def path_for(data_dir: Path, token: str, slot: str) -> Path:
    return folder(data_dir, token) / f"{_checked(slot, 'slot')}.wav"


def save(data_dir: Path, token: str, slot: str, data: bytes) -> tuple[Path, WavInfo]:
    """Check and write one recording; replaces the slot's previous one."""
    info = check_wav(data)
    target = path_for(data_dir, token, slot)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(target.parent).free
    except OSError as exc:
        raise RecordingError(f"the data folder {data_dir} cannot be written ({exc})") from exc
    if free < info.size + FREE_MARGIN_BYTES:
        raise RecordingError(_no_room(data_dir, info.size, free))
    temporary = target.with_suffix(".part")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise RecordingError(_no_room(data_dir, info.size, None)) from exc
        raise RecordingError(f"the recording could not be written to {target} ({exc})") from exc
    return target, info


def _no_room(data_dir: Path, size: int, free: int | None) -> str:
    left = "" if free is None else f", {_mb(free)} free"
    return (
        f"the data folder {data_dir} has no room for this recording ({_mb(size)}{left}): "
        "free some disk space and record again"
    )


def load(data_dir: Path, token: str, slot: str) -> bytes | None:
    """The recording's bytes, or None when it is gone (deleted, or never written)."""
    try:
        return path_for(data_dir, token, slot).read_bytes()
    except (OSError, RecordingError):
        return None


def delete(data_dir: Path, token: str, slot: str) -> None:
    with contextlib.suppress(OSError, RecordingError):
        path_for(data_dir, token, slot).unlink()


def delete_interview(data_dir: Path, token: str) -> None:
    """Every recording of one interview (its folder)."""
    with contextlib.suppress(RecordingError):
        shutil.rmtree(folder(data_dir, token), ignore_errors=True)


def delete_all(data_dir: Path) -> None:
    """Every recording of every interview (progress reset)."""
    shutil.rmtree(Path(data_dir) / FOLDER, ignore_errors=True)


def prune_orphans(
    data_dir: Path, keep: set[str], now: float | None = None, older_than_s: float = ORPHAN_AFTER_S
) -> list[str]:
    """Delete the recordings of interviews never saved (tokens not in `keep`) and left
    untouched for `older_than_s`; returns the tokens deleted."""
    root = Path(data_dir) / FOLDER
    moment = time.time() if now is None else now
    gone = []
    try:
        entries = list(root.iterdir())
    except OSError:
        return gone
    for entry in entries:
        try:
            old = moment - entry.stat().st_mtime > older_than_s
        except OSError:
            continue
        if entry.is_dir() and entry.name not in keep and old:
            shutil.rmtree(entry, ignore_errors=True)
            gone.append(entry.name)
    return sorted(gone)

"""Read a file the user controls without hanging or filling memory.

A content folder can hold anything: a FIFO (opening it blocks until a writer comes), a
symlink to /dev/zero (endless bytes), a 10 GB file. `read_capped` opens without blocking,
accepts only regular files (checked on the opened descriptor, so a swap after the check
cannot fool it) and stops reading one byte past the cap, whatever `stat` claims.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

CHUNK_BYTES = 64 * 1024


class UnreadableFile(OSError):
    """The path is not a readable regular file, or it is over the size cap.

    `reason` is a short phrase for `file:line: reason` messages, e.g. "not a regular file
    (a FIFO)". For a file over the cap, `size` is its size in bytes (at least the cap + 1;
    the size `stat` reports when it says more), so callers can word the limit their way.
    """

    def __init__(self, path: Path | str, reason: str, size: int | None = None) -> None:
        self.reason = reason
        self.size = size
        super().__init__(f"{path}: {reason}")

    @property
    def too_big(self) -> bool:
        return self.size is not None


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def size_text(n_bytes: int) -> str:
    if n_bytes >= 1024 * 1024:
        return f"{n_bytes / (1024 * 1024):.1f} MB"
    if n_bytes >= 1024:
        return f"{n_bytes / 1024:.1f} KB"
    return f"{n_bytes} bytes"


def _too_big(path: Path | str, size: int, max_bytes: int) -> UnreadableFile:
    reason = f"file is {size_text(size)}, over the {size_text(max_bytes)} limit"
    return UnreadableFile(path, reason, size=size)


def read_capped(path: Path | str, max_bytes: int) -> bytes:
    """The bytes of regular file `path`, at most `max_bytes` of them.

    Raises UnreadableFile for anything else (missing, a FIFO, a device, a folder, a file
    over the cap, no permission); never blocks on a FIFO and never reads past the cap.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise UnreadableFile(path, "file not found") from None
    except OSError as exc:
        raise UnreadableFile(path, f"cannot open the file ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(path, f"not a regular file ({_kind(info.st_mode)})")
        if info.st_size > max_bytes:  # refuse early; the loop below still caps a liar
            raise _too_big(path, info.st_size, max_bytes)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(CHUNK_BYTES, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise _too_big(path, total, max_bytes)
    except UnreadableFile:
        raise
    except OSError as exc:
        raise UnreadableFile(path, f"cannot read the file ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    return b"".join(chunks)

"""Small WAV files made on the fly for the recording tests and the bench (nothing binary
in git)."""

from __future__ import annotations

import io
import math
import struct
import wave


def wav_bytes(seconds: float = 1.0, rate: int = 16_000, freq: float = 440.0) -> bytes:
    """A mono 16-bit sine tone of `seconds`."""
    frames = int(seconds * rate)
    samples = b"".join(
        struct.pack("<h", int(12_000 * math.sin(2 * math.pi * freq * i / rate)))
        for i in range(frames)
    )
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(samples)
    return out.getvalue()

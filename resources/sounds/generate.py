"""Generates the station's four sounds as 16-bit mono WAV files with the standard library.

`python resources/sounds/generate.py` rewrites accept.wav, error.wav, lock.wav and done.wav
next to this script. Each sound is distinct in pitch and rhythm, so a packer tells them
apart without looking: a short high beep (accepted), a low harsh buzz (error), a two-tone
alarm (station locked), a rising three-note chime (order done).
"""
from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050
HERE = Path(__file__).resolve().parent


def _tone(freq: float, seconds: float, volume: float = 0.6, square: bool = False) -> list[float]:
    n = int(RATE * seconds)
    fade = max(1, int(RATE * 0.005))  # 5 ms fade in/out: no clicks
    out = []
    for i in range(n):
        phase = math.sin(2 * math.pi * freq * i / RATE)
        value = (1.0 if phase >= 0 else -1.0) * 0.5 if square else phase
        env = min(1.0, i / fade, (n - i) / fade)
        out.append(value * volume * env)
    return out


def _silence(seconds: float) -> list[float]:
    return [0.0] * int(RATE * seconds)


SOUNDS: dict[str, list[float]] = {
    "accept": _tone(1760, 0.08),
    "error": _tone(150, 0.45, volume=0.7, square=True),
    "lock": (_tone(880, 0.15, square=True) + _tone(587, 0.15, square=True)) * 3,
    "done": _tone(1047, 0.12) + _silence(0.03) + _tone(1319, 0.12) + _silence(0.03) + _tone(1568, 0.25),
}


def write(path: Path, samples: list[float]) -> None:
    """Write samples in [-1, 1] as 16-bit mono PCM."""
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(b"".join(struct.pack("<h", int(s * 32767)) for s in samples))


def main() -> None:
    for name, samples in SOUNDS.items():
        write(HERE / f"{name}.wav", samples)


if __name__ == "__main__":
    main()

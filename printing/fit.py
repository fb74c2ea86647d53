"""Fitting text into a box: shrink it, then wrap it, then cut it with an ellipsis.

Text is never drawn outside its box. Units are whatever the caller measures in (points for
PDF, dots for ZPL); the measure function gives a string's width at a size.
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import Callable

log = logging.getLogger(__name__)

ELLIPSIS = "\u2026"
LEADING = 1.15  # line height as a multiple of the size

Measure = Callable[[str, float], float]


@dataclass(frozen=True)
class Fitted:
    """The size and lines that fit; cut is True when text was lost to the ellipsis."""

    size: float
    lines: tuple[str, ...]
    cut: bool = False


@functools.lru_cache(maxsize=1024)
def _sizes(size: float, min_size: float) -> tuple[float, ...]:
    out, s = [], size
    while s > min_size:
        out.append(s)
        s = round(s * 0.9, 2)
    out.append(min_size)
    return tuple(out)


def _break_word(word: str, measure: Measure, size: float, width: float) -> list[str]:
    """Split a word too long for a line into pieces that fit (at least one char each)."""
    pieces, current = [], ""
    for ch in word:
        if current and measure(current + ch, size) > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, measure: Measure, size: float, width: float) -> list[str]:
    """Greedy word wrap at spaces; words longer than a line are broken."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if measure(candidate, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if measure(word, size) <= width:
            current = word
        else:
            *full, current = _break_word(word, measure, size, width) or [""]
            lines.extend(full)
    lines.append(current)
    return lines


def _cut(line: str, measure: Measure, size: float, width: float) -> str:
    """The longest start of line that fits with an ellipsis after it."""
    while line and measure(line.rstrip() + ELLIPSIS, size) > width:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS if measure(ELLIPSIS, size) <= width else ""


def fit(text: str, measure: Measure, width: float, height: float, size: float,
        min_size: float | None = None) -> Fitted:
    """Shrink text down to min_size on one line, then wrap, then cut the last line."""
    if size <= height and measure(text, size) <= width:
        return Fitted(size, (text,))  # the usual case: the first size tried below, at once
    min_size = min(size, min_size if min_size is not None else size * 0.7)
    sizes = _sizes(size, min_size)
    for s in sizes:
        if measure(text, s) <= width and s <= height:
            return Fitted(s, (text,))
    for s in sizes:
        max_lines = max(1, int((height - s) // (s * LEADING)) + 1)
        if s > height:
            continue
        lines = wrap(text, measure, s, width)
        if len(lines) <= max_lines:
            return Fitted(s, tuple(lines))
    s = min(min_size, height)
    max_lines = max(1, int((height - s) // (s * LEADING)) + 1)
    lines = wrap(text, measure, s, width)[:max_lines]
    lines[-1] = _cut(lines[-1], measure, s, width)
    log.debug("cut %r to %d lines at size %s", text, len(lines), s)
    return Fitted(s, tuple(lines), cut=True)

"""Barcodes: Code 128 codewords as python-barcode chooses them (printing.code128), its bar
patterns, drawn by us as whole-module vector bars.

Code 128 carries printable ASCII; GS1-128 is Code 128 with a leading FNC1 (python-barcode's
Gs1_128 adds it) and GS1 element strings where an inner FNC1 (written "\\x1d", the GS
character) ends a variable-length field that is not last.
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from barcode.charsets.code128 import CODES, STOP
from reportlab.lib.rl_accel import fp_str

from app.identifiers import is_valid_sscc
from app.translator import phrase
from printing import code128 as c128
from printing.errors import DocumentError

log = logging.getLogger(__name__)

GS = "\x1d"
FNC1 = "\xf1"  # python-barcode's FNC1 character
MAX_CODE128_LENGTH = 48


@dataclass(frozen=True)
class Symbol:
    """An encoded linear symbol: the data, its codewords and its bar pattern in modules."""

    data: str
    gs1: bool
    codewords: tuple[int, ...]  # start code .. last data codeword (no check, no stop)

    @functools.cached_property
    def modules(self) -> str:
        """The bar pattern: "1" bar, "0" space; no quiet zones (built when first asked)."""
        check = c128.check_digit(self.codewords)
        return "".join([CODES[c] for c in self.codewords]) + CODES[check] + STOP + "11"

    @property
    def width_modules(self) -> int:
        """Width in modules without quiet zones."""
        return c128.width_modules(self.codewords)

    def bars(self) -> list[tuple[int, int]]:
        """(start module, width in modules) of each bar."""
        # Every codeword's pattern starts with a bar and ends with a space, so the bars of a
        # symbol are its codewords' bars, shifted by 11 modules a codeword.
        out: list[tuple[int, int]] = []
        offset = 0
        for word in (*self.codewords, c128.check_digit(self.codewords)):
            out += [(offset + start, width) for start, width in _CODEWORD_BARS[word]]
            offset += 11
        out += [(offset + start, width) for start, width in _STOP_BARS]
        return out


def _runs(pattern: str) -> tuple[tuple[int, int], ...]:
    out, start = [], None
    for i, m in enumerate(pattern + "0"):
        if m == "1" and start is None:
            start = i
        elif m == "0" and start is not None:
            out.append((start, i - start))
            start = None
    return tuple(out)


_CODEWORD_BARS = tuple(_runs(pattern) for pattern in CODES)
_STOP_BARS = _runs(STOP + "11")


def _check_code128(document: str, field: str, data: str) -> None:
    if data.isascii() and data.isprintable() and 0 < len(data) <= MAX_CODE128_LENGTH:
        return  # the usual case, in two C-level calls
    if not data:
        raise DocumentError(document, field, data, phrase("a Code 128 barcode needs at least one character"))
    bad = [c for c in data if not 32 <= ord(c) <= 126]
    if bad:
        raise DocumentError(
            document, field, data,
            phrase("Code 128 carries printable ASCII only, not %(character)s; "
                   "use letters, digits and ASCII punctuation in this value", character=repr(bad[0])),
        )
    if len(data) > MAX_CODE128_LENGTH:
        raise DocumentError(
            document, field, data,
            phrase("longer than %(most)s characters, too long for one Code 128 symbol", most=MAX_CODE128_LENGTH),
        )


def code128(document: str, field: str, data: str) -> Symbol:
    """Encode data as Code 128, or raise DocumentError naming the document, field and value."""
    _check_code128(document, field, data)
    return Symbol(data, False, c128.codewords(data))


def gs1_128(document: str, field: str, element_string: str) -> Symbol:
    """Encode a GS1 element string (AIs without parentheses, GS after variable fields)."""
    _check_code128(document, field, element_string.replace(GS, "!"))
    if len(element_string) < 3 or not element_string[:2].isdigit():
        raise DocumentError(document, field, element_string,
                            phrase("a GS1-128 barcode starts with an application identifier such as 00"))
    return Symbol(element_string, True, c128.codewords(element_string.replace(GS, FNC1), gs1=True))


def sscc_symbol(document: str, field: str, sscc: str) -> Symbol:
    """The GS1-128 symbol of AI (00) with an 18-digit SSCC."""
    if not is_valid_sscc(sscc):
        raise DocumentError(document, field, sscc,
                            phrase("an SSCC is 18 digits with a GS1 mod-10 check digit"))
    return gs1_128(document, field, "00" + sscc)


def draw(canvas, symbol: Symbol, x: float, y: float, module: float, height: float) -> None:
    """Draw symbol's bars on a reportlab canvas with its left edge at x, bottom at y (points)."""
    # One path in module units under a transform (x, y, module, height): each bar is written
    # as whole numbers, not as four rounded floats, which is about three times faster. The
    # bars land where they did before; q/Q keep the canvas state as it was.
    bars = " ".join([f"{start} 0 {width} 1 re" for start, width in symbol.bars()])
    canvas.addLiteral(f"q {fp_str(module, 0, 0, height, x, y)} cm {bars} f Q")


def sscc_human_readable(sscc: str) -> str:
    """The human-readable line under an SSCC symbol: (00) and the 18 digits."""
    return f"(00) {sscc}"

"""Code 128 codewords for printable ASCII (and GS1 FNC1), chosen as python-barcode chooses them.

python-barcode's encoder walks the data once: it starts in subset C, switches to B for any
non-digit, and back to C when at least four digits follow. Packdesk used it directly; this
module makes the same choices in one tight loop (about ten times faster, no objects), so the
symbols and the goldens stay the same, and tests compare both on many values. One difference
on purpose: python-barcode drops a leading "99" (it mistakes the data codeword 99 for a
"switch to C" and folds it into the start code), so "9912" read back as "12"; here it stays.
"""
from __future__ import annotations

import functools
import logging

log = logging.getLogger(__name__)

FNC1 = "\xf1"  # python-barcode's FNC1 character; codeword 102 in every subset
START_B, START_C = 104, 105
TO_C, TO_B = 99, 100  # "switch to C" in subset B, "switch to B" in subset C
_DIGITS = frozenset("0123456789")
STOP_MODULES = 13  # stop pattern (11 modules) and the final two-module bar
_PAIRS = {f"{v:02d}": v for v in range(100)}


@functools.lru_cache(maxsize=64)
def _pair_slices(n: int) -> tuple[slice, ...]:
    return tuple(slice(i, i + 2) for i in range(0, n, 2))


def codewords(data: str, gs1: bool = False) -> tuple[int, ...]:
    """Start code .. last data codeword (no check digit, no stop) for printable ASCII data.

    With gs1, data is a GS1 element string with FNC1 (\\xf1) before it is added here, and
    FNC1 where a variable-length field ends; without, FNC1 is not expected in data.
    """
    if data.isdigit() and data.isascii() and not len(data) % 2:
        # All digits in pairs (an SSCC's "00" + 18 digits): subset C from start to end.
        pairs = map(_PAIRS.__getitem__, map(data.__getitem__, _pair_slices(len(data))))
        return (START_C, 102, *pairs) if gs1 else (START_C, *pairs)
    code = FNC1 + data if gs1 else data
    out = [START_C]
    in_c = True
    pending = ""  # one digit of subset C waiting for its pair
    first_is_switch = False
    n = len(code)
    for i, ch in enumerate(code):
        if in_c:
            if ch not in _DIGITS and not (gs1 and ch == FNC1 and not pending):
                in_c = False
                out.append(TO_B)
                if len(out) == 2:
                    first_is_switch = True
                if pending:
                    out.append(ord(pending) - 32)
                    pending = ""
        elif ch in _DIGITS and i + 3 < n and code[i + 1] in _DIGITS and code[i + 2] in _DIGITS \
                and code[i + 3] in _DIGITS:
            in_c = True
            out.append(TO_C)
        if not in_c:
            out.append(102 if ch == FNC1 else ord(ch) - 32)
        elif ch == FNC1:
            out.append(102)
        elif pending:
            out.append((ord(pending) - 48) * 10 + ord(ch) - 48)
            pending = ""
        else:
            pending = ch
    if pending:
        out.append(TO_B)
        if len(out) == 2:
            first_is_switch = True
        out.append(ord(pending) - 32)
    if first_is_switch:  # start in B rather than start in C and switch at once
        out[:2] = [START_B]
    return tuple(out)


def check_digit(words: tuple[int, ...]) -> int:
    """The Code 128 symbol check character of codewords (start code first)."""
    total = words[0]
    for i in range(1, len(words)):
        total += i * words[i]
    return total % 103


def width_modules(words: tuple[int, ...]) -> int:
    """Width of the symbol in modules without quiet zones: 11 a codeword and check, and stop."""
    return 11 * (len(words) + 1) + STOP_MODULES

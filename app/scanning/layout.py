"""Keyboard layouts for scanners that type (keyboard-wedge and HID scanners), and the layout
mismatch: a scanner set to one layout (say US) on a station whose keyboard is set to another
(say German) presses the right keys, but the station reads other characters: Y and Z swap,
`-` arrives as `ß`, `/` as `-`. `find_layout_mismatch` tells which code an unknown scan was
probably meant to be, so the administrator can be told what to set."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from app.translator import phrase

log = logging.getLogger(__name__)

# Linux input-event-codes.h key numbers (X key codes are these + 8) -> (plain, shifted).
_US_KEYS = {
    2: "1!", 3: "2@", 4: "3#", 5: "4$", 6: "5%", 7: "6^", 8: "7&", 9: "8*", 10: "9(", 11: "0)",
    12: "-_", 13: "=+", 16: "qQ", 17: "wW", 18: "eE", 19: "rR", 20: "tT", 21: "yY", 22: "uU",
    23: "iI", 24: "oO", 25: "pP", 26: "[{", 27: "]}", 30: "aA", 31: "sS", 32: "dD", 33: "fF",
    34: "gG", 35: "hH", 36: "jJ", 37: "kK", 38: "lL", 39: ";:", 40: "'\"", 41: "`~", 43: "\\|",
    44: "zZ", 45: "xX", 46: "cC", 47: "vV", 48: "bB", 49: "nN", 50: "mM", 51: ",<", 52: ".>",
    53: "/?", 57: "  ",
    # keypad
    71: "77", 72: "88", 73: "99", 75: "44", 76: "55", 77: "66", 79: "11", 80: "22", 81: "33",
    82: "00", 83: "..", 74: "--", 78: "++", 55: "**", 98: "//",
}
# The keypad types the same on every layout, so it never shows a mismatch.
KEYPAD_KEYS = frozenset({71, 72, 73, 75, 76, 77, 79, 80, 81, 82, 83, 74, 78, 55, 98})
# German layout: differences from US (QWERTZ, shifted digits, punctuation).
_DE_CHANGES = {
    3: "2\"", 4: "3§", 7: "6&", 8: "7/", 9: "8(", 10: "9)", 11: "0=", 12: "ß?", 13: "´`",
    21: "zZ", 44: "yY", 26: "üÜ", 27: "+*", 39: "öÖ", 40: "äÄ", 41: "^°", 43: "#'",
    51: ",;", 52: ".:", 53: "-_",
}
# French AZERTY: differences from US.
_FR_CHANGES = {
    2: "&1", 3: "é2", 4: "\"3", 5: "'4", 6: "(5", 7: "-6", 8: "è7", 9: "_8", 10: "ç9", 11: "à0",
    12: ")°", 16: "aA", 17: "zZ", 30: "qQ", 39: "mM", 44: "wW", 50: ",?", 51: ";.", 52: ":/",
    53: "!§", 26: "^¨", 27: "$£", 40: "ù%", 43: "*µ",
}
LAYOUTS: dict[str, dict[int, str]] = {
    "us": _US_KEYS,
    "de": {**_US_KEYS, **_DE_CHANGES},
    "fr": {**_US_KEYS, **_FR_CHANGES},
}
LAYOUT_NAMES = {"us": phrase("US"), "de": phrase("German"), "fr": phrase("French")}
# The mismatches tried, commonest first: a scanner shipped set to US on a European station.
_PAIRS = (("us", "de"), ("de", "us"), ("us", "fr"), ("fr", "us"), ("de", "fr"), ("fr", "de"))


def retype(received: str, scanner_layout: str, station_layout: str) -> str | None:
    """What a scanner set to `scanner_layout` meant by keys the station read as `received`
    through `station_layout`; None when a character comes from no key of the station's layout."""
    station = LAYOUTS[station_layout]
    scanner = LAYOUTS[scanner_layout]
    key_of: dict[str, tuple[int, int]] = {}
    for key, chars in station.items():
        if key not in KEYPAD_KEYS:
            for level, char in enumerate(chars):
                key_of.setdefault(char, (key, level))
    meant = []
    for char in received:
        if char not in key_of:
            return None
        key, level = key_of[char]
        meant.append(scanner[key][level])
    return "".join(meant)


@dataclass(frozen=True)
class LayoutMismatch:
    """An unknown scan that is a known code typed through the wrong keyboard layout."""

    scanner: str  # the scanner's address, e.g. "keyboard"
    received: str
    probable: str
    scanner_layout: str
    station_layout: str

    @property
    def message(self) -> str:
        """What the administrator reads: the scanner, both codes, and what to set."""
        scanner, station = LAYOUT_NAMES[self.scanner_layout], LAYOUT_NAMES[self.station_layout]
        return phrase("Scanner %(scanner)s sent %(received)s, which is not a code Packdesk knows; it was probably "
                      "%(probable)s, typed through the wrong keyboard layout: the scanner types as on a %(its)s "
                      "keyboard, the station's keyboard layout is %(ours)s. Set the scanner to a %(ours)s keyboard "
                      "layout (scan the setting barcode in its manual) or set the station's keyboard layout to "
                      "%(its)s.", scanner=self.scanner, received=self.received, probable=self.probable,
                      its=scanner, ours=station)


def find_layout_mismatch(received: str, is_known: Callable[[str], bool],
                         scanner: str = "keyboard") -> LayoutMismatch | None:
    """For a scan Packdesk does not know: the known code it becomes under a keyboard layout
    mismatch (logged as a warning), or None when no mismatch explains it."""
    for scanner_layout, station_layout in _PAIRS:
        probable = retype(received, scanner_layout, station_layout)
        if probable is None or probable == received or not is_known(probable):
            continue
        mismatch = LayoutMismatch(scanner, received, probable, scanner_layout, station_layout)
        log.warning("keyboard layout mismatch on scanner %s: received %r is probably %r (scanner set "
                    "to %s, station keyboard %s); set the scanner's keyboard layout or the station's",
                    scanner, received, probable, scanner_layout, station_layout)
        return mismatch
    return None

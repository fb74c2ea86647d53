"""A small ZPL II builder: escaped text fields, boxes and Code 128 / GS1-128 in whole dots.

Every text goes into a field with ^FH, so ^ ~ _ \\ and control characters arrive as _XX hex
escapes of their UTF-8 bytes (with ^CI28) and can never start a command. Code 128 data is
written in ZPL's no-mode (^BC...,N) as python-barcode's codewords, so the printer draws
exactly the symbol the PDF shows; a ">" in the data is written ">0".
"""
from __future__ import annotations

import logging
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

from printing.barcodes import Symbol
from printing.fonts import BOLD, FALLBACKS, REGULAR, display_order, font_path, runs, text_width

log = logging.getLogger(__name__)

_ESCAPED = frozenset("^~_\\")
_START = {103: ">9", 104: ">:", 105: ">;"}
# Code 128 codewords that switch subset, per current subset (the others there are FNC4)
_SWITCH = {"A": {99: ">5", 100: ">6"}, "B": {99: ">5", 101: ">7"}, "C": {100: ">6", 101: ">7"}}


_TEXT_COMMANDS = ("^FO", "^A@", "^FH", "^FD", "^FS")


@dataclass(frozen=True)
class ZplFonts:
    """Where the printer keeps the documents' TrueType fonts (stored by font_download)."""

    regular: str = "E:DEJAVU.TTF"
    bold: str = "E:DEJAVUB.TTF"
    cjk: str = "E:PDCJK.TTF"  # printing.fonts' fallback faces, stored when they are installed
    symbols: str = "E:PDSYMB.TTF"

    def name(self, font: str) -> str:
        """The printer's file name for one of printing.fonts' font names."""
        return {BOLD: self.bold, "PackdeskCJK": self.cjk, "PackdeskSymbols": self.symbols}.get(font, self.regular)


def text_fields(x: int, y: int, size: int, text: str, printer_font: str, fonts: ZplFonts) -> str:
    """The ^FO..^FS fields of one line of text (em box's top-left at x, y; size in dots): one
    field, or one per run where a fallback face draws part of it (CJK, emoji), each placed at
    the width of the runs before it; right-to-left text in display order, as in the PDF."""
    font = BOLD if printer_font == fonts.bold else REGULAR
    pieces = runs(display_order(text), font)
    out, offset = [], 0.0
    for face, piece in pieces:
        name = printer_font if face == font else fonts.name(face)
        out.append(f"^FO{x + round(offset)},{y}^A@N,{size},{size},{name}^FH^FD{escape_field(piece)}^FS")
        offset += text_width(piece, face, size)
    return "".join(out)


_NEEDS_ESCAPE = re.compile(r"[\^~_\\\x00-\x1f\x7f-\x9f]")


def _hex(match: re.Match) -> str:
    return "".join(f"_{b:02X}" for b in match.group().encode("utf-8"))


def escape_field(text: str) -> str:
    """Text for a ^FH field: ^ ~ _ \\ and control characters as _XX hex of their UTF-8 bytes."""
    if (text.isascii() and text.isprintable() and "^" not in text and "~" not in text
            and "_" not in text and "\\" not in text):
        return text  # nothing to escape: most text, checked in C without the regex
    return _NEEDS_ESCAPE.sub(_hex, text)


def unescape_field(data: bytes) -> str:
    """The text a printer shows for ^FH field data (the inverse of escape_field)."""
    raw = bytearray()
    i = 0
    while i < len(data):
        if data[i] == 0x5F and i + 2 < len(data):
            raw.append(int(data[i + 1:i + 3], 16))
            i += 3
        else:
            raw.append(data[i])
            i += 1
    return raw.decode("utf-8")


# What each data codeword writes in ^FD, per subset: subset B's character (">" as ">0" and
# ^ ~ _ \\ as hex escapes for ^FH), subset A's the same for 0-63, subset C's two digits.
_B_DATA = tuple(">0" if v == 30 else escape_field(chr(v + 32)) for v in range(103))
_A_DATA = tuple(_B_DATA[v] if v < 64 else escape_field(chr(v - 64)) for v in range(103))
_C_DATA = tuple(f"{v:02d}" for v in range(103))
_DATA = {"A": _A_DATA, "B": _B_DATA, "C": _C_DATA}
_SUBSET_OF_START = {103: "A", 104: "B", 105: "C"}
_SUBSET_AFTER = {99: "C", 100: "B", 101: "A"}


def code128_field(symbol: Symbol) -> str:
    """^FD data for ^BC in no-mode: explicit start code, subset switches, FNC1, escaped chars."""
    words = symbol.codewords
    subset = _SUBSET_OF_START[words[0]]
    out = [_START[words[0]]]
    data = _DATA[subset]
    switch = _SWITCH[subset]
    for value in words[1:]:
        if value == 102:
            out.append(">8")
        elif value in switch:
            out.append(switch[value])
            subset = _SUBSET_AFTER[value]
            data, switch = _DATA[subset], _SWITCH[subset]
        else:
            out.append(data[value])
    return "".join(out)


@dataclass
class ZplBuilder:
    """Builds one label; commands records each command written, for tests and previews."""

    width: int  # dots
    height: int  # dots
    dpi: int = 203
    fonts: ZplFonts = field(default_factory=ZplFonts)
    commands: list[str] = field(default_factory=list)
    _parts: list[str] = field(default_factory=list)

    def _emit(self, *commands: str) -> None:
        self.commands.extend(c[:3] for c in commands)
        self._parts.extend(commands)

    def start(self) -> "ZplBuilder":
        """^XA with UTF-8 (^CI28), print width and label length."""
        self._emit("^XA", "^CI28", f"^PW{self.width}", f"^LL{self.height}", "^LH0,0")
        return self

    def text(self, x: int, y: int, size: int, text: str, font: str = REGULAR) -> None:
        """One line of text, its em box's top-left at (x, y), size in dots."""
        fields = text_fields(x, y, size, text, self.fonts.name(font), self.fonts)
        self.commands.extend(_TEXT_COMMANDS * fields.count("^FS"))
        self._parts.append(fields)

    def box(self, x: int, y: int, w: int, h: int, thickness: int) -> None:
        """A rectangle or, with w or h equal to thickness, a line."""
        self._emit(f"^FO{x},{y}", f"^GB{w},{h},{thickness}", "^FS")

    def barcode(self, x: int, y: int, symbol: Symbol, module: int, height: int) -> None:
        """A Code 128 or GS1-128 symbol with module width in dots, no printed interpretation."""
        self._emit(f"^FO{x},{y}", f"^BY{module}", f"^BCN,{height},N,N,N,N", "^FH",
                   f"^FD{code128_field(symbol)}", "^FS")

    def end(self) -> bytes:
        """^XZ and the whole label as bytes."""
        self._emit("^XZ")
        return "".join(self._parts).encode("utf-8")


def mm_to_dots(mm: float, dpi: int) -> int:
    """Millimetres to printer dots, rounded."""
    return round(mm * dpi / 25.4)


def font_download(fonts: ZplFonts = ZplFonts(), fallbacks: bool = True) -> bytes:
    """~DY commands that store the documents' TrueType fonts on a printer, sent once (with the
    CJK and symbol fallbacks when they are installed: about 20 MB more)."""
    out = bytearray()
    installed = [f.name for f in FALLBACKS if fallbacks and font_path(f.name).is_file()]
    for font in (REGULAR, BOLD, *installed):
        data = first_face(Path(font_path(font)).read_bytes())
        target = fonts.name(font).rsplit(".", 1)[0]
        out += f"~DY{target},B,T,{len(data)},,".encode("ascii") + data
    return bytes(out)


def first_face(data: bytes) -> bytes:
    """A TrueType font file as a printer stores it: the file itself, or the first face of a
    TrueType collection (.ttc, as fonts-wqy-zenhei ships) as a standalone .ttf."""
    if data[:4] != b"ttcf":
        return data
    (start,) = struct.unpack_from(">I", data, 12)
    sfnt, count = struct.unpack_from(">IH", data, start)
    records = [struct.unpack_from(">4sIII", data, start + 12 + 16 * i) for i in range(count)]
    header = bytearray(data[start:start + 12])
    body = bytearray()
    offset = 12 + 16 * count
    directory = bytearray()
    for tag, checksum, at, length in records:
        directory += struct.pack(">4sIII", tag, checksum, offset + len(body), length)
        body += data[at:at + length] + b"\0" * (-length % 4)
    return bytes(header + directory + body)

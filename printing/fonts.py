"""The documents' font (DejaVu Sans from resources/fonts): registration and text measurement.

The same TrueType file is registered with reportlab for PDFs and stored on thermal printers
for ZPL, so one measurement serves both: a size in points for PDF is a height in dots for ZPL.
"""
from __future__ import annotations

import functools
import logging
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from printing.errors import PrintingError

log = logging.getLogger(__name__)

FONTS_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
REGULAR = "PackdeskSans"
BOLD = "PackdeskSans-Bold"
FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
# For PDFs: a standard PDF font (nothing to embed, so a label is made in a few ms) when the
# text is plain Latin-1/WinAnsi, DejaVu Sans when it needs other glyphs (Cyrillic, Greek...).
AUTO = "auto"
AUTO_BOLD = "auto-bold"
_STANDARD = {AUTO: ("Helvetica", REGULAR), AUTO_BOLD: ("Helvetica-Bold", BOLD)}


def font_path(name: str) -> Path:
    """The TrueType file behind a font name."""
    return FONTS_DIR / FILES[name]


@functools.cache
def register_fonts() -> None:
    """Register the documents' fonts with reportlab once per process."""
    for name, filename in FILES.items():
        path = FONTS_DIR / filename
        if not path.is_file():
            raise PrintingError(
                f"font file {path} is missing; reinstall Packdesk or copy DejaVu Sans there"
            )
        pdfmetrics.registerFont(TTFont(name, str(path)))
    log.debug("registered document fonts from %s", FONTS_DIR)


@functools.lru_cache(maxsize=8192)
def _standard_ok(text: str) -> bool:
    if text.isascii():
        return text.isprintable()
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return all(ord(c) >= 32 and not 127 <= ord(c) < 160 for c in text)


def resolve(font: str, text: str) -> str:
    """The face that draws text: AUTO fonts pick Helvetica or DejaVu Sans by the text."""
    if font in _STANDARD:
        standard, unicode_face = _STANDARD[font]
        return standard if _standard_ok(text) else unicode_face
    return font


def bold_of(font: str) -> str:
    """The bold counterpart of a regular font name."""
    return {AUTO: AUTO_BOLD, REGULAR: BOLD}.get(font, font)


@functools.cache
def _face(name: str):
    register_fonts()
    return pdfmetrics.getFont(name)


@functools.cache
def _ascii_widths(face: str) -> dict[str, float] | None:
    # A TrueType face's ASCII advance widths in 1/1000 em, summed below exactly as reportlab
    # sums them (tests compare); standard PDF fonts are measured by reportlab itself.
    font = _face(face)
    if not isinstance(font, TTFont):
        return None
    return {chr(i): font.stringWidth(chr(i), 1000.0) for i in range(128)}


@functools.lru_cache(maxsize=65536)
def _unit_width(text: str, font: str) -> float:
    # Widths are linear in size, so one measurement at size 1 serves every size fit() tries;
    # the cache also keeps the warehouse's own address and the captions measured once.
    face = resolve(font, text)
    if text.isascii():
        table = _ascii_widths(face)
        if table is not None:
            return 0.001 * sum(map(table.__getitem__, text))
    return _face(face).stringWidth(text, 1.0)


def text_width(text: str, font: str, size: float) -> float:
    """Width of text set in font at size, in the same unit as size (points or dots)."""
    return _unit_width(text, font) * size

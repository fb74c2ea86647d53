"""The documents' font (DejaVu Sans from resources/fonts): registration and text measurement.

The same TrueType file is registered with reportlab for PDFs and stored on thermal printers
for ZPL, so one measurement serves both: a size in points for PDF is a height in dots for ZPL.

What DejaVu Sans cannot draw (Chinese, Japanese, Korean; emoji and symbols) is drawn by a
fallback face found on the system at run time (FALLBACKS: Debian packages, listed in
packaging/bootstrap.sh): a line is split into runs, each in the first face that has its glyphs.
Right-to-left text (Hebrew, Arabic) is put in display order with the Unicode bidi algorithm
(python-bidi) before it is drawn, the same for PDF and ZPL.
"""
from __future__ import annotations

import functools
import logging
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from bidi import get_display
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.translator import phrase
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




@dataclass(frozen=True)
class Fallback:
    """A face for the characters DejaVu Sans lacks, from a Debian package (TrueType outlines:
    reportlab cannot embed the PostScript outlines of Noto Sans CJK)."""

    name: str  # as registered with reportlab
    covers: str  # what it is for, in messages
    package: str  # the Debian package that installs it
    paths: tuple[str, ...]  # where it may be; the first that exists is used


FALLBACKS = (
    Fallback("PackdeskCJK", "Chinese, Japanese and Korean", "fonts-wqy-zenhei",
             ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
              "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")),
    Fallback("PackdeskSymbols", "emoji and symbols", "fonts-symbola",
             ("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",
              "/usr/share/fonts/truetype/ancient-scripts/Symbola.ttf")),
)


def font_path(name: str) -> Path:
    """The TrueType file behind a font name (a fallback's: where it was found, or its first place)."""
    if name in FILES:
        return FONTS_DIR / FILES[name]
    fallback = next(f for f in FALLBACKS if f.name == name)
    return next((Path(p) for p in fallback.paths if Path(p).is_file()), Path(fallback.paths[0]))


@functools.cache
def fallback_face(name: str) -> TTFont | None:
    """A fallback face registered with reportlab, or None (logged once, naming the package)
    when it is not installed."""
    fallback = next(f for f in FALLBACKS if f.name == name)
    path = font_path(name)
    if not path.is_file():
        log.warning("no font for %s text: install the Debian package %s (%s); such text prints as "
                    "empty boxes", fallback.covers, fallback.package, " or ".join(fallback.paths))
        return None
    face = TTFont(name, str(path), subfontIndex=0)
    pdfmetrics.registerFont(face)
    log.info("%s text is drawn with %s", fallback.covers, path)
    return face


def missing_fallbacks() -> list[Fallback]:
    """The fallback faces that are not installed (packdesk doctor names their packages)."""
    return [f for f in FALLBACKS if not font_path(f.name).is_file()]


def doctor_checks(config: object) -> list:
    """`packdesk doctor`'s look at the fallback fonts: each missing one with its package."""
    from app.doctor import ok, problem
    from app.translator import phrase

    missing = missing_fallbacks()
    found = [ok(f"font: {f.covers}", str(font_path(f.name))) for f in FALLBACKS if f not in missing]
    return found + [problem(f"font: {f.covers}",
                            phrase("no font for %(script)s text (%(paths)s); such text prints as empty boxes",
                                   script=f.covers, paths=" or ".join(f.paths)),
                            phrase("Install the Debian package %(package)s (apt-get install %(package)s).",
                                   package=f.package)) for f in missing]


@functools.lru_cache(maxsize=4096)
def _face_for(char: str) -> str | None:
    """The fallback face that draws `char`, or None: the document's own font (which draws it,
    or shows an empty box when no installed face can)."""
    if ord(char) < 0x370 or ord(char) in _face(REGULAR).face.charToGlyph:
        return None
    for fallback in FALLBACKS:
        face = fallback_face(fallback.name)
        if face is not None and ord(char) in face.face.charToGlyph:
            return fallback.name
    return None


_NEUTRAL = frozenset(" ,.-/()'\"")  # stays in the run it is in, so a name keeps one face


@functools.lru_cache(maxsize=16384)
def runs(text: str, font: str) -> list[tuple[str, str]]:
    """(face, piece) runs of `text`: the document's `font` where DejaVu Sans has the glyphs,
    a fallback face where it has not. Text that needs no fallback is one run in `font`.
    (Cached: treat the list as read-only.)"""
    if text.isascii() or all(_face_for(c) is None for c in text):
        return [(font, text)]
    out: list[tuple[str, str]] = []
    for char in text:
        face = (out[-1][0] if out and char in _NEUTRAL else None) or _face_for(char) or font
        if out and out[-1][0] == face:
            out[-1] = (face, out[-1][1] + char)
        else:
            out.append((face, char))
    return out


@functools.lru_cache(maxsize=8192)
def display_order(text: str) -> str:
    """`text` in the order it is drawn: right-to-left scripts reordered by the Unicode bidi
    algorithm (python-bidi); any other text unchanged."""
    if text.isascii() or not any(unicodedata.bidirectional(c) in ("R", "AL") for c in text):
        return text
    return get_display(text)


@functools.cache
def register_fonts() -> None:
    """Register the documents' fonts with reportlab once per process."""
    for name, filename in FILES.items():
        path = FONTS_DIR / filename
        if not path.is_file():
            raise PrintingError(phrase(
                "font file %(path)s is missing; reinstall Packdesk or copy DejaVu Sans there", path=str(path)
            ))
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
    if name not in FILES and name not in _STANDARD and name not in ("Helvetica", "Helvetica-Bold"):
        fallback_face(name)
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
    pieces = runs(text, font)
    if len(pieces) == 1 and pieces[0][0] == font:
        return _unit_width(text, font) * size
    return sum(_unit_width(piece, face) if face == font else _face(face).stringWidth(piece, 1.0)
               for face, piece in pieces) * size

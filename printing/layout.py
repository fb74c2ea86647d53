"""Page-independent layout pieces: placed text, lines and barcodes, and stacking of text lines.

Coordinates are from the top-left in the renderer's unit (points for PDF, dots for ZPL);
the PDF and ZPL renderers draw the same elements, so both show the same fitted text.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from app.translator import phrase
from printing.barcodes import Symbol
from printing.fit import LEADING, fit
from printing.fonts import REGULAR, bold_of, text_width

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Text:
    """One line of text; (x, y) is the top-left of its em box."""

    x: float
    y: float
    size: float
    text: str
    font: str = REGULAR
    field: str = ""  # which data field it shows, for tests

    @property
    def width(self) -> float:
        """The line's width in the layout's unit."""
        return text_width(self.text, self.font, self.size)


@dataclass(frozen=True)
class Rule:
    """A filled rectangle (a line when thin)."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Bars:
    """A placed barcode: left edge of the first bar at x, top at y."""

    x: float
    y: float
    symbol: Symbol
    module: float
    height: float
    field: str = ""

    @property
    def width(self) -> float:
        """Width of the bars (no quiet zones)."""
        return self.symbol.width_modules * self.module


Element = Text | Rule | Bars


def measure(font: str):
    """A measure function for printing.fit in the given font."""
    return lambda s, size: text_width(s, font, size)


def fitted_lines(text: str, x: float, y: float, w: float, h: float, size: float,
                 font: str = REGULAR, field: str = "", min_size: float | None = None
                 ) -> tuple[list[Text], float]:
    """Text fitted into a box as placed lines, and the height they take."""
    f = fit(text, measure(font), w, h, size, min_size)
    step = f.size * LEADING
    return [Text(x, y + i * step, f.size, line, font, field) for i, line in enumerate(f.lines)], \
        (len(f.lines) - 1) * step + f.size


def stack(rows: list[tuple[str, str, float, str]], x: float, y: float, w: float, h: float
          ) -> list[Text]:
    """Lines (text, font, size, field) one under another in a box: shrink all, wrap, cut."""
    rows = [r for r in rows if r[0]]
    for scale in (1.0, 0.9, 0.8, 0.7, 0.6):
        placed: list[Text] = []
        top = y
        for text, font, size, field in rows:
            s = size * scale
            lines, used = fitted_lines(text, x, top, w, s * (1 + 2 * LEADING), s, font, field,
                                       min_size=s * 0.8)
            placed += lines
            top += used + s * (LEADING - 1)
        if top - y <= h:
            return placed
    # Still too tall: keep what fits, cut the last kept line.
    kept = [t for t in placed if t.y + t.size <= y + h]
    if kept and len(kept) < len(placed):
        last = kept[-1]
        cut = fit(last.text + " " + "\u2026" * 3, measure(last.font), w, last.size, last.size,
                  last.size)
        kept[-1] = Text(last.x, last.y, last.size, cut.lines[0], last.font, last.field)
    return kept


def address_rows(address, size: float, field: str, font: str = REGULAR
                 ) -> list[tuple[str, str, float, str]]:
    """Rows for stack(): the name in bold, then company, street lines, town and country."""
    REGULAR, BOLD = font, bold_of(font)  # noqa: N806
    rows = [(address.name, BOLD, size * 1.15, f"{field}.name"),
            (address.company, REGULAR, size, f"{field}.company")]
    rows += [(line, REGULAR, size, f"{field}.address_lines[{i}]")
             for i, line in enumerate(address.address_lines)]
    rows.append((" ".join(p for p in (address.postcode, address.city) if p), BOLD, size * 1.1,
                 f"{field}.city"))
    rows.append((address.country, BOLD, size * 1.1, f"{field}.country"))
    if address.phone:
        rows.append((f"Tel. {address.phone}", REGULAR, size * 0.9, f"{field}.phone"))
    return rows


def module_for(symbol: Symbol, available: float, target: float, step: float, minimum: float,
               document: str, field: str) -> float:
    """The widest whole-step module up to target that fits symbol and quiet zones in available."""
    from printing.errors import DocumentError

    k = int(min(target, available / (symbol.width_modules + 20)) / step + 1e-9)
    module = k * step
    if module < minimum - 1e-9:
        raise DocumentError(document, field, symbol.data,
                            phrase("too long to print readably at this label width; "
                                   "use a shorter value or a wider label"))
    return module

"""The shipping label's layout, shared by the PDF and ZPL renderers.

Sections from the top: ship-from and carrier, ship-to, parcel facts, the tracking number
(Code 128) and the SSCC (GS1-128 with AI 00 and its human-readable line). Heights scale with
the label stock, so 4x6, A6 and 4x4 use the same layout.
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from app.translator import phrase
from printing.barcodes import Symbol, code128, sscc_human_readable, sscc_symbol
from printing.errors import DocumentError
from printing.fonts import REGULAR, bold_of
from printing.layout import Bars, Element, Rule, Text, address_rows, fitted_lines, module_for, stack
from printing.model import Address, LabelData, LabelSize

log = logging.getLogger(__name__)

DOCUMENT = phrase("shipping label")
MARGIN_MM = 3.0
# Section heights in mm on a 152.4 mm label: from, to, facts, tracking, SSCC.
SECTIONS_MM = (24.0, 40.0, 17.0, 28.0, 37.0)
SSCC_X_MM = 0.51  # GS1 logistic label: X from 0.495 mm; 0.51 gives 4 dots at 203 dpi, 6 at 300
TRACKING_X_MM = 0.38  # 3 dots at 203 dpi


@dataclass(frozen=True)
class LabelLayout:
    """A label's size and elements in one unit (points or dots)."""

    width: float
    height: float
    elements: tuple[Element, ...]


def weight_text(grams: int) -> str:
    """A parcel weight for people: 1.25 kg, or 850 g."""
    return f"{grams / 1000:.2f} kg" if grams >= 1000 else f"{grams} g"


def check_data(data: LabelData) -> None:
    """Refuse a negative weight or a parcel index outside 1..parcel_count (DocumentError)."""
    if data.weight_g < 0:
        raise DocumentError(DOCUMENT, "weight_g", data.weight_g, phrase("a weight cannot be negative"))
    if not 1 <= data.parcel_index <= data.parcel_count:
        raise DocumentError(DOCUMENT, "parcel_index", data.parcel_index,
                            phrase("must be between 1 and parcel_count (%(count)s)", count=data.parcel_count))


@dataclass(frozen=True, eq=False)  # one per key of geometry(): hashed by identity, quickly
class Geometry:
    """The label's fixed measures in the renderer's unit, computed once per stock and unit."""

    width: float
    height: float
    m: float  # margin
    inner: float  # width between the margins
    heights: tuple[float, ...]  # of the sections, from the top
    tops: tuple[float, ...]  # y of each section's top
    pt: float  # one typographic point
    line: float  # thickness of the rules


@functools.lru_cache(maxsize=64)
def geometry(size: LabelSize, per_mm: float) -> Geometry:
    """Margins, section heights and tops of a label stock; per_mm converts mm to the unit."""
    w_mm, h_mm = size.mm
    width, height = w_mm * per_mm, h_mm * per_mm
    m = MARGIN_MM * per_mm
    scale = (h_mm - 2 * MARGIN_MM) / sum(SECTIONS_MM)
    heights = tuple(s * scale * per_mm for s in SECTIONS_MM)
    tops, y = [], m
    for h in heights:
        tops.append(y)
        y += h
    return Geometry(width, height, m, width - 2 * m, heights, tuple(tops), per_mm * 25.4 / 72,
                    max(0.35 * per_mm, 1.0))


def from_section(g: Geometry, ship_from: Address, carrier: str, service: str, font: str
                 ) -> list[Element]:
    """Ship-from, carrier and service, and the rule under them (the same on most labels)."""
    R, B = font, bold_of(font)  # noqa: N806
    m, inner, pt, y, h = g.m, g.inner, g.pt, g.tops[0], g.heights[0]
    left_w = inner * 0.6
    out: list[Element] = [Text(m, y, 6 * pt, "FROM", B, "caption")]
    out += stack(address_rows(ship_from, 7 * pt, "ship_from", R), m, y + 7.5 * pt,
                 left_w - 2 * pt, h - 8 * pt)
    rx = m + left_w
    carrier_lines, used = fitted_lines(carrier, rx, y, inner - left_w, h * 0.45, 16 * pt, B,
                                       "carrier")
    out += carrier_lines
    out += stack([(service, B, 10 * pt, "service")], rx, y + used + 2 * pt,
                 inner - left_w, h - used - 2 * pt)
    out.append(Rule(m, y + h - g.line, inner, g.line))
    return out


FACT_CAPTIONS = ("WEIGHT", "SIZE", "PARCEL", "ORDER", "REF", "DATE")
FACT_FIELDS = ("weight_g", "dimensions_mm", "parcel_index", "order_number", "reference",
               "ship_date")


@functools.lru_cache(maxsize=256)
def _from_cached(g: Geometry, ship_from: Address, carrier: str, service: str, font: str
                 ) -> tuple[Element, ...]:
    # The warehouse's own address, carrier and service repeat on label after label.
    return tuple(from_section(g, ship_from, carrier, service, font))


REPEATING_FACTS = frozenset((0, 1, 2, 5))  # weight, size, "n of m" and date repeat a lot


def fact_lines(g: Geometry, i: int, value: str, font: str) -> list[Text]:
    """The fitted value of fact i (of FACT_FIELDS) in its cell of the grid."""
    pt, cell_w, cell_h = g.pt, g.inner / 3, g.heights[2] / 2
    cx, cy = g.m + (i % 3) * cell_w, g.tops[2] + (i // 3) * cell_h
    return fitted_lines(value, cx, cy + 6.5 * pt, cell_w - 2 * pt, cell_h - 7 * pt, 10 * pt,
                        bold_of(font) if FACT_FIELDS[i] == "parcel_index" else font,
                        FACT_FIELDS[i])[0]


_fact_lines_cached = functools.lru_cache(maxsize=1024)(fact_lines)


def facts(data: LabelData) -> list[tuple[str, str, str]]:
    """(caption, value, field) of the parcel facts grid, row by row."""
    dims = "x".join(str(d) for d in data.dimensions_mm) + " mm" if data.dimensions_mm else ""
    return [("WEIGHT", weight_text(data.weight_g), "weight_g"), ("SIZE", dims, "dimensions_mm"),
            ("PARCEL", f"{data.parcel_index} of {data.parcel_count}", "parcel_index"),
            ("ORDER", data.order_number, "order_number"), ("REF", data.reference, "reference"),
            ("DATE", data.ship_date.isoformat() if data.ship_date else "", "ship_date")]


def symbols(data: LabelData) -> tuple[Symbol, Symbol]:
    """The checked label data's tracking and SSCC symbols, or DocumentError."""
    check_data(data)
    return (code128(DOCUMENT, "tracking_number", data.tracking_number),
            sscc_symbol(DOCUMENT, "sscc", data.sscc))


def to_section(g: Geometry, caption: str, address: Address, font: str) -> list[Element]:
    """The addressee under its caption (SHIP TO; RETURN TO on a return label) and the rule under it."""
    m, inner, pt, y, h = g.m, g.inner, g.pt, g.tops[1], g.heights[1]
    out: list[Element] = [Text(m, y + 1 * pt, 7 * pt, caption, bold_of(font), "caption")]
    out += stack(address_rows(address, 12 * pt, "ship_to", font), m + 4 * pt, y + 10 * pt,
                 inner - 4 * pt, h - 11 * pt)
    out.append(Rule(m, y + h - g.line, inner, g.line))
    return out


@dataclass(frozen=True)
class Scale:
    """How a renderer measures: mm to its unit, the bar module's step and least width."""

    per_mm: float
    module_step: float
    min_module: float


def barcode_section(g: Geometry, section: int, caption: str, symbol: Symbol, x_mm: float, text: str,
                    field: str, scale: Scale, font: str, document: str = DOCUMENT) -> list[Element]:
    """A captioned barcode centred in its section with its text under it."""
    B = bold_of(font)  # noqa: N806
    m, inner, pt, y, h = g.m, g.inner, g.pt, g.tops[section], g.heights[section]
    out: list[Element] = [Text(m, y + 1 * pt, 7 * pt, caption, B, "caption")]
    module = module_for(symbol, inner, x_mm * scale.per_mm, scale.module_step, scale.min_module, document, field)
    bar_h = h - 22 * pt
    bx = m + (inner - symbol.width_modules * module) / 2
    out.append(Bars(bx, y + 9 * pt, symbol, module, bar_h, field))
    out += fitted_lines(text, bx, y + 11 * pt + bar_h, inner, 11 * pt, 10 * pt, B, f"{field}.text")[0]
    return out


def layout_label(data: LabelData, per_mm: float, module_step: float, min_module: float,
                 font: str = REGULAR) -> LabelLayout:
    """Place everything on the label; per_mm converts millimetres to the renderer's unit."""
    B = bold_of(font)  # noqa: N806
    tracking, sscc = symbols(data)
    g = geometry(data.size, per_mm)
    m, inner, pt, line, heights = g.m, g.inner, g.pt, g.line, g.heights
    scale = Scale(per_mm, module_step, min_module)
    out = list(_from_cached(g, data.ship_from, data.carrier, data.service, font))
    out += to_section(g, "SHIP TO", data.ship_to, font)
    y = g.tops[2]

    # Parcel facts in a 3 x 2 grid
    h = heights[2]
    cell_w, cell_h = inner / 3, h / 2
    for i, (caption, value, _field) in enumerate(facts(data)):
        cx, cy = m + (i % 3) * cell_w, y + (i // 3) * cell_h
        out.append(Text(cx, cy + 0.5 * pt, 5.5 * pt, caption, B, "caption"))
        out += (_fact_lines_cached if i in REPEATING_FACTS else fact_lines)(g, i, value, font)
    y += h
    out.append(Rule(m, y - line, inner, line))

    out += barcode_section(g, 3, f"TRACKING  {data.carrier}", tracking, TRACKING_X_MM, data.tracking_number,
                           "tracking_number", scale, font)
    out.append(Rule(m, g.tops[4] - line, inner, line))
    out += barcode_section(g, 4, "SSCC", sscc, SSCC_X_MM, sscc_human_readable(data.sscc), "sscc", scale, font)
    return LabelLayout(g.width, g.height, tuple(out))

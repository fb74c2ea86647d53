"""The shipping label as ZPL II for 203 or 300 dpi thermal printers.

Two ways to the same bytes. With a ZplBuilder (tests pass one to record the commands) the
label is drawn element by element from printing.label's layout. Without one, a template per
stock, resolution and fonts holds every fixed command as text, the ship-from block is kept per
warehouse address, carrier and service, and only the parcel's own fields are fitted and
written; a line that does not fit at its nominal size goes through the same fitting as the
layout. Tests check that both ways give identical bytes.
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field

from app.identifiers import is_valid_sscc
from app.translator import phrase
from printing.barcodes import Symbol, code128, sscc_human_readable, sscc_symbol
from printing.code128 import width_modules
from printing.fit import LEADING
from printing.fonts import BOLD, REGULAR, text_width
from printing.label import (
    DOCUMENT, FACT_CAPTIONS, FACT_FIELDS, SSCC_X_MM, TRACKING_X_MM, Geometry, check_data, facts,
    from_section, geometry, layout_label,
)
from printing.errors import DocumentError
from printing.layout import (
    Bars, Element, Rule, Text, address_rows, fitted_lines, module_for, stack,
)
from printing.model import Address, LabelData, LabelSize
from printing.zpl import ZplBuilder, ZplFonts, code128_field, text_fields

log = logging.getLogger(__name__)

DPIS = (203, 300)


def label_zpl(data: LabelData, dpi: int = 203, fonts: ZplFonts = ZplFonts(),
              builder: ZplBuilder | None = None) -> bytes:
    """ZPL for one label; the printer needs the fonts stored once (printing.zpl.font_download)."""
    if dpi not in DPIS:
        raise DocumentError(DOCUMENT, "dpi", dpi, phrase("Packdesk prints ZPL at %(low)s or %(high)s dpi",
                                                          low=DPIS[0], high=DPIS[1]))
    if builder is None:
        return _fast(data, _template(data.size, dpi, fonts))
    per_mm = dpi / 25.4
    return draw_layout(layout_label(data, per_mm, 1.0, round(0.25 * per_mm)).elements, builder)


def draw_layout(elements: tuple[Element, ...], zpl: ZplBuilder) -> bytes:
    """A laid-out label drawn element by element (the shipping label's builder way, the return label)."""
    zpl.start()
    for el in elements:
        if isinstance(el, Text):
            if el.text:
                zpl.text(round(el.x), round(el.y), int(el.size), el.text, el.font)
        elif isinstance(el, Rule):
            zpl.box(round(el.x), round(el.y), max(1, round(el.w)), max(1, round(el.h)),
                    max(1, round(min(el.w, el.h))))
        elif isinstance(el, Bars):
            zpl.barcode(round(el.x), round(el.y), el.symbol, int(el.module), round(el.height))
    return zpl.end()


def _text(x: float, y: float, size: float, text: str, face: str, fonts: ZplFonts = ZplFonts()) -> str:
    # ZplBuilder.text's fields, from layout coordinates (rounded as the builder's caller does)
    return text_fields(round(x), round(y), int(size), text, face, fonts)


def _rule(x: float, y: float, w: float, h: float) -> str:
    # ZplBuilder.box's command for a layout Rule
    return (f"^FO{round(x)},{round(y)}"
            f"^GB{max(1, round(w))},{max(1, round(h))},{max(1, round(min(w, h)))}^FS")


@dataclass(frozen=True, eq=False)  # one per key of _template(): hashed by identity, quickly
class _Template:
    """Everything about a label that depends only on stock, resolution and fonts."""

    g: Geometry
    per_mm: float
    min_module: float
    regular: str  # the printer's font file names
    bold: str
    head: str  # ^XA .. before the ship-from block
    to_head: str  # the rule under ship-from is in the block; SHIP TO caption
    to_box: tuple[float, float, float, float]  # x, y, w, h of the ship-to stack
    to_sizes: tuple[float, float, float, float]  # name, plain, town and country, phone
    facts_head: str  # the rule under ship-to
    cells: tuple[tuple[str, float, float], ...]  # caption command, x and y of each value
    cell_box: tuple[float, float, float]  # w, h, size of the values
    tracking_head: str  # the rule under the facts
    sscc_head: str  # the rule under the tracking number and the SSCC caption
    fonts: ZplFonts
    bars: dict = field(default_factory=dict)  # (section, symbol width) -> _bars()


@functools.lru_cache(maxsize=16)
def _template(size: LabelSize, dpi: int, fonts: ZplFonts) -> _Template:
    per_mm = dpi / 25.4
    g = geometry(size, per_mm)
    m, inner, pt, line = g.m, g.inner, g.pt, g.line
    bold = fonts.name(BOLD)
    y1, y2, y3, y4 = g.tops[1:]
    h1, h2 = g.heights[1], g.heights[2]
    head = f"^XA^CI28^PW{round(g.width)}^LL{round(g.height)}^LH0,0"
    to_head = _text(m, y1 + 1 * pt, 7 * pt, "SHIP TO", bold, fonts)
    size12 = 12 * pt  # address_rows' sizes, computed as it does
    to_sizes = (size12 * 1.15, size12, size12 * 1.1, size12 * 0.9)
    cell_w, cell_h = inner / 3, h2 / 2
    cells = []
    for i, caption in enumerate(FACT_CAPTIONS):
        cx, cy = m + (i % 3) * cell_w, y2 + (i // 3) * cell_h
        cells.append((_text(cx, cy + 0.5 * pt, 5.5 * pt, caption, bold, fonts), cx, cy + 6.5 * pt))
    return _Template(
        g, per_mm, round(0.25 * per_mm), fonts.name(REGULAR), bold, head, to_head,
        (m + 4 * pt, y1 + 10 * pt, inner - 4 * pt, h1 - 11 * pt), to_sizes,
        _rule(m, (y1 + h1) - line, inner, line), tuple(cells),
        (cell_w - 2 * pt, cell_h - 7 * pt, 10 * pt), _rule(m, (y2 + h2) - line, inner, line),
        _rule(m, (y3 + g.heights[3]) - line, inner, line)
        + _text(m, y4 + 1 * pt, 7 * pt, "SSCC", bold, fonts),
        fonts)


def _elements(els: list[Element], t: _Template) -> str:
    """Text and rules of the general layout as the builder writes them."""
    out = []
    for el in els:
        if isinstance(el, Text):
            if el.text:
                out.append(_text(el.x, el.y, el.size, el.text, t.fonts.name(el.font), t.fonts))
        elif isinstance(el, Rule):
            out.append(_rule(el.x, el.y, el.w, el.h))
    return "".join(out)


@functools.lru_cache(maxsize=256)
def _from_block(t: _Template, ship_from: Address, carrier: str, service: str) -> str:
    # The warehouse's own address, carrier and service repeat on label after label.
    return _elements(from_section(t.g, ship_from, carrier, service, REGULAR), t)


@functools.lru_cache(maxsize=64)
def _tracking_caption(t: _Template, carrier: str) -> str:
    return _text(t.g.m, t.g.tops[3] + 1 * t.g.pt, 7 * t.g.pt, f"TRACKING  {carrier}", t.bold, t.fonts)


def _ship_to(t: _Template, a: Address) -> str:
    """The ship-to block; stack()'s first try written directly when every line fits as is."""
    x, y, w, h = t.to_box
    s_name, s_plain, s_town, s_phone = t.to_sizes
    town = f"{a.postcode} {a.city}" if a.postcode and a.city else a.postcode or a.city
    rows = [(a.name, BOLD, s_name), (a.company, REGULAR, s_plain)]
    rows += [(line, REGULAR, s_plain) for line in a.address_lines]
    rows += [(town, BOLD, s_town), (a.country, BOLD, s_town)]
    if a.phone:
        rows.append((f"Tel. {a.phone}", REGULAR, s_phone))
    out, top = [], y
    for text, font, s in rows:
        if not text:
            continue
        if text_width(text, font, s) > w:
            return _stacked(t, a)
        out.append(_text(x, top, s, text, t.bold if font == BOLD else t.regular, t.fonts))
        top += s + s * (LEADING - 1)  # as stack() adds a one-line row's height and gap
    return _stacked(t, a) if top - y > h else "".join(out)


def _stacked(t: _Template, a: Address) -> str:
    """The ship-to block through stack(): shrunk, wrapped or cut as the layout does it."""
    x, y, w, h = t.to_box
    return _elements(stack(address_rows(a, 12 * t.g.pt, "ship_to", REGULAR), x, y, w, h), t)


def _line(t: _Template, text: str, font: str, x: float, y: float, w: float, h: float,
          size: float) -> str:
    """One fitted value: at its size when it fits (fit()'s first try), else as fit() says."""
    if size <= h and text_width(text, font, size) <= w:
        return _text(x, y, size, text, t.bold if font == BOLD else t.regular, t.fonts) if text else ""
    return _elements(fitted_lines(text, x, y, w, h, size, font)[0], t)


@functools.lru_cache(maxsize=1024)
def _fact(t: _Template, i: int, value: str) -> str:
    # Weights, box sizes, "1 of 1" and today's date repeat from parcel to parcel.
    _caption, cx, cy = t.cells[i]
    return _line(t, value, BOLD if FACT_FIELDS[i] == "parcel_index" else REGULAR, cx, cy,
                 *t.cell_box)


def _bars(t: _Template, section: int, x_mm: float, symbol: Symbol | None, width: int,
          name: str) -> tuple[str, float, float]:
    """^BC up to ^FD, and x and y of the line under the bars, for a symbol width: kept."""
    key = (section, width)
    placed = t.bars.get(key)
    if placed is None:
        g, pt = t.g, t.g.pt
        y, h = g.tops[section], g.heights[section]
        if symbol is None:  # an SSCC: the width is all module_for needs
            symbol = Symbol("", True, (105, 102) + (0,) * 10)
        module = module_for(symbol, g.inner, x_mm * t.per_mm, 1.0, t.min_module, DOCUMENT, name)
        bar_h = h - 22 * pt
        bx = g.m + (g.inner - width * module) / 2
        placed = (f"^FO{round(bx)},{round(y + 9 * pt)}^BY{int(module)}"
                  f"^BCN,{round(bar_h)},N,N,N,N^FH^FD", bx, y + 11 * pt + bar_h)
        t.bars[key] = placed
    return placed


# An SSCC's GS1-128 is always start C, FNC1 and ten digit pairs ("00" and the 18 digits).
_SSCC_WIDTH = width_modules((105, 102) + (0,) * 10)


def _fast(data: LabelData, t: _Template) -> bytes:
    check_data(data)
    tracking = code128(DOCUMENT, "tracking_number", data.tracking_number)
    if not is_valid_sscc(data.sscc):
        sscc_symbol(DOCUMENT, "sscc", data.sscc)  # raises DocumentError naming the SSCC
    inner, pt = t.g.inner, t.g.pt
    w, h, size = t.cell_box
    fact = facts(data)
    bars, bx, text_y = _bars(t, 3, TRACKING_X_MM, tracking, tracking.width_modules,
                             "tracking_number")
    sscc_bars, sx, sscc_y = _bars(t, 4, SSCC_X_MM, None, _SSCC_WIDTH, "sscc")
    cells = t.cells
    return "".join((
        t.head, _from_block(t, data.ship_from, data.carrier, data.service), t.to_head,
        _ship_to(t, data.ship_to), t.facts_head,
        cells[0][0], _fact(t, 0, fact[0][1]),
        cells[1][0], _fact(t, 1, fact[1][1]),
        cells[2][0], _fact(t, 2, fact[2][1]),
        cells[3][0], _line(t, fact[3][1], REGULAR, cells[3][1], cells[3][2], w, h, size),
        cells[4][0], _line(t, fact[4][1], REGULAR, cells[4][1], cells[4][2], w, h, size),
        cells[5][0], _fact(t, 5, fact[5][1]),
        t.tracking_head, _tracking_caption(t, data.carrier),
        bars, code128_field(tracking), "^FS",
        _line(t, data.tracking_number, BOLD, bx, text_y, inner, 11 * pt, 10 * pt),
        t.sscc_head, sscc_bars, ">;>800", data.sscc, "^FS",
        _line(t, sscc_human_readable(data.sscc), BOLD, sx, sscc_y, inner, 11 * pt, 10 * pt),
        "^XZ",
    )).encode("utf-8")

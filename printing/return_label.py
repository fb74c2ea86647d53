"""The return label: the customer's parcel back to the warehouse, as PDF and ZPL. It has the
shipping label's sections (printing/label.py): the customer as sender with the carrier and
RETURN, the warehouse under RETURN TO, the return's facts, the return tracking number, and the
RMA as a Code 128 symbol the returns station scans."""
from __future__ import annotations

import io
import logging
from dataclasses import replace
from typing import Any

from app.packing.settings import PackingSettings

from app.translator import phrase
from printing.barcodes import code128
from printing.errors import DocumentError
from printing.fonts import AUTO, REGULAR, bold_of
from printing.label import (
    TRACKING_X_MM, LabelLayout, Scale, barcode_section, from_section, geometry, to_section,
)
from printing.label_zpl import DPIS, draw_layout
from printing.layout import Element, Rule, Text, fitted_lines
from printing.model import Address, ReturnLabelData
from printing.pdf import PDF_MIN_MODULE, PDF_MODULE_STEP, PT_PER_MM, draw_elements, new_canvas
from printing.zpl import ZplBuilder, ZplFonts

log = logging.getLogger(__name__)

DOCUMENT = phrase("return label")
RMA_X_MM = 0.51  # the RMA is short: wide bars, easy to scan off a crumpled parcel


def return_facts(data: ReturnLabelData) -> list[tuple[str, str, str]]:
    """(caption, value, field) of the facts grid, row by row."""
    return [("RMA", data.rma, "rma"), ("ORDER", data.order_number, "order_number"),
            ("ITEMS", str(data.items), "items"), ("REASON", data.reason, "reason"), ("", "", ""),
            ("DATE", data.created.isoformat() if data.created else "", "created")]


def layout_return_label(data: ReturnLabelData, scale: Scale, font: str = REGULAR) -> LabelLayout:
    """Everything on the return label, in the renderer's unit."""
    if data.items < 1:
        raise DocumentError(DOCUMENT, "items", data.items, phrase("a return names at least one item"))
    tracking = code128(DOCUMENT, "tracking_number", data.tracking_number)
    rma = code128(DOCUMENT, "rma", data.rma)
    g = geometry(data.size, scale.per_mm)
    m, inner, pt, line = g.m, g.inner, g.pt, g.line
    out: list[Element] = from_section(g, data.customer, data.carrier, "RETURN", font)
    out += to_section(g, "RETURN TO", data.warehouse, font)
    cell_w, cell_h = inner / 3, g.heights[2] / 2
    for i, (caption, value, field) in enumerate(return_facts(data)):
        cx, cy = m + (i % 3) * cell_w, g.tops[2] + (i // 3) * cell_h
        out.append(Text(cx, cy + 0.5 * pt, 5.5 * pt, caption, bold_of(font), "caption"))
        out += fitted_lines(value, cx, cy + 6.5 * pt, cell_w - 2 * pt, cell_h - 7 * pt, 10 * pt,
                            bold_of(font) if field == "rma" else font, field)[0]
    out.append(Rule(m, g.tops[3] - line, inner, line))
    out += barcode_section(g, 3, f"TRACKING  {data.carrier}", tracking, TRACKING_X_MM, data.tracking_number,
                           "tracking_number", scale, font, DOCUMENT)
    out.append(Rule(m, g.tops[4] - line, inner, line))
    out += barcode_section(g, 4, "RMA", rma, RMA_X_MM, data.rma, "rma", scale, font, DOCUMENT)
    return LabelLayout(g.width, g.height, tuple(out))


def return_label_pdf(data: ReturnLabelData) -> bytes:
    """A one-page PDF return label at the label stock's size."""
    layout = layout_return_label(data, Scale(PT_PER_MM, PDF_MODULE_STEP, PDF_MIN_MODULE), AUTO)
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, layout.width, layout.height, f"Return label {data.rma}")
    draw_elements(canvas, layout.elements, layout.height)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def return_label_zpl(data: ReturnLabelData, dpi: int = 203, fonts: ZplFonts = ZplFonts()) -> bytes:
    """ZPL for the return label (the printer needs the fonts stored once, as for shipping labels)."""
    if dpi not in DPIS:
        raise DocumentError(DOCUMENT, "dpi", dpi, phrase("Packdesk prints ZPL at %(low)s or %(high)s dpi",
                                                          low=DPIS[0], high=DPIS[1]))
    per_mm = dpi / 25.4
    layout = layout_return_label(data, Scale(per_mm, 1.0, round(0.25 * per_mm)))
    return draw_layout(layout.elements, ZplBuilder(round(layout.width), round(layout.height), dpi, fonts))


def render_return_label(facts: Any, raw: dict[str, Any], fmt: str, dpi: int = 203) -> bytes:
    """The `packdesk.return_labels` entry point: app's ReturnLabelFacts drawn as PDF or ZPL, addressed
    to the warehouse of the configuration ([ship_from], [packing] company_name)."""
    settings = PackingSettings.from_raw(raw)
    warehouse = Address.of(settings.ship_from)
    if not warehouse.company and settings.company_name != warehouse.name:
        warehouse = replace(warehouse, company=settings.company_name)
    data = ReturnLabelData(Address.of(facts.customer), warehouse, facts.carrier, facts.tracking_number, facts.rma,
                           facts.order_number, facts.items, facts.reason, facts.created)
    return return_label_zpl(data, dpi) if fmt == "zpl" else return_label_pdf(data)

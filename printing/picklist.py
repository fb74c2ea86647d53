"""The pick list: lines in the walking order of bin locations, with location and product
barcodes for the picker's confirmation scans and a tote per order for batch picking."""
from __future__ import annotations

import logging
import re

from reportlab.lib.units import mm

from app.translator import phrase
from printing.model import PickLine, PickListData
from printing.page import MARGIN, Column, Document

log = logging.getLogger(__name__)

DOCUMENT = phrase("pick list")
ROW = 15 * mm
LINE_X = 0.254 * mm  # six 600-dpi dots: scannable from a cart at arm's length


def walking_key(location: str) -> tuple:
    """Sort key for bin locations: aisle, bay, level compared as numbers where numeric."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.upper())
                 for part in re.findall(r"\d+|[A-Za-z]+", location))


def walking_order(lines: tuple[PickLine, ...]) -> list[PickLine]:
    """Lines in the order a picker walks past their bins: the locations' walk sequence where
    the warehouse set one, else aisle, bay and level compared as numbers."""
    return sorted(lines, key=lambda line: (line.walk_sequence is None, line.walk_sequence or 0,
                                           walking_key(line.location), line.sku,
                                           line.order_number))


def picklist_pdf(data: PickListData) -> bytes:
    """A pick list PDF with its own barcode, a tote for each order, lines in walking order."""
    doc = Document(DOCUMENT, f"Pick list {data.pick_list_id}", data.paper)
    top = doc.y
    doc.text(MARGIN, top, doc.inner * 0.55, 22, "Pick list", 18, True, "heading")
    facts = [f"{data.pick_list_id}", f"Created {data.created.isoformat()}",
             f"Picker {data.picker}" if data.picker else "", f"Zone {data.zone}" if data.zone else "",
             f"{len(data.lines)} lines, {sum(line.quantity for line in data.lines)} units"]
    y = top + 24
    for fact in (f for f in facts if f):
        doc.text(MARGIN, y, doc.inner * 0.55, 12, fact, 10, fact == data.pick_list_id,
                 "pick_list_id" if fact == data.pick_list_id else "facts")
        y += 12
    right = MARGIN + doc.inner * 0.55
    doc.barcode("pick_list_id", data.pick_list_id, right, top, 14 * mm, doc.inner * 0.45)
    doc.y = max(y, top + 16 * mm) + 4 * mm

    totes = dict(data.totes)
    for line in data.lines:
        if line.tote and line.order_number:
            totes.setdefault(line.order_number, line.tote)
    if totes:
        doc.text(MARGIN, doc.y, doc.inner, 12, "Totes", 10, True, "caption")
        doc.y += 13
        pairs = [f"{order} \u2192 {tote}" for order, tote in sorted(totes.items())]
        for i in range(0, len(pairs), 4):
            for j, pair in enumerate(pairs[i:i + 4]):
                doc.text(MARGIN + j * doc.inner / 4, doc.y, doc.inner / 4 - 2 * mm, 12, pair, 9,
                         False, "totes")
            doc.y += 12
        doc.y += 3 * mm

    ordered = walking_order(data.lines)
    columns = [Column("Location", 0.27), Column("Product", 0.37), Column("Qty", 0.08, "right"),
               Column("Order", 0.14), Column("Tote", 0.14)]
    rows = [[line.location, f"{line.sku}  {line.name}", str(line.quantity), line.order_number,
             line.tote or totes.get(line.order_number, "")] for line in ordered]
    widths = [c.share * doc.inner for c in columns]

    def barcodes(i: int, y: float) -> None:
        line = ordered[i]
        doc.barcode(f"lines[{i}].location", line.location, MARGIN + 1 * mm, y + 12,
                    ROW - 15, widths[0] - 2 * mm, LINE_X)
        doc.barcode(f"lines[{i}].barcode", line.barcode or line.sku,
                    MARGIN + widths[0] + 1 * mm, y + 12, ROW - 15, widths[1] - 2 * mm, LINE_X)

    doc.table(columns, rows, size=9, row_height=ROW, max_lines=1,
              fields=["location", "product", "quantity", "order_number", "tote"],
              extra=barcodes)
    return doc.render()

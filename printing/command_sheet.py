"""The station's command sheet (scan instead of pressing a key) and user badges."""
from __future__ import annotations

import logging
from typing import Iterable, Mapping, Sequence

from reportlab.lib.units import mm

from app.commands import Command
from app.packing.reasons import CANCEL, QUESTIONS, Reason
from app.translator import phrase
from printing.errors import DocumentError
from printing.layout import Rule
from printing.model import Badge, Company, PaperSize
from printing.page import MARGIN, Document, logo_path

log = logging.getLogger(__name__)

CARD_W, CARD_H = 85.6 * mm, 54 * mm  # ID-1, the size of a bank card
COMMAND_X = 0.423 * mm  # ten 600-dpi dots: big enough to scan from a metre off a wall


def command_sheet_pdf(commands: Iterable[Command] = tuple(Command),
                      paper: PaperSize = PaperSize.A4, station: str = "",
                      reasons: Mapping[str, Sequence[Reason]] = QUESTIONS) -> bytes:
    """Command barcodes on the first page; then the reason codes the station asks for (box
    override, reprint, problem), grouped by question, with CANCEL."""
    title = f"Station commands {station}".strip()
    doc = Document("command sheet", title, paper)
    doc.text(MARGIN, doc.y, doc.inner, 22, title, 18, True, "heading")
    doc.y += 22
    doc.text(MARGIN, doc.y, doc.inner, 24, "Scan a code instead of pressing a key at the station.",
             10, False, "intro")
    doc.y += 8 * mm
    _grid(doc, "commands", [(c.label, c.value) for c in commands], rows_per_page=4)
    if reasons:
        doc.need(doc.bottom)  # reasons start on their own page
        doc.text(MARGIN, doc.y, doc.inner, 22, "Reasons: scan one when the station asks why",
                 16, True, "reasons.heading")
        doc.y += 22 + 4 * mm
        for question, choices in reasons.items():
            items = [(r.text, r.barcode) for r in choices] + [("Cancel the question", CANCEL)]
            doc.need(14 + 2 * mm + REASON_CELL_H)
            doc.text(MARGIN, doc.y, doc.inner, 14, QUESTION_TITLES.get(question, question), 12,
                     True, f"reasons[{question}].title")
            doc.y += 14 + 2 * mm
            _grid(doc, f"reasons[{question}]", items, cell_h=REASON_CELL_H, per_row=1)
    return doc.render()


QUESTION_TITLES = {"box": "Why another box?", "reprint": "Why reprint the label?",
                   "problem": "What is the problem?", "override": "Why ship part of the order? (after the supervisor's badge)"}
REASON_CELL_H = 22 * mm


def _grid(doc: Document, field: str, items: list[tuple[str, str]], *, rows_per_page: int = 0,
          cell_h: float = 0.0, per_row: int = 2) -> None:
    """Barcodes in a grid, a caption above each and its value below; leaves doc.y under it."""
    if not items:
        return
    cell_w = doc.inner / per_row
    rows = -(-len(items) // per_row)
    if not cell_h:
        cell_h = min(42 * mm, (doc.bottom - doc.y) / max(1, min(rows, rows_per_page or rows)))
    for i, (caption, value) in enumerate(items):
        col = i % per_row
        if col == 0 and i:
            doc.y += cell_h
        if col == 0:
            doc.need(cell_h)
        x = MARGIN + col * cell_w
        doc.text(x + 2 * mm, doc.y, cell_w - 4 * mm, 16, caption, 12, True,
                 f"{field}[{i}].label")
        bars = doc.barcode(f"{field}[{i}]", value, x + 6 * mm, doc.y + 18,
                           cell_h - 18 - 14 - 4 * mm, cell_w - 12 * mm, COMMAND_X)
        doc.text(x + 6 * mm, bars.y + bars.height + 2, cell_w - 12 * mm, 11, value, 8,
                 False, f"{field}[{i}].value")
    doc.y += cell_h


def badges_pdf(badges: Iterable[Badge], company: Company | None = None,
               paper: PaperSize = PaperSize.A4) -> bytes:
    """Badge cards (85.6 x 54 mm) to cut out: name, role and the badge barcode."""
    badges = list(badges)
    if not badges:
        raise DocumentError(phrase("badges"), "badges", [], phrase("there are no users to make badges for; "
                            "add users first or pass a CSV with name and badge columns"))
    doc = Document("badges", "Badges", paper)
    logo = logo_path(company) if company else None
    cols = int(doc.inner // CARD_W)
    for i, badge in enumerate(badges):
        col = i % cols
        if col == 0 and i:
            doc.y += CARD_H + 4 * mm
        if col == 0:
            doc.need(CARD_H)
        x, y = MARGIN + col * (CARD_W + (doc.inner - cols * CARD_W) / max(1, cols - 1)), doc.y
        t = 0.4
        doc.add(Rule(x, y, CARD_W, t), Rule(x, y + CARD_H - t, CARD_W, t), Rule(x, y, t, CARD_H),
                Rule(x + CARD_W - t, y, t, CARD_H))
        text_x = x + 5 * mm
        if logo:
            doc.image(logo, x + 4 * mm, y + 4 * mm, 12 * mm, 12 * mm)
            text_x = x + 19 * mm
        if company:
            doc.text(text_x, y + 4 * mm, x + CARD_W - 4 * mm - text_x, 11, company.name, 9, True,
                     "company")
        doc.text(text_x, y + 9 * mm, x + CARD_W - 4 * mm - text_x, 16, badge.name, 13, True,
                 f"badges[{i}].name")
        doc.text(text_x, y + 15.5 * mm, x + CARD_W - 4 * mm - text_x, 10, badge.role, 8, False,
                 f"badges[{i}].role")
        doc.barcode(f"badges[{i}].badge_value", badge.badge_value, x + 6 * mm, y + 22 * mm,
                    22 * mm, CARD_W - 12 * mm, 0.339 * mm)
        doc.text(x + 6 * mm, y + 45 * mm, CARD_W - 12 * mm, 10, badge.badge_value, 7.5, False,
                 f"badges[{i}].value")
    return doc.render()

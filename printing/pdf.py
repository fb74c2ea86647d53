"""Shared PDF plumbing: a byte-stable reportlab canvas and drawing of layout elements."""
from __future__ import annotations

import functools
import io
import logging
from typing import Iterable

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from printing import barcodes
from printing.fonts import REGULAR, display_order, register_fonts, resolve, runs
from printing.layout import Bars, Element, Rule, Text

log = logging.getLogger(__name__)

PT_PER_MM = mm
PDF_MODULE_STEP = 72 / 600  # bars at whole dots of a 600 (and 300) dpi printer
PDF_MIN_MODULE = 0.25 * mm


def new_canvas(buffer: io.BytesIO, width: float, height: float, title: str) -> Canvas:
    """A canvas in invariant mode: the same data always gives the same bytes."""
    register_fonts()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1, pageCompression=0)
    canvas.setTitle(title)
    canvas.setAuthor("Packdesk")
    canvas.setCreator("Packdesk")
    return canvas


@functools.lru_cache(maxsize=256)
def _ascent(size: float) -> float:
    # The em box's top is at y; DejaVu's ascent places the baseline where ZPL puts it.
    return pdfmetrics.getAscentDescent(REGULAR, size)[0]


def draw_elements(canvas: Canvas, elements: Iterable[Element], page_height: float,
                  dx: float = 0.0, dy: float = 0.0) -> None:
    """Draw layout elements (top-left coordinates in points) on a canvas."""
    text = canvas.beginText()  # one text object for the page: far cheaper than drawString
    current = None
    for el in elements:
        if isinstance(el, Text):
            if not el.text:
                continue
            for i, (font, piece) in enumerate(runs(display_order(el.text), el.font)):  # a face per script
                face = resolve(font, piece)
                if current != (face, el.size):
                    text.setFont(face, el.size)
                    current = (face, el.size)
                if i == 0:
                    text.setTextOrigin(dx + el.x, page_height - dy - el.y - _ascent(el.size))
                text.textOut(piece)
        elif isinstance(el, Rule):
            canvas.rect(dx + el.x, page_height - dy - el.y - el.h, el.w, el.h, stroke=0, fill=1)
        elif isinstance(el, Bars):
            barcodes.draw(canvas, el.symbol, dx + el.x, page_height - dy - el.y - el.height,
                          el.module, el.height)
    canvas.drawText(text)

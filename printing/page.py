"""Paged PDF documents (slips, invoices, pick lists, manifests): header, tables, footers.

Elements are collected per page in points from the top-left, then drawn, so the footer can
say "page 2 of 3". Table cells are fitted (shrink, wrap, cut) like everything else.
"""
from __future__ import annotations

import functools
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader

from printing.barcodes import Symbol, code128
from printing.fonts import AUTO, AUTO_BOLD
from printing.layout import Bars, Element, Rule, Text, fitted_lines, module_for
from printing.model import Address, Company, PaperSize
from printing.pdf import PDF_MIN_MODULE, PDF_MODULE_STEP, draw_elements, new_canvas

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
MARGIN = 15 * mm
DOC_X = 0.3 * mm  # module width of document barcodes


@dataclass(frozen=True)
class Column:
    """A table column: heading, width as a share of the table, alignment."""

    heading: str
    share: float
    align: str = "left"  # "left" or "right"


@dataclass
class Document:
    """A multi-page document being laid out."""

    name: str  # "packing slip", used in errors
    title: str
    paper: PaperSize
    pages: list[list[Element]] = field(default_factory=lambda: [[]])
    images: dict[int, list[tuple[str, float, float, float, float]]] = field(default_factory=dict)
    y: float = MARGIN

    @property
    def width(self) -> float:
        """Page width in points."""
        return self.paper.mm[0] * mm

    @property
    def height(self) -> float:
        """Page height in points."""
        return self.paper.mm[1] * mm

    @property
    def inner(self) -> float:
        """Width between the margins."""
        return self.width - 2 * MARGIN

    @property
    def bottom(self) -> float:
        """The lowest y content may reach (above the footer)."""
        return self.height - MARGIN - 8 * mm

    def add(self, *elements: Element) -> None:
        """Put elements on the current page."""
        self.pages[-1].extend(elements)

    def text(self, x: float, y: float, w: float, h: float, value: str, size: float,
             bold: bool = False, field: str = "", align: str = "left") -> float:
        """Fitted text in a box; returns the height used."""
        lines, used = fitted_lines(value, x, y, w, h, size, AUTO_BOLD if bold else AUTO, field)
        if align == "right":
            lines = [Text(x + w - t.width, t.y, t.size, t.text, t.font, t.field) for t in lines]
        self.add(*lines)
        return used

    def barcode(self, document_field: str, value: str, x: float, y: float, height: float,
                max_width: float, target: float = DOC_X) -> Bars:
        """A Code 128 symbol with its left bar at x; raises DocumentError for bad values."""
        symbol: Symbol = code128(self.name, document_field, value)
        module = module_for(symbol, max_width, target, PDF_MODULE_STEP, PDF_MIN_MODULE,
                            self.name, document_field)
        bars = Bars(x, y, symbol, module, height, document_field)
        self.add(bars)
        return bars

    def image(self, path: str, x: float, y: float, w: float, h: float) -> None:
        """A picture (the logo) on the current page."""
        self.images.setdefault(len(self.pages) - 1, []).append((path, x, y, w, h))

    def need(self, height: float) -> bool:
        """Start a new page unless height fits; True when a page was started."""
        if self.y + height <= self.bottom:
            return False
        self.pages.append([])
        self.y = MARGIN
        return True

    def add_rule_at(self, x: float, y: float, w: float, thickness: float = 0.6) -> None:
        """A horizontal line of width w at (x, y)."""
        self.add(Rule(x, y, w, thickness))

    def rule(self, thickness: float = 0.6) -> None:
        """A full-width line at the cursor."""
        self.add(Rule(MARGIN, self.y, self.inner, thickness))
        self.y += thickness + 2 * mm

    def table(self, columns: list[Column], rows: list[list[str]], size: float = 9,
              row_height: float = 6 * mm, max_lines: int = 2, fields: list[str] | None = None,
              extra=None) -> None:
        """A table with a heading row repeated on every page; extra(row_index, y) may add more."""
        xs, widths = [], []
        x = MARGIN
        for c in columns:
            xs.append(x)
            widths.append(c.share * self.inner)
            x += c.share * self.inner
        pad = 1.5 * mm

        def heading() -> None:
            for c, cx, cw in zip(columns, xs, widths):
                self.text(cx + pad / 2, self.y, cw - pad, size + 1, c.heading, size * 0.9, True,
                          "heading", c.align)
            self.y += size + 3
            self.add(Rule(MARGIN, self.y, self.inner, 0.5))
            self.y += 2

        heading()
        for i, row in enumerate(rows):
            if self.need(row_height):
                heading()
            top = self.y
            for j, (c, cx, cw, value) in enumerate(zip(columns, xs, widths, row)):
                name = fields[j] if fields else c.heading.lower()
                self.text(cx + pad / 2, top + 1, cw - pad,
                          min(row_height - 2, size * (1 + 1.15 * (max_lines - 1))),
                          value, size, False, name, c.align)
            if extra:
                extra(i, top)
            self.y = top + row_height
            self.add(Rule(MARGIN, self.y - 0.8, self.inner, 0.2))

    def render(self) -> bytes:
        """The PDF, with "page n of N" in every footer."""
        buffer = io.BytesIO()
        canvas = new_canvas(buffer, self.width, self.height, self.title)
        total = len(self.pages)
        for n, elements in enumerate(self.pages, start=1):
            for path, x, y, w, h in self.images.get(n - 1, []):
                canvas.drawImage(_image(path), x, self.height - y - h, w, h,
                                 preserveAspectRatio=True, anchor="nw")
            footer = f"{self.title} - page {n} of {total}"
            foot = fitted_lines(footer, MARGIN, self.height - MARGIN, self.inner, 9, 8, AUTO,
                                "footer")[0]
            draw_elements(canvas, [*elements, *foot], self.height)
            canvas.showPage()
        canvas.save()
        return buffer.getvalue()


@functools.lru_cache(maxsize=8)
def _image(path: str) -> ImageReader:
    """A picture read once per process and flattened onto white (no transparency mask)."""
    with Image.open(path) as source:
        picture = source.convert("RGBA")
    flat = Image.new("RGB", picture.size, "white")
    flat.paste(picture, mask=picture.getchannel("A"))
    return ImageReader(flat)


def logo_path(company: Company) -> str | None:
    """The company's logo file, or resources/images/logo.png, or None when neither exists."""
    path = Path(company.logo_path) if company.logo_path else RESOURCES / "images" / "logo.png"
    return str(path) if path.is_file() else None


def company_header(doc: Document, company: Company, heading: str) -> None:
    """Logo, company name and address on the left, the document's heading on the right."""
    top = doc.y
    x = MARGIN
    logo = logo_path(company)
    if logo:
        doc.image(logo, MARGIN, top, 18 * mm, 18 * mm)
        x += 21 * mm
    w = doc.inner * 0.55 - (x - MARGIN)
    used = doc.text(x, top, w, 16, company.name, 14, True, "company.name")
    contact = " \u00b7 ".join(p for p in (company.website, company.email, company.phone) if p)
    a = company.address
    for i, line in enumerate([", ".join(a.address_lines), f"{a.postcode} {a.city}, {a.country}",
                              contact]):
        doc.text(x, top + used + 3 + i * 10, w, 10, line, 8, False, "company.address")
    doc.text(MARGIN + doc.inner * 0.55, top, doc.inner * 0.45, 22, heading, 18, True, "heading",
             "right")
    doc.y = top + 20 * mm


def address_block(doc: Document, caption: str, address: Address, x: float, y: float, w: float,
                   field: str) -> float:
    """A captioned address; returns the height used."""
    used = doc.text(x, y, w, 9, caption, 7.5, True, "caption") + 2
    for i, line in enumerate(address.lines()):
        used += doc.text(x, y + used, w, 24, line, 10, i == 0, field) + 2
    if address.phone:
        used += doc.text(x, y + used, w, 12, f"Tel. {address.phone}", 8.5, False, field) + 2
    return used

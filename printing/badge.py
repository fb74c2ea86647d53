"""One user's badge, printed at a station (the admin's PRINT BADGE, `packdesk badges print`):
name, role and a Code 128 of the badge code on a card of 85.6 x 54 mm. ZPL for a thermal
label printer, PDF (the card on a page, to cut out) for a document printer."""
from __future__ import annotations

import logging

from app.ports import PrintJob
from app.translator import phrase
from printing.barcodes import code128
from printing.command_sheet import badges_pdf
from printing.errors import DocumentError
from printing.fonts import BOLD, REGULAR
from printing.layout import fitted_lines, module_for
from printing.model import Badge
from printing.zpl import ZplBuilder, ZplFonts, mm_to_dots

log = logging.getLogger(__name__)

DOCUMENT = phrase("badge")
DPIS = (203, 300)
ZPL, PDF = "application/zpl", "application/pdf"


def badge_zpl(badge: Badge, dpi: int = 203, fonts: ZplFonts = ZplFonts()) -> bytes:
    """The badge as a ZPL label of 85.6 x 54 mm (the fonts are stored on the printer once)."""
    if dpi not in DPIS:
        raise DocumentError(DOCUMENT, "dpi", dpi, phrase("Packdesk prints ZPL at %(low)s or %(high)s dpi",
                                                          low=DPIS[0], high=DPIS[1]))
    if not badge.name.strip():
        raise DocumentError(DOCUMENT, "name", badge.name, phrase("a badge needs the user's name"))
    dots = dpi / 25.4
    width, height = mm_to_dots(85.6, dpi), mm_to_dots(54, dpi)
    margin = round(4 * dots)
    zpl = ZplBuilder(width, height, dpi, fonts).start()
    lines, used = fitted_lines(badge.name, margin, margin, width - 2 * margin, 8 * dots, 6 * dots, BOLD, "name",
                               min_size=3 * dots)
    for line in lines:
        zpl.text(round(line.x), round(line.y), int(line.size), line.text, line.font)
    y = margin + used + 1.5 * dots
    if badge.role:
        zpl.text(margin, round(y), round(3.5 * dots), badge.role, REGULAR)
    symbol = code128(DOCUMENT, "badge_value", badge.badge_value)
    module = module_for(symbol, width - 2 * margin, 3, 1, 2, DOCUMENT, "badge_value")
    bar_w = symbol.width_modules * module
    bar_y = round(20 * dots)
    zpl.barcode(round((width - bar_w) / 2), bar_y, symbol, int(module), round(22 * dots))
    zpl.text(round((width - bar_w) / 2), bar_y + round(24 * dots), round(3 * dots), badge.badge_value, REGULAR)
    return zpl.end()


def badge_job(badge: Badge, zpl: bool, dpi: int = 203) -> PrintJob:
    """The print job for the station's printer: ZPL for a label printer, else a PDF page."""
    name = f"badge-{badge.badge_value}"
    if zpl:
        return PrintJob(name + ".zpl", badge_zpl(badge, dpi), ZPL)
    return PrintJob(name + ".pdf", badges_pdf([badge]), PDF)

"""Writes the PNG previews of every document for docs/documents.md.

`.venv/bin/python -m tests.printing.previews [DIR]` (default docs/documents). PDFs are
rendered with pdfium, the ZPL label with zplkit (a test-only dependency), from the sample data
in printing.samples.
"""
from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

from app.paths import resource
from printing.cli import read_badges_csv
from printing.command_sheet import badges_pdf, command_sheet_pdf
from printing.invoice import invoice_pdf
from printing.label_pdf import label_pdf
from printing.label_zpl import label_zpl
from printing.manifest import manifest_pdf
from printing.model import Address, LabelSize
from printing.picklist import picklist_pdf
from printing.samples import (
    COMPANY, sample_invoice, sample_label, sample_manifest, sample_picklist,
    sample_slip,
)
from printing.slip import slip_pdf
from tests.integration.printing.decode import pdf_pages, zpl_image

CYRILLIC = Address("Пётр Ильич Чайковский", ("ул. Ленина 5, кв. 12",), "190000",
                   "Санкт-Петербург", "RU", phone="+7 812 123-45-67")


def demo_badges() -> list:
    """The demo's people (resources/demo/users.csv), so the badges in the docs log in to the demo."""
    return read_badges_csv(resource("demo", "users.csv"))


def previews() -> dict[str, Image.Image]:
    """Name -> picture of every document's first page."""
    label_dpi, page_dpi = 150, 90
    return {
        "label-pdf.png": pdf_pages(label_pdf(sample_label()), label_dpi)[0],
        "label-zpl-203dpi.png": zpl_image(label_zpl(sample_label(ship_to=CYRILLIC), dpi=203)),
        "label-4x4.png": pdf_pages(label_pdf(sample_label(size=LabelSize.IN4X4)), label_dpi)[0],
        "slip.png": pdf_pages(slip_pdf(sample_slip(lines=6)), page_dpi)[0],
        "slip-gift.png": pdf_pages(slip_pdf(sample_slip(
            lines=3, is_gift=True, gift_message="Happy birthday, Lena! Love, Tom")), page_dpi)[0],
        "invoice.png": pdf_pages(invoice_pdf(sample_invoice()), page_dpi)[0],
        "picklist.png": pdf_pages(picklist_pdf(sample_picklist()), page_dpi)[0],
        "manifest.png": pdf_pages(manifest_pdf(sample_manifest()), page_dpi)[0],
        "command-sheet.png": pdf_pages(command_sheet_pdf(), page_dpi)[0],
        "badges.png": pdf_pages(badges_pdf(demo_badges(), COMPANY), page_dpi)[0],
    }


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/documents")
    out.mkdir(parents=True, exist_ok=True)
    for name, image in previews().items():
        image.convert("L").save(out / name, optimize=True)
        print(f"wrote {out / name} ({image.width}x{image.height})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

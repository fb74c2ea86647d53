"""Independent decoding of documents: PDFs rendered by pdfium, ZPL rendered by zplkit,
barcodes read by zxing-cpp. Nothing here uses Packdesk's own encoders."""
from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium
import zplkit
import zplkit.parse
import zplkit.rendering
import zxingcpp
from PIL import Image

from printing.zpl import ZplFonts, font_download


@dataclass(frozen=True)
class Read:
    """One decoded barcode: its text (GS as \\x1d), AIM symbology identifier and format."""

    text: str
    symbology: str
    format: str
    top: int = 0  # pixel row of the symbol's top edge, to check the order on a page


def _read(image: Image.Image) -> list[Read]:
    found = zxingcpp.read_barcodes(image, text_mode=zxingcpp.TextMode.Plain,
                                   try_rotate=False, try_downscale=False)
    return [Read(b.text, b.symbology_identifier, str(b.format),
                 min(b.position.top_left.y, b.position.top_right.y)) for b in found]


def pdf_pages(pdf: bytes, dpi: int = 600) -> list[Image.Image]:
    """Every page of a PDF as a greyscale image at dpi."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
                for i in range(len(doc))]
    finally:
        doc.close()


def pdf_text(pdf: bytes) -> list[str]:
    """The text of every page, as pdfium extracts it."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def pdf_barcodes(pdf: bytes, dpi: int = 600) -> list[Read]:
    """Every barcode zxing finds on every page of a PDF rendered at dpi."""
    return [r for page in pdf_pages(pdf, dpi) for r in _read(page)]


_FONTS: dict[tuple[ZplFonts, bool], bytes] = {}


def zpl_image(zpl: bytes, dpi: int = 203, width: int | None = None,
              height: int | None = None, fallbacks: bool = False) -> Image.Image:
    """A ZPL label rendered by zplkit, with the documents' fonts stored first (and the CJK and
    symbol fallback faces when asked: 20 MB more to parse)."""
    if (ZplFonts(), fallbacks) not in _FONTS:
        _FONTS[ZplFonts(), fallbacks] = font_download(fallbacks=fallbacks)
    fonts = _FONTS[ZplFonts(), fallbacks]
    limits = zplkit.rendering.Limits(input_bytes=len(fonts) + (8 << 20), font_bytes=64 << 20)
    doc = zplkit.render(fonts + zpl, zplkit.Options(dpi=dpi, width=width, height=height),
                        limits=limits)
    assert len(doc.labels) == 1, doc.warnings
    raster = doc.labels[0].rasterize()
    return Image.frombytes("L", (raster.width, raster.height), raster.pixels)


def zpl_barcodes(zpl: bytes, dpi: int = 203) -> list[Read]:
    """Every barcode zxing finds on a ZPL label rendered by zplkit."""
    return _read(zpl_image(zpl, dpi))


def zpl_commands(zpl: bytes) -> list[str]:
    """The command names (^XA, ^FO, ...) zplkit's parser finds, in order."""
    out = []
    for element in zplkit.parse.parse(zpl).elements:
        if element.kind in ("format_command", "control_command"):
            out.append(element.data[:3].decode("latin-1"))
    return out


def zpl_fields(zpl: bytes, barcodes: bool | None = None) -> list[bytes]:
    """The raw data of every ^FD field in order; only barcode or text fields when asked."""
    out, in_barcode = [], False
    for e in zplkit.parse.parse(zpl).elements:
        name = e.data[:3]
        if name == b"^BC":
            in_barcode = True
        elif name == b"^FD" and (barcodes is None or barcodes == in_barcode):
            out.append(e.data[3:])
        elif name == b"^FS":
            in_barcode = False
    return out

"""Issue 18, item 13: text DejaVu Sans cannot draw (Chinese, Japanese, Korean, emoji) is drawn
in a fallback face found on the system, in PDF and ZPL alike; right-to-left text is drawn in
display order in both; a missing fallback is named with its Debian package. The PDFs are read
back by pdfium, the ZPL rendered by zplkit (decode.py)."""
from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zplkit.rendering
from PIL import ImageChops

from printing import fonts
from printing.label_pdf import label_pdf
from printing.label_zpl import label_zpl
from printing.samples import CUSTOMER, sample_label
from printing.zpl import ZplBuilder, ZplFonts, unescape_field
from tests.integration.printing.decode import pdf_text, zpl_fields, zpl_image

CJK = "山田太郎 김민준 カタカナ"
EMOJI = "\U0001F4E6"
HEBREW = "שלום"


def needs(*names: str) -> None:
    missing = [f.package for f in fonts.missing_fallbacks() if f.name in names]
    if missing:
        pytest.skip(f"needs the Debian package(s) {', '.join(missing)} (packaging/bootstrap.sh installs them)")


def label_for(name: str):
    return sample_label(ship_to=replace(CUSTOMER, name=name))


def pdf_font_names(pdf: bytes) -> set[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        names = set()
        for obj in doc[0].get_objects():
            if obj.type == pdfium.raw.FPDF_PAGEOBJ_TEXT:
                font = pdfium.raw.FPDFTextObj_GetFont(obj.raw)
                size = pdfium.raw.FPDFFont_GetBaseFontName(font, None, 0)
                buffer = (pdfium.raw.c_char * size)()
                pdfium.raw.FPDFFont_GetBaseFontName(font, buffer, size)
                names.add(bytes(buffer).rstrip(b"\0").decode())
        return names
    finally:
        doc.close()


def test_cjk_and_emoji_are_drawn_in_the_fallback_faces_of_the_pdf() -> None:
    needs("PackdeskCJK", "PackdeskSymbols")
    pdf = label_pdf(label_for(f"{CJK} {EMOJI}"))
    assert CJK in pdf_text(pdf)[0]  # (reportlab's ToUnicode map cuts characters beyond U+FFFF)
    used = {name.split("+")[-1].removesuffix("-0") for name in pdf_font_names(pdf)}  # -0: a TTC's first face
    faces = {_postscript_name(f) for f in ("PackdeskCJK", "PackdeskSymbols")}
    assert faces <= used, used


def _postscript_name(name: str) -> str:
    face = fonts.fallback_face(name).face.name
    return face.decode() if isinstance(face, bytes) else face


def test_latin_text_keeps_its_own_font_and_bytes() -> None:
    """Text DejaVu Sans draws is one run in the document's font: nothing changes for it."""
    assert fonts.runs("Ada Lovelace, Żółć", fonts.REGULAR) == [(fonts.REGULAR, "Ada Lovelace, Żółć")]


def test_cjk_on_the_zpl_label_is_a_field_in_the_stored_fallback_font_and_is_drawn() -> None:
    needs("PackdeskCJK")
    label = label_for(f"Ada {CJK}")
    zpl = label_zpl(label)
    assert label_zpl(label, builder=ZplBuilder(812, 1218, 203)) == zpl  # both ways, one set of bytes
    text = b"".join(zpl_fields(zpl, barcodes=False))
    assert CJK.replace(" ", "") in unescape_field(text).replace(" ", "")
    assert b",E:PDCJK.TTF^FH^FD" in zpl
    drawn = zpl_image(zpl, fallbacks=True)  # zplkit refuses a glyph its font lacks: every one was found
    assert ImageChops.invert(drawn).getbbox() is not None
    with pytest.raises(zplkit.rendering.RenderError, match="E:PDCJK.TTF"):
        zpl_image(zpl)  # a printer without the fallback font stored


def test_right_to_left_text_is_in_display_order_in_pdf_and_zpl_alike() -> None:
    name = f"{HEBREW} Ada"
    shown = fonts.display_order(name)
    assert shown == "Ada " + HEBREW[::-1]
    doc = pdfium.PdfDocument(label_pdf(label_for(name)))
    try:
        page = doc[0].get_textpage()
        chars = [(page.get_charbox(i), page.get_text_range(i, 1)) for i in range(page.count_chars())]
    finally:
        doc.close()
    # the name's glyphs, left to right as drawn on the page
    line = sorted(((box[0], c) for box, c in chars if c in set(name) - {" "} and abs(box[1] - _top(chars, "A")) < 2))
    assert "".join(c for _, c in line) == shown.replace(" ", "")
    fields = [unescape_field(f) for f in zpl_fields(label_zpl(label_for(name)), barcodes=False)]
    assert shown in fields


def _top(chars, letter: str) -> float:
    return next(box[1] for box, c in chars if c == letter)


def test_a_missing_fallback_font_is_named_with_its_package(monkeypatch, caplog) -> None:
    gone = fonts.Fallback("PackdeskCJK", "Chinese, Japanese and Korean", "fonts-wqy-zenhei",
                          ("/nonexistent/wqy-zenhei.ttc",))
    monkeypatch.setattr(fonts, "FALLBACKS", (gone, *fonts.FALLBACKS[1:]))
    for cached in (fonts.fallback_face, fonts._face_for, fonts.runs):
        cached.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="printing.fonts"):
            runs = fonts.runs("東京", fonts.REGULAR)
        assert runs == [(fonts.REGULAR, "東京")]  # drawn (as empty boxes) in the document's font
        assert "install the Debian package fonts-wqy-zenhei" in caplog.text
        assert [f.package for f in fonts.missing_fallbacks()][:1] == ["fonts-wqy-zenhei"]
        problems = [f for f in fonts.doctor_checks(None) if not f.ok]  # packdesk doctor says so too
        assert problems[0].fix == "Install the Debian package fonts-wqy-zenhei (apt-get install fonts-wqy-zenhei)."
    finally:
        monkeypatch.undo()
        for cached in (fonts.fallback_face, fonts._face_for, fonts.runs):
            cached.cache_clear()


def test_the_printer_font_download_stores_the_fallbacks_that_are_installed() -> None:
    needs("PackdeskCJK", "PackdeskSymbols")
    from printing.zpl import font_download

    stored = font_download()
    assert b"~DYE:PDCJK,B,T," in stored and b"~DYE:PDSYMB,B,T," in stored
    assert b"~DYE:PDCJK" not in font_download(fallbacks=False)
    assert ZplFonts().name("PackdeskCJK") == "E:PDCJK.TTF"


def test_bootstrap_installs_the_fallback_packages() -> None:
    bootstrap = (Path(__file__).resolve().parents[3] / "packaging" / "bootstrap.sh").read_text()
    for fallback in fonts.FALLBACKS:
        assert fallback.package in bootstrap

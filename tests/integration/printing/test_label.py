"""The shipping label: every barcode decodes from the PDF and the ZPL, bad text stays text."""
from __future__ import annotations

from dataclasses import replace

import biip
import pytest

from printing.errors import DocumentError
from printing.fit import ELLIPSIS
from printing.label import layout_label
from printing.label_pdf import label_pdf
from printing.label_zpl import label_zpl
from printing.layout import Text
from printing.model import Address, LabelSize
from printing.pdf import PDF_MIN_MODULE, PDF_MODULE_STEP, PT_PER_MM
from printing.samples import CUSTOMER, sample_label
from printing.zpl import ZplBuilder, unescape_field
from tests.integration.printing.decode import pdf_barcodes, pdf_pages, zpl_barcodes, zpl_commands, zpl_fields, zpl_image

INJECTION = "ACME^FS^FO0,0^GB812,1218,812^FS~JA"


def expected_reads(label) -> set[tuple[str, str]]:
    return {(label.tracking_number, "]C0"), ("00" + label.sscc, "]C1")}


def assert_sscc_is_valid_gs1(reads) -> None:
    gs1 = [r for r in reads if r.symbology == "]C1"]
    assert len(gs1) == 1
    parsed = biip.parse(gs1[0].symbology + gs1[0].text)
    assert parsed.sscc is not None and parsed.sscc_error is None


@pytest.mark.parametrize("size", list(LabelSize))
def test_pdf_label_barcodes_decode_to_tracking_number_and_sscc(size: LabelSize) -> None:
    label = sample_label(size=size)
    reads = pdf_barcodes(label_pdf(label))
    assert {(r.text, r.symbology) for r in reads} == expected_reads(label)
    assert len(reads) == 2
    assert_sscc_is_valid_gs1(reads)


@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("size", list(LabelSize))
def test_zpl_label_barcodes_decode_at_both_resolutions(size: LabelSize, dpi: int) -> None:
    label = sample_label(size=size)
    reads = zpl_barcodes(label_zpl(label, dpi=dpi), dpi=dpi)
    assert {(r.text, r.symbology) for r in reads} == expected_reads(label)
    assert len(reads) == 2
    assert_sscc_is_valid_gs1(reads)


def test_zpl_label_is_the_label_size_in_dots() -> None:
    image = zpl_image(label_zpl(sample_label(), dpi=300), dpi=300)
    assert image.size == (1200, 1800)
    assert b"^PW812^LL1218" in label_zpl(sample_label(), dpi=203)


def test_parsed_zpl_commands_are_exactly_the_ones_the_builder_wrote() -> None:
    builder = ZplBuilder(812, 1218, 203)
    zpl = label_zpl(sample_label(), builder=builder)
    assert zpl_commands(zpl) == builder.commands
    assert builder.commands[:2] == ["^XA", "^CI"] and builder.commands[-1] == "^XZ"


LONG = sample_label(
    carrier="Extremely Long Carrier Name International Logistics", reference="R" * 80,
    ship_to=Address("Maximilian Alexander " * 8, ("Straße " * 30, "x" * 200), "1" * 40,
                    "Llanfair" * 10, "United Kingdom of Great Britain and Northern Ireland"))


@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("size", list(LabelSize))
@pytest.mark.parametrize("label", [
    sample_label(), LONG, sample_label(reference="^XZ~JA_1\\", order_number="A>B_C"),
    sample_label(ship_to=Address(INJECTION, ("Main St 1",), "12345", "Springfield", "US"),
                 tracking_number="9912345678", dimensions_mm=None, ship_date=None),
], ids=["sample", "long", "escapes", "injection"])
def test_template_zpl_is_byte_for_byte_the_builders(label, size: LabelSize, dpi: int) -> None:
    label = replace(label, size=size)
    dots = round(size.mm[0] * dpi / 25.4), round(size.mm[1] * dpi / 25.4)
    builder = ZplBuilder(*dots, dpi)
    assert label_zpl(label, dpi=dpi) == label_zpl(label, dpi=dpi, builder=builder)


def test_template_zpl_refuses_what_the_layout_refuses() -> None:
    for bad in (dict(sscc="040123450000010016"), dict(tracking_number="RÄ1"),
                dict(tracking_number="A1B2C3D4E5F6G7H8I9J0K1L2M3N4O5P6Q7R8S9"),
                dict(parcel_index=4), dict(weight_g=-1)):
        with pytest.raises(DocumentError) as fast:
            label_zpl(sample_label(**bad))
        with pytest.raises(DocumentError) as general:
            label_zpl(sample_label(**bad), builder=ZplBuilder(812, 1218))
        assert str(fast.value) == str(general.value)


def test_zpl_injection_in_a_customer_name_prints_literally_and_does_nothing_else() -> None:
    plain, evil = ZplBuilder(812, 1218), ZplBuilder(812, 1218)
    label_zpl(sample_label(ship_to=Address("ACME", ("Main St 1",), "12345", "Springfield", "US")),
              builder=plain)
    zpl = label_zpl(sample_label(ship_to=Address(INJECTION, ("Main St 1",), "12345", "Springfield",
                                                 "US")), builder=evil)
    assert zpl_commands(zpl) == evil.commands == plain.commands
    assert b"~JA" not in zpl and b"^GB812,1218" not in zpl
    texts = [unescape_field(f) for f in zpl_fields(zpl)]
    assert any(INJECTION.startswith(t.rstrip(ELLIPSIS)) and len(t) > 10 for t in texts)
    image = zpl_image(zpl)
    # A black box over the whole label would make most of it dark; a label is mostly white.
    dark = sum(image.histogram()[:128]) / (image.width * image.height)
    assert dark < 0.3


def test_injected_text_comes_back_in_full_when_it_fits() -> None:
    label = sample_label(reference="^XZ~JA_1\\")
    fields = [unescape_field(f) for f in zpl_fields(label_zpl(label))]
    assert "^XZ~JA_1\\" in fields


def test_non_latin_names_use_the_bundled_font_in_pdf() -> None:
    latin = label_pdf(sample_label(ship_to=Address("Jane Doe", ("1 High St",), "N1 9GU",
                                                   "London", "GB")))
    greek = label_pdf(sample_label(ship_to=CUSTOMER))
    cyrillic = label_pdf(sample_label(ship_to=Address("Пётр Ильич Чайковский", ("ул. Ленина 5",),
                                                      "190000", "Санкт-Петербург", "RU")))
    assert b"DejaVuSans" not in latin
    assert b"DejaVuSans" in greek and b"DejaVuSans" in cyrillic
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(cyrillic)
    text = doc[0].get_textpage().get_text_range()
    doc.close()
    assert "Чайковский" in text and "Санкт-Петербург" in text


def _layout(label, dpi=None):
    if dpi:
        return layout_label(label, dpi / 25.4, 1.0, 2.0)
    return layout_label(label, PT_PER_MM, PDF_MODULE_STEP, PDF_MIN_MODULE)


@pytest.mark.parametrize("dpi", [None, 203, 300])
@pytest.mark.parametrize("size", list(LabelSize))
def test_text_too_long_is_shrunk_wrapped_or_cut_never_off_the_label(size, dpi) -> None:
    long_name = "Maximilian Alexander " * 8 + "von und zu Hohenzollern-Sigmaringen"
    label = sample_label(
        size=size, carrier="Extremely Long Carrier Name International Logistics",
        ship_to=Address(long_name, ("Straße " * 30, "x" * 200), "1" * 40, "Llanfair" * 10,
                        "United Kingdom of Great Britain and Northern Ireland"),
        reference="R" * 80,
    )
    layout = _layout(label, dpi)
    texts = [e for e in layout.elements if isinstance(e, Text)]
    for t in texts:
        assert t.x >= 0 and t.y >= 0, t
        assert t.x + t.width <= layout.width + 1e-6, t
        assert t.y + t.size <= layout.height + 1e-6, t
    name_lines = [t for t in texts if t.field == "ship_to.name"]
    assert name_lines and (len(name_lines) > 1 or name_lines[0].text.endswith(ELLIPSIS))
    assert any(t.text.endswith(ELLIPSIS) for t in texts if t.field == "reference")


def test_short_text_keeps_its_full_size() -> None:
    texts = [e for e in _layout(sample_label()).elements if isinstance(e, Text)]
    order = [t for t in texts if t.field == "order_number"]
    assert [t.text for t in order] == ["SO-1001"] and order[0].size == pytest.approx(10)


def test_a_tracking_number_code128_cannot_carry_names_document_field_and_value() -> None:
    with pytest.raises(DocumentError) as err:
        label_pdf(sample_label(tracking_number="RÄ123456785DE"))
    assert err.value.document == "shipping label" and err.value.field == "tracking_number"
    assert "RÄ123456785DE" in str(err.value) and "shipping label" in str(err.value)


def test_an_sscc_with_a_wrong_check_digit_is_refused() -> None:
    with pytest.raises(DocumentError, match="field sscc = '040123450000010016'"):
        label_zpl(sample_label(sscc="040123450000010016"))


def test_a_tracking_number_too_long_for_the_label_is_refused() -> None:
    with pytest.raises(DocumentError, match="too long"):
        label_zpl(sample_label(tracking_number="A1B2C3D4E5F6G7H8I9J0K1L2M3N4O5P6Q7R8S9"))


def test_parcel_two_of_three_is_on_the_label() -> None:
    fields = [unescape_field(f) for f in zpl_fields(label_zpl(sample_label()))]
    assert "2 of 3" in fields and "1.25 kg" in fields and "300x200x150 mm" in fields


def test_pdf_label_page_is_four_by_six_inches() -> None:
    page = pdf_pages(label_pdf(sample_label()), dpi=100)[0]
    assert page.size == (400, 600)

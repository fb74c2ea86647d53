"""Code 128 and GS1-128: python-barcode's encoding, drawn by us and by a ZPL printer, reads
back with zxing exactly; values a symbology cannot carry are refused by name."""
from __future__ import annotations

import io
import random
import string

import biip
import pytest
from barcode.codex import Code128, Gs1_128
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from reportlab.pdfgen.canvas import Canvas

from printing.barcodes import GS, code128, draw, gs1_128, sscc_symbol
from printing.errors import DocumentError
from printing.zpl import ZplBuilder, code128_field, escape_field, unescape_field
from tests.integration.printing.decode import pdf_barcodes, zpl_barcodes

rng = random.Random(2026)
PRINTABLE = string.printable[:95]
SAMPLES = ["AB>CD", "^~_\\", "12345678", "1A", "A1234567B", ">>>", "RA123456785DE", "0",
           "a1b22c333d4444e55555", "PD-CMD-CLOSE-BOX"] + [
    "".join(rng.choice(PRINTABLE) for _ in range(rng.randint(1, 24))) for _ in range(40)] + [
    "".join(rng.choice("0123456789A>") for _ in range(rng.randint(1, 24))) for _ in range(20)]


@pytest.mark.parametrize("data", SAMPLES[:30])
def test_bars_are_python_barcodes_own_pattern(data: str) -> None:
    assert code128("test", "value", data).modules == Code128(data).build()[0]


def _zpl_reads(symbol) -> list[tuple[str, str]]:
    builder = ZplBuilder(1600, 300).start()
    builder.barcode(20, 20, symbol, 2, 150)
    return [(r.text, r.symbology) for r in zpl_barcodes(builder.end())]


def test_zpl_code128_data_decodes_to_exactly_the_value() -> None:
    for data in SAMPLES:
        assert _zpl_reads(code128("test", "value", data)) == [(data, "]C0")], data


def test_greater_than_is_written_as_its_zpl_escape() -> None:
    assert code128_field(code128("test", "value", "A>B")) == ">:A>0B"


def test_gs1_128_with_a_variable_field_in_the_middle_keeps_its_separator() -> None:
    element = f"10LOT42{GS}3103000125"
    symbol = gs1_128("test", "value", element)
    assert symbol.modules == Gs1_128(element.replace(GS, "\xf1")).build()[0]
    reads = _zpl_reads(symbol)
    assert reads == [(element, "]C1")]
    parsed = biip.parse("]C1" + reads[0][0])
    assert parsed.gs1_message is not None
    assert [e.ai.ai for e in parsed.gs1_message.element_strings] == ["10", "3103"]


@pytest.mark.parametrize("value", ["", "Ärger", "tab\there", "x" * 49])
def test_code128_refuses_values_it_cannot_carry(value: str) -> None:
    with pytest.raises(DocumentError) as err:
        code128("packing slip", "order_number", value)
    assert err.value.document == "packing slip" and err.value.field == "order_number"
    assert repr(value) in str(err.value)


def test_sscc_symbol_needs_a_valid_sscc() -> None:
    with pytest.raises(DocumentError, match="18 digits"):
        sscc_symbol("shipping label", "sscc", "12345")


@pytest.mark.parametrize("text", ["plain", "^XA~JA", "_5E", "a\\b", "tab\tand\nnewline",
                                  "Zoë Ж α 中 \x85"])
def test_field_escaping_round_trips_and_leaves_no_command_characters(text: str) -> None:
    escaped = escape_field(text)
    assert not set(escaped) & set("^~\\") and all(ord(c) >= 32 for c in escaped if ord(c) < 160)
    assert unescape_field(escaped.encode("utf-8")) == text


digit_heavy = st.text(alphabet="0123456789A>^ ", min_size=1, max_size=30)
printable = st.text(alphabet=PRINTABLE, min_size=1, max_size=48)


@settings(max_examples=400, deadline=None)
@given(st.one_of(digit_heavy, printable))
def test_codewords_are_the_ones_python_barcode_chooses(data: str) -> None:
    assume(not data.startswith("99"))  # python-barcode loses a leading 99: see the next test
    assert code128("test", "value", data).codewords == tuple(Code128(data).encoded)
    assert code128("test", "value", data).modules == Code128(data).build()[0]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="0123456789", min_size=1, max_size=12), min_size=1,
                max_size=3))
def test_gs1_codewords_are_the_ones_python_barcode_chooses(fields: list[str]) -> None:
    element = "10" + GS.join(fields)
    symbol = gs1_128("test", "value", element)
    assert symbol.codewords == tuple(Gs1_128(element.replace(GS, "\xf1")).encoded)
    assert symbol.modules == Gs1_128(element.replace(GS, "\xf1")).build()[0]


@pytest.mark.parametrize("data", ["9912345678", "99", "991", "99AB"])
def test_a_value_starting_with_99_keeps_its_99_in_zpl_and_pdf(data: str) -> None:
    symbol = code128("test", "value", data)
    assert _zpl_reads(symbol) == [(data, "]C0")]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(400, 100))
    draw(canvas, symbol, 20, 20, 1.5, 60)
    canvas.save()
    assert [(r.text, r.symbology) for r in pdf_barcodes(buffer.getvalue(), dpi=300)] == \
        [(data, "]C0")]

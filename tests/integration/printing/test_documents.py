"""Slips, invoices, pick lists, manifests, command sheets and badges: barcodes decode, sums
add up, bad values are refused with the document, field and value named."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from app.commands import Command
from printing.command_sheet import badges_pdf, command_sheet_pdf
from printing.errors import DocumentError
from printing.invoice import invoice_pdf, invoice_totals
from printing.manifest import manifest_pdf
from printing.model import InvoiceLine, PaperSize, PickLine
from printing.picklist import picklist_pdf, walking_order
from printing.samples import (
    COMPANY, SAMPLE_BADGES, sample_invoice, sample_manifest, sample_picklist, sample_slip,
)
from printing.slip import slip_pdf
from tests.integration.printing.decode import pdf_barcodes, pdf_pages, pdf_text


def texts(reads) -> list[str]:
    return [r.text for r in reads]


def test_packing_slip_has_the_order_number_barcode_and_prices() -> None:
    pdf = slip_pdf(sample_slip())
    assert texts(pdf_barcodes(pdf)) == ["SO-1001"]
    page = pdf_text(pdf)[0]
    assert "Unit price" in page and "12.50 EUR" in page and "Zoë Papadopoulou" in page
    assert "Return within 30 days" in page and "Backordered" in page


def test_gift_slip_hides_prices_and_shows_the_message() -> None:
    pdf = slip_pdf(sample_slip(is_gift=True, gift_message="Happy birthday, Lena! Love, Tom"))
    page = pdf_text(pdf)[0]
    assert "Happy birthday, Lena! Love, Tom" in page
    assert "EUR" not in page and "Unit price" not in page


def test_fifty_line_slip_flows_over_pages_with_headings_and_page_numbers() -> None:
    pdf = slip_pdf(sample_slip(lines=50))
    pages = pdf_text(pdf)
    assert len(pages) >= 2
    assert all("In parcel" in p for p in pages)
    assert f"page {len(pages)} of {len(pages)}" in pages[-1]
    skus = [f"SKU-{100 + i}" for i in range(50)]
    assert all(any(sku in p for p in pages) for sku in skus)


def test_letter_paper_is_letter_sized() -> None:
    page = pdf_pages(slip_pdf(sample_slip(paper=PaperSize.LETTER)), dpi=72)[0]
    assert page.size == (612, 792)


def test_slip_with_a_float_price_names_the_line() -> None:
    slip = sample_slip()
    bad = replace(slip.lines[0], unit_price=12.5)
    with pytest.raises(DocumentError, match=r"packing slip: field lines\[0\].unit_price = 12.5"):
        slip_pdf(replace(slip, lines=(bad,)))


def test_invoice_totals_round_tax_per_rate() -> None:
    totals = invoice_totals(sample_invoice())
    # 19 %: 49.80 + 39.00 + 4.90 shipping = 93.70 -> 17.803 -> 17.80; 7 %: 48.60 -> 3.402 -> 3.40
    assert totals.net_by_rate == {Decimal("0.07"): Decimal("48.60"),
                                  Decimal("0.19"): Decimal("93.70")}
    assert totals.tax == Decimal("21.20") and totals.gross == Decimal("163.50")
    assert totals.discount == Decimal("5.40")


def test_invoice_pdf_shows_totals_and_its_number_barcode() -> None:
    pdf = invoice_pdf(sample_invoice())
    assert texts(pdf_barcodes(pdf)) == ["INV-2026-000042"]
    page = pdf_text(pdf)[0]
    assert "163.50 EUR" in page and "DE123456789" in page and "Ακρόπολη Βιβλία" in page


def test_invoice_refuses_float_money_and_oversized_discounts() -> None:
    line = InvoiceLine("SKU-1", "Mug", 1, 9.99, Decimal("0.19"))  # type: ignore[arg-type]
    with pytest.raises(DocumentError, match=r"invoice: field lines\[0\].unit_price = 9.99"):
        invoice_pdf(sample_invoice(lines=(line,)))
    line = InvoiceLine("SKU-1", "Mug", 1, Decimal("9.99"), Decimal("0.19"), Decimal("10"))
    with pytest.raises(DocumentError, match="larger than the line"):
        invoice_totals(sample_invoice(lines=(line,)))


def test_pick_list_lines_come_in_walking_order_with_scannable_locations_and_products() -> None:
    data = sample_picklist()
    reads = sorted(pdf_barcodes(picklist_pdf(data)), key=lambda r: r.top)
    assert reads[0].text == "PL-000314"
    locations = [r.text for r in reads if r.text[:2] in ("A-", "B-", "C-")]
    assert locations == ["A-01-01", "A-02-05", "A-10-02", "B-02-03", "C-01-01"]
    assert {r.text for r in reads} >= {"SKU-100", "SKU-101", "SKU-103", "SKU-104",
                                       "4006381333931"}
    page = pdf_text(picklist_pdf(data))[0]
    assert "SO-1002 → T-02" in page


def test_walking_order_compares_bay_numbers_as_numbers() -> None:
    lines = tuple(PickLine(loc, "S", "n", 1) for loc in ("A-10-1", "A-9-2", "A-9-10", "B-1-1"))
    assert [line.location for line in walking_order(lines)] == ["A-9-2", "A-9-10", "A-10-1", "B-1-1"]


def test_walking_order_follows_the_warehouses_walk_sequence_when_set() -> None:
    lines = (PickLine("A-01", "S", "n", 1, walk_sequence=30), PickLine("Z-99", "S", "n", 1,
                                                                        walk_sequence=10),
             PickLine("B-01", "S", "n", 1))
    assert [line.location for line in walking_order(lines)] == ["Z-99", "A-01", "B-01"]


def test_pick_list_location_a_scanner_cannot_read_is_refused() -> None:
    bad = sample_picklist(lines=(PickLine("Gang-Ä-1", "SKU-1", "Mug", 1),))
    with pytest.raises(DocumentError, match=r"pick list: field lines\[0\].location = 'Gang-Ä-1'"):
        picklist_pdf(bad)


def test_manifest_lists_every_parcel_with_totals_and_its_barcode() -> None:
    data = sample_manifest()
    pdf = manifest_pdf(data)
    assert texts(pdf_barcodes(pdf)) == ["MF-20260314-PDP"]
    page = pdf_text(pdf)[0]
    assert all(p.tracking_number in page for p in data.parcels)
    assert "Total: 6 parcels, 8.55 kg" in page


def test_command_sheet_has_every_station_command() -> None:
    reads = pdf_barcodes(command_sheet_pdf(reasons={}))
    assert sorted(texts(reads)) == sorted(c.value for c in Command)


def test_badges_carry_each_users_badge_value() -> None:
    reads = pdf_barcodes(badges_pdf(SAMPLE_BADGES, COMPANY))
    assert sorted(texts(reads)) == sorted(b.badge_value for b in SAMPLE_BADGES)


def test_badges_without_users_say_what_to_do() -> None:
    with pytest.raises(DocumentError, match="add users first"):
        badges_pdf([])


def test_command_sheet_prints_every_reason_the_station_can_ask_for() -> None:
    from app.packing.reasons import CANCEL, QUESTIONS

    reads = texts(pdf_barcodes(command_sheet_pdf()))
    for reasons in QUESTIONS.values():
        assert {r.barcode for r in reasons} <= set(reads)
    assert CANCEL in reads
    assert set(c.value for c in Command) <= set(reads)

"""The documents' read models are built from the store's records in plain Python."""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from app.documents import assemble
from app.documents.models import DocumentError
from app.shipping.dispatch import DockDay, DockParcel
from app.packing.settings import PackingSettings
from app.addresses import AddressData
from app.store.documents import LineRecord, OrderRecord, ParcelRecord

SETTINGS = PackingSettings()
NOOR = AddressData("Noor Jansen", ("Veldstraat 1",), "9000", "Gent", "BE")


def line(id_: int, sku: str, quantity: int, price: str, tax: str = "0.21", weight: int | None = 350) -> LineRecord:
    return LineRecord(id_, sku, f"{sku} name", quantity, 0, 0, Decimal(price), Decimal(tax), Decimal(0),
                      product_id=id_ * 10, weight_g=weight, barcode=None)


def order(carrier: str | None = "ups", *lines: LineRecord) -> OrderRecord:
    return OrderRecord(1, "PD-7", "packing", "TOTE-3", carrier, None, datetime(2026, 11, 20, 9, tzinfo=timezone.utc),
                       "EUR", False, "Happy birthday", Decimal("4.95"), NOOR,
                       lines or (line(1, "MUG-1", 2, "12.50"), line(2, "PEN-1", 1, "3.00", tax="0.06", weight=None)))


def parcel(seq: int, sscc: str | None = "050123450000000017", status: str = "closed") -> ParcelRecord:
    return ParcelRecord(seq, 1, seq, status, sscc, "RA123456785DE" if sscc else None, 700, 720, (308, 208, 158))


def test_a_preprinted_label_weighs_the_catalogue_weights_and_uses_the_default_service() -> None:
    label = assemble.preprinted_label(order(), SETTINGS, "050123450000000017", "RA123456785DE")
    assert (label.weight_g, label.carrier, label.service) == (700, "ups", SETTINGS.carrier.service)
    assert label.ship_to.lines == ("Veldstraat 1",) and label.ship_to.company == ""


def test_a_parcel_still_open_has_no_label_yet() -> None:
    with pytest.raises(DocumentError, match="parcel 2 of order PD-7 is still open"):
        assemble.parcel_labels(order(), [parcel(1), parcel(2, sscc=None, status="open")], 2, SETTINGS)


def test_closed_parcels_count_as_parcel_n_of_all_parcels() -> None:
    labels = assemble.parcel_labels(order(), [parcel(2)], 3, SETTINGS)
    assert [(l.parcel_index, l.parcel_count, l.weight_g, l.dimensions_mm) for l in labels] == [
        (2, 3, 720, (308, 208, 158))]


def test_a_parcels_slip_lists_only_what_is_in_it() -> None:
    slip = assemble.packing_slip(order(), parcel(1), {1: 2}, 2)
    assert [(item.sku, item.ordered, item.in_parcel) for item in slip.lines] == [("MUG-1", 2, 2)]
    assert (slip.parcel_index, slip.parcel_count, slip.is_gift, slip.order_date) == (1, 2, True, date(2026, 11, 20))


def test_the_invoice_taxes_shipping_at_the_highest_line_rate() -> None:
    invoice = assemble.invoice(order(), "INV-2026-000001", date(2026, 11, 21))
    assert (invoice.shipping, invoice.shipping_tax_rate) == (Decimal("4.95"), Decimal("0.21"))
    assert [item.description for item in invoice.lines] == ["MUG-1 name", "PEN-1 name"]


def test_a_manifest_is_the_docks_list_handed_over_first_and_the_unscanned_apart() -> None:
    # the dock's read model (app.shipping.dispatch.dock_day) chose the carrier's parcels already
    def on_dock(number: str, service: str | None, at: datetime | None) -> DockParcel:
        return DockParcel(number, 1, "UPS", service, f"1Z{number}", f"0034{number}", 900, "9000 Gent, BE", at)

    at = datetime(2026, 11, 20, 17, 0, tzinfo=timezone.utc)
    listing = DockDay("UPS", date(2026, 11, 20), (on_dock("PD-7", "express", at), on_dock("PD-8", None, at)),
                      (on_dock("PD-9", "standard", None),))
    made = assemble.manifest(listing, "ups", SETTINGS)
    assert made.manifest_id == "MF-20261120-UPS" and made.ship_date == date(2026, 11, 20)
    assert [p.order_number for p in made.parcels] == ["PD-7", "PD-8"]
    assert [p.service for p in made.parcels] == ["express", SETTINGS.carrier.service]  # none: the station's
    assert [p.order_number for p in made.not_handed_over] == ["PD-9"]
    assert made.parcels[0].destination == "9000 Gent, BE" and made.parcels[0].tracking_number == "1ZPD-7"

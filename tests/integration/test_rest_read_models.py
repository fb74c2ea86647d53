"""The store's read models for the CLI and the documents, on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import pytest

from app.documents import labels, pick_list
from app.documents.use_cases import find_order
from app.orders.errors import OrderNotFound
from app.packing.settings import PackingSettings
from app.store.documents import document_reads
from app.store.models import Address, Box, Order, OrderEvent, OrderLine, Parcel, PickList, Product
from app.store.order_queries import AddressView, LineDetail, list_orders, shipments, show_order
from app.store.session import Database

CLOSED = datetime(2026, 11, 20, 16, 5, tzinfo=timezone.utc)


def seed(db: Database) -> None:
    with db.write() as s:
        mug = Product(sku="MUG-1", name="Blue mug", length_mm=120, width_mm=90, height_mm=100, weight_g=350,
                      price=Decimal("12.50"))
        box = Box(code="BOX-M", name="M", inner_length_mm=300, inner_width_mm=200, inner_height_mm=150,
                  outer_length_mm=308, outer_width_mm=208, outer_height_mm=158, tare_g=210,
                  max_load_g=8000, cost=Decimal("0.62"), barcode="PDBOX0002")
        packed = Order(number="PD-7", status="packed", carrier="dhl", priority=1, tote="TOTE-7",
                       ship_to=Address(name="Zoë Ångström", line1="Storgatan 1", postcode="211 22",
                                       city="Malmö", country="SE"))
        waiting = Order(number="PD-8", status="picked", tote="TOTE-8",
                        ship_to=Address(name="Bram", line1="Oudegracht 3", postcode="3511", city="Utrecht",
                                        country="NL"))
        s.add_all([mug, box, packed, waiting])
        s.flush()
        for o, qty in ((packed, 2), (waiting, 3)):
            s.add(OrderLine(order_id=o.id, line_no=1, product_id=mug.id, sku="MUG-1", name="Blue mug",
                            quantity=qty, unit_price=Decimal("12.50")))
        s.add(Parcel(order_id=packed.id, seq=1, box_id=box.id, status="confirmed", sscc="050123450000000017",
                     tracking_number="JJD001", actual_weight_g=930, closed_at=CLOSED, confirmed_at=CLOSED))


def test_an_order_shows_as_a_read_model_with_its_lines_address_and_parcels(db: Database) -> None:
    seed(db)
    detail = show_order(db, "PD-7")
    assert detail.lines == [LineDetail(1, "MUG-1", "Blue mug", 2, 0, unit_price="12.50", discount="0.00",
                                       tax_rate="0.00", backordered_quantity=0)]
    assert detail.ship_to == AddressView("Zoë Ångström", None, "Storgatan 1", None, "211 22", "Malmö", None, "SE",
                                         None)
    assert [(p.seq, p.box, p.sscc) for p in detail.parcels] == [(1, "BOX-M", "050123450000000017")]
    assert [o.number for o in list_orders(db)] == ["PD-7", "PD-8"]  # priority first
    assert [o.units for o in list_orders(db, "picked")] == [3]
    with pytest.raises(OrderNotFound):
        show_order(db, "PD-404")


def test_shipments_are_rows_of_closed_parcels_with_the_orders_address(db: Database) -> None:
    seed(db)
    [row] = shipments(db)
    assert (row.order_number, row.parcels, row.box, row.weight_g, row.ship_city) == ("PD-7", 1, "BOX-M", 930, "Malmö")
    assert row.closed_at == CLOSED.isoformat()


def test_shipments_and_orders_show_name_the_close_and_the_confirmation_apart(db: Database) -> None:
    seed(db)
    closed = CLOSED.replace(minute=1)  # CLOSE BOX four minutes before the label was scanned back
    with db.write() as s:
        s.query(Parcel).update({Parcel.closed_at: closed})
    [row] = shipments(db)
    assert row.closed_at == closed.isoformat() and row.confirmed_at == CLOSED.isoformat()
    [parcel] = show_order(db, "PD-7").parcels
    assert parcel.closed_at == closed.isoformat() and parcel.confirmed_at == CLOSED.isoformat()


def test_an_order_is_found_by_its_tote_and_a_preprinted_label_is_logged(db: Database) -> None:
    seed(db)
    with document_reads(db) as store:
        assert find_order(store, "TOTE-8").number == "PD-8"
    [label] = labels(db, PackingSettings(), "TOTE-8")
    assert (label.order_number, label.weight_g, label.parcel_count) == ("PD-8", 1050, 1)
    with db.read() as s:
        kinds = [e.kind for e in s.query(OrderEvent).order_by(OrderEvent.id)]
    assert kinds == ["LabelPreprinted"]


def test_a_printed_pick_list_is_kept_with_its_orders_in_turn(db: Database) -> None:
    seed(db)
    picks = pick_list(db, "PD-8,PD-7")
    assert picks.code == "PL-000001" and [l.order_number for l in picks.lines] == ["PD-8", "PD-7"]
    with db.read() as s:
        kept = s.query(PickList).one()
        assert kept.code == "PL-000001" and [(o.seq, o.order_id) for o in kept.orders] == [(1, 2), (2, 1)]

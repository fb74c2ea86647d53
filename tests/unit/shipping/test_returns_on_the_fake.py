"""Returned items scanned and exchanges made on the in-memory unit of work: which codes a scan may
be, a case counts its units, the exchange order is linked, free and allocated from stock."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from decimal import Decimal

import pytest

from app.addresses import AddressData
from app.orders.settings import OrderSettings
from app.shipping.errors import ShippingError
from app.shipping.exchanges import exchange_in, exchange_lines
from app.shipping.return_scans import WrongReturnItem, codes_of, receive_item
from app.unit_of_work import ProductRecord, ReturnLineRecord, ReturnRecord
from tests.unit.fake_store import FakeStore, FakeUnitOfWork

NOW = datetime(2025, 3, 14, 15, 0, tzinfo=timezone.utc)
ADA = AddressData(name="Ada Lovelace", lines=("Lagerstrasse 1",), postcode="20095", city="Hamburg", country="DE")


def test_a_scan_may_be_stored_as_any_length_of_its_gtin() -> None:
    assert codes_of("4006381333931") >= {"4006381333931", "04006381333931"}
    assert codes_of("0104006381333931") >= {"04006381333931", "4006381333931"}  # AI 01
    assert codes_of(" MUG-BLUE-350 ") == {"MUG-BLUE-350"}


def returned(store: FakeStore, quantity: int) -> tuple[str, ProductRecord]:
    mug = store.add_product(ProductRecord(store.new_id(), "MUG-BLUE-350", "Blue mug", 350, price=Decimal("8.00")),
                            ("4006381333931", 1), ("14006381333938", 6))
    store.add_product(ProductRecord(store.new_id(), "TEAPOT-RED", "Red teapot", 900), ("5012345678900", 1))
    order = store.add_order("PD-1", [(mug, 8)], status="completed", email="ada@example.org", ship_to=ADA,
                            financial_status="paid")
    line = next(l for l in store.tables.lines.values() if l.order_id == order.id)
    with FakeUnitOfWork(store) as uow:
        uow.returns.add(ReturnRecord(0, "RMA-000001", order.id, "too many", "received", created_at=NOW),
                        [ReturnLineRecord(0, 0, line.id, "MUG-BLUE-350", quantity)])
        uow.commit()
    return "RMA-000001", mug


def test_a_case_counts_its_units_and_one_too_many_changes_nothing() -> None:
    store = FakeStore()
    rma, _mug = returned(store, 7)
    with FakeUnitOfWork(store) as uow:
        assert receive_item(uow, rma, "14006381333938", NOW) == ("MUG-BLUE-350", 6, 7)  # a case of six
        uow.commit()
    with FakeUnitOfWork(store) as uow, pytest.raises(WrongReturnItem, match="6 more x MUG-BLUE-350 is too many"):
        receive_item(uow, rma, "14006381333938", NOW)
    with FakeUnitOfWork(store) as uow, pytest.raises(WrongReturnItem, match="TEAPOT-RED \\(Red teapot\\) is not in"):
        receive_item(uow, rma, "5012345678900", NOW)
    with FakeUnitOfWork(store) as uow:
        assert receive_item(uow, rma, "4006381333931", NOW) == ("MUG-BLUE-350", 7, 7)
        uow.commit()
    assert [l.received_quantity for l in store.tables.return_lines.values()] == [7]


def test_an_exchange_is_a_free_linked_order_allocated_from_stock() -> None:
    store = FakeStore()
    rma, mug = returned(store, 1)
    store.add_bin(mug, "A-01-01", 3)
    with FakeUnitOfWork(store) as uow:
        with pytest.raises(ShippingError, match="NOPE is not in the catalogue; each exchange SKU once"):
            exchange_lines(uow, rma, [("NOPE", 1), ("MUG-BLUE-350", 1), ("MUG-BLUE-350", 1)])
        record = uow.returns.get(rma)
        order = uow.orders.get("PD-1")
        swap = exchange_in(uow, order, record, exchange_lines(uow, rma, [("MUG-BLUE-350", 2)]), OrderSettings())
        with pytest.raises(ShippingError, match="has its exchange already \\(order RMA-000001-X\\)"):
            exchange_in(uow, order, uow.returns.get(rma), [], OrderSettings())
        uow.commit()
    assert (swap.number, swap.status, swap.total, swap.channel) == ("RMA-000001-X", "allocated", Decimal(0), "exchange")
    lines = [l for l in store.tables.lines.values() if l.order_id == swap.id]
    assert [(l.sku, l.quantity, l.unit_price, l.discount) for l in lines] == [
        ("MUG-BLUE-350", 2, Decimal("8.00"), Decimal("16.00"))]
    assert store.tables.returns[record.id] == replace(record, exchange_order_id=swap.id)
    kinds = {(e["order_id"], e["kind"]) for e in store.tables.events}
    assert {(order.id, "ExchangeOrdered"), (swap.id, "ExchangeFor")} <= kinds

"""The dock's use cases on the in-memory unit of work: what a scan means, who ships, what is queued."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

from app.addresses import AddressData
from app.identifiers import s10, sscc
from app.shipping.dispatch import dock_day, parcel_code, scan_at_dock
from app.shipping.tracking import flag_late
from app.unit_of_work import ParcelRecord, ProductRecord
from tests.unit.fake_store import FakeStore, FakeUnitOfWork

NOW = datetime(2025, 3, 14, 15, 0, tzinfo=timezone.utc)
SSCC = sscc(0, "4012345", 17)


def test_a_dock_scan_reads_an_sscc_with_or_without_its_ai_and_a_tracking_number() -> None:
    assert parcel_code("00" + SSCC) == SSCC
    assert parcel_code("]C100" + SSCC) == SSCC
    assert parcel_code(SSCC) == SSCC
    assert parcel_code(s10("RR", 1, "DE").lower()) == s10("RR", 1, "DE")
    assert parcel_code("4006381333931") is None and parcel_code("") is None


def packed_order(store: FakeStore, number: str, parcels: int) -> list[ParcelRecord]:
    mug = store.add_product(ProductRecord(store.new_id(), f"MUG-{number}", "Mug", 350))
    order = store.add_order(number, [(mug, parcels)], status="packed", email=f"{number}@example.org",
                            total=Decimal("25.00"),
                            ship_to=AddressData(name="Ada", lines=("x",), postcode="20095", city="Hamburg",
                                                country="DE"))
    made = []
    for seq in range(1, parcels + 1):
        p = ParcelRecord(store.new_id(), order.id, seq, "confirmed", sscc=sscc(0, "4012345", store.new_id()),
                         tracking_number=s10("RR", store.new_id(), "DE"), carrier="POST", closed_at=NOW)
        store.tables.parcels[p.id] = p
        made.append(p)
    return made


def test_the_last_parcel_ships_the_order_and_queues_its_mail_and_money() -> None:
    store = FakeStore()
    first, second = packed_order(store, "PD-1", 2)
    one = scan_at_dock(FakeUnitOfWork(store), first.tracking_number, NOW, user="dora")
    assert one.ok and not one.order_shipped and one.handed_over == 1
    assert store.tables.outbox == {} and store.tables.payments == {}
    two = scan_at_dock(FakeUnitOfWork(store), "00" + second.sscc, NOW, user="dora")
    assert two.order_shipped
    order = next(iter(store.tables.orders.values()))
    assert order.status == "shipped"
    assert [m.kind for m in store.tables.outbox.values()] == ["shipped"]
    # the hand-over queued the capture (the gateway is asked after it commits: test_capture_on_the_fake)
    assert store.tables.payments == {}
    assert [(c.key, c.state, c.amount) for c in store.tables.captures.values()] == [
        ("capture:PD-1", "pending", Decimal("25.00"))]
    again = scan_at_dock(FakeUnitOfWork(store), second.tracking_number, NOW)
    assert again.already and len(store.tables.outbox) == 1


def test_the_dock_day_flags_the_parcels_never_scanned() -> None:
    store = FakeStore()
    (shipped,) = packed_order(store, "PD-2", 1)
    (waiting,) = packed_order(store, "PD-3", 1)
    scan_at_dock(FakeUnitOfWork(store), shipped.tracking_number, NOW)
    day = dock_day(FakeUnitOfWork(store), "POST", NOW.date(), ZoneInfo("UTC"))
    assert [p.order_number for p in day.handed_over] == ["PD-2"]
    assert [p.tracking_number for p in day.not_scanned] == [waiting.tracking_number]


def test_a_late_order_is_flagged_once_with_a_delay_mail() -> None:
    store = FakeStore()
    packed_order(store, "PD-4", 1)
    order = next(iter(store.tables.orders.values()))
    store.tables.orders[order.id] = replace(order, sla_due_at=datetime(2025, 3, 14, 12, 0, tzinfo=timezone.utc))
    assert [o.number for o in flag_late(FakeUnitOfWork(store), NOW)] == ["PD-4"]
    assert flag_late(FakeUnitOfWork(store), NOW) == []
    assert [m.kind for m in store.tables.outbox.values()] == ["delay"]

"""A busy morning on the floor for the supervisors' screens (tests and screenshots), written by
the stations' own use cases on the station tests' data (tests/ui/data.py)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import update

from app.orders import holds
from app.packing.service import PackingService
from app.packing.settings import PackingSettings
from app.ports import Scan
from app.store.models import Order
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from tests.ui.data import ALICE_BADGE, BOB_BADGE, LAMP, MUG, PEN


def a_busy_morning(url: str) -> None:
    """At PACK-09 Alice mis-scans a lamp into PD-1003, weighs it wrong, prints and reprints its
    label, then PACK-09 goes dark (its lease runs out); PD-1001 is damaged (PROBLEM); Sam holds PD-1002."""
    with Database(url) as db:
        desk = PackingService(db, "PACK-09", PackingSettings(station_code="PACK-09"))
        alice = desk.login(ALICE_BADGE)
        desk.start_pack(alice, "PD-1001")
        desk.report_problem("PD-1001", "damaged", "mug handle broken", alice)
        desk.start_pack(alice, "PD-1003")
        for code in (LAMP, "PD-CMD-ACK", MUG, MUG, PEN):
            desk.record_scan("PD-1003", alice, Scan(code, None, source="test"))
        assert not desk.close_parcel("PD-1003", alice, weight_g=5000).ok
        closed = desk.close_parcel("PD-1003", alice)
        desk.record_label_result(closed.label.label_id, True, "memory:")
        desk.reprint_label(closed.pack.parcels[0].parcel_id, "label smudged", alice)
        holds.hold(SqlUnitOfWork(db), "PD-1002", "customer asked to wait", user="sam")
        with db.write() as s:
            s.execute(update(Order).where(Order.number == "PD-1003")
                      .values(lease_expires_at=datetime.now(timezone.utc) - timedelta(minutes=1)))


def packed_today(url: str, numbers: list[str], station: str = "PACK-05", badge: str = BOB_BADGE) -> None:
    """Orders packed start to finish at a station today (for the figures)."""
    with Database(url) as db:
        desk = PackingService(db, station, PackingSettings(station_code=station))
        who = desk.login(badge)
        for number in numbers:
            desk.start_pack(who, number)
            for code in (MUG, MUG, PEN):
                desk.record_scan(number, who, Scan(code, None, source="test"))
            closed = desk.close_parcel(number, who)
            desk.record_label_result(closed.label.label_id, True, "memory:")
            assert desk.confirm_label(number, closed.label.sscc).all_confirmed


def a_packed_day(url: str, orders: list[str], packers: tuple[tuple[str, str, float], ...]) -> None:
    """A day's packing at human speed for the figures' screenshot: each order claimed and packed
    (order events at realistic times), its lines packed into one confirmed parcel, three scans
    and now and then a mis-scan. `packers`: (username, station, minutes per unit)."""
    from app.store.models import OrderEvent, OrderLine, Parcel, ScanRecord

    start = datetime.now(timezone.utc).replace(hour=7, minute=0, second=0, microsecond=0)
    with Database(url) as db, db.write() as s:
        for i, number in enumerate(orders):
            who, station, per_unit = packers[i % len(packers)]
            order = s.query(Order).filter_by(number=number).one()
            lines = s.query(OrderLine).filter_by(order_id=order.id).all()
            lines[0].quantity = 1 + (i * 7) % 6  # orders of 2 to 8 units
            order.gift_wrap = i % 4 == 0
            units = sum(line.quantity for line in lines)
            claimed = start + timedelta(minutes=9 * (i // len(packers)))
            packed = claimed + timedelta(minutes=1.5 + per_unit * units + (2 if order.gift_wrap else 0))
            for line in lines:
                line.packed_quantity = line.quantity
            order.status = "packed"
            s.add(Parcel(order_id=order.id, seq=1, status="confirmed", opened_at=claimed, closed_at=packed,
                         confirmed_at=packed))
            for at, to in ((claimed, "packing"), (packed, "packed")):
                s.add(OrderEvent(order_id=order.id, at=at, kind="StatusChanged", to_status=to, station=station,
                                 username=who))
            for n in range(units + (1 if i % 5 == 0 else 0)):
                s.add(ScanRecord(at=claimed + timedelta(seconds=20 * n), station=station, username=who,
                                 order_id=order.id, data="4006381333931",
                                 outcome="wrong_item" if n == units else "accepted", quantity=1))


def alice_packs_pd_1001(url: str) -> None:
    """Alice packs PD-1001 at PACK-09 today, with one mis-scan (a lamp), and its label is confirmed."""
    with Database(url) as db:
        desk = PackingService(db, "PACK-09", PackingSettings(station_code="PACK-09"))
        alice = desk.login(ALICE_BADGE)
        desk.start_pack(alice, "PD-1001")
        for code in (LAMP, "PD-CMD-ACK", MUG, MUG, PEN):
            desk.record_scan("PD-1001", alice, Scan(code, None, source="test"))
        closed = desk.close_parcel("PD-1001", alice)
        desk.record_label_result(closed.label.label_id, True, "memory:")
        assert desk.confirm_label("PD-1001", closed.label.sscc).all_confirmed

"""A morning on the packing floor that leaves one exception of each kind behind, written by
the stations' own use cases (PackingService) and the supervisors' (app.orders.holds)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import update

from app.orders import holds
from app.packing.errors import BadgeNotRecognised
from app.store.models import Order
from app.store.uow import SqlUnitOfWork
from tests.integration.packing.conftest import ACK, MUG_EAN, TEAPOT_EAN, Warehouse, add_order, scan


@dataclass(frozen=True)
class Floor:
    label_sscc: str  # PD-1042's parcel 1 after its reprint


def busy_morning(warehouse: Warehouse) -> Floor:
    """PD-1042 packed at PACK-01 by Pat with a mis-scan, a box override, a weight out of
    tolerance, a failed label print and a reprint; PD-2001 damaged (PROBLEM, on hold);
    PD-3001 held by Sam; PD-4001 left by PACK-02, whose lease ran out; a stranger's badge."""
    db = warehouse.db
    for number in ("PD-2001", "PD-3001", "PD-4001"):
        add_order(db, number, [("MUG-BLUE-350", 1)])
    one = warehouse.service("PACK-01")
    pat = one.login("BADGE-PAT")
    one.start_pack(pat, "PD-1042")
    one.record_scan("PD-1042", pat, scan(TEAPOT_EAN))  # wrong item
    one.record_scan("PD-1042", pat, scan(ACK))
    for code in (MUG_EAN, MUG_EAN, "]C10104015000011112" "10LOT-42\x1d" "17271130"):
        one.record_scan("PD-1042", pat, scan(code, "]C1" if code.startswith("]") else None))
    one.choose_box("PD-1042", "BOX-M", reason="small boxes ran out", user=pat)
    assert not one.close_parcel("PD-1042", pat, weight_g=2000).ok
    closed = one.close_parcel("PD-1042", pat, weight_g=1130)
    assert closed.ok and closed.label is not None
    one.record_label_result(closed.label.label_id, False, "tcp://127.0.0.1:9100", "paper out")
    one.record_label_result(closed.label.label_id, True, "tcp://127.0.0.1:9100")
    again = one.reprint_label(closed.pack.parcels[0].parcel_id, "label smudged", pat)
    # PD-1042 stays packing at PACK-01: its label is not scanned back yet
    two = warehouse.service("PACK-02")
    pat2 = two.login("BADGE-PAT")
    two.start_pack(pat2, "PD-2001")
    two.report_problem("PD-2001", "damaged", "mug handle broken", pat2)
    holds.hold(SqlUnitOfWork(db), "PD-3001", "customer asked to wait", user="sam")
    two.start_pack(pat2, "PD-4001")
    with db.write() as session:  # PACK-02 went dark: nobody renewed its lease
        session.execute(update(Order).where(Order.number == "PD-4001")
                        .values(lease_expires_at=datetime.now(timezone.utc) - timedelta(minutes=5)))
    try:
        one.login("BADGE-STRANGER")
    except BadgeNotRecognised:
        pass
    return Floor(again.sscc)


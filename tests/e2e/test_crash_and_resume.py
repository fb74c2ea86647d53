"""Never lose work: a new service resumes the open pack, and a printed label is never printed again."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from app.store.models import Label, Order
from app.packing.api import ScanOutcome as O

from tests.integration.packing.conftest import MUG_EAN, TEAPOT_EAN, Warehouse, add_order, scan

ROOT = Path(__file__).resolve().parents[2]


def test_a_new_service_resumes_with_every_scan_the_lock_and_the_printed_label(warehouse: Warehouse) -> None:
    add_order(warehouse.db, "PD-5001", [("TEAPOT-RED", 1), ("MUG-BLUE-350", 3)])
    before = warehouse.service()
    pat = before.login("BADGE-PAT")
    before.start_pack(pat, "PD-5001")
    before.record_scan("PD-5001", pat, scan(TEAPOT_EAN))
    closed = before.close_parcel("PD-5001", pat)
    before.record_label_result(closed.label.label_id, True, "memory:")
    before.record_scan("PD-5001", pat, scan(MUG_EAN))
    before.record_scan("PD-5001", pat, scan("NO-SUCH-THING"))  # locks, then the station "crashes"

    after = warehouse.service()  # same station code, new process state
    pack = after.resume_open_pack(pat)
    assert pack is not None and pack.order_number == "PD-5001"
    assert [line.scanned for line in pack.lines] == [1, 1]
    assert pack.locked and "NO-SUCH-THING" in (pack.lock_message or "")
    assert pack.parcel_caption == "parcel 2" and pack.parcels[0].label.status == "printed"
    assert pack.pending_labels == ()
    assert after.record_scan("PD-5001", pat, scan(MUG_EAN)).outcome is O.LOCKED
    assert after.record_scan("PD-5001", pat, scan("PD-CMD-ACK")).outcome is O.ACKNOWLEDGED
    assert after.record_scan("PD-5001", pat, scan(MUG_EAN)).pack.lines[1].scanned == 2
    # A late "printed" report for the old label changes nothing: it is printed once.
    assert after.record_label_result(closed.label.label_id, False, "memory:", "late").status == "printed"


def half_packed_by_pat(warehouse: Warehouse, number: str):  # type: ignore[no-untyped-def]
    """Pat packs one of the order's two mugs; then the station stops. Pat, as the login gave him."""
    add_order(warehouse.db, number, [("MUG-BLUE-350", 2)])
    before = warehouse.service()
    pat = before.login("BADGE-PAT")
    before.start_pack(pat, number)
    before.record_scan(number, pat, scan(MUG_EAN))
    return pat


def test_after_a_restart_the_open_orders_sheet_is_no_mis_scan_and_another_orders_locks(warehouse: Warehouse) -> None:
    pat = half_packed_by_pat(warehouse, "PD-5002")

    after = warehouse.service()  # the station restarted; the packer picks up the order sheet again
    assert after.resume_open_pack(pat).order_number == "PD-5002"
    sheet = after.record_scan("PD-5002", pat, scan("PD-5002"))
    assert sheet.outcome is O.THIS_ORDER and not sheet.pack.locked and sheet.pack.lines[0].scanned == 1
    assert after.record_scan("PD-5002", pat, scan(MUG_EAN)).pack.lines[0].scanned == 2
    again = warehouse.service().resume_open_pack(pat)  # and after the next restart too: no lock was kept
    assert not again.locked and again.lines[0].scanned == 2
    other = after.record_scan("PD-5002", pat, scan("PD-1042"))  # another order's sheet: that one locks
    assert other.outcome is O.UNKNOWN and other.pack.locked
    assert other.message == ("Scanned PD-1042: that is another order's sheet, and this station is packing PD-5002. "
                             "Put that sheet aside with its order and scan ACK.")


def test_after_a_restart_another_person_resuming_the_order_is_told_whose_it_was(warehouse: Warehouse) -> None:
    pat = half_packed_by_pat(warehouse, "PD-5003")

    sam = warehouse.service().login("BADGE-SAM")  # the station restarted; Sam logs in at it
    taken = warehouse.service().resume_open_pack(sam)
    assert taken.order_number == "PD-5003" and taken.taken_over_from == "Pat Packer"
    with warehouse.db.read() as session:  # the order is held for Sam now, as a supervisor's view says
        assert session.scalar(select(Order.claimed_by_user).where(Order.number == "PD-5003")) == "sam"
    assert warehouse.service().resume_open_pack(sam).taken_over_from is None  # Sam again: his own
    assert warehouse.service().resume_open_pack(pat).taken_over_from == "Sam Supervisor"


def test_a_pending_label_is_offered_for_retry_after_a_restart(warehouse: Warehouse) -> None:
    before = warehouse.service()
    pat = before.login("BADGE-PAT")
    before.start_pack(pat, "PD-1042")
    before.record_scan("PD-1042", pat, scan(MUG_EAN))
    before.ship_partial("PD-1042", "BADGE-SAM", pat)
    closed = before.close_parcel("PD-1042", pat)  # crash before the printer answered
    pack = warehouse.service().resume_open_pack(pat)
    assert [(x.label_id, x.status) for x in pack.pending_labels] == [(closed.label.label_id, "pending")]
    again = warehouse.service().label_request(closed.label.label_id)
    assert (again.sscc, again.version) == (closed.label.sscc, 1)


def test_sigkill_mid_pack_loses_no_acknowledged_scan(warehouse: Warehouse) -> None:
    add_order(warehouse.db, "PD-5001", [("TEAPOT-RED", 1), ("MUG-BLUE-350", 8)])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-m", "tests.e2e.crash_child", warehouse.db.url],
                             cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    acked = 0
    try:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("ACK"):
                acked = int(line.split()[1])
                if acked == 3:
                    child.send_signal(signal.SIGKILL)
                    break
    finally:
        child.kill()
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL and acked == 3

    station = warehouse.service("PACK-CRASH")
    pat = station.login("BADGE-PAT")
    pack = station.resume_open_pack(pat)
    assert pack is not None and pack.order_number == "PD-5001"
    mugs = pack.lines[1].scanned
    assert acked <= mugs <= acked + 1  # every acknowledged scan; at most one committed but not yet shown
    assert pack.parcels[0].label.status == "printed" and pack.pending_labels == ()
    with warehouse.db.read() as session:
        assert session.scalars(select(Label.status)).all() == ["printed"]

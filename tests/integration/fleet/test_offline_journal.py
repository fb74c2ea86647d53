"""Issue 17, the offline end-to-end test: a station provisions its journal (three orders leased,
a block of SSCC and S10 numbers), the central database becomes unreachable, the station packs
two orders into the journal, a supervisor cancels the third centrally meanwhile, the database
returns and the journal syncs: the counts are equal, nothing is doubled (not even when the sync
runs again after a crash), and the cancelled order's offline work becomes an exception."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.station.backend import central_or_journal
from app.store.counters import take_next
from app.store.journal import Journal, JournalError
from app.store.models import JournalReceipt, Label, Order, PackException, Parcel, ScanRecord
from app.store.session import Database
from tests.support.servers import free_port

SCANS_PER_ORDER = 3


def _seed(db: Database, numbers: list[str]) -> None:
    with db.write() as session:
        session.add_all(Order(number=n, status="picked") for n in numbers)


def _count(db: Database, model: type, *where: object) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _pack(journal: Journal) -> tuple[str, str]:
    order = journal.next_order()
    assert order is not None
    for _ in range(SCANS_PER_ORDER):
        journal.scan(order, "05012345000017")
    code, _tracking = journal.close_parcel(order)
    journal.label_printed(order, code, "tcp://printer-1:9100")
    journal.confirm(order)
    return order, code


def test_a_station_packs_two_orders_offline_and_the_journal_syncs_once(db: Database, tmp_path: Path) -> None:
    _seed(db, ["OFF-1", "OFF-2", "OFF-3", "OFF-4"])
    journal = Journal(tmp_path / "station-data", "ST-7", "ann")
    assert journal.lease(db, 3) == ["OFF-1", "OFF-2", "OFF-3"]
    journal.reserve(db, 10)
    assert take_next(db, "sscc_serial") == 11  # the next station's numbers come after the block

    unreachable = Database(f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/packdesk?connect_timeout=2")
    assert central_or_journal(unreachable, journal) is journal
    assert central_or_journal(db, journal) is db
    unreachable.close()

    packed = [_pack(journal), _pack(journal)]
    assert journal.status_text() == "offline: 12 events waiting"
    with db.write() as session:  # meanwhile a supervisor cancels the third order centrally
        session.execute(text("UPDATE orders SET status = 'cancelled' WHERE number = 'OFF-3'"))
    third = journal.next_order()
    assert third == "OFF-3"
    journal.scan(third, "05012345000017")
    assert journal.next_order() is None  # offline, NEXT takes only leased orders (OFF-4 is not)
    with pytest.raises(JournalError, match="not leased to this station"):
        journal.scan("OFF-4", "05012345000017")

    report = journal.replay(db)
    assert (report.applied, report.skipped, report.conflicts) == (12, 0, ["OFF-3"])
    assert journal.waiting() == 0 and journal.status_text() == ""
    counts = {
        "packed": _count(db, Order, Order.status == "packed"),
        "scans": _count(db, ScanRecord),
        "parcels": _count(db, Parcel),
        "labels": _count(db, Label, Label.status == "printed"),
        "exceptions": _count(db, PackException),
    }
    assert counts == {"packed": 2, "scans": 2 * SCANS_PER_ORDER, "parcels": 2, "labels": 2, "exceptions": 1}
    with db.read() as session:
        assert sorted(session.scalars(select(Parcel.sscc))) == sorted(code for _, code in packed)
        assert session.scalar(select(Order.status).where(Order.number == "OFF-3")) == "cancelled"
        reason = session.scalar(select(PackException.reason))
        assert "offline scan at ST-7 not applied" in reason and "cancelled" in reason

    # a crash after the central commits but before the journal noted them: everything again
    journal._db.execute("UPDATE events SET state = 'waiting'")
    again = journal.replay(db)
    assert (again.applied, again.skipped) == (0, 13)
    assert {k: _count(db, m, *w) for k, (m, w) in {
        "packed": (Order, (Order.status == "packed",)), "scans": (ScanRecord, ()), "parcels": (Parcel, ()),
        "labels": (Label, ()), "exceptions": (PackException, ())}.items()} == counts
    assert _count(db, JournalReceipt) == 13
    journal.close()


def test_numbers_run_out_with_a_clear_message_and_unstarted_leases_go_back(db: Database, tmp_path: Path) -> None:
    _seed(db, ["L-1", "L-2"])
    journal = Journal(tmp_path, "ST-8", "bob")
    journal.lease(db, 2)
    journal.reserve(db, 1)
    order = journal.next_order()
    assert order == "L-1"
    journal.close_parcel(order)
    with pytest.raises(JournalError, match="reserved SSCC numbers are used up"):
        journal.close_parcel(order)
    assert journal.release_leases(db) == ["L-2"]  # logging out for good
    with db.read() as session:
        assert session.scalar(select(Order.status).where(Order.number == "L-2")) == "picked"
    journal.close()

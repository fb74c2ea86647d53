"""Issue 17, the journal on its own (the whole station's outage is tests/e2e/test_offline_station.py):
a station provisions its journal (three orders leased, a block of SSCC and S10 numbers), the
central database becomes unreachable, the station packs two orders into the journal (scans,
a parcel numbered from its block, the label printed and scanned back), a supervisor cancels the
third centrally meanwhile, the database returns and the journal replays through the packing use
cases: the counts are equal, nothing is doubled (not even when the replay runs again after a
crash), and the cancelled order's offline work becomes an exception. Events replay in the order
of their sequence number, whatever the station's wall clock said."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.commands import Command
from app.orders import claims
from app.packing.desk import Desk
from app.packing.offline import replay_with
from app.packing.settings import PackingSettings
from app.station.backend import central_or_journal
from app.store.counters import take_next
from app.store.journal import OFFLINE_LEASE_S, Journal, JournalError, database_now
from app.store.models import (
    JournalReceipt, Label, Order, OrderLine, PackException, Parcel, ParcelItem, ScanRecord, as_utc,
)
from app.store.session import Database
from tests.support.servers import free_port
from tests.ui.data import MUG, PEN, seed

SETTINGS = PackingSettings(station_code="ST-7")


def _count(db: Database, model: type, *where: object) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _pack(journal: Journal) -> tuple[str, str]:
    """Two mugs and a pen (as the seed orders them), one parcel, its label printed and scanned back."""
    order = journal.next_order()
    assert order is not None
    for code in (MUG, MUG, PEN, Command.CLOSE_BOX.value):
        journal.scan(order, code)
    code, _tracking = journal.close_parcel(order, 740)
    journal.label_printed(order, code, "tcp://printer-1:9100")
    journal.scan(order, "00" + code)
    journal.finished(order)
    return order, code


def _counts(db: Database) -> dict[str, int]:
    return {
        "packed": _count(db, Order, Order.status == "packed"),
        "scans": _count(db, ScanRecord),
        "parcels": _count(db, Parcel),
        "units": _count(db, ParcelItem),
        "labels": _count(db, Label, Label.status == "printed"),
        "exceptions": _count(db, PackException),
    }


def test_a_station_packs_two_orders_offline_and_the_journal_syncs_once(db: Database, tmp_path: Path) -> None:
    seed(db, orders=4)
    journal = Journal(tmp_path / "station-data", "ST-7", "alice")
    assert journal.lease(db, 3) == ["PD-1001", "PD-1002", "PD-1003"]
    journal.reserve(db, 10)
    assert take_next(db, "sscc_serial") == 11  # the next station's numbers come after the block

    unreachable = Database(f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/packdesk?connect_timeout=2")
    assert central_or_journal(unreachable, journal) is journal
    assert central_or_journal(db, journal) is db
    unreachable.close()

    packed = [_pack(journal), _pack(journal)]
    assert journal.status_text() == "offline: 14 events waiting"
    with db.write() as session:  # meanwhile a supervisor cancels the third order centrally
        session.execute(text("UPDATE orders SET status = 'cancelled' WHERE number = 'PD-1003'"))
    third = journal.next_order()
    assert third == "PD-1003"
    journal.scan(third, MUG)
    assert journal.next_order() is None  # offline, NEXT takes only leased orders (PD-1004 is not)
    with pytest.raises(JournalError, match="not leased to this station"):
        journal.scan("PD-1004", MUG)
    # the station's wall clock jumped back an hour before the last events: replay goes by sequence
    journal._db.execute("UPDATE events SET at = '2020-01-01T00:00:00+00:00' WHERE seq > 10")

    apply = replay_with(Desk("ST-7", SETTINGS))
    first = journal.replay(db, apply, limit=5)  # a turn at a time, as the station does
    assert (first.applied, journal.waiting()) == (5, 10)
    report = journal.replay(db, apply)
    assert (report.applied, report.skipped, report.conflicts) == (9, 0, ["PD-1003"])
    assert journal.waiting() == 0 and journal.status_text() == ""
    counts = _counts(db)
    assert counts == {"packed": 2, "scans": 2 * 5, "parcels": 2, "units": 2 * 3, "labels": 2, "exceptions": 1}
    with db.read() as session:
        assert sorted(session.scalars(select(Parcel.sscc))) == sorted(code for _, code in packed)
        assert set(session.scalars(select(OrderLine.packed_quantity).join(Order).where(
            Order.number.in_(["PD-1001", "PD-1002"])))) == {2, 1}  # the lines are packed, not only logged
        assert session.scalar(select(Order.status).where(Order.number == "PD-1003")) == "cancelled"
        reason = session.scalar(select(PackException.reason))
        assert "offline scan at ST-7 not applied" in reason and "cancelled" in reason

    # a crash after the central commits but before the journal noted them: everything again
    journal._db.execute("UPDATE events SET state = 'waiting'")
    again = journal.replay(db, apply)
    assert (again.applied, again.skipped) == (0, 15)
    assert _counts(db) == counts
    assert _count(db, JournalReceipt) == 15
    journal.close()


def test_numbers_run_out_with_a_clear_message_and_unstarted_leases_go_back(db: Database, tmp_path: Path) -> None:
    seed(db, orders=2)
    journal = Journal(tmp_path, "ST-8", "bob")
    journal.lease(db, 2)
    journal.reserve(db, 1)
    order = journal.next_order()
    assert order == "PD-1001"
    journal.close_parcel(order)
    with pytest.raises(JournalError, match="reserved SSCC numbers are used up"):
        journal.close_parcel(order)
    assert journal.release_leases(db) == ["PD-1002"]  # logging out for good
    with db.read() as session:
        assert session.scalar(select(Order.status).where(Order.number == "PD-1002")) == "picked"
    journal.close()


def test_an_offline_lease_is_stamped_with_the_database_clock_not_the_station_clock(
        db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seed(db, orders=2)
    behind = datetime.now(timezone.utc) - timedelta(hours=3)
    monkeypatch.setattr(claims, "_now", lambda: behind)  # this station's clock is three hours behind
    journal = Journal(tmp_path, "ST-7", "alice")
    try:
        assert journal.lease(db, 1) == ["PD-1001"]
        with db.read() as session:
            expires = as_utc(session.scalar(select(Order.lease_expires_at).where(Order.number == "PD-1001")))
        assert expires is not None
        due = database_now(db) + timedelta(seconds=OFFLINE_LEASE_S)
        assert abs(expires - due) < timedelta(minutes=1), f"lease until {expires}, the database's clock says {due}"
    finally:
        journal.close()

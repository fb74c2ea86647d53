"""Issue 17, the offline end-to-end test: a whole station (the composition root, its core, the
real store and its journal) on PostgreSQL through a loopback proxy the test controls. The
station leases three orders; the network is cut; the packer packs two orders (scans, CLOSE BOX,
labels printed, labels scanned back) while the screen says "offline: N events waiting"; a
supervisor cancels the third order centrally while it is half-packed; the network returns, the
journal syncs by itself: the counts are equal, nothing is doubled (not even when the sync runs
again), and the cancelled order's offline work is an exception in the review queue."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, make_url, select, text

from app.commands import Command
from app.config import Settings, station_config
from app.store.journal import JOURNAL_FILE
from app.store.models import JournalReceipt, Label, Order, PackException, Parcel, ParcelItem, ScanRecord
from app.store.session import Database
from tests.support.servers import LoopbackProxy, free_port, through
from tests.ui.data import ALICE_BADGE, MUG, PEN, SAM_PIN, seed
from tests.ui.helpers import login, scan, settle

pytestmark = pytest.mark.postgres


def _count(db: Database, model: type, *where: object) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _central(db: Database) -> dict[str, object]:
    return {
        "packed": _count(db, Order, Order.status == "packed"),
        "scans": _count(db, ScanRecord),
        "parcels": _count(db, Parcel, Parcel.sscc.is_not(None)),
        "units in parcels": _count(db, ParcelItem),
        "labels printed": _count(db, Label, Label.status == "printed"),
        "exceptions": _count(db, PackException),
    }


def _pack_one(qtbot, app, scanned_before: int = 0) -> str:
    """NEXT (unless an order is open), two mugs and a pen, CLOSE BOX (the label prints), the
    label scanned back."""
    if app.station.pack is None:
        scan(qtbot, app, Command.NEXT.value)
    pack = app.station.pack
    assert pack is not None, app.window.status.text()
    for code in (MUG, MUG, PEN)[scanned_before:]:
        scan(qtbot, app, code)
    assert app.station.pack.units_scanned == 3 and app.station.pack.all_scanned  # nothing lost at the switch
    scan(qtbot, app, Command.CLOSE_BOX.value)
    qtbot.waitUntil(lambda: app.station.step == "confirm", timeout=10000)
    sscc = app.station.pack.parcels[0].sscc
    scan(qtbot, app, "00" + sscc)
    assert app.station.pack is None and app.station.step == "home"
    return f"{pack.order_number}:{sscc}"


def test_a_station_packs_two_orders_through_an_outage_and_the_journal_syncs_once(
        qtbot, make_station, db: Database, tmp_path: Path, monkeypatch) -> None:
    if db.is_sqlite:
        pytest.skip("an outage of the central database is PostgreSQL's")
    seed(db, orders=4)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    proxy = LoopbackProxy(make_url(db.url).port or 5432)
    try:
        app = make_station({"station": {"offline_buffer": 3}}, url=through(db.url, proxy.port, connect_timeout="2"))
        login(qtbot, app, ALICE_BADGE)  # provisions the journal: three orders leased, numbers reserved
        journal = app.backend.offline.journal
        assert journal.path.parent.parent == tmp_path / "data" and journal.path.name == JOURNAL_FILE
        assert journal.leased() == ["PD-1001", "PD-1002", "PD-1003"]
        assert app.window.screens["home"].offline.isHidden()

        scan(qtbot, app, Command.NEXT.value)
        scan(qtbot, app, MUG)  # one mug online, in the central database
        proxy.cut()  # the rest of this order and the next one offline
        packed = [_pack_one(qtbot, app, scanned_before=1), _pack_one(qtbot, app)]
        assert [p.split(":")[0] for p in packed] == ["PD-1001", "PD-1002"]
        banner = app.window.screens["home"].offline
        # PD-1001: a mug, a pen, CLOSE BOX, the parcel closed, its label printed, scanned back; PD-1002: 7
        assert banner.isVisible() and banner.text() == "offline: 13 events waiting"

        scan(qtbot, app, Command.NEXT.value)  # the third leased order, half-packed offline ...
        assert app.station.pack.order_number == "PD-1003"
        scan(qtbot, app, MUG)
        assert app.window.screens["pack"].offline.text() == "offline: 14 events waiting"
        with db.write() as session:  # ... while a supervisor cancels it centrally
            session.execute(text("UPDATE orders SET status = 'cancelled' WHERE number = 'PD-1003'"))
        assert _central(db)["packed"] == 0  # nothing of the offline work is central yet

        proxy.restore()  # the station finds the database by itself and replays the journal
        qtbot.waitUntil(lambda: app.station.offline is None, timeout=30000)
        settle(qtbot, app)
        assert app.station.pack is None and app.station.step == "home"  # PD-1003 left the station
        assert "PD-1003" in app.window.screens["home"].message.text()
        assert banner.isHidden()

        counts = _central(db)
        assert counts == {"packed": 2, "scans": 2 * 5, "parcels": 2, "units in parcels": 2 * 3,
                          "labels printed": 2, "exceptions": 1}
        with db.read() as session:
            assert sorted(f"{o}:{s}" for o, s in session.execute(
                select(Order.number, Parcel.sscc).join(Parcel, Parcel.order_id == Order.id))) == sorted(packed)
            assert session.scalar(select(Order.status).where(Order.number == "PD-1003")) == "cancelled"
            reason = session.scalar(select(PackException.reason))
            assert "offline scan at ST-TEST not applied" in reason and "cancelled" in reason
        assert journal.leased() == ["PD-1004"]  # online again, the buffer is topped up
        assert journal.started() == []  # no order is open here: none is resumed offline next time

        # a crash after the central commits but before the journal noted them: the sync runs again
        journal._db.execute("UPDATE events SET state = 'waiting'")
        offline = app.backend.offline
        offline.waiting = journal.waiting()
        assert offline.back_online() == []
        assert _central(db) == counts and _count(db, JournalReceipt) == 14

        assert offline.release_leases() == ["PD-1004"]  # the station closes for good
        with db.read() as session:
            assert session.scalar(select(Order.status).where(Order.number == "PD-1004")) == "picked"
    finally:
        proxy.close()


def test_a_station_on_postgresql_leases_three_orders_by_default_and_close_station_gives_them_back(
        qtbot, db: Database, tmp_path: Path, monkeypatch) -> None:
    if db.is_sqlite:
        pytest.skip("the offline journal is for a station on the central PostgreSQL")
    from ui.composition import build_station

    seed(db, orders=4)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    config = station_config(Settings(database_url=db.url, raw={  # no offline_buffer key: the default
        "station": {"code": "ST-TEST", "fullscreen": False}, "demo": {"output_dir": str(tmp_path / "printed")}}),
        demo=True)
    assert config.offline_buffer == 3
    app = build_station(config)
    qtbot.addWidget(app.window)
    try:
        app.window.show()
        login(qtbot, app, ALICE_BADGE)
        assert app.backend.offline is not None
        assert app.backend.offline.journal.leased() == ["PD-1001", "PD-1002", "PD-1003"]
        assert _held(db) == {"PD-1001": "ST-TEST", "PD-1002": "ST-TEST", "PD-1003": "ST-TEST"}

        assert not app.window.close()  # CLOSE STATION: a supervisor's PIN lets the kiosk close
        settle(qtbot, app)
        app.window.exit_prompt.pin.setText(SAM_PIN)
        app.window.exit_prompt.pin.returnPressed.emit()
        settle(qtbot, app)
        assert not app.window.isVisible() and app.window.exit_allowed
    finally:
        app.close()  # as `packdesk station` does once its window has closed
    assert _held(db) == {}  # the leased orders are back in the shared queue
    with db.read() as session:
        assert set(session.scalars(select(Order.status).where(Order.number.in_(["PD-1001", "PD-1002", "PD-1003"])))) \
            == {"picked"}


def _held(db: Database) -> dict[str, str]:
    with db.read() as session:
        return {n: s for n, s in session.execute(select(Order.number, Order.claimed_by_station)
                                                 .where(Order.claimed_by_station.is_not(None)))}


def test_a_station_with_a_journal_started_while_the_database_is_away_says_so_and_refuses_a_new_badge(
        qtbot, make_station, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    proxy = LoopbackProxy(free_port())  # nothing behind it: the database is away from the start
    try:
        proxy.cut()
        app = make_station({"station": {"offline_buffer": 3}}, demo=False,
                           url=f"postgresql+psycopg://packdesk@127.0.0.1:{proxy.port}/packdesk?connect_timeout=2")
        assert app.backend.offline is not None and app.backend.offline.journal.leased() == []
        login_screen = app.window.screens["login"]
        qtbot.waitUntil(lambda: "cannot be reached" in login_screen.problems.text(), timeout=10000)
        scan(qtbot, app, ALICE_BADGE)  # never logged in here: nothing kept to pack offline with
        settle(qtbot, app)
        assert app.station.user is None
        assert "has not logged in at this station before" in app.window.status.text()
    finally:
        proxy.close()


def test_the_home_figures_are_read_again_when_the_journal_has_synced(
        qtbot, make_station, db: Database, tmp_path: Path, monkeypatch) -> None:
    """Seen on a real display (docs/operations.md): a packer at the home screen when the journal
    synced kept seeing the offline figures ("Today: 0 orders packed") although the database
    then had the order packed offline."""
    if db.is_sqlite:
        pytest.skip("an outage of the central database is PostgreSQL's")
    seed(db, orders=2)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    proxy = LoopbackProxy(make_url(db.url).port or 5432)
    try:
        app = make_station({"station": {"offline_buffer": 1}}, url=through(db.url, proxy.port, connect_timeout="2"))
        login(qtbot, app, ALICE_BADGE)
        proxy.cut()
        _pack_one(qtbot, app)
        assert app.station.step == "home" and app.station.offline is not None
        proxy.restore()
        qtbot.waitUntil(lambda: app.station.offline is None, timeout=30000)
        settle(qtbot, app)
        summary = app.station.summary
        assert (summary.orders_packed_today, summary.units_packed_today) == (1, 3)
        assert app.window.screens["home"].offline.isHidden()
    finally:
        proxy.close()

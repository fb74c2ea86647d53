"""Issue 17: what the station does and refuses while the central database is away (the
station's PackingApi on its journal, PostgreSQL behind a loopback proxy the test cuts): only
people who worked here log in, only held orders open, NEXT takes a leased order, the scan rules
lock as online, what needs the database says so in one sentence and changes nothing."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import make_url, select

from app.packing.api import ScanOutcome as O
from app.packing.service import PackingService
from app.packing.settings import PackingSettings
from app.ports import PrintJob, Scan
from app.store.models import ArchivedDocument, Box, Order, Parcel
from app.station.backend import DatabaseRecords
from app.station.offline import NotOffline, OfflineCapable, OfflineRecords, Provisioning
from app.store.journal import Journal
from app.store.session import Database
from tests.support.servers import LoopbackProxy, through
from tests.ui.data import ALICE_BADGE, BOB_BADGE, BOX_M, LAMP, MUG, PEN, SAM_BADGE, seed

pytestmark = pytest.mark.postgres


def test_offline_the_station_packs_held_orders_only_and_refuses_clearly(db: Database, tmp_path: Path) -> None:
    if db.is_sqlite:
        pytest.skip("an outage of the central database is PostgreSQL's")
    seed(db, orders=2)
    proxy = LoopbackProxy(make_url(db.url).port or 5432)
    try:
        with Database(through(db.url, proxy.port, connect_timeout="2")) as central:
            service = PackingService(central, "ST-R", PackingSettings(station_code="ST-R"))
            journal = Journal(tmp_path, "ST-R")
            station = OfflineCapable(service, central, journal, Provisioning(buffer=1))
            records = OfflineRecords(DatabaseRecords(central, "ST-R"))
            alice = station.login(ALICE_BADGE)
            station.home_summary(alice)  # provisions: PD-1001 leased, numbers reserved
            assert journal.leased() == ["PD-1001"] and journal.numbers_left() == 50
            assert station.status() is None

            proxy.cut()
            with pytest.raises(NotOffline, match="has not logged in at this station before"):
                station.login(BOB_BADGE)
            assert station.status() is not None and station.status().offline
            assert station.login(ALICE_BADGE) == alice
            assert records.authorise_supervisor(SAM_BADGE, "kiosk exit") is None  # refused until it is back
            with pytest.raises(NotOffline, match="PD-1002 was not kept at this station"):
                station.start_pack(alice, "PD-1002")
            pack = station.start_next(alice)
            assert pack is not None and pack.order_number == "PD-1001" and pack.units_scanned == 0
            assert station.start_next(alice) is None  # no other leased order
            assert not station.close_parcel("PD-1001", alice).ok  # empty: nothing closed, nothing journaled
            assert station.record_scan("PD-1001", alice, Scan(MUG)).outcome is O.ACCEPTED
            locked = station.record_scan("PD-1001", alice, Scan(LAMP))
            assert locked.outcome is O.UNKNOWN and locked.pack.locked  # locks as online (where it is WRONG_ITEM)
            assert "not a product of order PD-1001" in locked.message and "scan ACK" in locked.message
            assert station.record_scan("PD-1001", alice, Scan(MUG)).outcome is O.LOCKED
            assert not station.close_parcel("PD-1001", alice).ok  # waits for ACK
            assert station.acknowledge("PD-1001", alice).outcome is O.ACKNOWLEDGED
            for refused, what in ((lambda: station.report_problem("PD-1001", "missing", "x", alice), "PROBLEM"),
                                  (lambda: station.ship_partial("PD-1001", SAM_BADGE, alice), "A partial shipment")):
                with pytest.raises(NotOffline, match=f"{what} is not possible while the central database"):
                    refused()
            assert station.status().waiting == 4  # mug, lamp, mug (ignored under the lock), ACK
            assert station.snapshot("PD-1001").units_scanned == 1
            proxy.restore()
            assert station.back_online() == []  # replayed: the same outcomes centrally
            assert station.status() is None
            central_pack = station.snapshot("PD-1001")
            assert central_pack.units_scanned == 1 and not central_pack.locked
            journal.close()
    finally:
        proxy.close()


def test_a_label_printed_offline_is_archived_when_the_journal_syncs(db: Database, tmp_path: Path) -> None:
    if db.is_sqlite:
        pytest.skip("an outage of the central database is PostgreSQL's")
    seed(db, orders=1)
    label = PrintJob("label", b"^XA^FO50,50^FDoffline label^FS^XZ", "application/zpl")
    slip = PrintJob("slip", b"%PDF-1.4 offline packing slip", "application/pdf")
    proxy = LoopbackProxy(make_url(db.url).port or 5432)
    try:
        with Database(through(db.url, proxy.port, connect_timeout="2")) as central:
            service = PackingService(central, "ST-R", PackingSettings(station_code="ST-R"))
            journal = Journal(tmp_path, "ST-R")
            station = OfflineCapable(service, central, journal, Provisioning(buffer=1))
            alice = station.login(ALICE_BADGE)
            station.home_summary(alice)
            proxy.cut()
            assert station.start_next(alice).order_number == "PD-1001"
            for code in (MUG, MUG, PEN):
                assert station.record_scan("PD-1001", alice, Scan(code)).outcome is O.ACCEPTED
            closed = station.close_parcel("PD-1001", alice, 820)  # 2 x 350 g + 20 g + box S 100 g
            assert closed.ok and closed.label is not None
            printed = station.record_label_result(closed.label.label_id, True, "tcp://printer-1:9100",
                                                  printed=(label, slip))
            assert printed.status == "printed"
            assert station.confirm_label("PD-1001", "00" + closed.label.sscc, alice).all_confirmed
            proxy.restore()
            assert station.back_online() == []
            with db.read() as session:
                archived = [(d.kind, d.name, bytes(d.content)) for d in session.scalars(
                    select(ArchivedDocument).join(Order, Order.id == ArchivedDocument.order_id)
                    .where(Order.number == "PD-1001").order_by(ArchivedDocument.id))]
            assert archived == [("label", "label-PD-1001-1-v1.zpl", label.data),
                                ("slip", "slip-PD-1001-1.pdf", slip.data)]
            journal.close()
    finally:
        proxy.close()


def test_offline_close_box_checks_the_weight_and_a_box_barcode_is_known(db: Database, tmp_path: Path) -> None:
    """Issue 17: the box catalogue and the products' weights go into the journal with the leased
    order, so offline a box barcode chooses the parcel's box (as online: not the suggested one
    asks why) and CLOSE BOX refuses a weight outside the tolerance (items + the box's tare),
    journaling nothing; the weight that fits closes, and the sync puts the box on the parcel."""
    if db.is_sqlite:
        pytest.skip("an outage of the central database is PostgreSQL's")
    seed(db, orders=1)
    proxy = LoopbackProxy(make_url(db.url).port or 5432)
    try:
        with Database(through(db.url, proxy.port, connect_timeout="2")) as central:
            service = PackingService(central, "ST-R", PackingSettings(station_code="ST-R"))
            journal = Journal(tmp_path, "ST-R")
            station = OfflineCapable(service, central, journal, Provisioning(buffer=1))
            alice = station.login(ALICE_BADGE)
            station.home_summary(alice)
            proxy.cut()
            pack = station.start_next(alice)
            assert pack is not None and pack.order_number == "PD-1001"
            assert pack.suggested_box is not None and pack.suggested_box.code != BOX_M
            for code in (MUG, MUG, PEN):
                assert station.record_scan("PD-1001", alice, Scan(code)).outcome is O.ACCEPTED
            boxed = station.record_scan("PD-1001", alice, Scan(BOX_M))
            assert boxed.outcome is O.BOX and not boxed.pack.locked, boxed.message
            assert boxed.box is not None and boxed.box.needs_reason and "say why" in boxed.message
            assert station.choose_box("PD-1001", BOX_M, "the mugs handles", alice).accepted
            waiting = station.status().waiting
            refused = station.close_parcel("PD-1001", alice, 820)  # 2 x 350 g + 20 g + box M 200 g = 920 g
            assert not refused.ok and refused.label is None
            assert "should weigh 920 g" in refused.message and "box BOX-M 200 g" in refused.message, refused.message
            assert "tolerance 50 g" in refused.message
            assert station.status().waiting == waiting  # nothing journaled
            closed = station.close_parcel("PD-1001", alice, 935)
            assert closed.ok and closed.expected_weight_g == 920 and closed.label is not None
            assert station.record_label_result(closed.label.label_id, True, "tcp://printer-1:9100").status == "printed"
            assert station.confirm_label("PD-1001", "00" + closed.label.sscc, alice).all_confirmed
            proxy.restore()
            assert station.back_online() == []
            with db.read() as session:
                parcel = session.scalars(select(Parcel).join(Order, Order.id == Parcel.order_id)
                                         .where(Order.number == "PD-1001")).one()
                box = session.get(Box, parcel.box_id)
                assert (box.code if box else None, parcel.actual_weight_g, parcel.status) == (BOX_M, 935, "confirmed")
            journal.close()
    finally:
        proxy.close()

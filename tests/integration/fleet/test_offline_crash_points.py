"""Issue 17: a station that dies offline resumes from its journal showing exactly what the
journal will replay - whichever of its journal writes the crash came right after. (Else a scan
journaled but missing from the resumed pack is scanned again: a unit doubled; a label printed
but shown as not printed is printed twice.) The process-level test is
tests/e2e/test_offline_restart.py; this one stops the station after each write in turn."""
from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import make_url

from app.packing.api import Packer
from app.packing.service import PackingService
from app.packing.settings import PackingSettings
from app.ports import PrintJob, Scan
from app.station.offline import OfflineCapable, Provisioning
from app.store.journal import JOURNAL_FILE, Journal
from app.store.session import Database
from tests.support.servers import LoopbackProxy, through
from tests.ui.data import ALICE_BADGE, MUG, PEN, seed

pytestmark = pytest.mark.postgres
LABEL = PrintJob("label", b"^XA^FDparcel 1^FS^XZ", "application/zpl")


class Crash(BaseException):
    """The station process dies (nothing in it may catch this)."""


class CrashingJournal(Journal):
    """A journal whose station dies right after its `crash_after`-th committed write."""

    crash_after = 0
    writes = 0

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with super()._write() as j:
            yield j
        self.writes += 1
        if self.writes == self.crash_after:
            raise Crash


def _station(central: Database, journal: Journal) -> OfflineCapable:
    service = PackingService(central, "ST-R", PackingSettings(station_code="ST-R"))
    return OfflineCapable(service, central, journal, Provisioning(buffer=1))


def _pack_offline(station: OfflineCapable, alice: Packer) -> None:
    """NEXT, two mugs and a pen, CLOSE BOX, the label printed and scanned back - all offline."""
    assert station.start_next(alice).order_number == "PD-1001"
    for code in (MUG, MUG, PEN):
        station.record_scan("PD-1001", alice, Scan(code))
    closed = station.close_parcel("PD-1001", alice, 820)  # 2 x 350 g + 20 g + box S 100 g
    station.record_label_result(closed.label.label_id, True, "tcp://printer-1:9100", printed=(LABEL,))
    assert station.confirm_label("PD-1001", "00" + closed.label.sscc, alice).all_confirmed


def _journaled(path: Path) -> list[tuple[str, dict]]:
    with sqlite3.connect(path) as raw:
        return [(k, json.loads(p)) for k, p in raw.execute("SELECT kind, payload FROM events ORDER BY seq")]


def test_a_station_killed_after_any_journal_write_resumes_with_what_the_journal_replays(
        db: Database, tmp_path: Path) -> None:
    if db.is_sqlite:
        pytest.skip("an outage of the central database is PostgreSQL's")
    seed(db, orders=1)
    provisioned = tmp_path / "provisioned"
    proxy = LoopbackProxy(make_url(db.url).port or 5432)
    try:
        with Database(through(db.url, proxy.port, connect_timeout="2")) as central:
            first = _station(central, Journal(provisioned, "ST-R"))
            alice = first.login(ALICE_BADGE)
            first.home_summary(alice)  # PD-1001 leased and copied, numbers reserved
            first.journal.close()
            proxy.cut()

            whole = CrashingJournal(shutil.copytree(provisioned, tmp_path / "whole"), "ST-R")
            _pack_offline(_station(central, whole), alice)
            writes = whole.writes
            whole.close()
            assert writes >= 6

            for crash_after in range(1, writes + 1):
                folder = shutil.copytree(provisioned, tmp_path / f"crash-{crash_after}")
                dying = CrashingJournal(folder, "ST-R")
                dying.crash_after = crash_after
                with pytest.raises(Crash):
                    _pack_offline(_station(central, dying), alice)
                dying.close()

                events = _journaled(folder / JOURNAL_FILE)
                items = sum(1 for k, p in events if k == "scan" and p["data"] in (MUG, PEN))
                closes = sum(1 for k, _ in events if k == "close")
                labels = sum(1 for k, _ in events if k == "label")
                confirmed = any(k == "scan" and p["data"].startswith("00") for k, p in events)
                again = _station(central, Journal(folder, "ST-R"))
                assert again.login(ALICE_BADGE) == alice
                pack = again.resume_open_pack(alice)
                where = f"killed after write {crash_after} of {writes}: {[k for k, _ in events]}"
                if not again.journal.started() and not confirmed:
                    assert pack is None and not events, where  # killed before NEXT took the order
                elif confirmed:
                    assert pack is None, where  # packed offline: nothing left open
                else:
                    assert pack is not None and pack.order_number == "PD-1001", where
                    assert pack.units_scanned == items, where
                    closed = [p for p in pack.parcels if p.sscc]
                    assert len(closed) == closes, where
                    if closed:
                        assert (closed[0].label.status == "printed") == (labels == 1), where
                again.journal.close()
    finally:
        proxy.close()

"""Issue 17: a station process killed (SIGKILL) while offline with events waiting, started again
while the database is still away, goes on from its journal (the open pack as it was, its label
not printed again), packs another order, and syncs once the database returns: nothing lost,
nothing doubled. Real PostgreSQL behind a loopback proxy the test cuts; the station is
tests/e2e/offline_child.py (the station's PackingApi on its journal, in its own process)."""
from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, make_url, select

from app.store.models import (
    ArchivedDocument, JournalReceipt, Label, Order, PackException, Parcel, ParcelItem, ScanRecord,
)
from app.store.session import Database
from tests.support.servers import LoopbackProxy, through
from tests.ui.data import MUG, PEN, seed

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parents[2]


class Station:
    """The station process and its lines."""

    def __init__(self, url: str, data: Path, phase: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.e2e.offline_child", url, str(data), phase],
                                     cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.lines: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._lines.put(line.strip())
        self._lines.put(None)

    def until(self, prefix: str, timeout: float = 60) -> str:
        """Reads the station's lines until one starts with `prefix`; that line."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                line = None
            if line is None:
                raise AssertionError(f"the station never said {prefix!r}; it said {self.lines} "
                                     f"(exit {self.proc.poll()})")
            self.lines.append(line)
            if line.startswith(prefix):
                return line

    def tell(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)
        self._reader.join(timeout=10)


def _count(db: Database, model: type, *where: object) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_a_station_killed_offline_restarts_offline_goes_on_from_its_journal_and_syncs_once(
        db: Database, tmp_path: Path) -> None:
    if db.is_sqlite:
        pytest.skip("an outage of the central database is PostgreSQL's")
    seed(db, orders=3)
    proxy = LoopbackProxy(make_url(db.url).port or 5432)
    url = through(db.url, proxy.port, connect_timeout="2")
    stations: list[Station] = []
    try:
        before = Station(url, tmp_path, "first")
        stations.append(before)
        before.until("ONLINE")
        proxy.cut()
        before.tell()
        assert before.until("ACK " + MUG) == f"ACK {MUG} accepted"
        assert before.until("ACK " + PEN) == f"ACK {PEN} accepted"
        sscc = before.until("PRINTED PD-1001").split()[2]
        assert before.until("WAITING") == "WAITING 4 offline=True"  # mug, pen, CLOSE BOX, label printed
        before.kill()
        assert before.proc.returncode == -signal.SIGKILL

        after = Station(url, tmp_path, "again")  # the database is still away
        stations.append(after)
        assert after.until("RESUMED") == "RESUMED PD-1001 units=3 label=printed offline=True"
        after.until("PACKED PD-1001")  # its label scanned back, not printed again
        assert after.until("PRINTED PD-1002").split()[2] != sscc
        after.until("PACKED PD-1002")
        # 4 before the kill; PD-1001's label scanned back; PD-1002: 3 scans, CLOSE BOX, label printed, scanned back
        assert after.until("WAITING") == "WAITING 11"
        assert _count(db, Order, Order.status == "packed") == 0

        proxy.restore()
        after.tell()
        assert after.until("SYNCED") == "SYNCED conflicts=none waiting=0"
        assert after.proc.wait(timeout=30) == 0
    finally:
        for station in stations:
            station.close()
        proxy.close()

    assert _count(db, Order, Order.status == "packed") == 2
    assert _count(db, Order, Order.number == "PD-1003", Order.status == "picked") == 1  # never leased
    # PD-1001: a mug online, a mug, a pen, the label scanned back offline; PD-1002: the same, all offline
    with db.read() as session:
        outcomes = dict(session.execute(select(ScanRecord.outcome, func.count()).group_by(ScanRecord.outcome)).all())
    assert outcomes == {"accepted": 6, "label_confirmed": 2}, outcomes
    assert _count(db, Parcel, Parcel.sscc.is_not(None)) == 2
    assert _count(db, Parcel, Parcel.sscc == sscc) == 1
    assert _count(db, ParcelItem) == 6
    assert _count(db, Label) == 2 and _count(db, Label, Label.status == "printed") == 2  # one version each
    assert _count(db, ArchivedDocument, ArchivedDocument.kind == "label") == 2
    assert _count(db, PackException) == 0
    assert _count(db, JournalReceipt) == 11  # each journaled event applied once

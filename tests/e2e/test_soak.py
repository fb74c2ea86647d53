"""Soak: 100,000 scans in one process through the station's real scan path (scanner inbox ->
database worker -> PackingService commit -> GUI thread -> screens), no crash, and RSS within
10 % of its value after a warm-up.

Orders are packed to the end and new ones taken: good scans, a wrong item and its ACK, an
UNDO, an over-scan and its ACK at the end of each order, CLOSE BOX, the label printed to a
folder and scanned back, NEXT. Durability is not what this test is about (the crash test is),
so the database lives in /dev/shm when there is one; every scan is still one committed
transaction. PACKDESK_SOAK_SCANS sets the count (default 100,000), PACKDESK_SOAK_UNITS the
units per order."""
from __future__ import annotations

import gc
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from sqlalchemy import func, select

from app.commands import Command
from app.store.models import Order, ScanRecord
from app.store.session import Database
from tests.ui.conftest import make_config
from tests.ui.data import ALICE_BADGE, LAMP, MUG, PEN, seed

pytestmark = pytest.mark.slow(seconds=150)  # 142 s alone (2026-12-06); first on its own worker in CI

SCANS = int(os.environ.get("PACKDESK_SOAK_SCANS", "100000"))
UNITS = int(os.environ.get("PACKDESK_SOAK_UNITS", "1000"))  # mugs per order
BURST = 250  # scans handed to the scanner before waiting for their results


def order_scans(mugs: int) -> Iterator[str]:
    """Every scan of one order: mugs with a wrong item + ACK and an UNDO now and then, the
    pen, then one mug too many (over-scan) and its ACK."""
    packed, i = 0, 0
    while packed < mugs:
        k = i % 25
        if k == 11:
            yield LAMP  # a known product that is not in the order: locks until ACK
            yield Command.ACK.value
        elif k == 19 and packed:
            yield Command.UNDO.value
            packed -= 1
        else:
            yield MUG
            packed += 1
        i += 1
    yield PEN
    yield MUG  # over-scan
    yield Command.ACK.value


@pytest.fixture
def soak_folder(tmp_path: Path, sqlite_template: Path) -> Iterator[Path]:
    """A folder in shared memory (or tmp_path) with a migrated database."""
    shm = Path("/dev/shm")
    folder = Path(tempfile.mkdtemp(prefix="packdesk-soak-", dir=shm)) if shm.is_dir() else tmp_path
    shutil.copy(sqlite_template, folder / "station.sqlite3")
    yield folder
    if folder != tmp_path:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.timeout(1800)
def test_soak_scans_keep_memory_flat(qtbot, soak_folder: Path) -> None:
    from ui.composition import build_station

    orders = SCANS // (UNITS + UNITS // 12) + 2
    url = f"sqlite:///{soak_folder / 'station.sqlite3'}"
    with Database(url) as db:
        seed(db, orders=orders, mugs=UNITS, pens=1)
    out = soak_folder / "printed"
    config = make_config(url, out, {"station": {"sounds": False}, "devices": {
        "label_printer": f"dir://{out}/labels", "document_printer": f"dir://{out}/documents"}}, demo=False)
    app = build_station(config)
    qtbot.addWidget(app.window)
    app.window.resize(1280, 800)
    app.window.show()
    station = app.station
    applied = [0]
    station.applied.connect(lambda: applied.__setitem__(0, applied[0] + 1))
    process = psutil.Process()
    started = time.monotonic()
    sent, completed, baseline = 0, 0, 0

    def send(data: str, symbology: str | None = None) -> None:
        nonlocal sent
        app.keyboard.scan(data, symbology)
        sent += 1

    def drain() -> None:
        qtbot.waitUntil(lambda: applied[0] >= sent and app.station.pending == 0, timeout=60_000)

    try:
        send(ALICE_BADGE)
        drain()
        while sent < SCANS:
            send(Command.NEXT.value)
            drain()
            assert station.pack is not None, f"no order to take after {completed} orders: {app.window.status.text()}"
            for data in order_scans(UNITS):
                send(data)
                if sent % BURST == 0:
                    drain()
            drain()
            pack = station.pack
            assert pack is not None and pack.all_scanned and not pack.locked, app.window.status.text()
            send(Command.CLOSE_BOX.value)
            qtbot.waitUntil(lambda: station.step == "confirm", timeout=30_000)
            sscc = next(p.sscc for p in station.pack.parcels if p.status == "closed")
            send(f"00{sscc}", "]C1")
            qtbot.waitUntil(lambda: station.pack is None and app.station.pending == 0, timeout=30_000)
            completed += 1
            if not baseline and sent >= min(10_000, SCANS // 5):  # warm-up: caches, pools, WAL
                gc.collect()
                baseline = process.memory_info().rss
        drain()
        gc.collect()
        rss = process.memory_info().rss
        elapsed = time.monotonic() - started
        with app.db.read() as s:
            recorded = s.scalar(select(func.count()).select_from(ScanRecord))
            packed = s.scalar(select(func.count()).select_from(Order).where(Order.status == "packed"))
    finally:
        app.close()
    print(f"soak: {sent} scans, {completed} orders packed in {elapsed:.0f} s "
          f"({1000 * elapsed / sent:.2f} ms a scan); RSS {baseline >> 20} -> {rss >> 20} MiB")
    assert recorded >= SCANS and packed == completed >= 1
    assert rss <= baseline * 1.10, f"RSS grew from {baseline >> 20} MiB to {rss >> 20} MiB"

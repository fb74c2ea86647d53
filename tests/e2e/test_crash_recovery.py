"""SIGKILL mid-pack: `packdesk run` in a subprocess (offscreen) is fed by a serial scanner on
a pseudo-terminal and killed; a new station process resumes the open pack with every
acknowledged scan, and no label is printed twice."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import tty
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.commands import Command
from app.store.models import Label, Parcel, ParcelItem, ScanRecord
from app.store.session import Database
from tests.ui.data import ALICE_BADGE, MUG, PEN

pytestmark = pytest.mark.slow(seconds=6)


def start_station(config: Path, log: Path) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen([sys.executable, "-m", "app.cli.main", "-v", "run", "--config", str(config), "--demo"],
                            env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, cwd=Path(__file__).parents[2])


def wait_for(predicate, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_a_killed_station_resumes_the_pack_and_never_prints_a_label_twice(station_db_url, tmp_path) -> None:
    master, slave = os.openpty()
    tty.setraw(slave)
    out = tmp_path / "printed"
    config = tmp_path / "station.toml"
    config.write_text(f'[database]\nurl = "{station_db_url}"\n[station]\ncode = "CRASH-1"\nfullscreen = false\n'
                      f'sounds = false\n[devices]\nscanner = "{os.ttyname(slave)}"\n[demo]\noutput_dir = "{out}"\n')
    db = Database(station_db_url)

    def rows(model, *where) -> int:
        with db.read() as s:
            return s.scalar(select(func.count()).select_from(model).where(*where))

    def scan(data: str) -> None:
        before = rows(ScanRecord)
        os.write(master, data.encode() + b"\r")
        wait_for(lambda: rows(ScanRecord) > before, f"the scan {data!r} to be committed")

    log = tmp_path / "station.log"
    first = start_station(config, log)
    try:
        # The badge and order scans are not scan rows: wait on what they do.
        listening = lambda: f"{os.ttyname(slave)}: connected" in log.read_text(errors="replace")  # noqa: E731
        wait_for(listening, "the station to open the scanner")
        os.write(master, ALICE_BADGE.encode() + b"\r")
        os.write(master, b"PD-1001\r")
        wait_for(lambda: _claimed(db), "the order to be claimed")
        scan(MUG)
        scan(PEN)
        time.sleep(0.35)  # the scanner drops the same barcode read twice within 300 ms (dedupe)
        scan(MUG)
        scan(Command.CLOSE_BOX.value)
        wait_for(lambda: rows(Label, Label.status == "printed") == 1, "the label to be printed")
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        units = _units(db)
        labels_before = sorted(p.name for p in out.glob("*label*"))
        assert units == 3 and len(labels_before) == 1

        log.write_text("")
        second = start_station(config, log)
        try:
            wait_for(listening, "the new station to open the scanner")
            os.write(master, ALICE_BADGE.encode() + b"\r")
            time.sleep(2.0)  # resume: the label waits to be scanned, it is not printed again
            assert sorted(p.name for p in out.glob("*label*")) == labels_before
            assert _units(db) == 3
            with db.read() as s:
                sscc = s.scalar(select(Parcel.sscc))
            scan("00" + sscc)
            wait_for(lambda: rows(Parcel, Parcel.status == "confirmed") == 1, "the label confirmation")
            assert sorted(p.name for p in out.glob("*label*")) == labels_before
        finally:
            second.send_signal(signal.SIGKILL)
            second.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
        os.close(master)
        os.close(slave)
        db.close()


def _claimed(db: Database) -> bool:
    from app.store.models import Order

    with db.read() as s:
        return s.scalar(select(Order.claimed_by_station).where(Order.number == "PD-1001")) == "CRASH-1"


def _units(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.coalesce(func.sum(ParcelItem.quantity), 0)))

"""Issue 17, faults: the offline journal's disk fills up (a small tmpfs the test mounts). The
event that does not fit is refused with a clear message and not acknowledged; every event
acknowledged before is still there and replays; nothing half-written."""
from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.packing.desk import Desk
from app.packing.offline import replay_with
from app.packing.settings import PackingSettings
from app.store.journal import Journal, JournalError
from app.store.models import Order, ScanRecord
from app.store.session import Database


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("mounting a small tmpfs needs root")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_full_journal_disk_refuses_the_next_event_clearly_and_keeps_the_acknowledged(
        db: Database, small_disk: Path) -> None:
    with db.write() as session:
        session.add(Order(number="DF-1", status="picked"))
    ballast = small_disk / "station.log"  # what else lives on the station's disk
    ballast.write_bytes(b"\0" * 512 * 1024)
    journal = Journal(small_disk, "ST-9", "ann")
    journal.lease(db, 1)
    order = journal.next_order()
    assert order == "DF-1"
    acknowledged: list[str] = []
    refused: JournalError | None = None
    for i in range(100_000):  # each scan carries 8 KB: the disk fills within a few dozen
        try:
            acknowledged.append(journal.scan(order, f"{i:06d}" + "x" * 8000))
        except JournalError as exc:
            refused = exc
            break
    assert refused is not None and acknowledged
    assert "cannot record this" in str(refused) and "Free space" in str(refused)
    waiting = journal.waiting()
    assert waiting == len(acknowledged)  # the refused event left nothing behind
    journal.close()

    ballast.unlink()  # the disk is freed (the station's logs rotated away): the journal replays all
    again = Journal(small_disk, "ST-9", "ann")
    assert again.waiting() == len(acknowledged)
    report = again.replay(db, replay_with(Desk("ST-9", PackingSettings(station_code="ST-9"))))
    assert report.applied == len(acknowledged)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(ScanRecord)) == len(acknowledged)
    again.close()

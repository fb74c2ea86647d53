"""WAL checkpoints run on their own thread, so no station commit copies the log itself."""
from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path

from sqlalchemy import text

from app.store.checkpoint import COMMITS_PER_CHECKPOINT, WalCheckpointer
from app.store.session import Database

PAGE = 4096


def _wait_for(predicate, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.005)
    return predicate()


def _checkpoint_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "packdesk-wal-checkpoint" and t.is_alive()]


def test_the_log_starts_over_long_before_sqlite_would_checkpoint_it_inside_a_commit(tmp_path: Path) -> None:
    path = tmp_path / "station.sqlite3"
    db = Database(f"sqlite:///{path}")
    try:
        with db.write() as session:
            session.execute(text("CREATE TABLE parcels_log (id INTEGER PRIMARY KEY, body BLOB)"))
        checkpointer = db._checkpointer
        assert checkpointer is not None
        wal = Path(f"{path}-wal")
        largest = 0
        blob = b"x" * (6 * PAGE)  # about as many pages as a scan writes
        for batch in range(12):  # 12 x 16 commits of ~7 pages: well past SQLite's 1,000-page limit
            for _ in range(COMMITS_PER_CHECKPOINT):
                with db.write() as session:  # one committed write, as a scan is
                    session.execute(text("INSERT INTO parcels_log (body) VALUES (:b)"), {"b": blob})
                largest = max(largest, wal.stat().st_size)
            assert _wait_for(lambda: checkpointer.caught_up), f"the log was not copied after batch {batch}"
        # SQLite alone lets the log reach 1,000 pages (about 4 MB) before a commit copies it back
        assert largest < 400 * PAGE, f"the log reached {largest // PAGE} pages"
        with sqlite3.connect(path) as check:
            assert check.execute("SELECT count(*) FROM parcels_log").fetchone()[0] == 12 * COMMITS_PER_CHECKPOINT
    finally:
        db.close()
    assert not _checkpoint_threads()


def test_orm_writes_count_towards_the_next_checkpoint_too(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'station.sqlite3'}")
    try:
        with db.write() as session:
            session.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
        for n in range(COMMITS_PER_CHECKPOINT):
            with db.write() as session:
                session.execute(text("INSERT INTO notes (body) VALUES (:b)"), {"b": f"note {n}"})
        assert _wait_for(lambda: db._checkpointer.checkpoints >= 1)
    finally:
        db.close()


def test_no_thread_before_the_first_writes_and_none_after_close(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'station.sqlite3'}")
    with db.read() as session:
        session.execute(text("SELECT 1"))
    assert not _checkpoint_threads()
    db.close()
    db.close()  # closing twice is harmless
    assert not _checkpoint_threads()


def test_a_database_in_memory_has_no_checkpointer() -> None:
    db = Database("sqlite://")
    assert db._checkpointer is None
    db.committed()  # nothing to do, and no error
    db.close()


def test_a_checkpoint_that_fails_is_logged_and_leaves_the_log_to_sqlite(tmp_path: Path, caplog) -> None:
    path = tmp_path / "station.sqlite3"
    sqlite3.connect(path).close()
    checkpointer = WalCheckpointer(str(path))
    broken = sqlite3.connect(path)
    broken.close()  # a closed connection: every statement on it fails
    with caplog.at_level(logging.WARNING, logger="app.store.checkpoint"):
        checkpointer.checkpoint(broken)
    assert checkpointer.checkpoints == 0
    assert "WAL checkpoint of" in caplog.text and str(path) in caplog.text


def test_commits_after_close_start_no_thread(tmp_path: Path) -> None:
    checkpointer = WalCheckpointer(str(tmp_path / "station.sqlite3"), every=1)
    checkpointer.close()
    checkpointer.committed()
    assert not _checkpoint_threads()

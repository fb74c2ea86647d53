"""Checkpoints of a SQLite database's write-ahead log, on a thread of their own.

In WAL mode every commit appends its pages to the log, and by default the commit that takes
the log past 1,000 pages copies the whole log back into the database file first (an
automatic checkpoint, with two fsyncs). A station writes about ten pages per scan, so one
scan in a hundred paid that copy: a millisecond or more that the packer's "beep" waited for.
Here a thread with its own connection runs a PASSIVE checkpoint (it never blocks a writer)
after every 16 commits and again in the first pause of the writes, so the log is reused
from its start long before it reaches the automatic limit (a station's scans come with
pauses), and no commit copies more than the last few commits' pages itself. SQLite's
automatic checkpoint stays on as a safety net should this thread fall behind.
"""
from __future__ import annotations

import logging
import sqlite3
import threading

log = logging.getLogger(__name__)

COMMITS_PER_CHECKPOINT = 16  # about 160 pages of a station's scans: well under the 1,000-page limit
BUSY_TIMEOUT_S = 15.0
CATCH_UP_PASSES = 3
CATCH_UP_AFTER_S = 0.2  # a pause in the writes this long copies what the last checkpoint missed


class WalCheckpointer:
    """Runs `PRAGMA wal_checkpoint(PASSIVE)` on the database at `path` every few commits."""

    def __init__(self, path: str, every: int = COMMITS_PER_CHECKPOINT) -> None:
        self.path = path
        self.every = max(1, every)
        self.checkpoints = 0  # checkpoints run (tests, diagnostics)
        self._commits = 0
        self._generation = 0  # commits ever: tells the thread whether one came during its pass
        self._due = False  # the log is not all in the database file yet
        self._wake = threading.Event()
        self._stop = False
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def committed(self) -> None:
        """A write transaction on this database committed (cheap: a counter, now and then a wake-up)."""
        self._generation += 1  # a lost increment under a race only delays one checkpoint
        self._commits += 1
        if self._commits < self.every:
            return
        self._commits = 0
        self._due = True
        if self._thread is None:
            with self._lock:
                if self._stop:
                    return
                if self._thread is None:
                    self._thread = threading.Thread(target=self._run, name="packdesk-wal-checkpoint", daemon=True)
                    self._thread.start()
        self._wake.set()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            log.warning("WAL checkpoints of %s are left to SQLite: cannot open it (%s)", self.path, exc)
            return
        try:
            while True:
                # while part of the log is not copied yet, a quiet moment copies the rest
                woken = self._wake.wait(timeout=CATCH_UP_AFTER_S if self._due else None)
                self._wake.clear()
                if self._stop:
                    return
                if not woken and not self._due:
                    continue
                seen = self._generation
                if self.checkpoint(conn) and self._generation == seen:
                    self._due = False  # all copied, nothing written since: the next write starts the log over
        finally:
            conn.close()

    @property
    def caught_up(self) -> bool:
        """The whole log was in the database file at the last checkpoint, and nothing was written since."""
        return not self._due

    def checkpoint(self, conn: sqlite3.Connection) -> bool:
        """PASSIVE checkpoints (they wait for nobody) until the whole log is in the database
        file: then the next write starts the log over from its beginning. Pages a writer
        added meanwhile are copied by a second, short pass."""
        try:
            for _ in range(CATCH_UP_PASSES):
                cursor = conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
                busy, log_pages, copied = cursor.fetchone()
                cursor.close()  # a statement left open would keep this connection reading the log
                if log.isEnabledFor(logging.DEBUG):
                    log.debug("checkpoint of %s: %s of %s log pages copied (busy=%s)",
                              self.path, copied, log_pages, busy)
                if busy or copied >= log_pages:
                    break
            self.checkpoints += 1
            return not busy and copied >= log_pages
        except sqlite3.Error as exc:  # SQLite's own automatic checkpoint still runs
            log.warning("WAL checkpoint of %s failed (%s); SQLite's automatic checkpoint takes over", self.path, exc)
            return False

    def close(self) -> None:
        """Stops the thread (it finishes a checkpoint it has begun)."""
        with self._lock:
            self._stop = True
            thread = self._thread
        self._wake.set()
        if thread is not None:
            thread.join()

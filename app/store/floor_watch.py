"""Has the floor changed since the board last looked? On PostgreSQL the board LISTENs on
`packdesk_floor` (the triggers of migration 0007 notify it); on SQLite it reads
`PRAGMA data_version`, which moves whenever another connection commits. Either check costs one
round trip, so the board can ask every half second and show a change within 2 s.

Where LISTEN cannot work (a standby in recovery, PgBouncer in transaction mode) or the
connection drops, the watch says "changed" anyway every REREAD_S seconds and opens its
connection again, so the board never freezes; and the clock alone changes what the board
shows (a station going quiet, a lease running out, an SLA coming due), so that re-read
happens on a quiet floor too."""
from __future__ import annotations

import logging
import time
from typing import Any

from sqlalchemy import make_url

from app.store.session import Database

log = logging.getLogger(__name__)

CHANNEL = "packdesk_floor"
REREAD_S = 15.0  # the board reads everything again at least this often


class FloorWatch:
    """A dedicated connection that tells whether anything the board shows was written."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._conn: Any = None
        self._version: int | None = None
        self._woken = False
        self._last_true = time.monotonic()
        self._pooled: Any = None  # on PostgreSQL, the engine's connection the watch holds

    def _open(self) -> None:
        url = make_url(self.db.url)
        if url.get_backend_name() == "sqlite":
            self._conn = self.db.engine.raw_connection()  # no transaction: a PRAGMA starts none
            return
        # the engine's own connection: every host, TLS and option of the station's URL
        self._pooled = self.db.engine.raw_connection()
        self._conn = self._pooled.driver_connection
        self._conn.autocommit = True
        self._conn.add_notify_handler(self._notified)
        try:
            self._conn.execute(f"LISTEN {CHANNEL}")
        except Exception as exc:  # a standby in recovery: re-reading every REREAD_S stands in
            log.warning("the board cannot LISTEN on %s (%s): it re-reads every %.0f s", CHANNEL, exc, REREAD_S)

    def _notified(self, _notify: Any) -> None:
        self._woken = True

    def changed(self) -> bool:
        """True when something was written since the last call, and at least every REREAD_S
        seconds (the first call: True). A lost connection is opened again at the next call."""
        try:
            moved = self._look()
        except Exception as exc:
            log.warning("the board's watch lost its connection (%s): it reads again and reconnects", exc)
            self.close()
            moved = True
        now = time.monotonic()
        if moved or now - self._last_true >= REREAD_S:
            self._last_true = now
            return True
        return False

    def _look(self) -> bool:
        if self._conn is None:
            self._open()
            self._version = self._read_version()
            return True
        if self._version is not None:
            version = self._read_version()
            moved, self._version = version != self._version, version
            return moved
        self._conn.execute("SELECT 1")  # delivers the notifications that arrived meanwhile
        woken, self._woken = self._woken, False
        return woken

    def _read_version(self) -> int | None:
        if make_url(self.db.url).get_backend_name() != "sqlite":
            return None
        cursor = self._conn.cursor()
        try:
            cursor.execute("PRAGMA data_version")
            return int(cursor.fetchone()[0])
        finally:
            cursor.close()

    def close(self) -> None:
        """Close the watch's connection."""
        if self._conn is not None:
            conn, self._conn = self._conn, None
            pooled, self._pooled = self._pooled, None
            try:
                if pooled is not None:
                    pooled.invalidate()  # closed for good: a LISTENing connection never goes back to the pool
                else:
                    conn.close()
            except Exception:  # already gone with the server
                log.debug("closing the board's watch connection", exc_info=True)

    def __enter__(self) -> FloorWatch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

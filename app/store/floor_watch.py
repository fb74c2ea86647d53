"""Has the floor changed since the board last looked? On PostgreSQL the board LISTENs on
`packdesk_floor` (the triggers of migration 0007 notify it); on SQLite it reads
`PRAGMA data_version`, which moves whenever another connection commits. Either check costs one
round trip, so the board can ask every half second and show a change within 2 s."""
from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import make_url

from app.store.session import Database

log = logging.getLogger(__name__)

CHANNEL = "packdesk_floor"


class FloorWatch:
    """A dedicated connection that tells whether anything the board shows was written."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._conn: Any = None
        self._version: int | None = None
        self._woken = False

    def _open(self) -> None:
        url = make_url(self.db.url)
        if url.get_backend_name() == "sqlite":
            self._conn = self.db.engine.raw_connection()  # no transaction: a PRAGMA starts none
            return
        import psycopg

        params = {"host": url.host or "127.0.0.1", "port": url.port or 5432, "user": url.username,
                  "dbname": url.database, "password": url.password}
        self._conn = psycopg.connect(**{k: v for k, v in params.items() if v is not None}, autocommit=True,
                                     connect_timeout=5)
        self._conn.add_notify_handler(self._notified)
        self._conn.execute(f"LISTEN {CHANNEL}")

    def _notified(self, _notify: Any) -> None:
        self._woken = True

    def changed(self) -> bool:
        """True when something was written since the last call (the first call: True)."""
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
            conn.close()

    def __enter__(self) -> FloorWatch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

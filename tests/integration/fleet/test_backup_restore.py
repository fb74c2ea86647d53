"""Issue 17, backup and restore as docs/operations.md describes them, restored and checked:
SQLite's online backup (the `.backup` of the sqlite3 shell, here its API) taken while a station
writes, and pg_dump -Fc / pg_restore into a new database. The restored copy opens, holds the
rows and keeps the audit log append-only."""
from __future__ import annotations

import sqlite3
import subprocess
import threading
import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import func, make_url, select, text

from app.orders.claims import claim_next, release
from app.store.models import Order, OrderEvent
from app.store.session import Database
from app.store.uow import SqlUnitOfWork


def _seed(db: Database, n: int) -> None:
    with db.write() as session:
        session.add_all(Order(number=f"BK-{i}", status="picked") for i in range(n))


def _counts(db: Database) -> tuple[int, int, str]:
    with db.read() as session:
        return (session.scalar(select(func.count()).select_from(Order).where(Order.status == "packed")) or 0,
                session.scalar(select(func.count()).select_from(OrderEvent)) or 0,
                session.scalar(text("SELECT version_num FROM alembic_version")))


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_sqlite_online_backup_taken_while_a_station_packs_restores_whole(db: Database, tmp_path: Path) -> None:
    _seed(db, 60)
    for _ in range(20):
        claim = claim_next(SqlUnitOfWork(db), "ST-1", "ann")
        assert claim is not None
        release(SqlUnitOfWork(db), claim.number, "ST-1", "packed", user="ann", reason="done")
    before = _counts(db)
    stop = threading.Event()

    def station() -> None:  # packs on while the backup runs
        while not stop.is_set() and (claim := claim_next(SqlUnitOfWork(db), "ST-2", "bob")) is not None:
            release(SqlUnitOfWork(db), claim.number, "ST-2", "packed", user="bob", reason="done")

    worker = threading.Thread(target=station)
    worker.start()
    backup = tmp_path / "backup.sqlite3"
    source = sqlite3.connect(db.engine.url.database)
    with sqlite3.connect(backup) as target:
        source.backup(target, pages=4)  # a few pages at a time, the station writing in between
    source.close()
    stop.set()
    worker.join()

    restored_path = tmp_path / "restored.sqlite3"
    restored_path.write_bytes(backup.read_bytes())  # restore: the file back in place, station stopped
    with sqlite3.connect(restored_path) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with Database(f"sqlite:///{restored_path}") as restored:
        packed, events, version = _counts(restored)
        assert packed >= before[0] and events >= before[1] and version == before[2]
        with restored.read() as session:
            packing = session.scalar(select(func.count()).select_from(Order).where(Order.status == "packing")) or 0
        # a consistent moment: each packed order has its claim and packed events, one caught
        # between claim and release has its claim event; nothing half-written
        assert events == 2 * packed + packing and packing <= 1
        with pytest.raises(Exception, match="append-only|order_events"):
            with restored.write() as session:
                session.execute(text("DELETE FROM order_events"))


@pytest.mark.parametrize("db_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)
def test_pg_dump_and_pg_restore_into_a_new_database_give_the_same_rows_and_rules(db: Database, tmp_path: Path) -> None:
    _seed(db, 30)
    for _ in range(10):
        claim = claim_next(SqlUnitOfWork(db), "ST-1", "ann")
        assert claim is not None
        release(SqlUnitOfWork(db), claim.number, "ST-1", "packed", user="ann", reason="done")
    url = make_url(db.url)
    dump = tmp_path / "packdesk.dump"
    common = ["-h", url.host or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres"]
    subprocess.run(["pg_dump", *common, "-Fc", "-f", str(dump), url.database], check=True)
    name = f"packdesk_restored_{uuid.uuid4().hex[:8]}"
    admin = dict(host=url.host, port=url.port or 5432, user=url.username, dbname="postgres", autocommit=True)
    with psycopg.connect(**admin) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        subprocess.run(["pg_restore", *common, "-d", name, "--no-owner", "--exit-on-error", str(dump)], check=True)
        with Database(url.set(database=name).render_as_string(hide_password=False)) as restored:
            assert _counts(restored) == _counts(db)
            with pytest.raises(Exception, match="append-only"):
                with restored.write() as session:
                    session.execute(text("DELETE FROM order_events"))
    finally:
        with psycopg.connect(**admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

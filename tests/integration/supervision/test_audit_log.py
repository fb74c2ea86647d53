"""The audit log: every change a person makes is chained into it; the database refuses edits
(PostgreSQL and SQLite triggers), and `packdesk audit verify` names the first record that was
changed, deleted or moved by someone who got round them. On SQLite and PostgreSQL."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from app.cli.main import main
from app.orders import holds
from app.orders.settings import OrderSettings
from app.store.audit_log import audit_entries, verify_audit
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from tests.integration.packing.conftest import Warehouse, add_order


def five_decisions(db: Database) -> None:
    """Sam holds and releases PD-1042 and PD-2001, then holds PD-1042 again: five status changes
    by a person, each an audit record (the hold/release events are in the order's log)."""
    add_order(db, "PD-2001", [("MUG-BLUE-350", 1)])
    uow = SqlUnitOfWork(db)
    holds.hold(uow, "PD-1042", "customer phoned", user="sam")
    holds.release(uow, "PD-1042", "address fixed", OrderSettings(), user="sam")
    holds.hold(uow, "PD-2001", "payment check", user="sam")
    holds.release(uow, "PD-2001", "paid", OrderSettings(), user="sam")
    holds.hold(uow, "PD-1042", "damaged tote", user="sam")


@pytest.fixture
def untriggered(warehouse: Warehouse) -> Iterator[Database]:
    """Five decisions, then what someone with the database file or a superuser could do: the
    guard switched off (on PostgreSQL switched on again afterwards: the server is shared)."""
    db = warehouse.db
    five_decisions(db)
    sqlite = db.engine.dialect.name == "sqlite"
    with db.engine.begin() as conn:
        if sqlite:
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
            conn.execute(text("DROP TRIGGER audit_log_no_delete"))
        else:
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
    yield db
    if not sqlite:
        with db.engine.begin() as conn:
            conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))


def verify(capsys: pytest.CaptureFixture[str], db: Database) -> tuple[int, str]:
    code = main(["audit", "verify", "--database", db.url])
    return code, capsys.readouterr().out


def test_status_changes_by_people_are_chained_and_verify(warehouse: Warehouse,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    five_decisions(warehouse.db)
    entries = list(audit_entries(warehouse.db))
    assert [(e.seq, e.actor, e.subject) for e in entries] == [
        (1, "sam", "order PD-1042"), (2, "sam", "order PD-1042"), (3, "sam", "order PD-2001"),
        (4, "sam", "order PD-2001"), (5, "sam", "order PD-1042")]
    assert all(later.prev_hash == earlier.hash for earlier, later in zip(entries, entries[1:]))
    assert '"to": "on_hold"' in (entries[0].detail or "")
    assert verify(capsys, warehouse.db) == (0, "audit log intact: 5 record(s), each chained to the one before\n")


def test_the_database_refuses_update_and_delete_of_an_audit_record(warehouse: Warehouse) -> None:
    five_decisions(warehouse.db)
    for statement in ("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2", "DELETE FROM audit_log WHERE seq = 2"):
        with pytest.raises(DatabaseError, match="audit_log is append-only"):
            with warehouse.db.engine.begin() as conn:
                conn.execute(text(statement))
    assert verify_audit(warehouse.db) == (5, None)


def test_an_edited_record_is_named(untriggered: Database, capsys: pytest.CaptureFixture[str]) -> None:
    with untriggered.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET detail = REPLACE(detail, 'paid', 'never paid') WHERE seq = 4"))
    code, out = verify(capsys, untriggered)
    assert code == 1 and "audit record 4: its content was changed" in out


def test_a_deleted_record_is_named(untriggered: Database, capsys: pytest.CaptureFixture[str]) -> None:
    with untriggered.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq = 3"))
    code, out = verify(capsys, untriggered)
    assert code == 1 and "record 3 is missing" in out


def test_two_swapped_records_are_named(untriggered: Database, capsys: pytest.CaptureFixture[str]) -> None:
    with untriggered.engine.begin() as conn:  # seq 2 and 3 trade places
        conn.execute(text("UPDATE audit_log SET seq = -2 WHERE seq = 2"))
        conn.execute(text("UPDATE audit_log SET seq = 2 WHERE seq = 3"))
        conn.execute(text("UPDATE audit_log SET seq = 3 WHERE seq = -2"))
    code, out = verify(capsys, untriggered)
    assert code == 1 and "audit record 2: it does not follow the record before it" in out


def test_an_empty_log_verifies(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert verify(capsys, db) == (0, "audit log intact: 0 record(s), each chained to the one before\n")


def test_each_stations_claims_are_chained_apart_from_the_office(warehouse: Warehouse,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """A station's status changes go into its own chain (no lock shared with the other
    stations); the office's decisions into chain ""; verify walks every chain, and a record
    edited in a station's chain is named with its station."""
    from app.orders.claims import claim_next, release_in

    add_order(warehouse.db, "PD-2001", [("MUG-BLUE-350", 1)])
    add_order(warehouse.db, "PD-2002", [("MUG-BLUE-350", 1)])
    holds.hold(SqlUnitOfWork(warehouse.db), "PD-2002", "customer phoned", user="sam")
    one = claim_next(SqlUnitOfWork(warehouse.db), "PACK-01", "ana", lease_seconds=600)
    two = claim_next(SqlUnitOfWork(warehouse.db), "PACK-02", "ben", lease_seconds=600)
    assert one is not None and two is not None
    with SqlUnitOfWork(warehouse.db) as uow:
        release_in(uow, one.number, "PACK-01", "picked", user="ana", reason="put back")
        uow.commit()
    entries = list(audit_entries(warehouse.db))  # as appended
    assert [(e.chain, e.seq, e.actor) for e in entries] == [
        ("", 1, "sam"), ("PACK-01", 1, "ana"), ("PACK-02", 1, "ben"), ("PACK-01", 2, "ana")]
    assert entries[3].prev_hash == entries[1].hash  # PACK-01's second record follows its first
    assert verify(capsys, warehouse.db) == (0, "audit log intact: 4 record(s), each chained to the one before\n")
    sqlite = warehouse.db.engine.dialect.name == "sqlite"
    with warehouse.db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_log_no_update") if sqlite
                     else text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        conn.execute(text("UPDATE audit_log SET actor = 'mallory' WHERE chain = 'PACK-01' AND seq = 2"))
        if not sqlite:
            conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))
    code, out = verify(capsys, warehouse.db)
    assert code == 1 and "audit record 2 of station PACK-01: its content was changed" in out
    assert "Records before 2 of station PACK-01's chain are intact." in out


def test_records_written_before_the_chains_verify_after_migration_0015(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """SQLite rebuilds audit_log for 0015: the records stay, in the office's chain, verify as
    before, the triggers are back, and a station's chain starts at 1 beside them."""
    from datetime import datetime, timezone

    from app.audit.chain import GENESIS, record_hash
    from app.store import migrate

    db = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    migrate.upgrade(db, "0010")
    prev, at = GENESIS, datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
    with db.engine.begin() as conn:
        for seq in (1, 2):
            digest = record_hash(prev, seq, at, "sam", "OrderHeld", f"order PD-{seq}", None)
            conn.execute(text("INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash) "
                              "VALUES (:seq, :at, 'sam', 'OrderHeld', :subject, NULL, :prev, :hash)"),
                         {"seq": seq, "at": at, "subject": f"order PD-{seq}", "prev": prev, "hash": digest})
            prev = digest
    migrate.upgrade(db)
    assert verify_audit(db) == (2, None)
    with SqlUnitOfWork(db) as uow:
        assert uow.audit.append("ana", "StatusChanged", "order PD-9", chain="PACK-01") == 1
        assert uow.audit.append("sam", "OrderReleased", "order PD-1") == 3
        uow.commit()
    assert verify_audit(db) == (4, None)
    with pytest.raises(DatabaseError, match="audit_log is append-only"):
        with db.engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_log WHERE seq = 1"))
    db.close()


def test_a_batch_of_records_is_chained_like_records_one_at_a_time(db: Database) -> None:
    """A person's batch (a wave moves many orders) goes in as one batched write: each record
    carries its own seq, time, detail and the hash of the one before, and the chain verifies."""
    with SqlUnitOfWork(db) as uow:
        uow.audit.append("sam", "StatusChanged", "order A-1", {"from": "allocated", "to": "picking"})
        uow.audit.append_many([("sam", "StatusChanged", f"order B-{n}", {"to": "picking", "n": n}) for n in range(3)]
                              + [("sam", "WaveMade", "wave W-000001", None)])
        uow.commit()
    entries = list(audit_entries(db))
    assert [(e.seq, e.subject) for e in entries] == [
        (1, "order A-1"), (2, "order B-0"), (3, "order B-1"), (4, "order B-2"), (5, "wave W-000001")]
    assert all(later.prev_hash == earlier.hash for earlier, later in zip(entries, entries[1:]))
    assert entries[2].detail == '{"n": 1, "to": "picking"}' and entries[4].detail is None
    assert entries[1].at.tzinfo is not None and entries[1].at == entries[4].at
    assert verify_audit(db) == (5, None)

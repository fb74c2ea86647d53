"""The doctor's database check on SQLite and PostgreSQL: reachable, migrated, which version."""
from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from app.store import migrate
from app.store.session import Database
from tests.integration.ship_doctor.conftest import closed_port, doctor, write_station

# The revisions as the migration files number them (0001_..., 0002_...): the newest and the one before.
_REVISIONS = sorted(p.name[:4] for p in (migrate.MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
NEWEST, PREVIOUS = _REVISIONS[-1], _REVISIONS[-2]


def test_a_healthy_station_without_devices_is_all_well(tmp_path: Path, db_url: str, capsys, monkeypatch) -> None:
    # the machine's own time synchronisation is not this test's subject (tests/unit/ship_doctor's is)
    monkeypatch.setattr("app.doctor.checks.ntp_synchronised", lambda: True)
    status, findings = doctor(capsys, write_station(tmp_path, db_url))
    assert status == 0, [f for f in findings.values() if not f["ok"]]
    assert f"schema revision {NEWEST} (the newest)" in findings["database"]["found"]


def test_an_unreachable_postgresql_port_is_a_problem_naming_host_and_port(tmp_path: Path, capsys) -> None:
    port = closed_port()
    status, findings = doctor(capsys, write_station(tmp_path, f"postgresql+psycopg://postgres@127.0.0.1:{port}/packdesk"))
    assert status == 1
    database = findings["database"]
    assert database["ok"] is False
    assert f"127.0.0.1:{port}" in database["found"] and "cannot connect" in database["found"]
    assert f"pg_isready -h 127.0.0.1 -p {port}" in database["fix"]


def test_a_database_never_upgraded_is_a_problem_saying_run_db_upgrade(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).close()
    status, findings = doctor(capsys, write_station(tmp_path, f"sqlite:///{empty}"))
    assert status == 1
    assert "was never upgraded" in findings["database"]["found"]
    assert "packdesk db upgrade" in findings["database"]["fix"]


@pytest.mark.postgres
def test_a_postgresql_database_never_upgraded_is_a_problem(tmp_path: Path, postgres_server_url: str, capsys) -> None:
    import psycopg
    from sqlalchemy import make_url

    base = make_url(postgres_server_url)
    name = f"{base.database}_empty"
    admin = dict(host=base.host, port=base.port or 5432, user=base.username, dbname="postgres")
    with psycopg.connect(**admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        status, findings = doctor(capsys, write_station(tmp_path, base.set(database=name).render_as_string(False)))
    finally:
        with psycopg.connect(**admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    assert status == 1
    assert re.search(r"\(postgresql \d+\.\d+\)", findings["database"]["found"])  # the server's version
    assert "was never upgraded" in findings["database"]["found"]


def test_a_database_one_migration_behind_names_both_revisions(tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    with Database(url) as db:
        migrate.upgrade(db, PREVIOUS)
    status, findings = doctor(capsys, write_station(tmp_path, url))
    assert status == 1
    assert f"at schema revision {PREVIOUS}; this Packdesk needs {NEWEST}" in findings["database"]["found"]


def test_a_missing_sqlite_file_is_a_problem_and_the_doctor_does_not_create_it(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "nowhere.sqlite3"
    status, findings = doctor(capsys, write_station(tmp_path, f"sqlite:///{missing}"))
    assert status == 1
    assert f"there is no database file {missing}" == findings["database"]["found"]
    assert not missing.exists()


def test_a_broken_configuration_file_is_a_problem_naming_the_file(tmp_path: Path, capsys) -> None:
    config = tmp_path / "station.toml"
    config.write_text("[station]\ncode = \n")
    status, findings = doctor(capsys, config)
    assert status == 1
    assert str(config) in findings["configuration"]["found"]
    assert findings["clock"]["ok"] is True  # the machine itself is still examined

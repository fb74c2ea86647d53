"""Issue 17, least privilege: the roles migration 0008 creates, tested by PostgreSQL itself.
A login role in the station group packs an order, and is refused when it tries to change
users or the catalogue or to delete audit rows; the reporting role only reads; the admin role
may do what the CLI does. The roles' prefix is configurable and the migration idempotent."""
from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import make_url

from app.orders.claims import claim_next, release
from app.store import migrate
from app.store.roles import BadRolePrefix, ROLE_PREFIX_ENV, role_prefix
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from app.unit_of_work import ScanEntry
from app.store.models import utcnow

pytestmark = pytest.mark.postgres


def _admin_kwargs(url: str, dbname: str | None = None) -> dict[str, object]:
    u = make_url(url)
    return dict(host=u.host or "127.0.0.1", port=u.port or 5432, user=u.username or "postgres",
                dbname=dbname or u.database, autocommit=True)


@pytest.fixture
def login(postgres_server_url: str) -> Iterator[callable]:
    """login(group) -> a URL that connects as a new login role in that group (dropped after)."""
    made: list[str] = []

    def make(group: str) -> str:
        name = f"packdesk_t_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(**_admin_kwargs(postgres_server_url)) as conn:
            conn.execute(f'CREATE ROLE "{name}" LOGIN IN ROLE "{group}"')
        made.append(name)
        return make_url(postgres_server_url).set(username=name).render_as_string(hide_password=False)

    yield make
    with psycopg.connect(**_admin_kwargs(postgres_server_url)) as conn:
        for name in made:
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')


def _connect(url: str) -> psycopg.Connection:
    u = make_url(url)
    return psycopg.connect(host=u.host, port=u.port or 5432, user=u.username, dbname=u.database, autocommit=True)


def _seed(url: str) -> None:
    with psycopg.connect(**_admin_kwargs(url)) as conn:
        conn.execute("INSERT INTO users (username, display_name, role, badge_code, active) "
                      "VALUES ('ann', 'Ann', 'packer', 'B-ANN', true)")
        conn.execute("INSERT INTO orders (number, channel, status, priority, created_at, service_level, gift_wrap, "
                     "currency, subtotal, shipping_total, discount_total, tax_total, total, version, pack_from) "
                     "VALUES ('R-1', 'manual', 'picked', 0, now(), 'standard', false, 'EUR', 0, 0, 0, 0, 0, 1, "
                     "'picked')")
        order_id = conn.execute("SELECT id FROM orders WHERE number = 'R-1'").fetchone()[0]
        conn.execute("INSERT INTO order_events (order_id, at, kind) VALUES (%s, now(), 'OrderCaptured')", (order_id,))


def test_a_station_packs_but_cannot_change_users_the_catalogue_or_the_audit_log(db: Database, login) -> None:
    if db.is_sqlite:
        pytest.skip("roles are PostgreSQL's")
    _seed(db.url)
    station_url = login("packdesk_station")
    with Database(station_url) as station:  # the real claim, scan and release, as the station
        claim = claim_next(SqlUnitOfWork(station), "ST-1", "ann", lease_seconds=60)
        assert claim is not None and claim.number == "R-1"
        with SqlUnitOfWork(station) as uow:
            uow.scans.add(ScanEntry(utcnow(), "ST-1", "ann", claim.order_id, "05012345000017", "accepted",
                                    quantity=1))
            uow.commit()
        release(SqlUnitOfWork(station), "R-1", "ST-1", "packed", user="ann", reason="pack confirmed")
    with _connect(station_url) as conn:
        for statement in ("UPDATE users SET role = 'admin' WHERE username = 'ann'",
                          "INSERT INTO users (username, display_name, role, badge_code, active) "
                          "VALUES ('eve', 'Eve', 'admin', 'B-EVE', true)",
                          "DELETE FROM users",
                          "DELETE FROM order_events",
                          "UPDATE order_events SET kind = 'Nothing'",
                          "DELETE FROM station_events",
                          "INSERT INTO products (sku, name, price) VALUES ('X', 'X', 1)",
                          "DELETE FROM orders"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    with psycopg.connect(**_admin_kwargs(db.url)) as conn:
        assert conn.execute("SELECT role FROM users WHERE username = 'ann'").fetchone()[0] == "packer"
        assert conn.execute("SELECT status FROM orders WHERE number = 'R-1'").fetchone()[0] == "packed"
        assert conn.execute("SELECT count(*) FROM order_events").fetchone()[0] >= 3


def test_the_returns_station_updates_returns_but_cannot_make_or_delete_them(db: Database, login) -> None:
    if db.is_sqlite:
        pytest.skip("roles are PostgreSQL's")
    _seed(db.url)
    with psycopg.connect(**_admin_kwargs(db.url)) as conn:
        order_id = conn.execute("SELECT id FROM orders WHERE number = 'R-1'").fetchone()[0]
        return_id = conn.execute("INSERT INTO returns (rma, order_id, reason, status, created_at) VALUES "
                                 "('RMA-000001', %s, 'too big', 'received', now()) RETURNING id", (order_id,)).fetchone()[0]
    with _connect(login("packdesk_station")) as conn:  # migration 0012's grants: receive, scan, inspect
        conn.execute("UPDATE returns SET status = 'inspected' WHERE rma = 'RMA-000001'")
        for statement in ("DELETE FROM returns",
                          f"INSERT INTO return_lines (return_id, order_line_id, sku, quantity) VALUES ({return_id}, 1, "
                          "'X', 1)"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    with psycopg.connect(**_admin_kwargs(db.url)) as conn:
        assert conn.execute("SELECT status FROM returns").fetchone()[0] == "inspected"


def test_the_reporting_role_reads_and_writes_nothing_and_the_admin_role_manages_users(db: Database, login) -> None:
    if db.is_sqlite:
        pytest.skip("roles are PostgreSQL's")
    _seed(db.url)
    with _connect(login("packdesk_reporting")) as conn:
        assert conn.execute("SELECT count(*) FROM orders").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM order_events").fetchone()[0] == 1
        for statement in ("UPDATE orders SET priority = 9", "INSERT INTO scans (at, station, data, outcome, quantity) VALUES (now(), 'S', 'x', 'accepted', 1)",
                          "DELETE FROM users"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    with _connect(login("packdesk_admin")) as conn:
        conn.execute("INSERT INTO users (username, display_name, role, badge_code, active) "
                     "VALUES ('bob', 'Bob', 'supervisor', 'B-BOB', true)")
        conn.execute("UPDATE users SET active = false WHERE username = 'ann'")
        # the audit log stays append-only even for the admin: the trigger refuses
        with pytest.raises(psycopg.errors.RaiseException):
            conn.execute("DELETE FROM order_events")


def test_the_roles_take_a_configured_prefix_and_a_second_database_migrates_beside_them(
        postgres_server_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    prefix = f"pdt_{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv(ROLE_PREFIX_ENV, prefix)
    names = [f"{prefix}_station", f"{prefix}_admin", f"{prefix}_reporting"]
    databases = [f"packdesk_roles_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    admin = _admin_kwargs(postgres_server_url, "postgres")
    try:
        for name in databases:
            with psycopg.connect(**admin) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            url = make_url(postgres_server_url).set(database=name).render_as_string(hide_password=False)
            with Database(url) as db:
                migrate.upgrade(db)  # the second finds the roles there and only grants
        with psycopg.connect(**admin) as conn:
            found = {r[0] for r in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (prefix + "%",))}
            assert found == set(names)
            assert not conn.execute("SELECT bool_or(rolcanlogin) FROM pg_roles WHERE rolname LIKE %s",
                                    (prefix + "%",)).fetchone()[0]
        with psycopg.connect(**_admin_kwargs(postgres_server_url, databases[1])) as conn:
            assert conn.execute(f"SELECT has_table_privilege('{prefix}_station', 'users', 'UPDATE'), "
                                f"has_table_privilege('{prefix}_station', 'scans', 'INSERT'), "
                                f"has_table_privilege('{prefix}_reporting', 'orders', 'SELECT')").fetchone() \
                == (False, True, True)
    finally:
        for name in databases:
            with psycopg.connect(**admin) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        with psycopg.connect(**admin) as conn:
            for role in names:
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_a_prefix_that_cannot_name_a_role_is_refused_with_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ROLE_PREFIX_ENV, "Pack-Desk")
    with pytest.raises(BadRolePrefix, match="lower-case letters, digits and underscores"):
        role_prefix()

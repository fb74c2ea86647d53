"""Shared test set-up: Qt offscreen, and a `db` fixture that runs every database test on
SQLite and on PostgreSQL (PACKDESK_TEST_POSTGRES_URL; required when
PACKDESK_REQUIRE_POSTGRES=1, as in CI)."""
from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from sqlalchemy import make_url, text  # noqa: E402

from app.store import migrate  # noqa: E402
from app.store.models import Base  # noqa: E402
from app.store.session import Database  # noqa: E402

POSTGRES_URL = os.environ.get("PACKDESK_TEST_POSTGRES_URL", "")
REQUIRE_POSTGRES = os.environ.get("PACKDESK_REQUIRE_POSTGRES") == "1"
# pytest-xdist's worker ("gw0", "gw1", ...) when the suite runs on several (`-n 2`), else "main".
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The long tests first, the longest before the others (`@pytest.mark.slow(seconds=N)`): on
    two workers (.ci/run's `-n 2 --dist loadgroup`) the soak starts at once on one of them and
    the rest of the suite runs on the other beside it, instead of the soak starting last and
    running alone. Without workers the order changes nothing but when each test runs."""
    def expected_seconds(item: pytest.Item) -> float:
        slow = item.get_closest_marker("slow")
        return float(slow.kwargs.get("seconds", 1)) if slow is not None else 0.0

    items.sort(key=expected_seconds, reverse=True)  # stable: the rest keep their order


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (faster than migrating each time)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db)
    db.close()
    return path


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test run (for each xdist worker: one of
    its own, named after it), dropped at the end."""
    if not POSTGRES_URL:
        if REQUIRE_POSTGRES:
            pytest.fail("PACKDESK_REQUIRE_POSTGRES=1 but PACKDESK_TEST_POSTGRES_URL is not set")
        pytest.skip("PostgreSQL tests need PACKDESK_TEST_POSTGRES_URL (CI sets it)")
    import psycopg

    base = make_url(POSTGRES_URL)
    name = f"packdesk_test_{WORKER}_{uuid.uuid4().hex[:10]}"
    admin = dict(host=base.host or "127.0.0.1", port=base.port or 5432,
                 user=base.username or "postgres", dbname=base.database or "postgres")
    if base.password:
        admin["password"] = base.password
    try:
        with psycopg.connect(**admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
            # A commit returns without waiting for the shared server's disk: what a test sees is
            # the same (a committed row is visible at once), only a crash of the server itself
            # could lose the last ones, and no test crashes it (test_failover runs its own).
            conn.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    except psycopg.OperationalError as exc:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL at {base.host}:{base.port} is required but unreachable: {exc}")
        pytest.skip(f"PostgreSQL unreachable: {exc}")
    url = base.set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)
    db = Database(url)
    migrate.upgrade(db)
    db.close()
    yield url
    with psycopg.connect(**admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# The id sequences of the tables (a serial or identity column's) that have handed out a number
# since they were last restarted, even if the rows that took it were rolled back or deleted.
_USED_SEQUENCES = text("""
    SELECT DISTINCT format('%I.%I', s.schemaname, s.sequencename), t.relname FROM pg_sequences s
      JOIN pg_class sc ON sc.relname = s.sequencename AND sc.relnamespace = s.schemaname::regnamespace
      JOIN pg_depend d ON d.objid = sc.oid AND d.deptype IN ('a', 'i')
      JOIN pg_class t ON t.oid = d.refobjid
     WHERE s.schemaname = current_schema() AND s.last_value IS NOT NULL
""")


def _truncate_postgres(url: str) -> None:
    """Leave the run's database as `TRUNCATE <every table> RESTART IDENTITY CASCADE` does: no
    row in any table of the models, their id sequences restarted. Done as DELETE of the tables
    holding rows and setval() of the used sequences (about 60 ms) because TRUNCATE of the 41
    tables costs 0.5-1.3 s here (new files for every table and index, flushed at commit).
    Like TRUNCATE, it fires no trigger: in the replica role the append-only guards and the
    foreign keys' checks stay out of it (every table of the models is emptied, so no row is
    left pointing at a deleted one)."""
    names = [t.name for t in Base.metadata.sorted_tables]
    holding_rows = " UNION ALL ".join(f"(SELECT '{name}' FROM \"{name}\" LIMIT 1)" for name in names)
    db = Database(url)
    with db.engine.begin() as conn:
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        for name in conn.execute(text(holding_rows)).scalars():
            conn.execute(text(f'DELETE FROM "{name}"'))
        for sequence, table in conn.execute(_USED_SEQUENCES).all():
            if table in names:
                conn.execute(text("SELECT setval(CAST(:sequence AS regclass), 1, false)"), {"sequence": sequence})
    db.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty, migrated database: SQLite in tmp_path, or the run's PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "packdesk.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("postgres_server_url")
    _truncate_postgres(url)
    return url


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """An empty, migrated database on each backend in turn."""
    database = Database(db_url)
    yield database
    database.close()

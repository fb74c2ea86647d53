"""The wizard's database test on real databases: a new built-in file, a closed port, and the
run's PostgreSQL."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest

from app.setup.database import prepare_database, test_database


def test_a_new_built_in_database_is_created_by_preparing_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'packdesk.sqlite3'}"
    first = test_database(url)
    assert not first.ready and first.can_prepare
    assert "no database file" in first.found
    prepared = prepare_database(url)
    assert prepared.ready and not prepared.can_prepare
    assert "newest" in prepared.found


def test_a_postgresql_nobody_listens_on_is_unreachable_and_says_where(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    answer = test_database(f"postgresql://packdesk@127.0.0.1:{port}/packdesk")
    assert not answer.reachable and not answer.ready and not answer.can_prepare
    assert f"127.0.0.1:{port}" in answer.fix


@pytest.mark.postgres
def test_the_runs_postgresql_is_ready(postgres_server_url: str) -> None:
    answer = test_database(postgres_server_url)
    assert answer.reachable and answer.ready
    assert "postgresql 1" in answer.found

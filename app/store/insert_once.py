"""`INSERT ... ON CONFLICT (key) DO NOTHING RETURNING id` on SQLite and PostgreSQL alike: a row
kept once per key in one statement (no read of the key first)."""
from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

_BUILT: dict[tuple[str, str, str], Any] = {}  # (dialect, table, key column): the statement, built once


def insert_once(session: Session, table: Table, key: str, values: dict[str, Any]) -> bool:
    """Inserts the row unless a row with its `key` column's value exists; True when inserted."""
    dialect = session.get_bind().dialect.name
    statement = _BUILT.get((dialect, table.name, key))
    if statement is None:
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = insert(table).on_conflict_do_nothing(index_elements=[table.c[key]]).returning(table.c.id)
        _BUILT[(dialect, table.name, key)] = statement
    return session.execute(statement, values).first() is not None

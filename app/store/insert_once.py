"""`INSERT ... ON CONFLICT (key) DO NOTHING RETURNING id` on SQLite and PostgreSQL alike: a row
kept once per key in one statement (no read of the key first), compiled once
(app/store/compiled_once.py: SQLAlchemy would compile it at every call)."""
from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from app.store.compiled_once import execute_compiled

log = logging.getLogger(__name__)


def insert_once(session: Session, table: Table, key: str, values: dict[str, Any]) -> bool:
    """Inserts the row unless a row with its `key` column's value exists; True when inserted."""

    def build(dialect: Dialect) -> Executable:
        insert = postgresql.insert if dialect.name == "postgresql" else sqlite.insert
        return insert(table).on_conflict_do_nothing(index_elements=[table.c[key]]).returning(table.c.id)

    session.flush()  # a plain statement: what the session holds unwritten goes first, as with session.execute
    sent = execute_compiled(session, ("insert_once", table.name, key), build, values, list(values))
    return sent.first() is not None

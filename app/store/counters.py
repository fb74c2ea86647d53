"""Named counters shared by every station (SSCC serial references, invoice numbers).

One statement, `INSERT ... ON CONFLICT (name) DO UPDATE SET value = value + step
RETURNING value`, on SQLite and PostgreSQL alike: the row is created on first use, and
the database's row lock (or SQLite's write lock) makes it safe across processes.
"""
from __future__ import annotations

import logging

from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.store.models import Counter
from app.store.session import Database
from app.errors import PackdeskError
from app.translator import phrase

log = logging.getLogger(__name__)

counters = Counter.__table__


class CounterError(PackdeskError):
    """A counter was asked for something it cannot give."""


def next_value(executor: Session | Connection, name: str, *, start: int = 1, step: int = 1) -> int:
    """The counter's next value (the first call gives `start`), in the caller's transaction."""
    if step < 1:
        raise CounterError(phrase("Counter %(name)s can only move forward; step %(step)s is not allowed.",
                                  name=repr(name), step=step))
    bind = executor.get_bind() if isinstance(executor, Session) else executor
    dialect = bind.dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(counters).values(name=name, value=start + step - 1)
    statement = statement.on_conflict_do_update(
        index_elements=[counters.c.name], set_={"value": counters.c.value + step}
    ).returning(counters.c.value)
    last = int(executor.execute(statement).scalar_one())
    return last - step + 1


def take_next(db: Database, name: str, *, start: int = 1, step: int = 1) -> int:
    """next_value in a transaction of its own (committed when this returns)."""
    with db.write() as session:
        return next_value(session, name, start=start, step=step)

"""Named counters shared by every station (SSCC serial references, invoice numbers).

One statement, `INSERT ... ON CONFLICT (name) DO UPDATE SET value = value + step
RETURNING value`, on SQLite and PostgreSQL alike: the row is created on first use, and
the database's row lock (or SQLite's write lock) makes it safe across processes.
"""
from __future__ import annotations

import logging

from sqlalchemy import Connection, bindparam
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from app.store.compiled_once import execute_compiled
from app.store.models import Counter
from app.store.session import Database
from app.errors import PackdeskError
from app.translator import phrase

log = logging.getLogger(__name__)

counters = Counter.__table__


class CounterError(PackdeskError):
    """A counter was asked for something it cannot give."""


def _next_value(dialect: Dialect) -> Executable:
    """The counter's upsert with its name, first value and step bound (compiled once, app/store/compiled_once.py)."""
    insert = postgresql.insert if dialect.name == "postgresql" else sqlite.insert
    return insert(counters).values(name=bindparam("name"), value=bindparam("first")).on_conflict_do_update(
        index_elements=[counters.c.name], set_={"value": counters.c.value + bindparam("step")}
    ).returning(counters.c.value)


def next_value(executor: Session | Connection, name: str, *, start: int = 1, step: int = 1) -> int:
    """The counter's next value (the first call gives `start`), in the caller's transaction."""
    if step < 1:
        raise CounterError(phrase("Counter %(name)s can only move forward; step %(step)s is not allowed.",
                                  name=repr(name), step=step))
    last = int(execute_compiled(executor, "next_value", _next_value, {"name": name, "first": start + step - 1,
                                                                      "step": step}).one()[0])
    return last - step + 1


def take_next(db: Database, name: str, *, start: int = 1, step: int = 1) -> int:
    """next_value in a transaction of its own (committed when this returns)."""
    with db.write() as session:
        return next_value(session, name, start=start, step=step)

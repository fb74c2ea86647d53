"""`column IN (values)` for many values, bound as ONE value: a JSON array read by `json_each` on
SQLite, an array compared with `= ANY` on PostgreSQL.

An IN list binds a parameter a value: SQLAlchemy renders and processes each one at every
execution (10,000 order numbers an import, three lookups: ~0.04 s of CPU here), and the
statement is new text for every length, so neither database can reuse its plan. One bound value
keeps one statement text for any number of values (app/store/order_reads.py binds its lists the
same way)."""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, any_, bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session


def one_value(dialect: str, values: Iterable[Any]) -> Any:
    """A list bound as one value, as the driver takes it: a JSON array for SQLite's json_each, a
    list (an array) for psycopg's = ANY (the hand-written statements of app/store/order_reads.py
    and order_writes.py bind theirs so too)."""
    return json.dumps(list(values)) if dialect == "sqlite" else list(values)


def among(session: Session, column: ColumnElement[Any], values: Iterable[Any]) -> ColumnElement[bool]:
    """A condition: `column` is one of `values` (for a statement run in `session`)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return column == any_(bindparam(None, one_value(dialect, values), type_=ARRAY(column.type)))
    listed = text("SELECT value FROM json_each(:values)").bindparams(values=one_value(dialect, values))
    return column.in_(listed.columns(column))

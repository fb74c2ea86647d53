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


def among(session: Session, column: ColumnElement[Any], values: Iterable[Any]) -> ColumnElement[bool]:
    """A condition: `column` is one of `values` (for a statement run in `session`)."""
    values = list(values)
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    listed = text("SELECT value FROM json_each(:values)").bindparams(values=json.dumps(values))
    return column.in_(listed.columns(column))

"""app.store.among: `column IN (values)` bound as one value finds the same rows as an IN list,
for more values than a statement may bind one by one (PostgreSQL: 65,535), on both databases."""
from __future__ import annotations

from sqlalchemy import insert, select

from app.store.among import among
from app.store.models import Customer
from app.store.session import Database


def _customers(db: Database, count: int) -> None:
    with db.write() as session:
        session.execute(insert(Customer), [{"name": f"C {i}", "email": f"c{i}@example.org"} for i in range(count)])


def test_the_rows_among_the_values_and_none_else(db: Database) -> None:
    _customers(db, 50)
    wanted = [f"c{i}@example.org" for i in range(0, 50, 7)] + ["nobody@example.org", "c1'); DROP TABLE x; --"]
    with db.read() as session:
        found = session.scalars(select(Customer.email).where(among(session, Customer.email, wanted))).all()
        none = session.scalars(select(Customer.email).where(among(session, Customer.email, []))).all()
    assert sorted(found) == sorted(f"c{i}@example.org" for i in range(0, 50, 7))
    assert none == []


def test_more_values_than_a_statement_binds_one_by_one(db: Database) -> None:
    _customers(db, 3)
    wanted = [f"x{i}@example.org" for i in range(70_000)] + ["c2@example.org"]
    with db.read() as session:
        found = session.scalars(select(Customer.email).where(among(session, Customer.email, wanted))).all()
    assert found == ["c2@example.org"]

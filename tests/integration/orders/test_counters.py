"""Named counters hand out each value once, however many workers ask at the same time."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from app.store.counters import CounterError, next_value, take_next
from app.store.session import Database


def test_a_new_counter_starts_where_asked_and_moves_by_its_step(db: Database) -> None:
    assert take_next(db, "sscc_serial", start=1000) == 1000
    assert take_next(db, "sscc_serial", start=1000) == 1001
    assert take_next(db, "invoice_number") == 1
    with db.write() as session:
        first = next_value(session, "invoice_number", step=10)  # reserves 2..11
    assert (first, take_next(db, "invoice_number")) == (2, 12)
    with pytest.raises(CounterError, match="'invoice_number' can only move forward"):
        take_next(db, "invoice_number", step=0)


def test_a_value_in_a_rolled_back_transaction_is_given_again(db: Database) -> None:
    take_next(db, "sscc_serial")
    with pytest.raises(RuntimeError):
        with db.write() as session:
            next_value(session, "sscc_serial")
            raise RuntimeError("label printer on fire")
    assert take_next(db, "sscc_serial") == 2


def test_concurrent_workers_never_get_the_same_value(db_url: str) -> None:
    def worker(_: int) -> list[int]:
        with Database(db_url) as own:
            return [take_next(own, "sscc_serial") for _ in range(40)]

    with ThreadPoolExecutor(max_workers=6) as pool:
        values = [v for chunk in pool.map(worker, range(6)) for v in chunk]
    assert sorted(values) == list(range(1, 241))

"""One allocating process of the concurrency test: waits for the start, allocates one order."""
from __future__ import annotations

import sys

from app.orders import pipeline
from app.orders.settings import OrderSettings
from app.store.session import Database
from app.store.uow import SqlUnitOfWork


def allocate_one(url: str, number: str, start: object) -> str:
    """Allocates the order in its own process once every process is ready (`start`, a barrier);
    its status afterwards."""
    db = Database(url)
    try:
        with db.read() as session:  # connected before the start, so all allocate at once
            session.connection()
        start.wait(120)  # type: ignore[attr-defined]
        done = pipeline.allocate(SqlUnitOfWork(db), [number], OrderSettings(), user=f"proc-{number}")
        return done[0].status if done else "untouched"
    finally:
        db.close()


if __name__ == "__main__":
    sys.exit("run from the concurrency test")

"""Two appenders to one station's audit chain at once: the second waits until the first has
committed and chains its record after the first's (on PostgreSQL the chain's lock and the read
of its last record are one call, migration 0018's function, whose read must see what the lock's
previous holder committed; on SQLite BEGIN IMMEDIATE lets one writer in). On SQLite and
PostgreSQL."""
from __future__ import annotations

import threading

from app.store.audit_log import audit_entries, verify_audit
from app.store.session import Database
from app.store.uow import SqlUnitOfWork


def test_the_second_appender_waits_for_the_first_and_chains_after_its_record(db: Database) -> None:
    with SqlUnitOfWork(db) as uow:  # the chain has a record before, so the read has one to find
        uow.audit.append("ann", "StatusChanged", "order PD-1", {"to": "packing"}, chain="ST-1")
        uow.commit()
    second: dict[str, object] = {}

    def append_second() -> None:
        try:
            with SqlUnitOfWork(db) as uow:
                second["seq"] = uow.audit.append("bob", "StatusChanged", "order PD-2", {"to": "packing"},
                                                 chain="ST-1")
                uow.commit()
        except Exception as exc:  # noqa: BLE001 - the assertion below names it
            second["error"] = exc

    with SqlUnitOfWork(db) as first:
        assert first.audit.append("ann", "StatusChanged", "order PD-1", {"to": "packed"}, chain="ST-1") == 2
        waiting = threading.Thread(target=append_second)
        waiting.start()
        waiting.join(timeout=1.0)
        assert waiting.is_alive(), f"the second appender did not wait for the first: {second}"
        first.commit()
    waiting.join(timeout=30)
    assert not waiting.is_alive()
    assert second == {"seq": 3}
    chain = [e for e in audit_entries(db) if e.chain == "ST-1"]
    assert [(e.seq, e.actor) for e in chain] == [(1, "ann"), (2, "ann"), (3, "bob")]
    assert chain[2].prev_hash == chain[1].hash
    assert verify_audit(db) == (3, None)

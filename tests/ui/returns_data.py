"""A return waiting at the returns screen: an order delivered two days ago, its return created
on the command line as a clerk's colleague would, and the screen on its own worker."""
from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from app.cli.main import main
from app.shipping.returns_desk import ReturnsDesk
from app.store.uow import SqlUnitOfWork
from tests.integration.packing.conftest import Warehouse
from tests.integration.shipping.test_returns import delivered_order
from ui.screens.returns import ReturnsScreen
from ui.workers import Worker


@contextmanager
def returns_screen(qtbot: Any, warehouse: Warehouse, tmp_path: Path, capsys: Any, order: str, line: str,
                   reason: str, *, parcels: int = 1, sounds: Any = None) -> Iterator[tuple[ReturnsScreen, str, Worker]]:
    """(the screen, the return's RMA, the screen's worker) for `order` delivered in `parcels`
    with a return of `line` ("SKU:QUANTITY") for `reason`; the worker stops after the block."""
    delivered_order(warehouse, tmp_path, order, datetime.now(timezone.utc) - timedelta(days=2), parcels=parcels)
    capsys.readouterr()
    assert main(["--database", warehouse.db.url, "returns", "create", order, "--line", line,
                 "--reason", reason, "--json"]) == 0
    rma = json.loads(capsys.readouterr().out)["rma"]
    worker = Worker("returns")
    desk = ReturnsDesk(lambda: SqlUnitOfWork(warehouse.db), user="rita")
    screen = ReturnsScreen(desk, worker) if sounds is None else ReturnsScreen(desk, worker, sounds)
    qtbot.addWidget(screen)
    try:
        yield screen, rma, worker
    finally:
        worker.shutdown()

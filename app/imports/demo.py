"""The demo data set in resources/demo/, loaded with the ordinary import code."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from app.imports import ImportReport, import_file
from app.paths import resource
from app.store import demo as store
from app.store.session import Database

log = logging.getLogger(__name__)

FILES = (  # kind, file, format: in the order their references need
    ("catalog", "products.csv", "csv"), ("boxes", "boxes.csv", "csv"),
    ("locations", "locations.csv", "csv"), ("stock", "stock.csv", "csv"),
    ("users", "users.csv", "csv"), ("orders", "orders.json", "json"),
    ("orders", "shopify_orders.csv", "shopify"),
)
READY = ("validated", "allocated", "picked")  # captured -> ... -> picked: a queue for the stations
HELD = {"PD-10013": "address could not be verified", "PD-10027": "high value: check payment"}


@dataclass
class DemoReport:
    """What loading the demo did."""

    imports: list[ImportReport] = field(default_factory=list)
    made_ready: int = 0
    held: int = 0


def is_empty(db: Database) -> bool:
    """Whether the database has neither products nor orders."""
    return store.is_empty(db)


def demo_steps(number: str) -> list[tuple[str, str | None]]:
    """The status moves a newly captured demo order makes: to on hold (HELD), else to picked."""
    if number in HELD:
        return [("validated", None), ("on_hold", HELD[number])]
    return [(status, "demo data") for status in READY]


def load_demo(db: Database) -> DemoReport:
    """Imports the demo files and moves the new demo orders to picked (two to on hold)."""
    report = DemoReport()
    for kind, name, fmt in FILES:
        report.imports.append(import_file(db, kind, resource("demo", name), fmt))
    moved = store.advance_captured_orders(db, demo_steps, user="demo")
    report.held = sum(1 for number in moved if number in HELD)
    report.made_ready = len(moved) - report.held
    log.info("demo: %d orders ready to pack, %d on hold", report.made_ready, report.held)
    return report

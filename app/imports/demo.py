"""The demo data set in resources/demo/, loaded with the ordinary import code."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.store.models import Order, Product
from app.store.session import Database
from app.imports import ImportReport, import_file
from app.store.order_log import change_status
from app.paths import resource

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
    with db.read() as session:
        return not (session.scalar(select(func.count()).select_from(Product))
                    or session.scalar(select(func.count()).select_from(Order)))


def load_demo(db: Database) -> DemoReport:
    """Imports the demo files and moves the new demo orders to picked (two to on hold)."""
    report = DemoReport()
    for kind, name, fmt in FILES:
        report.imports.append(import_file(db, kind, resource("demo", name), fmt))
    with db.write() as session:
        captured = session.scalars(select(Order).where(Order.status == "captured")
                                   .order_by(Order.id)).all()
        for order in captured:
            if order.number in HELD:
                change_status(session, order, "validated", user="demo")
                change_status(session, order, "on_hold", user="demo", reason=HELD[order.number])
                report.held += 1
                continue
            for status in READY:
                change_status(session, order, status, user="demo", reason="demo data")
            report.made_ready += 1
    log.info("demo: %d orders ready to pack, %d on hold", report.made_ready, report.held)
    return report

"""The demo data set in resources/demo/, loaded with the ordinary import code and sent through
the ordinary flow: imported, validated and allocated like any file, then its own allocated
orders picked (the demo stands in for the pickers) so the stations have a queue, but for a few
left on a pick list for the demo's picker to pick. It never changes an order it did not create."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from app.imports import ImportReport, import_file
from app.orders import holds, picking, waves
from app.orders.status import OrderStatus
from app.orders.validation import HoldKind, HoldReason
from app.paths import resource
from app.store import demo as store
from app.store.session import Database
from app.store.uow import SqlUnitOfWork

log = logging.getLogger(__name__)

FILES = (  # kind, file, format: in the order their references need
    ("catalog", "products.csv", "csv"), ("boxes", "boxes.csv", "csv"),
    ("locations", "locations.csv", "csv"), ("stock", "stock.csv", "csv"),
    ("users", "users.csv", "csv"),
    # the carriers the orders ship with (ups, dhl, ...), their zones and rates: the carrier choice is real
    ("carriers", "carriers.csv", "csv"), ("zones", "zones.csv", "csv"), ("rates", "rates.csv", "csv"),
    ("orders", "orders.json", "json"),
    ("orders", "shopify_orders.csv", "shopify"),
)
RATE_TABLE = ("carriers", "zones", "rates")
# two orders a supervisor holds by hand, so the demo shows the hold and release commands
HELD = {"PD-10013": "address could not be verified", "PD-10027": "high value: check payment"}
FOR_THE_PICKER = 3  # the last allocated orders, on one pick list the demo leaves to its picker (Dmitri)


@dataclass
class DemoReport:
    """What loading the demo did."""

    imports: list[ImportReport] = field(default_factory=list)
    made_ready: int = 0
    held: int = 0
    for_the_picker: list[str] = field(default_factory=list)  # the pick lists left to pick


def is_empty(db: Database) -> bool:
    """Whether the database has neither products nor orders."""
    return store.is_empty(db)


def load_demo(db: Database) -> DemoReport:
    """Imports the demo files (its orders validated and allocated as any import), then picks
    the demo's own allocated orders and holds two of them."""
    report = DemoReport()
    # a rate table of the warehouse's own is kept as it is: the demo's carriers would join its
    # choice of carrier (and a carrier of the same code would get the demo's rates)
    keep_rates = store.has_carriers(db)
    for kind, name, fmt in FILES:
        if kind in RATE_TABLE and keep_rates:
            log.info("demo: the database has a rate table; %s not imported", name)
            continue
        # the demo's stock must not allocate orders waiting in the database: they are not the demo's
        report.imports.append(import_file(db, kind, resource("demo", name), fmt, allocate_waiting=False))
    created = [n for r in report.imports if r.kind == "orders" for n in r.created_numbers]
    uow = SqlUnitOfWork(db)
    with uow:
        to_pick = []
        for order in uow.orders.in_status((OrderStatus.ALLOCATED.value, OrderStatus.VALIDATED.value), created):
            if order.number in HELD:
                holds.hold_in(uow, order, [HoldReason(HoldKind.SUPERVISOR, HELD[order.number])], user="demo")
                report.held += 1
            elif order.status == OrderStatus.ALLOCATED.value:
                to_pick.append(order.number)
        # the demo stands in for the pickers through the same flow: a list per order (their
        # totes stay the demo's), each confirmed picked; the last few wait on a list of their own
        to_pick, left = to_pick[:-FOR_THE_PICKER], to_pick[-FOR_THE_PICKER:]
        for made in waves.create_in(uow, "single", user="demo", numbers=to_pick) if to_pick else []:
            report.made_ready += len(picking.confirm_in(uow, made.code, user="demo").picked_orders)
        if left:
            report.for_the_picker = [made.code for made in waves.create_in(
                uow, "batch", max_orders=FOR_THE_PICKER, user="demo", numbers=left)]
        uow.commit()
    log.info("demo: %d orders ready to pack, %d on hold, pick lists %s for the picker", report.made_ready,
             report.held, report.for_the_picker)
    return report

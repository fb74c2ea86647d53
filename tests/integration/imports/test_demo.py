"""The demo data set is realistic enough to pack from, and loads through the import code."""
from __future__ import annotations

import csv
import json

from sqlalchemy import func, select

from app.store.models import Box, Location, Order, OrderEvent, Product, ProductBarcode, Stock, User
from app.store.session import Database
from app.imports.demo import is_empty, load_demo
from app.imports.reading import valid_gtin
from app.paths import resource


def test_demo_files_have_valid_gtins_and_orders_of_one_to_twelve_units() -> None:
    with resource("demo", "products.csv").open(encoding="utf-8") as fh:
        products = list(csv.DictReader(fh))
    assert len(products) >= 30
    assert all(valid_gtin(p["gtin"]) and len(p["gtin"]) == 13 for p in products)
    cases = [p for p in products if p["case_gtin"]]
    assert cases and all(valid_gtin(p["case_gtin"]) and p["case_quantity"] in ("6", "12") for p in cases)
    assert any(p["lot_tracked"] == "True" for p in products) and any(p["serial_tracked"] == "True" for p in products)
    for p in products:
        if p["image"]:
            assert resource(p["image"]).is_file(), p["image"]
    orders = json.loads(resource("demo", "orders.json").read_text(encoding="utf-8"))
    assert all(1 <= sum(l["quantity"] for l in o["lines"]) <= 12 for o in orders)
    names = " ".join(o["ship_to"]["name"] for o in orders)
    assert any("\u0400" <= ch <= "\u04ff" for ch in names) and any("\u0370" <= ch <= "\u03ff" for ch in names)
    assert any(o.get("gift_message") for o in orders)


def test_loading_the_demo_gives_the_stations_a_queue(db: Database) -> None:
    assert is_empty(db)
    report = load_demo(db)
    assert not is_empty(db)
    with db.read() as session:
        def n(model: type) -> int:
            return session.scalar(select(func.count()).select_from(model)) or 0
        assert n(Product) >= 30 and n(Box) == 5 and n(Location) > 0 and n(Stock) > 0
        assert n(ProductBarcode) > n(Product)  # case barcodes too
        statuses = dict(session.execute(select(Order.status, func.count()).group_by(Order.status)).all())
        roles = set(session.scalars(select(User.role)))
    # every order ready to pack but two on hold and three on the pick list left for the demo's picker
    assert statuses == {"picked": report.made_ready, "on_hold": 2, "picking": 3} and report.made_ready >= 50
    assert len(report.for_the_picker) == 1
    assert roles == {"packer", "picker", "supervisor", "admin"}
    with db.read() as session:
        events_before = session.scalar(select(func.count()).select_from(OrderEvent))
    load_demo(db)  # a second run changes nothing
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(OrderEvent)) == events_before


def test_the_demo_imports_a_rate_table_for_the_carriers_its_orders_ship_with(db: Database) -> None:
    """A try-out: the CARRIERS admin table was empty in the demo although its orders ship with
    ups, dhl, postnl, ...; every parcel went with the built-in carrier."""
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    from app.shipping import rates
    from app.store.uow import SqlUnitOfWork

    load_demo(db)
    uow = SqlUnitOfWork(db)
    with uow:
        table = uow.carriers.table()
    with db.read() as session:
        shipped_with = {c.lower() for c in session.scalars(select(Order.carrier)) if c}
        destinations = {(o.ship_to.country, o.ship_to.postcode) for o in session.scalars(select(Order)) if o.ship_to}
    assert {"ups", "dhl", "postnl"} <= {c.code for c in table.carriers}
    assert shipped_with <= {c.code for c in table.carriers}, shipped_with
    now = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
    for country, postcode in destinations:  # a parcel of every order finds a service and a price
        choice = rates.choose(table, rates.Parcel(country, postcode, 1200, (300, 200, 150)), now,
                              ZoneInfo("Europe/Berlin"), None)
        assert choice is not None, country
    picked = {rates.choose(table, rates.Parcel(country, postcode, 1200, None), now, ZoneInfo("Europe/Berlin"),
                           None).option.carrier.code for country, postcode in destinations}
    assert len(picked) > 1, picked  # the cheapest differs by destination: a choice, not one carrier


def test_the_demo_keeps_a_rate_table_the_database_has(db: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The demo's carriers never join (or re-price) a warehouse's own rate table."""
    from app.imports import import_file
    from app.store.uow import SqlUnitOfWork

    path = tmp_path / "carriers.csv"
    path.write_text("carrier,service,level,transit_days,cutoff\nOWN,standard,standard,2,16:00\n", encoding="utf-8")
    import_file(db, "carriers", path, "csv")
    load_demo(db)
    uow = SqlUnitOfWork(db)
    with uow:
        table = uow.carriers.table()
    assert [c.code for c in table.carriers] == ["OWN"] and not table.rates

"""From an imported order to a packable one, on SQLite and PostgreSQL: validation with typed
holds, allocation by priority then SLA and FEFO, release and cancel, stock arriving, stock show."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli.main import main
from app.orders.settings import OrderSettings
from app.store.models import Location, Order, OrderEvent, OrderHold, Product, Stock, StockHold
from app.store.session import Database
from tests.integration.orders.warehouse import import_orders, order_row, stock_up, write


def statuses(db: Database) -> dict[str, str]:
    with db.read() as session:
        return dict(session.execute(select(Order.number, Order.status)).all())


def moves(db: Database, number: str) -> list[tuple[str | None, str | None]]:
    with db.read() as session:
        order_id = session.scalar(select(Order.id).where(Order.number == number))
        return [tuple(r) for r in session.execute(  # type: ignore[misc]
            select(OrderEvent.from_status, OrderEvent.to_status).where(
                OrderEvent.order_id == order_id, OrderEvent.kind == "StatusChanged").order_by(OrderEvent.id))]


def held_at(db: Database, number: str) -> dict[str, int]:
    with db.read() as session:
        rows = session.execute(select(Location.code, StockHold.quantity).join(Stock, Stock.id == StockHold.stock_id)
                               .join(Location, Location.id == Stock.location_id).join(Order, Order.id == StockHold.order_id)
                               .where(Order.number == number, StockHold.status == "held")).all()
    return {code: quantity for code, quantity in rows}


def allocated_of(db: Database, sku: str) -> int:
    with db.read() as session:
        return sum(session.scalars(select(Stock.allocated).join(Product).where(Product.sku == sku)))


def packdesk(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_users_own_paid_domestic_orders_are_validated_and_allocated_by_the_import(
        db: Database, tmp_path: Path) -> None:
    stock_up(db, tmp_path)
    report = import_orders(db, tmp_path, order_row("WEB-1", quantity=2) + order_row("WEB-2", "VIT-C-100", 1))
    assert statuses(db) == {"WEB-1": "allocated", "WEB-2": "allocated"}
    assert moves(db, "WEB-1") == [("captured", "validated"), ("validated", "allocated")]
    assert report.notes[0] == "orders: 2 allocated"
    assert allocated_of(db, "MUG-BLUE-350") == 2


def test_an_order_that_fails_validation_is_imported_and_held_with_typed_reasons(db: Database, tmp_path: Path) -> None:
    stock_up(db, tmp_path)
    report = import_orders(db, tmp_path, order_row("WEB-1") + order_row("WEB-2", country="XX")
                           + order_row("WEB-3", payment="pending"))
    assert report.created == 3
    assert statuses(db) == {"WEB-1": "allocated", "WEB-2": "on_hold", "WEB-3": "on_hold"}
    with db.read() as session:
        kinds = dict(session.execute(select(Order.number, OrderHold.kind).join(Order)).all())
    assert kinds == {"WEB-2": "address", "WEB-3": "payment"}
    assert allocated_of(db, "MUG-BLUE-350") == 1  # held orders take no stock


def test_orders_held_in_one_batch_are_written_as_a_hold_one_at_a_time(db: Database, tmp_path: Path) -> None:
    # validation holds a batch's failing orders together: each keeps its typed reasons, its
    # OrderHeld event with them, and its status change whose reason joins them, in that order
    stock_up(db, tmp_path)
    import_orders(db, tmp_path, order_row("WEB-1", country="XX") + order_row("WEB-2", payment="pending")
                  + order_row("WEB-3", country="XX", payment="pending") + order_row("WEB-4"))
    assert statuses(db) == {"WEB-1": "on_hold", "WEB-2": "on_hold", "WEB-3": "on_hold", "WEB-4": "allocated"}
    with db.read() as session:
        reasons = session.execute(select(Order.number, OrderHold.kind, OrderHold.detail).join(Order)
                                  .order_by(OrderHold.id)).all()
        log = session.execute(select(Order.number, OrderEvent.kind, OrderEvent.detail).join(Order)
                              .where(OrderEvent.kind.in_(("OrderHeld", "StatusChanged")), Order.number == "WEB-3")
                              .order_by(OrderEvent.id)).all()
    assert [(n, k) for n, k, _ in reasons] == [("WEB-1", "address"), ("WEB-2", "payment"), ("WEB-3", "address"),
                                               ("WEB-3", "payment")]
    web3 = [d for n, _, d in reasons if n == "WEB-3"]
    assert [(kind, json.loads(detail)) for _, kind, detail in log] == [
        ("OrderHeld", {"reasons": [{"kind": "address", "detail": web3[0]}, {"kind": "payment", "detail": web3[1]}]}),
        ("StatusChanged", {"reason": f"{web3[0]}; {web3[1]}"})]
    assert moves(db, "WEB-3") == [("captured", "on_hold")]


def test_orders_show_gives_a_held_orders_reasons(db: Database, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    stock_up(db, tmp_path)
    import_orders(db, tmp_path, order_row("WEB-2", country="XX"))
    assert main(["orders", "show", "WEB-2", "--database", db.url]) == 0
    out = capsys.readouterr().out
    # the hold's event in words (the log keeps its code, OrderHeld), with its reasons
    assert re.search(r"\d\d:\d\d:\d\d held .*address: country 'XX' is not an ISO 3166 country code", out), out


def test_release_and_cancel_on_the_command_line_write_their_reasons_to_the_log(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stock_up(db, tmp_path)
    import_orders(db, tmp_path, order_row("WEB-1") + order_row("WEB-2", payment="pending"))
    url = db.url
    code, out, _ = packdesk(capsys, "orders", "release", "WEB-2", "--reason", "paid by bank transfer",
                            "--user", "sam", "--database", url)
    assert (code, out.strip()) == (0, "order WEB-2 released; it is allocated")
    code, out, _ = packdesk(capsys, "orders", "cancel", "WEB-1", "--reason", "customer called", "--user", "sam",
                            "--database", url)
    assert (code, statuses(db)) == (0, {"WEB-1": "cancelled", "WEB-2": "allocated"})
    assert allocated_of(db, "MUG-BLUE-350") == 1  # WEB-1's mug is back on the shelf
    with db.read() as session:
        logged = session.execute(select(Order.number, OrderEvent.kind, OrderEvent.username, OrderEvent.detail)
                                 .join(Order).where(OrderEvent.kind.in_(["OrderReleased", "OrderCancelled"]))
                                 .order_by(OrderEvent.id)).all()
    assert [(n, k, u, json.loads(d)["reason"]) for n, k, u, d in logged] == [
        ("WEB-2", "OrderReleased", "sam", "paid by bank transfer"), ("WEB-1", "OrderCancelled", "sam", "customer called")]
    code, _, err = packdesk(capsys, "orders", "release", "WEB-2", "--reason", "again", "--database", url)
    assert code == 2 and "WEB-2 is allocated, not on hold" in err


def test_the_last_mugs_go_by_priority_then_sla(db: Database, tmp_path: Path) -> None:
    stock_up(db, tmp_path, "sku,location,quantity\nMUG-BLUE-350,A-01-1,2\n")
    import_orders(db, tmp_path, order_row("LATE", sla="2025-03-20T17:00:00+00:00")
                  + order_row("SOON", sla="2025-03-14T12:00:00+00:00")
                  + order_row("VIP", priority=9, sla="2025-03-30T17:00:00+00:00"))
    assert statuses(db) == {"VIP": "allocated", "SOON": "allocated", "LATE": "backordered"}


def test_lot_tracked_stock_is_held_first_expiry_first_out(db: Database, tmp_path: Path) -> None:
    stock_up(db, tmp_path, "sku,location,quantity,lot,expiry\nVIT-C-100,A-01-2,5,LOT-LATE,2027-06-30\n"
                           "VIT-C-100,C-09-4,3,LOT-SOON,2026-01-31\n")
    import_orders(db, tmp_path, order_row("WEB-1", "VIT-C-100", 4))
    assert held_at(db, "WEB-1") == {"C-09-4": 3, "A-01-2": 1}
    with db.read() as session:
        lots = session.execute(select(Stock.lot, Stock.expiry).order_by(Stock.id)).all()
    assert [tuple(lot) for lot in lots] == [("LOT-LATE", date(2027, 6, 30)), ("LOT-SOON", date(2026, 1, 31))]


def test_a_stock_count_without_lot_columns_keeps_the_lots(db: Database, tmp_path: Path) -> None:
    from app.imports import import_file
    stock_up(db, tmp_path, "sku,location,quantity,lot,expiry\nVIT-C-100,C-09-4,3,LOT-SOON,2026-01-31\n")
    import_file(db, "stock", write(tmp_path, "count.csv", "sku,location,quantity\nVIT-C-100,C-09-4,2\n"))
    with db.read() as session:
        assert tuple(session.execute(select(Stock.quantity, Stock.lot)).one()) == (2, "LOT-SOON")


def test_a_stock_import_allocates_the_orders_waiting_for_stock(db: Database, tmp_path: Path) -> None:
    stock_up(db, tmp_path)
    import_orders(db, tmp_path, order_row("WEB-1", quantity=5))
    assert (statuses(db), held_at(db, "WEB-1")) == ({"WEB-1": "backordered"}, {"A-01-1": 3})
    from app.imports import import_file
    report = import_file(db, "stock", write(tmp_path, "delivery.csv", "sku,location,quantity\nMUG-BLUE-350,A-01-1,12\n"))
    assert report.notes == ["orders waiting for stock: 1 allocated"]
    assert statuses(db) == {"WEB-1": "allocated"}
    assert allocated_of(db, "MUG-BLUE-350") == 5


def test_a_channel_whose_policy_is_partial_sends_what_there_is(db: Database, tmp_path: Path) -> None:
    stock_up(db, tmp_path)
    import_orders(db, tmp_path, order_row("WEB-1", quantity=5), OrderSettings(short_stock="partial"))
    assert statuses(db) == {"WEB-1": "allocated"}
    with db.read() as session:
        order = session.scalar(select(Order).where(Order.number == "WEB-1"))
        assert [(line.quantity, line.backordered_quantity) for line in order.lines] == [(5, 2)]


def test_changing_an_allocated_order_by_import_releases_its_stock_and_allocates_it_again(
        db: Database, tmp_path: Path) -> None:
    stock_up(db, tmp_path)
    import_orders(db, tmp_path, order_row("WEB-1", quantity=1))
    import_orders(db, tmp_path, order_row("WEB-1", quantity=3), name="fixed.csv")
    assert statuses(db) == {"WEB-1": "allocated"}
    assert (held_at(db, "WEB-1"), allocated_of(db, "MUG-BLUE-350")) == ({"A-01-1": 3}, 3)


def test_stock_show_gives_on_hand_held_and_available_per_bin(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stock_up(db, tmp_path)
    import_orders(db, tmp_path, order_row("WEB-1", "VIT-C-100", 4))
    url = db.url
    code, out, _ = packdesk(capsys, "stock", "show", "VIT-C-100", "--json", "--database", url)
    shown = json.loads(out)
    assert (code, shown["on_hand"], shown["held"], shown["available"]) == (0, 8, 4, 4)
    assert [(b["location"], b["on_hand"], b["held"], b["available"]) for b in shown["bins"]] == [
        ("A-01-2", 5, 4, 1), ("C-09-4", 3, 0, 3)]
    code, _, err = packdesk(capsys, "stock", "show", "NOPE-1", "--database", url)
    assert code == 2 and "No product has SKU 'NOPE-1'" in err


def test_the_demo_goes_through_the_same_flow_and_never_changes_orders_it_did_not_create(
        db: Database, tmp_path: Path) -> None:
    from app.imports import import_file
    from app.imports.demo import load_demo
    import_file(db, "catalog", write(tmp_path, "c.csv", "sku,name,price\nMUG-350-WHT,White mug,9.90\n"))
    import_orders(db, tmp_path, order_row("USER-1", "MUG-350-WHT", 2) + order_row("USER-2", "MUG-350-WHT", 1,
                                                                                    country="XX"))
    before = statuses(db)
    with db.read() as session:
        events_before = session.scalar(select(func.count()).select_from(OrderEvent))
    assert before == {"USER-1": "backordered", "USER-2": "on_hold"}
    report = load_demo(db)
    after = statuses(db)
    assert {n: after[n] for n in before} == before  # the demo's stock did not allocate USER-1
    with db.read() as session:
        mine = session.scalar(select(func.count()).select_from(OrderEvent).join(Order)
                              .where(Order.number.in_(list(before))))
    assert mine == events_before
    assert report.made_ready >= 50 and moves(db, "PD-10001")[:2] == [("captured", "validated"),
                                                                      ("validated", "allocated")]


def test_an_order_short_of_stock_says_when_the_next_delivery_is_expected(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.imports import import_file
    stock_up(db, tmp_path)
    import_file(db, "catalog", write(tmp_path, "restock.csv", "sku,name,price,restock_date\n"
                                     "MUG-BLUE-350,Blue mug 350 ml,12.50,2026-12-01\n"))
    import_orders(db, tmp_path, order_row("WEB-1", quantity=5))
    with db.read() as session:
        short = session.scalar(select(OrderEvent.detail).where(OrderEvent.kind == "StockShort"))
    assert json.loads(short) == {"short": {"MUG-BLUE-350": 2}, "restock": {"MUG-BLUE-350": "2026-12-01"}}
    assert main(["stock", "show", "MUG-BLUE-350", "--json", "--database", db.url]) == 0
    assert json.loads(capsys.readouterr().out)["restock_date"] == "2026-12-01"

"""Pick lists and picking on SQLite and PostgreSQL: `waves create` with each strategy (walking
order, totes, zones, carrier cut-offs, held orders left off), `picks confirm` (the ledger held ->
picked, the order picked and only then packable), a short pick re-allocated or held, and the
documents' `picklist ready` on the new statuses."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli.main import main
from app.orders import picking
from app.store.models import Location, Order, OrderHold, PackException, PickLine, PickList, Stock, StockHold
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from tests.integration.orders.warehouse import import_orders, order_row, stock_up

HEADER_CARRIER = ("order_number,priority,sla_due_at,email,financial_status,shipping_total,ship_name,ship_address1,"
                  "ship_postcode,ship_city,ship_country,sku,quantity,carrier\n")
# a second aisle and zone; aisle B is walked after A (its location sequence is higher)
LOCATIONS = ("code,zone,walk_sequence\nA-01-1,A,1\nA-01-2,A,2\nA-02-1,A,3\nB-01-1,B,10\nB-01-2,B,11\n"
             "C-09-4,C,90\n")
STOCK = ("sku,location,quantity\nMUG-BLUE-350,A-01-1,3\nVIT-C-100,A-01-2,5\nVIT-C-100,C-09-4,3\n"
         "MUG-BLUE-350,B-01-2,4\n")


def packdesk(capsys: pytest.CaptureFixture[str], db: Database, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--database", db.url])
    out, err = capsys.readouterr()
    return code, out, err


def statuses(db: Database) -> dict[str, str]:
    with db.read() as session:
        return dict(session.execute(select(Order.number, Order.status)).all())


def ledger(db: Database, number: str) -> list[tuple[str, int, str]]:
    with db.read() as session:
        return sorted(tuple(r) for r in session.execute(  # type: ignore[misc]
            select(Location.code, StockHold.quantity, StockHold.status).join(Stock, Stock.id == StockHold.stock_id)
            .join(Location, Location.id == Stock.location_id).join(Order, Order.id == StockHold.order_id)
            .where(Order.number == number)).all())


def bin_counts(db: Database, location: str) -> tuple[int, int]:
    with db.read() as session:
        row = session.execute(select(Stock.quantity, Stock.allocated).join(Location)
                              .where(Location.code == location)).one()
    return row[0], row[1]


def setup(db: Database, tmp_path: Path, rows: str) -> None:
    from app.imports import import_file
    from tests.integration.orders.warehouse import CATALOG, write
    for kind, text in (("catalog", CATALOG), ("locations", LOCATIONS), ("stock", STOCK)):
        import_file(db, kind, write(tmp_path, f"{kind}.csv", text))
    import_orders(db, tmp_path, rows)


def test_single_lists_walk_the_bins_in_order_and_leave_held_orders_off(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    setup(db, tmp_path, order_row("WEB-1", "VIT-C-100", 6) + order_row("WEB-1", "MUG-BLUE-350", 1)
          + order_row("WEB-2", country="XX"))
    assert statuses(db) == {"WEB-1": "allocated", "WEB-2": "on_hold"}
    code, out, err = packdesk(capsys, db, "waves", "create", "--strategy", "single", "--json")
    assert code == 0, err
    made = json.loads(out)
    assert [[o["number"] for o in m["orders"]] for m in made] == [["WEB-1"]]  # never the held order
    assert made[0]["lines"] == 3 and made[0]["units"] == 7
    assert statuses(db) == {"WEB-1": "picking", "WEB-2": "on_hold"}
    with db.read() as session:
        walked = session.execute(select(Location.code).select_from(PickLine).join(Stock, Stock.id == PickLine.stock_id)
                                 .join(Location).order_by(PickLine.seq)).scalars().all()
    assert walked == ["A-01-1", "A-01-2", "C-09-4"]  # the FEFO/walk bins, in walking order


def test_batch_gives_each_order_a_tote_and_max_orders_splits_the_lists(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    setup(db, tmp_path, order_row("WEB-1") + order_row("WEB-2") + order_row("WEB-3", "VIT-C-100", 1))
    code, out, _ = packdesk(capsys, db, "waves", "create", "--strategy", "batch", "--max-orders", "2", "--json")
    made = json.loads(out)
    assert [len(m["orders"]) for m in made] == [2, 1]
    totes = [o["tote"] for m in made for o in m["orders"]]
    assert len(set(totes)) == 3 and all(t and t.startswith(m["code"]) for m in made for t in
                                        [o["tote"] for o in m["orders"]])
    with db.read() as session:
        assert sorted(session.execute(select(Order.tote)).scalars()) == sorted(totes)


def test_zone_splits_an_order_by_zone_and_it_is_picked_when_every_zone_is(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    setup(db, tmp_path, order_row("WEB-1", "VIT-C-100", 6) + order_row("WEB-1", "MUG-BLUE-350", 1))
    _, out, _ = packdesk(capsys, db, "waves", "create", "--strategy", "zone", "--json")
    made = json.loads(out)
    assert [m["zone"] for m in made] == ["A", "C"]
    assert {o["tote"] for m in made for o in m["orders"]} == {made[0]["orders"][0]["tote"]}  # one tote meets
    code, out, err = packdesk(capsys, db, "picks", "confirm", made[0]["code"], "--json")
    assert code == 0, err
    assert json.loads(out)["picked_orders"] == [] and statuses(db)["WEB-1"] == "picking"
    _, out, _ = packdesk(capsys, db, "picks", "confirm", made[1]["code"], "--json")
    assert json.loads(out)["picked_orders"] == ["WEB-1"] and statuses(db)["WEB-1"] == "picked"


def test_wave_groups_by_carrier_and_cutoff(db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = "".join(order_row(n, sla=sla).rstrip("\n") + f",{carrier}\n" for n, sla, carrier in (
        ("WEB-1", "2025-03-14T17:00:00+00:00", "dhl"), ("WEB-2", "2025-03-14T12:30:00+00:00", "ups"),
        ("WEB-3", "2025-03-14T17:20:00+00:00", "dhl"), ("WEB-4", "2025-03-14T12:10:00+00:00", "dhl")))
    stock_up(db, tmp_path)
    from tests.integration.orders.warehouse import write
    from app.imports import import_file
    import_file(db, "stock", write(tmp_path, "more.csv", "sku,location,quantity\nMUG-BLUE-350,A-01-1,9\n"))
    import_file(db, "orders", write(tmp_path, "o.csv", HEADER_CARRIER + rows))
    _, out, _ = packdesk(capsys, db, "waves", "create", "--strategy", "wave", "--json")
    made = json.loads(out)
    groups = [(m["wave"].split(" ", 1)[1], [o["number"] for o in m["orders"]]) for m in made]
    assert groups == [("dhl 2025-03-14 12:00", ["WEB-4"]), ("ups 2025-03-14 12:00", ["WEB-2"]),
                      ("dhl 2025-03-14 17:00", ["WEB-1", "WEB-3"])]
    _, out, _ = packdesk(capsys, db, "waves", "create", "--strategy", "wave", "--carrier", "ups", "--json")
    assert json.loads(out) == []  # already on a list


def test_picks_confirm_moves_the_ledger_and_only_then_the_station_may_take_the_order(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.orders.claims import claim_next
    setup(db, tmp_path, order_row("WEB-1", quantity=2))
    assert claim_next(SqlUnitOfWork(db), "PACK-01", "pat") is None  # allocated is not packable
    _, out, _ = packdesk(capsys, db, "waves", "create", "--strategy", "single", "--json")
    code = json.loads(out)[0]["code"]
    assert claim_next(SqlUnitOfWork(db), "PACK-01", "pat") is None  # nor picking
    assert ledger(db, "WEB-1") == [("A-01-1", 2, "held")]
    rc, out, _ = packdesk(capsys, db, "picks", "confirm", code)
    assert rc == 0 and "picked, ready to pack: WEB-1" in out
    assert ledger(db, "WEB-1") == [("A-01-1", 2, "picked")]
    assert statuses(db)["WEB-1"] == "picked"
    assert claim_next(SqlUnitOfWork(db), "PACK-01", "pat").number == "WEB-1"  # type: ignore[union-attr]
    rc, out, _ = packdesk(capsys, db, "picks", "confirm", code)  # again: nothing left, nothing breaks
    assert rc == 0 and "0 line(s)" in out


def test_bad_wave_and_pick_requests_get_one_clear_message(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    rc, _, err = packdesk(capsys, db, "picks", "confirm", "PL-999999")
    assert rc == 2 and "No pick list is called 'PL-999999'" in err and "Traceback" not in err
    rc, _, err = packdesk(capsys, db, "waves", "create", "--strategy", "batch", "--max-orders", "0")
    assert rc == 2 and "--max-orders must be 1 or more" in err
    rc, out, _ = packdesk(capsys, db, "waves", "create", "--strategy", "batch")
    assert rc == 0 and "no allocated order to pick" in out


def test_a_short_pick_is_reallocated_from_another_bin(db: Database, tmp_path: Path) -> None:
    setup(db, tmp_path, order_row("WEB-1", quantity=3))
    from app.orders import waves
    made = waves.create(SqlUnitOfWork(db), "single")
    uow = SqlUnitOfWork(db)
    with uow:
        sheet = picking.sheet_in(uow, made[0].code)
        short = picking.short_in(uow, made[0].code, sheet.lines[0].id, 1, user="dmitri")
        uow.commit()
    assert short.reallocated == ["B-01-2"] and not short.held
    assert bin_counts(db, "A-01-1") == (1, 1)  # the count corrected: 1 found, 1 picked for WEB-1
    with uow:
        sheet = picking.sheet_in(uow, made[0].code)
        assert [(l.location, l.quantity, l.status) for l in sheet.lines] == [("A-01-1", 3, "short"),
                                                                            ("B-01-2", 2, "open")]
        picking.pick_in(uow, made[0].code, sheet.lines[1].id, 2, user="dmitri")
        uow.commit()
    assert statuses(db)["WEB-1"] == "picked"
    assert ledger(db, "WEB-1") == [("A-01-1", 1, "picked"), ("A-01-1", 3, "released"), ("B-01-2", 2, "picked")]
    with db.read() as session:
        assert session.scalars(select(PackException.kind)).all() == ["short_pick"]  # its own kind in the queue, not a PROBLEM


def test_a_short_pick_with_no_stock_elsewhere_holds_the_order(db: Database, tmp_path: Path) -> None:
    setup(db, tmp_path, order_row("WEB-1", quantity=7))  # 3 + 4 in two bins: all of it
    from app.orders import waves
    made = waves.create(SqlUnitOfWork(db), "single")
    uow = SqlUnitOfWork(db)
    with uow:
        sheet = picking.sheet_in(uow, made[0].code)
        short = picking.short_in(uow, made[0].code, sheet.lines[0].id, 2, user="dmitri")
        uow.commit()
    assert short.held and short.reallocated == []
    assert statuses(db)["WEB-1"] == "on_hold"
    with db.read() as session:
        assert session.scalars(select(OrderHold.kind)).all() == ["short_pick"]


def test_documents_picklist_ready_lists_the_allocated_orders_never_a_held_one(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.store.models import PickListOrder
    setup(db, tmp_path, order_row("WEB-1") + order_row("WEB-2", country="XX"))
    out = tmp_path / "ready.pdf"
    code = main(["documents", "picklist", "ready", "--database", db.url, "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF")
    with db.read() as session:
        listed = session.execute(select(Order.number).join(PickListOrder, PickListOrder.order_id == Order.id)).all()
    assert [n for (n,) in listed] == ["WEB-1"]


def test_a_supervisor_releases_a_short_picked_order_and_it_goes_on_as_picked(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    setup(db, tmp_path, order_row("WEB-1", quantity=7))
    from app.orders import waves
    made = waves.create(SqlUnitOfWork(db), "single")
    uow = SqlUnitOfWork(db)
    with uow:
        lines = picking.sheet_in(uow, made[0].code).lines
        picking.short_in(uow, made[0].code, lines[0].id, 2, user="dmitri")
        uow.commit()
    with uow:
        second = picking.sheet_in(uow, made[0].code).lines[1]
        picking.pick_in(uow, made[0].code, second.id, second.quantity, user="dmitri")
        uow.commit()
    assert statuses(db)["WEB-1"] == "on_hold"  # a held order is not picked by its last line
    rc, out, err = packdesk(capsys, db, "orders", "release", "WEB-1", "--reason", "ship what we have")
    assert rc == 0, err
    assert statuses(db)["WEB-1"] == "picked"


def test_shipping_lowers_the_bins_on_hand(db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.orders import lifecycle
    from app.store.models import OrderLine
    setup(db, tmp_path, order_row("WEB-1", quantity=2))
    _, out, _ = packdesk(capsys, db, "waves", "create", "--strategy", "single", "--json")
    packdesk(capsys, db, "picks", "confirm", json.loads(out)[0]["code"])
    with db.session() as session, session.begin():  # as a packing station leaves it
        session.execute(OrderLine.__table__.update().values(packed_quantity=OrderLine.quantity))
        session.execute(Order.__table__.update().values(status="packed"))
    uow = SqlUnitOfWork(db)
    with uow:
        lifecycle.change_status(uow, uow.orders.get("WEB-1"), "shipped", user="dispatch")  # type: ignore[arg-type]
        uow.commit()
    assert bin_counts(db, "A-01-1") == (1, 0)
    assert ledger(db, "WEB-1") == [("A-01-1", 2, "shipped")]


def test_the_demo_picks_its_orders_through_waves(db: Database) -> None:
    from app.imports.demo import load_demo
    from app.store.models import OrderEvent
    report = load_demo(db)
    with db.read() as session:
        picked = set(session.scalars(select(Order.id).where(Order.status == "picked")))
        waved = set(session.scalars(select(OrderEvent.order_id).where(OrderEvent.kind == "Waved")))
        left = set(session.scalars(select(PickLine.status).join(PickList).where(PickList.code.in_(report.for_the_picker))))
        others = set(session.scalars(select(PickLine.status).join(PickList).where(PickList.code.not_in(report.for_the_picker))))
    assert report.made_ready == len(picked) > 0
    assert picked <= waved and others == {"picked"} and left == {"open"}  # the picker's list is still to pick


def test_waves_made_at_once_never_put_an_order_on_two_lists(db: Database, tmp_path: Path) -> None:
    import threading

    from app.orders import waves
    from app.store.models import PickListOrder
    setup(db, tmp_path, "".join(order_row(f"WEB-{i}", "VIT-C-100", 1) for i in range(6)))
    start, made, errors = threading.Barrier(4), [], []

    def wave() -> None:
        start.wait()
        try:
            made.extend(waves.create(SqlUnitOfWork(db), "batch", max_orders=2))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=wave) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with db.read() as session:
        listed = session.scalars(select(PickListOrder.order_id)).all()
    assert len(listed) == len(set(listed)) == 6
    assert sorted(o["number"] for m in made for o in m.orders) == sorted(f"WEB-{i}" for i in range(6))


def test_two_pickers_on_one_line_never_pick_it_twice(db: Database, tmp_path: Path) -> None:
    from app.orders import waves
    from app.orders.errors import BadWaveRequest
    setup(db, tmp_path, order_row("WEB-1", quantity=2))
    code = waves.create(SqlUnitOfWork(db), "single")[0].code
    first, second = SqlUnitOfWork(db), SqlUnitOfWork(db)
    with first:
        line = picking.sheet_in(first, code).lines[0]
        picking.pick_in(first, code, line.id, 2, user="kim")
        first.commit()
    with second:  # the second picker's screen still showed the line open
        assert not second.picks.mark(line.id, 2, "picked", "lee", was=0)
        with pytest.raises(BadWaveRequest, match="not open"):
            picking.pick_in(second, code, line.id, 2, user="lee")
    assert ledger(db, "WEB-1") == [("A-01-1", 2, "picked")]


def test_a_wave_pauses_the_collector_while_it_plans_and_not_after(
        db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # app.heap.batch: a wave of thousands of orders makes their stops and lists at once
    import gc

    from app.orders import waves

    setup(db, tmp_path, order_row("WEB-1", "VIT-C-100", 2) + order_row("WEB-2", "MUG-BLUE-350", 1))
    collecting: list[bool] = []
    planned = waves.plan_lists

    def plan_lists(*args, **kwargs):  # type: ignore[no-untyped-def]
        collecting.append(gc.isenabled())
        return planned(*args, **kwargs)

    monkeypatch.setattr(waves, "plan_lists", plan_lists)
    assert gc.isenabled()
    made = waves.create(SqlUnitOfWork(db), "batch", user="ana")
    assert len(made) == 1 and collecting == [False]
    assert gc.isenabled()

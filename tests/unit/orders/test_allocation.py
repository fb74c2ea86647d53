"""Allocation, release and cancel on the in-memory unit of work: priority then SLA, FEFO, walking
order, backorder and partial per channel, holds released on cancel, packing from allocated."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone
from typing import Any

import pytest

from app.addresses import AddressData
from app.orders import holds, pipeline
from app.orders.claims import claim_next
from app.orders.errors import NotOnHold, ReasonRequired
from app.orders.settings import OrderSettings
from app.orders.status import IllegalStatusChange
from app.unit_of_work import ProductRecord
from tests.unit.fake_store import FakeStore, FakeUnitOfWork

HAMBURG = AddressData("Ada Lovelace", ("Lagerstrasse 1",), "20095", "Hamburg", "DE")
PICKED, PARTIAL = OrderSettings(), OrderSettings(short_stock="partial")
AT_STATION = OrderSettings(pack_from="allocated")


def at(day: int) -> datetime:
    return datetime(2025, 3, day, 17, tzinfo=timezone.utc)


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def uow(store: FakeStore) -> FakeUnitOfWork:
    return FakeUnitOfWork(store)


@pytest.fixture
def mug(store: FakeStore) -> ProductRecord:
    return store.add_product(ProductRecord(store.new_id(), "MUG-BLUE-350", "Blue mug 350 ml"))


@pytest.fixture
def vitamins(store: FakeStore) -> ProductRecord:
    return store.add_product(ProductRecord(store.new_id(), "VIT-C-100", "Vitamin C tablets", lot_tracked=True))


def validated(store: FakeStore, number: str, lines: list, **header: object):
    return store.add_order(number, lines, status="validated", ship_to=HAMBURG, **header)


def status(uow: FakeUnitOfWork, number: str) -> str:
    with uow:
        order = uow.orders.get(number)
        assert order is not None
        return order.status


def held_units(store: FakeStore, number: str) -> dict[str, int]:
    order = next(o for o in store.tables.orders.values() if o.number == number)
    bins = store.tables.bins
    return {bins[h.stock_id].location: h.quantity for h in store.tables.stock_holds.values()
            if h.order_id == order.id and h.status == "held"}


def test_the_last_mug_goes_to_the_higher_priority_order(store, uow, mug) -> None:
    store.add_bin(mug, "A-01-1", 1)
    validated(store, "PD-1001", [(mug, 1)], priority=0, sla_due_at=at(1))
    validated(store, "PD-1002", [(mug, 1)], priority=5, sla_due_at=at(9))
    pipeline.allocate(uow, None, PICKED)
    assert status(uow, "PD-1002") == "allocated"
    assert status(uow, "PD-1001") == "backordered"


def test_at_equal_priority_the_last_mug_goes_to_the_earlier_sla(store, uow, mug) -> None:
    store.add_bin(mug, "A-01-1", 1)
    validated(store, "PD-1001", [(mug, 1)], sla_due_at=at(9))
    validated(store, "PD-1002", [(mug, 1)], sla_due_at=at(2))
    pipeline.allocate(uow, None, PICKED)
    assert status(uow, "PD-1002") == "allocated"
    assert status(uow, "PD-1001") == "backordered"


def test_lot_tracked_vitamins_are_held_first_expiry_first(store, uow, vitamins) -> None:
    store.add_bin(vitamins, "A-01-1", 5, walk_sequence=1, lot="LOT-LATE", expiry=date(2027, 6, 30))
    store.add_bin(vitamins, "C-09-4", 3, walk_sequence=90, lot="LOT-SOON", expiry=date(2026, 1, 31))
    validated(store, "PD-1001", [(vitamins, 4)])
    pipeline.allocate(uow, None, PICKED)
    assert held_units(store, "PD-1001") == {"C-09-4": 3, "A-01-1": 1}


def test_mugs_are_held_in_walking_order(store, uow, mug) -> None:
    store.add_bin(mug, "C-09-4", 5, walk_sequence=90)
    store.add_bin(mug, "A-01-1", 3, walk_sequence=1)
    validated(store, "PD-1001", [(mug, 4)])
    pipeline.allocate(uow, None, PICKED)
    assert held_units(store, "PD-1001") == {"A-01-1": 3, "C-09-4": 1}


def test_short_stock_backorders_keeping_what_it_got_until_stock_arrives(store, uow, mug) -> None:
    shelf = store.add_bin(mug, "A-01-1", 2)
    validated(store, "PD-1001", [(mug, 5)])
    pipeline.allocate(uow, None, PICKED)
    assert (status(uow, "PD-1001"), held_units(store, "PD-1001")) == ("backordered", {"A-01-1": 2})
    store.tables.bins[shelf.id] = replace(store.tables.bins[shelf.id], quantity=10)  # a delivery
    pipeline.allocate(uow, None, PICKED)
    assert status(uow, "PD-1001") == "allocated"
    assert sum(h.quantity for h in store.tables.stock_holds.values() if h.status == "held") == 5


def test_partial_policy_sends_what_there_is_and_backorders_the_rest_on_the_line(store, uow, mug) -> None:
    store.add_bin(mug, "A-01-1", 2)
    order = validated(store, "PD-1001", [(mug, 5)])
    pipeline.allocate(uow, None, PARTIAL)
    assert status(uow, "PD-1001") == "allocated"
    assert [l.backordered_quantity for l in store.tables.lines.values() if l.order_id == order.id] == [3]


def test_partial_policy_with_no_stock_at_all_backorders_the_order(store, uow, mug) -> None:
    validated(store, "PD-1001", [(mug, 5)])
    pipeline.allocate(uow, None, PARTIAL)
    assert status(uow, "PD-1001") == "backordered"


def test_stock_is_never_held_twice(store, uow, mug) -> None:
    store.add_bin(mug, "A-01-1", 3)
    for n in range(5):
        validated(store, f"PD-10{n}", [(mug, 1)])
    pipeline.allocate(uow, None, PICKED)
    assert sum(h.quantity for h in store.tables.stock_holds.values()) == 3
    assert next(iter(store.tables.bins.values())).allocated == 3


def test_cancelling_an_allocated_order_releases_its_holds(store, uow, mug) -> None:
    shelf = store.add_bin(mug, "A-01-1", 3)
    validated(store, "PD-1001", [(mug, 2)])
    pipeline.allocate(uow, None, PICKED)
    holds.cancel(uow, "PD-1001", "customer changed their mind", user="sam")
    assert status(uow, "PD-1001") == "cancelled"
    assert store.tables.bins[shelf.id].allocated == 0
    assert {h.status for h in store.tables.stock_holds.values()} == {"released"}
    cancelled = [e for e in store.tables.events if e["kind"] == "OrderCancelled"]
    assert cancelled[0]["user"] == "sam" and cancelled[0]["detail"]["reason"] == "customer changed their mind"


def test_an_order_being_packed_cannot_be_cancelled(store, uow, mug) -> None:
    store.add_order("PD-1001", [(mug, 1)], status="packing")
    with pytest.raises(IllegalStatusChange, match="PD-1001 is packing"):
        holds.cancel(uow, "PD-1001", "too late")


def test_a_cancel_without_a_reason_is_refused(store, uow, mug) -> None:
    validated(store, "PD-1001", [(mug, 1)])
    with pytest.raises(ReasonRequired, match="--reason"):
        holds.cancel(uow, "PD-1001", "  ")


def test_validation_holds_a_bad_order_with_typed_reasons_and_release_sends_it_on_to_allocation(
        store, uow, mug) -> None:
    store.add_bin(mug, "A-01-1", 3)
    store.add_order("PD-1001", [(mug, 1)], status="captured", ship_to=replace(HAMBURG, country="XX"))
    outcome = pipeline.validate(uow, None, PICKED)
    assert outcome.statuses == {"on_hold": 1}
    assert [h.kind for h in store.tables.order_holds.values()] == ["address"]
    assert holds.release(uow, "PD-1001", "phoned the customer: Germany", PICKED, user="sam") == "allocated"
    assert all(h.released_by == "sam" for h in store.tables.order_holds.values())
    moves = [(e["from_status"], e["to_status"]) for e in store.tables.events if e["kind"] == "StatusChanged"]
    assert moves == [("captured", "on_hold"), ("on_hold", "validated"), ("validated", "allocated")]
    assert [e["detail"]["reason"] for e in store.tables.events if e["kind"] == "OrderReleased"] == [
        "phoned the customer: Germany"]


def test_an_order_not_on_hold_cannot_be_released(store, uow, mug) -> None:
    validated(store, "PD-1001", [(mug, 1)])
    with pytest.raises(NotOnHold, match="PD-1001 is validated"):
        holds.release(uow, "PD-1001", "why not", PICKED)


def test_a_refunded_order_is_cancelled_at_validation(store, uow, mug) -> None:
    store.add_order("PD-1001", [(mug, 1)], status="captured", ship_to=HAMBURG, financial_status="refunded")
    assert pipeline.validate(uow, None, PICKED).statuses == {"cancelled": 1}


def test_packed_from_allocated_an_allocated_order_is_in_the_stations_queue(store, uow, mug) -> None:
    store.add_bin(mug, "A-01-1", 3)
    validated(store, "PD-1001", [(mug, 1)])
    pipeline.allocate(uow, None, AT_STATION)
    claim = claim_next(uow, "PACK-01", "pat")
    assert claim is not None and claim.number == "PD-1001"


def test_packed_from_picked_an_allocated_order_waits_for_picking(store, uow, mug) -> None:
    store.add_bin(mug, "A-01-1", 3)
    validated(store, "PD-1001", [(mug, 1)])
    pipeline.allocate(uow, None, PICKED)
    assert status(uow, "PD-1001") == "allocated"
    assert claim_next(uow, "PACK-01", "pat") is None


def test_a_released_pack_from_allocated_goes_back_to_allocated(store, uow, mug) -> None:
    from app.orders import claims
    store.add_bin(mug, "A-01-1", 3)
    validated(store, "PD-1001", [(mug, 1)])
    pipeline.allocate(uow, None, AT_STATION)
    claims.claim_next(uow, "PACK-01", "pat")
    claims.release(uow, "PD-1001", "PACK-01", user="pat")
    assert status(uow, "PD-1001") == "allocated"


def _packed(store, number: str, units: dict[str, int] | None = None) -> None:
    """The order packed (every unit, or `units` by SKU), as a station leaves it."""
    order = next(o for o in store.tables.orders.values() if o.number == number)
    for line in [l for l in store.tables.lines.values() if l.order_id == order.id]:
        packed = line.quantity if units is None else units.get(line.sku, 0)
        store.tables.lines[line.id] = replace(line, packed_quantity=packed)
    store.tables.orders[order.id] = replace(order, status="packed")


def test_picking_then_shipping_an_order_lowers_the_stock_on_hand(store, uow, mug) -> None:
    from app.orders import allocation, lifecycle
    shelf = store.add_bin(mug, "A-01-1", 5)
    validated(store, "PD-1001", [(mug, 2)])
    pipeline.allocate(uow, None, PICKED)
    with uow:
        allocation.picked_in(uow, uow.orders.get("PD-1001"), user="dmitri")
        uow.commit()
    assert (store.tables.bins[shelf.id].quantity, store.tables.bins[shelf.id].allocated) == (5, 2)
    _packed(store, "PD-1001")
    with uow:  # any path to shipped goes through the lifecycle, which lowers on-hand
        lifecycle.change_status(uow, uow.orders.get("PD-1001"), "shipped", user="dispatch")
        uow.commit()
    assert (store.tables.bins[shelf.id].quantity, store.tables.bins[shelf.id].allocated) == (3, 0)
    assert {h.status for h in store.tables.stock_holds.values()} == {"shipped"}
    assert any(e["kind"] == "StockShipped" and e["detail"] == {"units": 2} for e in store.tables.events)


def test_a_partial_shipment_ships_what_was_packed_and_keeps_the_rest_held(store, uow, mug) -> None:
    from app.orders import lifecycle
    shelf = store.add_bin(mug, "A-01-1", 5)
    validated(store, "PD-1001", [(mug, 3)])
    pipeline.allocate(uow, None, AT_STATION)
    _packed(store, "PD-1001", {mug.sku: 1})
    with uow:
        lifecycle.change_status(uow, uow.orders.get("PD-1001"), "shipped")
        uow.commit()
    # one unit left the building; two stay held for the backorder
    assert (store.tables.bins[shelf.id].quantity, store.tables.bins[shelf.id].allocated) == (4, 2)
    assert sorted((h.status, h.quantity) for h in store.tables.stock_holds.values()) == [
        ("held", 2), ("released", 3), ("shipped", 1)]


def test_validating_again_sends_on_an_order_held_by_validation_that_now_passes(store, uow, mug) -> None:
    store.add_bin(mug, "A-01-1", 3)
    order = store.add_order("PD-1001", [(mug, 1)], status="captured", ship_to=replace(HAMBURG, postcode="2009"))
    assert pipeline.validate(uow, ["PD-1001"], PICKED).statuses == {"on_hold": 1}
    store.tables.orders[order.id] = replace(store.tables.orders[order.id], ship_to=HAMBURG)  # the address fixed
    assert pipeline.validate(uow, ["PD-1001"], PICKED).statuses == {"allocated": 1}
    assert [h.release_reason for h in store.tables.order_holds.values()] == ["passed validation"]


def test_validating_again_leaves_an_order_a_supervisor_held(store, uow, mug) -> None:
    store.add_bin(mug, "A-01-1", 3)
    validated(store, "PD-1001", [(mug, 1)])
    pipeline.allocate(uow, None, PICKED)
    holds.hold(uow, "PD-1001", "customer asked to wait", user="sam")
    assert pipeline.validate(uow, ["PD-1001"], PICKED).statuses == {"on_hold": 1}


def test_cancelling_an_order_being_picked_takes_it_off_its_pick_list(store, uow, mug) -> None:
    from app.orders import waves
    shelf = store.add_bin(mug, "A-01-1", 5)
    validated(store, "PD-1001", [(mug, 2)])
    pipeline.allocate(uow, None, PICKED)
    made = waves.create(uow, "single")
    assert status(uow, "PD-1001") == "picking" and made[0].lines == 1
    holds.cancel(uow, "PD-1001", "customer changed their mind", user="sofia")
    assert [l.status for l in store.tables.pick_lines.values()] == ["cancelled"]
    assert (store.tables.bins[shelf.id].quantity, store.tables.bins[shelf.id].allocated) == (5, 0)


@pytest.mark.parametrize("rule_on, expected", [(True, "on_hold"), (False, "allocated")])
def test_the_first_order_rule_counts_the_customers_orders_only_when_it_is_on(store, uow, mug, rule_on: bool,
                                                                           expected: str) -> None:
    from app.orders.settings import ValidationRules
    store.add_bin(mug, "A-01-1", 3)
    store.add_order("PD-1001", [(mug, 1)], status="captured", ship_to=HAMBURG, email="new@example.org",
                    total=mug.price)
    settings = OrderSettings(rules=ValidationRules(review_first_order=rule_on, review_address_mismatch=False))
    assert pipeline.validate(uow, ["PD-1001"], settings).statuses == {expected: 1}


def test_a_second_hold_on_an_order_already_on_hold_adds_its_reason(store, uow, mug) -> None:
    """A second short pick (or a supervisor's hold on a held order) must not fail on
    on_hold -> on_hold: the order stays on hold with both reasons, and one release frees it."""
    validated(store, "W1", [(mug, 1)])
    holds.hold(uow, "W1", "address to check", user="sam")
    holds.hold(uow, "W1", "customer called", user="sam")
    assert status(uow, "W1") == "on_hold"
    open_reasons = [h for h in store.tables.order_holds.values() if h.released_at is None]
    assert sorted(h.detail for h in open_reasons) == ["address to check", "customer called"]
    holds.release(uow, "W1", "both sorted", PICKED, user="sam")
    assert all(h.released_at is not None for h in store.tables.order_holds.values())


def _contended(store: FakeStore) -> None:
    """Eight orders of two products competing for too few units spread over three bins."""
    mug = store.add_product(ProductRecord(store.new_id(), "MUG-BLUE-350", "Blue mug 350 ml"))
    tea = store.add_product(ProductRecord(store.new_id(), "TEA-GREEN-50", "Green tea 50 g"))
    store.add_bin(mug, "C-09-4", 4, walk_sequence=90)
    store.add_bin(mug, "A-01-1", 3, walk_sequence=1)
    store.add_bin(tea, "B-02-1", 5, walk_sequence=20)
    for n in range(8):
        validated(store, f"PD-20{n}", [(tea, 1 + n % 2), (mug, 1 + n % 3)], priority=n % 3, sla_due_at=at(1 + n))


def _ledger(store: FakeStore) -> tuple[Any, ...]:
    t = store.tables
    number = {o.id: o.number for o in t.orders.values()}
    return ({o.number: o.status for o in t.orders.values()},
            sorted((number[h.order_id], t.bins[h.stock_id].location, h.quantity) for h in t.stock_holds.values()),
            [b.allocated for b in sorted(t.bins.values(), key=lambda b: b.id)],
            sorted((number[e["order_id"]], e["kind"], str(e["detail"])) for e in t.events),
            sorted((number[l.order_id], l.sku, l.backordered_quantity) for l in t.lines.values()))


@pytest.mark.parametrize("settings", [PICKED, PARTIAL], ids=["backorder", "partial"])
def test_allocating_many_orders_at_once_holds_what_one_at_a_time_would(settings: OrderSettings) -> None:
    one_by_one, at_once = FakeStore(), FakeStore()
    _contended(one_by_one)
    _contended(at_once)
    pipeline.allocate(FakeUnitOfWork(one_by_one), None, settings)  # each order its own transaction
    uow = FakeUnitOfWork(at_once)
    with uow:  # one batch: every bin planned in memory, holds and status changes written together
        outcome = pipeline.allocate_in_turn(uow, None, settings)
        uow.commit()
    assert sum(outcome.statuses.values()) == 8
    assert _ledger(at_once) == _ledger(one_by_one)
    statuses, _, allocated, _, _ = _ledger(at_once)
    assert allocated == [4, 3, 5]  # every unit taken, none twice
    assert "backordered" in statuses.values()

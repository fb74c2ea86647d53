"""The waves' pure planning: walking order with serpentine aisles, and how each strategy cuts lists."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from app.orders.errors import BadWaveRequest
from app.orders.waves import plan_lists, walking_order
from app.unit_of_work import OrderRecord, PickStop


def stop(hold: int, order: int, location: str, walk: int, zone: str = "A") -> PickStop:
    return PickStop(hold, order, hold, hold, 1, location, zone, walk, f"SKU-{hold}", "thing")


def order(oid: int, carrier: str | None = "dhl", hour: int | None = 17) -> OrderRecord:
    due = datetime(2025, 3, 14, hour, 10, tzinfo=timezone.utc) if hour is not None else None
    return OrderRecord(oid, f"WEB-{oid}", "allocated", carrier=carrier, sla_due_at=due)


def test_the_walk_goes_up_one_aisle_and_down_the_next() -> None:
    stops = [stop(1, 1, "B-01", 10), stop(2, 1, "A-02", 2), stop(3, 1, "B-05", 14), stop(4, 1, "A-01", 1),
             stop(5, 1, "C-01", 20), stop(6, 1, "C-03", 22)]
    assert [s.location for s in walking_order(stops)] == ["A-01", "A-02", "B-05", "B-01", "C-01", "C-03"]


def test_an_aisle_without_picks_does_not_turn_the_walk() -> None:
    # aisle B has nothing to pick: C is the second aisle walked, so it is walked down
    stops = [stop(1, 1, "A-01", 1), stop(2, 1, "C-01", 20), stop(3, 1, "C-03", 22)]
    assert [s.location for s in walking_order(stops)] == ["A-01", "C-03", "C-01"]


def test_single_makes_a_list_per_order_and_max_orders_caps_them() -> None:
    orders = [order(1), order(2), order(3)]
    stops = [stop(1, 1, "A-01", 1), stop(2, 2, "A-01", 1), stop(3, 3, "A-02", 2)]
    assert [[o.id for o in p.orders] for p in plan_lists(orders, stops, "single")] == [[1], [2], [3]]
    assert len(plan_lists(orders, stops, "single", 2)) == 2


def test_an_order_without_held_stock_is_on_no_list() -> None:
    assert plan_lists([order(1), order(2)], [stop(1, 1, "A-01", 1)], "batch") == plan_lists(
        [order(1)], [stop(1, 1, "A-01", 1)], "batch")


def test_zone_lists_split_the_lines_of_a_batch() -> None:
    stops = [stop(1, 1, "A-01", 1, "A"), stop(2, 1, "F-01", 50, "F"), stop(3, 2, "A-02", 2, "A")]
    plans = plan_lists([order(1), order(2)], stops, "zone")
    assert [(p.zone, [o.id for o in p.orders], [s.hold_id for s in p.stops]) for p in plans] == [
        ("A", [1, 2], [1, 3]), ("F", [1], [2])]


def test_wave_groups_by_carrier_and_cutoff_hour_earliest_first() -> None:
    orders = [order(1, "dhl", 17), order(2, "ups", 9), order(3, "dhl", 9), order(4, None, None)]
    stops = [stop(i, i, "A-01", 1) for i in range(1, 5)]
    plans = plan_lists(orders, stops, "wave")
    assert [(p.group, [o.id for o in p.orders]) for p in plans] == [
        ("dhl 2025-03-14 09:00", [3]), ("ups 2025-03-14 09:00", [2]), ("dhl 2025-03-14 17:00", [1]),
        ("no carrier no SLA", [4])]


@pytest.mark.parametrize("strategy, size, message", [("pallet", None, "not a picking strategy"),
                                                      ("batch", 0, "--max-orders must be 1 or more")])
def test_a_bad_request_names_what_to_give(strategy: str, size: int | None, message: str) -> None:
    with pytest.raises(BadWaveRequest, match=message):
        plan_lists([order(1)], [stop(1, 1, "A-01", 1)], strategy, size)

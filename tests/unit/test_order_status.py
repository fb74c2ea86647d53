"""The status lifecycle table, without a database."""
from __future__ import annotations

import pytest

from app.orders.status import TRANSITIONS, IllegalStatusChange, OrderStatus, can_change, check_change


def test_every_status_has_a_row_in_the_table() -> None:
    assert set(TRANSITIONS) == set(OrderStatus)


@pytest.mark.parametrize(
    ("current", "requested"),
    [("captured", "validated"), ("picked", "packing"), ("packing", "packed"),
     ("packed", "shipped"), ("shipped", "delivered"), ("delivered", "completed"),
     ("packing", "on_hold"), ("on_hold", "picked")],
)
def test_the_order_life_moves_forward(current: str, requested: str) -> None:
    assert can_change(current, requested)


@pytest.mark.parametrize(
    ("current", "requested"),
    [("captured", "shipped"), ("cancelled", "validated"), ("picked", "packed"),
     ("shipped", "packing"), ("delivered", "cancelled")],
)
def test_illegal_moves_name_the_order_and_both_statuses(current: str, requested: str) -> None:
    with pytest.raises(IllegalStatusChange) as caught:
        check_change("PD-1042", current, requested)
    message = str(caught.value)
    assert "PD-1042" in message and current in message and requested in message


def test_an_unknown_status_is_refused_with_the_list_of_statuses() -> None:
    with pytest.raises(Exception, match="'teleported' is not an order status"):
        check_change("PD-1", "picked", "teleported")


def test_packed_reads_as_ready_for_shipment() -> None:
    assert OrderStatus.PACKED.label == "ready for shipment"


def test_every_status_has_words_a_reader_is_shown() -> None:
    """A person reads an order's status in words of their language (orders show, the review), never its code."""
    from app.words import STATUS_NAMES

    assert {s.value for s in OrderStatus} <= set(STATUS_NAMES)


def test_an_event_kind_reads_as_words_even_without_words_of_its_own() -> None:
    from app.words import event

    assert event("StockAllocated") == "stock held"
    assert event("ParcelHandedOver") == "parcel handed to the carrier"
    assert event("SomethingNewHappened") == "something new happened"  # a kind added later: its code's words

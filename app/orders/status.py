"""The order status lifecycle as an explicit table: which status may follow which."""
from __future__ import annotations

import enum

from app.errors import PackdeskError
from app.translator import phrase


class OrderStatus(str, enum.Enum):
    CAPTURED = "captured"
    VALIDATED = "validated"
    ON_HOLD = "on_hold"
    ALLOCATED = "allocated"
    BACKORDERED = "backordered"
    PICKING = "picking"
    PICKED = "picked"
    PACKING = "packing"
    PACKED = "packed"  # ready for shipment
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        """The words a person reads."""
        return "ready for shipment" if self is OrderStatus.PACKED else self.value.replace("_", " ")


S = OrderStatus

TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    S.CAPTURED: frozenset({S.VALIDATED, S.ON_HOLD, S.CANCELLED}),
    # Back to captured (from validated, on hold, backordered, allocated) when an import changes
    # an order nobody has started to pick: its stock holds are released and it is validated again.
    S.VALIDATED: frozenset({S.ALLOCATED, S.BACKORDERED, S.ON_HOLD, S.CANCELLED, S.CAPTURED}),
    # A supervisor releases a held order to wherever its work can resume.
    S.ON_HOLD: frozenset({S.VALIDATED, S.ALLOCATED, S.PICKING, S.PICKED, S.BACKORDERED, S.CANCELLED,
                          S.CAPTURED}),
    # packing straight from allocated when the station picks and packs ([orders] pack_from)
    S.ALLOCATED: frozenset({S.PICKING, S.PICKED, S.PACKING, S.BACKORDERED, S.ON_HOLD, S.CANCELLED, S.CAPTURED}),
    S.BACKORDERED: frozenset({S.ALLOCATED, S.ON_HOLD, S.CANCELLED, S.CAPTURED}),
    S.PICKING: frozenset({S.PICKED, S.ON_HOLD, S.CANCELLED}),
    S.PICKED: frozenset({S.PACKING, S.ON_HOLD, S.CANCELLED}),
    # Back to picked (or allocated, when packed from allocated) when a station lets go of an
    # order it had not finished.
    S.PACKING: frozenset({S.PACKED, S.PICKED, S.ALLOCATED, S.ON_HOLD}),
    S.PACKED: frozenset({S.SHIPPED, S.PACKING, S.ON_HOLD}),
    S.SHIPPED: frozenset({S.DELIVERED, S.RETURNED}),
    S.DELIVERED: frozenset({S.COMPLETED, S.RETURNED}),
    S.COMPLETED: frozenset({S.RETURNED}),
    S.RETURNED: frozenset({S.COMPLETED}),
    S.CANCELLED: frozenset(),
}

# the statuses in which an import may still change an order (nobody has started to pick it)
CHANGEABLE_BY_IMPORT = (S.CAPTURED.value, S.VALIDATED.value, S.ON_HOLD.value, S.BACKORDERED.value,
                        S.ALLOCATED.value)

PACKABLE = S.PICKED  # the status an order waits in for a packing station
# ... or allocated, for an order whose pack_from says so (pick and pack at the station)
PACK_FROM = (S.PICKED.value, S.ALLOCATED.value)


def queued_for_packing(status: str, pack_from: str) -> bool:
    """Whether an order in `status` waits in a packing station's queue."""
    return status == PACKABLE.value or (status == S.ALLOCATED.value and pack_from == S.ALLOCATED.value)


class IllegalStatusChange(PackdeskError):
    """A status move the lifecycle does not allow."""

    def __init__(self, order_number: str, current: str, requested: str) -> None:
        self.order_number, self.current, self.requested = order_number, current, requested
        allowed = ", ".join(sorted(s.value for s in TRANSITIONS.get(_parse(current), ())))
        super().__init__(phrase(
            "Order %(number)s is %(current)s and cannot become %(requested)s; from %(current)s it can only "
            "become: %(allowed)s.", number=order_number, current=current, requested=requested,
            allowed=allowed or phrase("nothing (final status)")))


def _parse(value: str) -> OrderStatus:
    try:
        return OrderStatus(value)
    except ValueError:
        raise PackdeskError(phrase("'%(value)s' is not an order status; statuses are: %(statuses)s",
                                   value=value, statuses=", ".join(s.value for s in OrderStatus))) from None


def can_change(current: str | OrderStatus, requested: str | OrderStatus) -> bool:
    """Whether the lifecycle allows current -> requested."""
    return _parse(str(getattr(requested, "value", requested))) in TRANSITIONS[
        _parse(str(getattr(current, "value", current)))
    ]


def check_change(order_number: str, current: str, requested: str) -> OrderStatus:
    """The requested status, or IllegalStatusChange naming the order and both statuses."""
    target = _parse(requested)
    if target not in TRANSITIONS[_parse(current)]:
        raise IllegalStatusChange(order_number, current, requested)
    return target

"""Picking a wave's pick list: units picked line by line (the picker screen) or a whole list
confirmed at once (`packdesk picks confirm`, for warehouses that pick outside Packdesk).

A line picked in full moves its ledger row held -> picked. A short pick (fewer units at the
bin than it should hold) lowers the bin's count by the missing units, keeps what was found,
records a pack exception for a supervisor, and re-allocates the rest from other bins as new
lines at the end of the same list; when no bin has them the order goes on hold (short_pick).
An order becomes `picked` (and enters the packing stations' queue) when every line of it, on
every list of its wave, is done."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone

from app.orders import hold_words as W, lifecycle
from app.orders.allocation import finish_picking_in, plan
from app.orders.errors import BadWaveRequest, NotAWaveList, PickListNotFound
from app.orders.holds import hold_in
from app.orders.status import OrderStatus
from app.orders.validation import HoldKind, HoldReason
from app.translator import phrase, plural_phrase
from app.unit_of_work import ExceptionRecord, PickLineRecord, PickListRecord, UnitOfWork

log = logging.getLogger(__name__)

S = OrderStatus
OPEN = "open"


class PickProgress:
    """How far a pick list is, from its lines (a PickSheet's, or the picker screen's snapshot)."""

    lines: tuple[PickLineRecord, ...]

    @property
    def current(self) -> PickLineRecord | None:
        """The next line to pick (None: the list is done)."""
        return next((line for line in self.lines if line.status == OPEN), None)

    @property
    def lines_done(self) -> int:
        return sum(1 for line in self.lines if line.status != OPEN)

    @property
    def units(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def units_picked(self) -> int:
        return sum(line.picked_quantity for line in self.lines)


@dataclass(frozen=True)
class PickSheet(PickProgress):
    """A pick list as the picker works it: its lines by seq, and how far it is."""

    code: str
    strategy: str | None
    zone: str | None
    status: str
    lines: tuple[PickLineRecord, ...]



@dataclass
class Short:
    """What a short pick did."""

    sku: str
    location: str
    found: int
    missing: int
    reallocated: list[str] = field(default_factory=list)  # the bins the rest now comes from
    held: bool = False  # no bin had the rest: the order is on hold


@dataclass
class Confirmed:
    """What `picks confirm` did."""

    code: str
    lines: int = 0
    units: int = 0
    picked_orders: list[str] = field(default_factory=list)


def wave_list(uow: UnitOfWork, code: str) -> PickListRecord:
    """The wave's pick list with this code, or an error saying what to scan instead."""
    found = uow.picks.get_list(code.strip().upper())
    if found is None:
        raise PickListNotFound(code.strip())
    if found.strategy is None:
        raise NotAWaveList(found.code)
    return found


def sheet_in(uow: UnitOfWork, code: str) -> PickSheet:
    """The list as it stands now."""
    found = wave_list(uow, code)
    return PickSheet(found.code, found.strategy, found.zone, found.status,
                     tuple(uow.picks.lines_of_list(found.id)))


def _line(uow: UnitOfWork, sheet: PickSheet, line_id: int) -> PickLineRecord:
    line = next((l for l in sheet.lines if l.id == line_id), None)
    if line is None or line.status != OPEN:
        raise BadWaveRequest(phrase("line %(line)s of pick list %(code)s is not open (done meanwhile?); scan the "
                                    "pick list again to see what is left.", line=line_id, code=sheet.code))
    return line


def pick_in(uow: UnitOfWork, code: str, line_id: int, units: int, *, user: str | None = None) -> PickSheet:
    """`units` more units of a line picked; the line closes when it has them all."""
    sheet = sheet_in(uow, code)
    line = _line(uow, sheet, line_id)
    if units < 1 or line.picked_quantity + units > line.quantity:
        raise BadWaveRequest(plural_phrase(
            "%(n)s unit(s) is more than line %(line)s of %(code)s still needs (%(left)s of %(sku)s).",
            "%(n)s unit(s) is more than line %(line)s of %(code)s still needs (%(left)s of %(sku)s).",
            units, line=line.seq, code=sheet.code, left=line.quantity - line.picked_quantity, sku=line.sku))
    picked = line.picked_quantity + units
    if not uow.picks.mark(line.id, picked, OPEN if picked < line.quantity else "picked", user,
                          was=line.picked_quantity):
        raise BadWaveRequest(phrase("line %(line)s of %(code)s was picked meanwhile (by another picker?); scan the "
                                    "pick list again to see what is left.", line=line.seq, code=sheet.code))
    if picked == line.quantity:
        uow.stock.move_hold(line.stock_hold_id, "picked")
        _after_line(uow, sheet, line.order_id, user)
    return sheet_in(uow, code)


def short_in(uow: UnitOfWork, code: str, line_id: int, found: int, *, user: str | None = None,
             station: str | None = None) -> Short:
    """Only `found` units of the line were at its bin (at most what it needs)."""
    sheet = sheet_in(uow, code)
    line = _line(uow, sheet, line_id)
    found = max(found, line.picked_quantity)
    if found >= line.quantity:
        raise BadWaveRequest(plural_phrase("line %(line)s of %(code)s has all its %(n)s unit(s): it is not short.",
                                           "line %(line)s of %(code)s has all its %(n)s unit(s): it is not short.",
                                           line.quantity, line=line.seq, code=sheet.code))
    missing = line.quantity - found
    if not uow.picks.mark(line.id, found, "short", user, was=line.picked_quantity):
        raise BadWaveRequest(phrase("line %(line)s of %(code)s changed meanwhile (another picker?); scan the pick "
                                    "list again to see what is left.", line=line.seq, code=sheet.code))
    order = uow.orders.get_by_id(line.order_id)
    assert order is not None
    uow.stock.move_hold(line.stock_hold_id, "released")
    uow.picks.found_short(line.stock_id, missing)
    if found:
        kept = uow.stock.hold(order.id, line.order_line_id, line.stock_id, found)
        if kept is not None:
            uow.stock.move_hold(kept, "picked")
    result = Short(line.sku, line.location, found, missing)
    still = missing
    if line.product_id is not None:
        product = next(iter(uow.products.by_ids({line.product_id})), None)
        others = [b for b in uow.stock.lock_bins(line.product_id) if b.id != line.stock_id]
        seq = max(l.seq for l in sheet.lines)
        list_id = line.pick_list_id
        for stock, quantity in plan(still, others, bool(product and product.lot_tracked)):
            hold_id = uow.stock.hold(order.id, line.order_line_id, stock.id, quantity)
            if hold_id is None:
                continue
            seq += 1
            uow.picks.add_lines(list_id, [(seq, order.id, line.order_line_id, hold_id, stock.id, quantity)])
            result.reallocated.append(stock.location)
            still -= quantity
    shape = {(False, False): W.SHORT_PICK, (True, False): W.SHORT_PICK_ELSEWHERE,
             (False, True): W.SHORT_PICK_NOWHERE, (True, True): W.SHORT_PICK_PARTLY}[
        (bool(result.reallocated), bool(still))]
    text = W.reason(shape, location=line.location, found=found, quantity=line.quantity, sku=line.sku,
                    locations=", ".join(result.reallocated), still=still)
    uow.exceptions.add(ExceptionRecord(order.id, "short_pick", text, station, user, datetime.now(timezone.utc)))
    lifecycle.record_event(uow, order.id, "ShortPicked", station=station, user=user, pick_list=sheet.code,
                           location=line.location, sku=line.sku, found=found, missing=missing,
                           reallocated=result.reallocated, unfilled=still)
    if still:
        result.held = True
        hold_in(uow, order, [HoldReason(HoldKind.SHORT_PICK, text)], user=user)
    else:
        _after_line(uow, sheet_in(uow, code), order.id, user)
    log.info("order %s: %s", order.number, text)
    return result


def _after_line(uow: UnitOfWork, sheet: PickSheet, order_id: int, user: str | None) -> None:
    """An order whose every line (on every list) is done becomes picked; a list with no open line is done."""
    order = uow.orders.get_by_id(order_id)
    if order is not None:
        finish_picking_in(uow, order, user=user)
    lines = uow.picks.lines_of_list(sheet.lines[0].pick_list_id) if sheet.lines else []
    if lines and all(l.status != OPEN for l in lines):
        uow.picks.set_list_status(lines[0].pick_list_id, "done")


def confirm_in(uow: UnitOfWork, code: str, *, user: str | None = None) -> Confirmed:
    """Every open line of the list picked in full, in the caller's unit of work."""
    sheet = sheet_in(uow, code)
    done = Confirmed(sheet.code)
    orders = {l.order_id: l.order_number for l in sheet.lines}
    before = {oid: uow.orders.get_by_id(oid) for oid in orders}
    for line in sheet.lines:
        if line.status != OPEN:
            continue
        pick_in(uow, sheet.code, line.id, line.quantity - line.picked_quantity, user=user)
        done.lines += 1
        done.units += line.quantity - line.picked_quantity
    for oid, number in orders.items():
        now, was = uow.orders.get_by_id(oid), before[oid]
        if now is not None and now.status == S.PICKED.value and (was is None or was.status != S.PICKED.value):
            done.picked_orders.append(number)
    return done


def confirm(uow: UnitOfWork, code: str, *, user: str | None = None) -> Confirmed:
    """`packdesk picks confirm LIST`: every open line of the list picked in full, in one transaction."""
    with uow:
        done = confirm_in(uow, code, user=user)
        uow.commit()
    return done

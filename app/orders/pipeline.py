"""From a captured order to an allocated one: validation, then allocation, by themselves after
an import and on demand (`packdesk orders validate|allocate`). Each order's outcome is a status
change through the status table with its event; a held order keeps typed reasons."""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from app import words
from app.orders import lifecycle
from app.orders import hold_words as W
from app.orders.allocation import WAITING, Allocated, allocate_in, allocate_waiting_in
from app.orders.holds import cancel_in, hold_many_in
from app.orders.settings import OrderSettings
from app.orders.status import OrderStatus
from app.orders.validation import HoldReason, Verdict, review
from app.translator import listed, phrase
from app.unit_of_work import OrderRecord, OrderToValidate, UnitOfWork

log = logging.getLogger(__name__)

S = OrderStatus
VALIDATES = (S.CAPTURED.value, S.ON_HOLD.value)  # on hold: a held order that now passes goes on


@dataclass
class Outcome:
    """How many orders ended in which status, and the reasons of the held ones."""

    statuses: Counter[str] = field(default_factory=Counter)
    held: dict[str, list[str]] = field(default_factory=dict)

    def add(self, number: str, status: str, reasons: list[str] | None = None) -> None:
        """Counts one order."""
        self.statuses[status] += 1
        if reasons:
            self.held[number] = reasons

    def summary(self) -> str:
        """One line for a person."""
        if not self.statuses:
            return phrase("no order to do")
        parts = [phrase("%(count)s %(status)s", count=n, status=words.status_name(status))
                 for status, n in sorted(self.statuses.items())]
        return listed(parts, lambda first, then: phrase("%(first)s, %(then)s", first=first, then=then))


def validate_in(uow: UnitOfWork, order: OrderRecord, settings: OrderSettings, *,
                user: str | None = None) -> Verdict:
    """Validates a captured order (validated, on hold or cancelled); an order on hold that now
    passes, and was held by validation, goes on as validated."""
    return validate_many_in(uow, [order], settings, user=user)[0]


def validate_many_in(uow: UnitOfWork, orders: list[OrderRecord] | list[OrderToValidate], settings: OrderSettings,
                     *, user: str | None = None) -> list[Verdict]:
    """validate_in for many orders, set-based: their lines, products and (the first-order rule
    on) customers' order counts read in a few statements, the orders that pass moved to
    validated in one batch and those held in another; cancelled ones (the few) one by one, each
    read whole first. The verdicts, in the orders' order."""
    ids = [o.id for o in orders]
    lines_of = uow.orders.lines_to_validate(ids)
    products = {p.id: p for p in uow.products.by_ids(
        {l.product_id for lines in lines_of.values() for l in lines if l.product_id is not None})}
    # counted only when the first-order rule is on (without an index it reads every order)
    earlier = (uow.orders.orders_of_customers({o.email for o in orders if o.email})
               if settings.rules.review_first_order else {})
    verdicts, passed, held = [], [], []
    for order in orders:
        verdict = review(order, lines_of.get(order.id, []), products, settings.rules,
                         earlier.get(order.email, 0) if order.email and settings.rules.review_first_order else 0)
        verdicts.append(verdict)
        if order.status == S.ON_HOLD.value:
            if verdict.passed and uow.events.status_before(order.id, S.ON_HOLD.value) == S.CAPTURED.value:
                uow.holds.release_all(order.id, user, W.PASSED_VALIDATION)
                passed.append(order)
        elif verdict.not_work is not None:
            cancel_in(uow, _whole(uow, order), verdict.not_work, user=user)
        elif verdict.reasons:
            held.append((order, verdict.reasons))
        else:
            passed.append(order)
    hold_many_in(uow, held, user=user)  # a file whose orders all wait for payment holds thousands
    lifecycle.change_statuses(uow, passed, S.VALIDATED, user=user, reason=W.PASSED_VALIDATION)
    return verdicts


def _whole(uow: UnitOfWork, order: OrderRecord | OrderToValidate) -> OrderRecord:
    """The order as a whole record (validation may have read it light)."""
    if isinstance(order, OrderRecord):
        return order
    whole = uow.orders.get_by_id(order.id)
    assert whole is not None  # read in this transaction
    return whole


def _held(outcome: Outcome, orders: list[OrderToValidate], verdicts: list[Verdict]) -> None:
    """Counts the orders validation held or cancelled, with their reasons."""
    for order, verdict in zip(orders, verdicts):
        if not verdict.passed:
            status = S.CANCELLED.value if verdict.not_work else S.ON_HOLD.value
            outcome.add(order.number, status, [_kind_and_reason(r) for r in verdict.reasons])


def _kind_and_reason(reason: HoldReason) -> str:
    """"price: line 2: ..." - the kind's code and its reason, said in the reader's language."""
    return phrase("%(kind)s: %(reason)s", kind=reason.kind.value, reason=reason.detail)


def process_in(uow: UnitOfWork, numbers: list[str] | None, settings: OrderSettings, *,
               user: str | None = None) -> Outcome:
    """Validates the captured orders among `numbers` (None: all) and allocates every one that
    waits for stock, by priority then SLA, in the caller's unit of work."""
    outcome = Outcome()
    validate_captured_in(uow, numbers, settings, outcome, user=user)
    outcome.statuses.update(allocate_in_turn(uow, numbers, settings, user=user).statuses)
    log.info("orders processed: %s", outcome.summary())
    return outcome


def validate_captured_in(uow: UnitOfWork, numbers: list[str] | None, settings: OrderSettings, outcome: Outcome, *,
                         user: str | None = None) -> None:
    """Validates the captured orders among `numbers` (None: all), counting the held and cancelled in `outcome`."""
    captured = uow.orders.to_validate((S.CAPTURED.value,), numbers)
    _held(outcome, captured, validate_many_in(uow, captured, settings, user=user))


def allocate_in_turn(uow: UnitOfWork, numbers: list[str] | None, settings: OrderSettings, *,
                     user: str | None = None) -> Outcome:
    """Allocates the validated and backordered orders among `numbers` (None: all), by priority
    then SLA, in the caller's unit of work."""
    outcome = Outcome()
    for done in allocate_waiting_in(uow, numbers, settings, user=user):
        outcome.add(done.number, done.status)
    return outcome


def validate(uow: UnitOfWork, numbers: list[str] | None, settings: OrderSettings,
             user: str | None = None) -> Outcome:
    """`orders validate`: validates captured (and re-checks held) orders, each in its own
    transaction, and allocates those that pass."""
    outcome = Outcome()
    with uow:
        todo = uow.orders.numbers_in_status(VALIDATES, numbers)
    for number in todo:
        with uow:
            order = uow.orders.get(number)
            if order is None or order.status not in VALIDATES:
                continue  # changed meanwhile
            verdict = validate_in(uow, order, settings, user=user)
            order = uow.orders.get(number) or order
            if order.status == S.VALIDATED.value:
                allocate_in(uow, order, settings, user=user)
                order = uow.orders.get(number) or order
            outcome.add(number, order.status, [_kind_and_reason(r) for r in verdict.reasons])
            uow.commit()
    return outcome


def allocate(uow: UnitOfWork, numbers: list[str] | None, settings: OrderSettings,
             user: str | None = None) -> list[Allocated]:
    """`orders allocate`: allocates validated and backordered orders by priority then SLA,
    each in its own transaction (so no order waits for another's locks longer than its own)."""
    with uow:
        todo = uow.orders.numbers_in_status(WAITING, numbers)
    done = []
    for number in todo:
        with uow:
            order = uow.orders.get(number)
            if order is None or order.status not in WAITING:
                continue
            done.append(allocate_in(uow, order, settings, user=user))
            uow.commit()
    return done

"""The payment capture made after the hand-over: a gateway that fails, then succeeds; a capturer
that died mid-way. Never lost, never twice; the supervisors see the failure while it lasts."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from app.shipping.capture import MOST, RETRY, STALE, capture_pending
from app.shipping.dispatch import scan_at_dock
from tests.unit.fake_store import FakeStore, FakeUnitOfWork
from tests.unit.shipping.test_dock_on_the_fake import NOW, packed_order


class FlakyGateway:
    """Refuses the first `failures` captures (a timeout), then captures; counts every call."""

    name = "flaky"

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.captures: list[str] = []
        self.authorisations = 0

    def authorise(self, order_number: str, amount: Decimal, currency: str) -> str:
        self.authorisations += 1
        return f"AUTH-{order_number}"

    def capture(self, authorisation: str, amount: Decimal, currency: str, *, idempotency_key: str) -> str:
        self.captures.append(idempotency_key)
        if self.failures:
            self.failures -= 1
            raise TimeoutError("the gateway did not answer in 10 s")
        return f"CAPT-{idempotency_key}"

    def refund(self, capture: str, amount: Decimal, currency: str) -> str:
        raise AssertionError("no refund here")


def shipped(store: FakeStore, number: str = "PD-1") -> None:
    for parcel in packed_order(store, number, 1):
        assert scan_at_dock(FakeUnitOfWork(store), parcel.tracking_number, NOW).order_shipped


def test_a_failing_gateway_is_retried_later_and_seen_by_supervisors_until_it_captures() -> None:
    store = FakeStore()
    shipped(store)
    gateway = FlakyGateway(failures=2)
    first = capture_pending(lambda: FakeUnitOfWork(store), NOW, gateway)
    assert first.captured == [] and first.failed[0][0] == "PD-1" and "TimeoutError" in first.failed[0][1]
    (request,) = store.tables.captures.values()
    assert request.state == "pending" and request.attempts == 1 and request.next_attempt_at == NOW + RETRY
    assert store.tables.payments == {} or all(p.kind != "capture" for p in store.tables.payments.values())
    (problem,) = store.tables.exceptions.values()
    assert problem.kind == "payment" and "PD-1" in problem.reason and problem.resolved_at is None
    # not due yet: nobody asks the gateway
    assert capture_pending(lambda: FakeUnitOfWork(store), NOW + RETRY / 2, gateway).failed == []
    assert len(gateway.captures) == 1
    second = capture_pending(lambda: FakeUnitOfWork(store), NOW + RETRY, gateway)
    assert second.failed and store.tables.captures[request.id].next_attempt_at == NOW + RETRY + 2 * RETRY
    assert len(store.tables.exceptions) == 1  # one exception for the whole outage
    later = NOW + RETRY * 3
    third = capture_pending(lambda: FakeUnitOfWork(store), later, gateway)
    assert third.captured == ["PD-1"] and third.failed == []
    captures = [p for p in store.tables.payments.values() if p.kind == "capture"]
    assert [(p.key, p.reference, p.amount) for p in captures] == [("capture:PD-1", "CAPT-capture:PD-1",
                                                                    Decimal("25.00"))]
    assert gateway.captures == ["capture:PD-1"] * 3 and gateway.authorisations == 1
    assert [p.kind for p in store.tables.payments.values()].count("authorisation") == 1
    (problem,) = store.tables.exceptions.values()
    assert problem.resolved_at == later and "attempt 3" in (problem.resolution or "")
    assert store.tables.captures[request.id].state == "captured"
    # nothing left: another run captures nothing again
    assert capture_pending(lambda: FakeUnitOfWork(store), later + MOST, gateway).captured == []
    assert len(gateway.captures) == 3
    kinds = [e["kind"] for e in store.tables.events]
    assert kinds.count("PaymentCaptureFailed") == 2 and kinds.count("PaymentCaptured") == 1


def test_the_wait_between_attempts_doubles_up_to_an_hour() -> None:
    store = FakeStore()
    shipped(store)
    gateway = FlakyGateway(failures=100)
    at = NOW
    waits = []
    for _ in range(9):
        capture_pending(lambda: FakeUnitOfWork(store), at, gateway)
        (request,) = store.tables.captures.values()
        waits.append(request.next_attempt_at - at)
        at = request.next_attempt_at
    assert waits[:3] == [RETRY, 2 * RETRY, 4 * RETRY] and waits[-1] == MOST
    assert request.state == "pending"  # never given up: a capture is never lost


def test_a_capture_left_half_done_by_a_dead_capturer_is_asked_again_with_the_same_key() -> None:
    store = FakeStore()
    shipped(store)
    (request,) = store.tables.captures.values()
    store.tables.captures[request.id] = request = type(request)(**{**request.__dict__, "state": "capturing",
                                                                   "capturing_since": NOW, "attempts": 1})
    gateway = FlakyGateway(failures=0)
    assert capture_pending(lambda: FakeUnitOfWork(store), NOW + STALE - timedelta(seconds=1), gateway).captured == []
    assert capture_pending(lambda: FakeUnitOfWork(store), NOW + STALE + timedelta(seconds=1), gateway).captured == [
        "PD-1"]
    assert gateway.captures == ["capture:PD-1"]
    assert [p.kind for p in store.tables.payments.values()].count("capture") == 1


def test_only_the_orders_asked_for_are_captured() -> None:
    store = FakeStore()
    shipped(store, "PD-1")
    shipped(store, "PD-2")
    gateway = FlakyGateway(failures=0)
    assert capture_pending(lambda: FakeUnitOfWork(store), NOW, gateway, order_numbers=["PD-2"]).captured == ["PD-2"]
    assert capture_pending(lambda: FakeUnitOfWork(store), NOW, gateway).captured == ["PD-1"]

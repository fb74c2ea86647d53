"""The day's figures: the complexity model is fitted from the packing times, and a packer who
got the hard orders is not ranked below one who got the easy ones at the same pace."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from app.supervision.figures import PackedOrder, RaisedExceptions, ScanCount, daily_figures, fit_complexity

DAY = date(2026, 12, 4)
T0 = datetime(2026, 12, 4, 8, 0, tzinfo=timezone.utc)
TRUTH = (1.0, 0.5, 1.0, 2.0, 3.0)  # base, per unit, per line, per parcel, gift wrap


def order(n: int, packer: str, units: int, lines: int, parcels: int, special: bool, speed: float = 1.0,
          start: datetime = T0, sla: timedelta | None = timedelta(hours=8)) -> PackedOrder:
    minutes = (TRUTH[0] + TRUTH[1] * units + TRUTH[2] * lines + TRUTH[3] * parcels + TRUTH[4] * special) / speed
    return PackedOrder(f"PD-{n}", packer, "PACK-01" if packer == "pat" else "PACK-02", start,
                       start + timedelta(minutes=minutes), units, lines, parcels, special,
                       start + sla if sla else None)


def a_day() -> list[PackedOrder]:
    """Pat gets big gift-wrapped orders, Kim small ones; both pack exactly at the floor's pace."""
    orders, t = [], T0
    shapes = [(6, 3, 2, True), (8, 4, 2, True), (5, 2, 1, True), (7, 3, 2, False), (9, 5, 3, True)]
    small = [(1, 1, 1, False), (2, 1, 1, False), (1, 1, 1, False), (3, 2, 1, False), (2, 2, 1, True)]
    for i, (u, l, p, s) in enumerate(shapes):
        orders.append(order(100 + i, "pat", u, l, p, s, start=t + timedelta(minutes=20 * i)))
    for i, (u, l, p, s) in enumerate(small):
        orders.append(order(200 + i, "kim", u, l, p, s, start=t + timedelta(minutes=10 * i)))
    return orders


def test_the_model_is_fitted_from_the_packing_times() -> None:
    model = fit_complexity(a_day())
    assert model.coefficients == pytest.approx(TRUTH, abs=1e-3)
    assert "per unit" in model.explain() and "10 orders" in model.explain()


def test_the_hard_orders_packer_is_not_ranked_last() -> None:
    figures = daily_figures(DAY, a_day(), [ScanCount("pat", "PACK-01", 35, 1), ScanCount("kim", "PACK-02", 9, 1)])
    pat, kim = {r.key: r for r in figures.packers}["pat"], {r.key: r for r in figures.packers}["kim"]
    assert pat.orders_per_hour < kim.orders_per_hour  # raw speed favours the easy orders
    assert pat.pace == pytest.approx(1.0, abs=1e-3) and kim.pace == pytest.approx(1.0, abs=1e-3)
    assert (pat.mis_scan_rate, kim.mis_scan_rate) == (pytest.approx(100 / 36), 10.0)
    assert figures.total.orders == 10 and figures.total.sla_percent == 100.0
    assert [r.key for r in figures.stations] == ["PACK-01", "PACK-02"]
    assert sum(r.orders for r in figures.hours) == 10


def test_a_slower_packer_shows_a_pace_below_one() -> None:
    day = a_day() + [order(300 + i, "lee", 2, 1, 1, False, speed=0.5) for i in range(5)]
    figures = daily_figures(DAY, day, [])
    lee = {r.key: r for r in figures.packers}["lee"]
    paces = {r.key: r.pace for r in figures.packers}
    assert lee.pace < 0.9 < min(paces["pat"], paces["kim"])  # half as fast: ranked last, whatever the orders


def test_an_empty_day_has_figures_of_zero() -> None:
    figures = daily_figures(DAY, [], [])
    assert (figures.total.orders, figures.total.orders_per_hour, figures.packers) == (0, 0.0, ())


def test_exceptions_count_when_raised_and_the_hours_add_up_to_the_day() -> None:
    scans = [ScanCount("pat", "PACK-01", 20, 1, 8), ScanCount("pat", "PACK-01", 15, 0, 9),
             ScanCount("kim", "PACK-02", 9, 1, 8)]
    raised = [RaisedExceptions("kim", "PACK-02", 8, 2), RaisedExceptions("lee", "PACK-03", 14, 1),
              RaisedExceptions(None, None, 15, 1)]  # lee packed nothing; the last one is a carrier's
    figures = daily_figures(DAY, a_day(), scans, raised)
    assert figures.total.exceptions == 4 and figures.total.exceptions_per_100 == 40.0
    packers = {r.key: r for r in figures.packers}
    assert (packers["kim"].exceptions, packers["lee"].exceptions, packers["lee"].orders) == (2, 1, 0)
    assert None not in packers and sum(r.exceptions for r in figures.packers) == 3
    for field in ("orders", "units", "scans", "mis_scans", "exceptions"):
        assert sum(getattr(r, field) for r in figures.hours) == getattr(figures.total, field), field
    assert {r.key: r.scans for r in figures.hours}["08:00"] == 31

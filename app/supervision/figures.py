"""The day's figures, fair to whoever got the hard orders: orders and units per hour, mis-scan
rate and exceptions per 100 orders, per packer, per station and per hour of the day; SLA
compliance; and a complexity-adjusted pace.

Complexity: each packed order's packing time (from its claim to its last label scanned back,
both in the order's event log) is fitted by least squares to

    minutes = base + per_unit * units + per_line * lines + per_parcel * parcels + special * (gift wrap or
              special packaging)

over the day's orders. A packer's pace is the time their orders were expected to take divided by
the time they took: 1.00 is the floor's average for that mix of orders, 1.20 is 20 % faster.
A packer who got the big, many-line, gift-wrapped orders is not ranked last for it."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from app.translator import phrase

log = logging.getLogger(__name__)

FACTORS = ("base", "per_unit", "per_line", "per_parcel", "special")


@dataclass(frozen=True)
class PackedOrder:
    """One order packed on the day, as the event log and its lines tell it."""

    number: str
    packer: str
    station: str
    started_at: datetime
    packed_at: datetime
    units: int
    lines: int
    parcels: int
    special: bool
    sla_due_at: datetime | None = None

    @property
    def minutes(self) -> float:
        return max(0.0, (self.packed_at - self.started_at).total_seconds() / 60)

    @property
    def on_time(self) -> bool | None:
        return None if self.sla_due_at is None else self.packed_at <= self.sla_due_at

    def features(self) -> tuple[float, ...]:
        return (1.0, float(self.units), float(self.lines), float(self.parcels), 1.0 if self.special else 0.0)


@dataclass(frozen=True)
class ScanCount:
    """A packer's scans at a station in an hour of the day (UTC; None: the day as a whole):
    accepted and mis-scans."""

    packer: str
    station: str
    accepted: int
    mis_scans: int
    hour: int | None = None


@dataclass(frozen=True)
class RaisedExceptions:
    """The exceptions a station raised in an hour of the day (UTC), whatever became of their
    orders: who and where (None when no packer or station raised them, e.g. a carrier's)."""

    packer: str | None
    station: str | None
    hour: int
    count: int


@dataclass(frozen=True)
class Complexity:
    """The fitted expected packing time per order."""

    coefficients: tuple[float, ...]  # in the order of FACTORS, minutes
    orders: int

    def expected(self, order: PackedOrder) -> float:
        """Minutes an order like this takes on this floor (never below a tenth of a minute)."""
        return max(0.1, sum(c * x for c, x in zip(self.coefficients, order.features())))

    def explain(self) -> str:
        """The model in words, for the screen and the report."""
        base, unit, line, parcel, special = (round(c, 2) + 0.0 for c in self.coefficients)  # never "-0.00"
        return phrase("Expected minutes per order = %(base)s + %(unit)s per unit + %(line)s per line + %(parcel)s "
                      "per parcel + %(special)s for gift wrap or special packaging (least squares over %(orders)s "
                      "orders packed that day, from claim to the last label scanned back). Pace = expected / "
                      "actual minutes: 1.00 is the floor's average for the same orders, above 1 is faster.",
                      base=f"{base:.2f}", unit=f"{unit:.2f}", line=f"{line:.2f}", parcel=f"{parcel:.2f}",
                      special=f"{special:.2f}", orders=self.orders)


@dataclass(frozen=True)
class FigureRow:
    """The figures of one packer, station or hour."""

    key: str
    orders: int
    units: int
    minutes: float
    expected_minutes: float
    mis_scans: int
    scans: int
    exceptions: int
    on_time: int
    with_sla: int

    @property
    def orders_per_hour(self) -> float:
        return self.orders / (self.minutes / 60) if self.minutes else 0.0

    @property
    def units_per_hour(self) -> float:
        return self.units / (self.minutes / 60) if self.minutes else 0.0

    @property
    def mis_scan_rate(self) -> float:
        """Mis-scans per 100 scans."""
        return 100.0 * self.mis_scans / self.scans if self.scans else 0.0

    @property
    def exceptions_per_100(self) -> float:
        return 100.0 * self.exceptions / self.orders if self.orders else 0.0

    @property
    def pace(self) -> float:
        """Expected / actual minutes (1.00: the floor's average for the same mix of orders)."""
        return self.expected_minutes / self.minutes if self.minutes else 0.0

    @property
    def sla_percent(self) -> float | None:
        return 100.0 * self.on_time / self.with_sla if self.with_sla else None


@dataclass(frozen=True)
class DailyFigures:
    """Everything the figures page and the daily report show. Exceptions are the ones raised on
    the day (a PROBLEM, weight, short pick; a carrier's), whether their order was packed or not; the
    hour rows add up to the day (orders by when packed, scans and exceptions by when made)."""

    day: date
    complexity: Complexity
    total: FigureRow
    packers: tuple[FigureRow, ...] = ()
    stations: tuple[FigureRow, ...] = ()
    hours: tuple[FigureRow, ...] = ()
    orders: tuple[PackedOrder, ...] = field(default=(), repr=False)


def fit_complexity(orders: list[PackedOrder]) -> Complexity:
    """Least squares of packing minutes on the order's features (normal equations, a small ridge
    so a factor the day never varied, such as no gift wrap at all, stays at 0)."""
    n = len(FACTORS)
    xtx = [[0.0] * n for _ in range(n)]
    xty = [0.0] * n
    for order in orders:
        x = order.features()
        for i in range(n):
            xty[i] += x[i] * order.minutes
            for j in range(n):
                xtx[i][j] += x[i] * x[j]
    for i in range(1, n):
        xtx[i][i] += 1e-6
    if not orders:
        return Complexity((0.0,) * n, 0)
    return Complexity(tuple(_solve(xtx, xty)), len(orders))


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (5 x 5)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        if abs(m[col][col]) < 1e-12:
            continue
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col])]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0 for i in range(n)]


def hour_key(hour: int) -> str:
    """"08:00", the key of an hour row (UTC)."""
    return f"{hour:02d}:00"


def _rows(orders: Iterable[PackedOrder], scans: list[ScanCount], raised: list[RaisedExceptions],
          model: Complexity, key: Callable[[PackedOrder], str], scan_key: Callable[[ScanCount], str],
          raised_key: Callable[[RaisedExceptions], str | None]) -> list[FigureRow]:
    groups: dict[str, list[PackedOrder]] = {}
    for order in orders:
        groups.setdefault(key(order), []).append(order)
    tallies: dict[str, tuple[int, int]] = {}
    for s in scans:
        accepted, wrong = tallies.get(scan_key(s), (0, 0))
        tallies[scan_key(s)] = (accepted + s.accepted, wrong + s.mis_scans)
    exceptions: dict[str, int] = {}
    for r in raised:
        name = raised_key(r)
        if name is not None:  # a carrier's exception is the day's, no packer's or station's
            exceptions[name] = exceptions.get(name, 0) + r.count
    rows = []
    for name in sorted(set(groups) | set(tallies) | set(exceptions)):
        mine = groups.get(name, [])
        accepted, wrong = tallies.get(name, (0, 0))
        rows.append(FigureRow(name, len(mine), sum(o.units for o in mine), sum(o.minutes for o in mine),
                              sum(model.expected(o) for o in mine), wrong, accepted + wrong,
                              exceptions.get(name, 0), sum(1 for o in mine if o.on_time),
                              sum(1 for o in mine if o.on_time is not None)))
    return rows


def daily_figures(day: date, orders: list[PackedOrder], scans: list[ScanCount],
                  raised: list[RaisedExceptions] | None = None) -> DailyFigures:
    """The day's figures from its packed orders, scan counts and the exceptions raised on it."""
    raised = raised or []
    model = fit_complexity(orders)
    total = _rows(orders, scans, raised, model, lambda o: "all", lambda s: "all", lambda r: "all")
    empty = FigureRow("all", 0, 0, 0.0, 0.0, 0, 0, 0, 0, 0)
    return DailyFigures(day, model, total[0] if total else empty,
                        tuple(_rows(orders, scans, raised, model, lambda o: o.packer, lambda s: s.packer,
                                    lambda r: r.packer)),
                        tuple(_rows(orders, scans, raised, model, lambda o: o.station, lambda s: s.station,
                                    lambda r: r.station)),
                        tuple(_rows(orders, [s for s in scans if s.hour is not None], raised, model,
                                    lambda o: hour_key(o.packed_at.astimezone(timezone.utc).hour),
                                    lambda s: hour_key(s.hour or 0), lambda r: hour_key(r.hour))),
                        tuple(orders))

"""Box suggestion against py3dbp on the same seeded orders, with an independent CP-SAT oracle.

Two sets of orders (1-20 units and 1-6 units) drawn from a seeded product catalogue, five
boxes. For each order and each packer: the single box chosen (cheapest box that holds all
units), time per order, and whether the placements pass app.boxing's validator. The
optimal box comes from OR-Tools CP-SAT (a benchmark-only dependency): boxes ruled out by
plain dimension/weight/volume bounds are skipped; a box for which some packer produced a
valid packing is feasible; every other candidate cheaper than an answer is decided by
CP-SAT with a time limit (undecided orders are reported, not counted as optimal).
py3dbp is used as its README describes at its best: a fresh Packer per box, bigger_first=True.
"""
from __future__ import annotations

import logging
import random
import statistics
import time
from decimal import Decimal
from typing import Iterable

from app.boxing import BoxType, Objective, Parcel, Placement, Unit, choose_box
from app.boxing.validate import packing_problems

log = logging.getLogger(__name__)

BOXES = [
    BoxType("XS", 220, 160, 100, 5000, 90, Decimal("0.35")),
    BoxType("S", 300, 220, 150, 10000, 150, Decimal("0.55")),
    BoxType("M", 400, 300, 200, 15000, 250, Decimal("0.85")),
    BoxType("L", 500, 400, 300, 20000, 400, Decimal("1.30")),
    BoxType("XL", 600, 450, 400, 25000, 600, Decimal("1.90")),
]
CP_SAT_SECONDS = 10.0


def catalogue(seed: int = 7) -> list[Unit]:
    """Sixty products: small, medium and long/flat ones, as a web shop sells them."""
    rng = random.Random(seed)
    products = []
    for n in range(60):
        kind = rng.random()
        if kind < 0.5:
            dims = [rng.randint(20, 120) for _ in range(3)]
        elif kind < 0.85:
            dims = [rng.randint(60, 220) for _ in range(3)]
        else:
            dims = [rng.randint(200, 380), rng.randint(40, 160), rng.randint(10, 80)]
        vol = dims[0] * dims[1] * dims[2]
        weight = max(20, int(vol * rng.uniform(0.0002, 0.0008)))
        products.append(Unit(f"SKU-{n:02d}", *dims, weight))
    return products


def orders(count: int, max_units: int, seed: int) -> list[list[Unit]]:
    """Seeded orders of 1..max_units units; lines repeat products (qty > 1) now and then."""
    rng = random.Random(seed)
    products = catalogue()
    out = []
    for _ in range(count):
        n = rng.randint(1, max_units)
        units: list[Unit] = []
        while len(units) < n:
            p = rng.choice(products)
            units.extend([p] * min(n - len(units), rng.choice([1, 1, 1, 2, 3])))
        out.append(units)
    return out


def run_ours(units: list[Unit]) -> tuple[BoxType | None, list[Placement], float]:
    t0 = time.perf_counter()
    choice = choose_box(units, BOXES, Objective())
    dt = time.perf_counter() - t0
    if choice is None:
        return None, [], dt
    return choice.box, list(choice.placements), dt


def run_py3dbp(units: list[Unit]) -> tuple[BoxType | None, list[Placement], float]:
    """Cheapest box py3dbp packs everything into: a fresh Packer per box, bigger_first=True."""
    from py3dbp import Bin, Item, Packer

    t0 = time.perf_counter()
    for box in sorted(BOXES, key=lambda b: b.cost):
        packer = Packer()
        packer.add_bin(Bin(box.id, box.length, box.width, box.height, box.max_weight))
        for i, u in enumerate(units):
            packer.add_item(Item(str(i), u.length, u.width, u.height, u.weight))
        packer.pack(bigger_first=True)
        b = packer.bins[0]
        if not b.unfitted_items and len(b.items) == len(units):
            placements = []
            for it in b.items:
                dx, dy, dz = (int(v) for v in it.get_dimension())
                x, y, z = (int(v) for v in it.position)
                i = int(it.name)
                placements.append(Placement(i, units[i].sku, x, y, z, dx, dy, dz))
            return box, placements, time.perf_counter() - t0
    return None, [], time.perf_counter() - t0


def bound_ok(units: list[Unit], box: BoxType) -> bool:
    """Plain necessary conditions, written here so that the oracle does not lean on app.boxing."""
    bd = sorted(box.dims)
    if any(any(a > b for a, b in zip(sorted(u.dims), bd)) for u in units):
        return False
    if sum(u.weight for u in units) > box.max_weight:
        return False
    return sum(u.length * u.width * u.height for u in units) <= box.volume


def cp_sat_fits(units: list[Unit], box: BoxType) -> bool | None:
    """CP-SAT: can the units be placed (any of 6 orientations) without overlap? None: undecided."""
    from ortools.sat.python import cp_model

    m = cp_model.CpModel()
    B = box.dims
    pos, size = [], []
    for i, u in enumerate(units):
        perms = sorted({(a, b, c) for a, b, c in __import__("itertools").permutations(u.dims)})
        lits = [m.NewBoolVar(f"o{i}_{k}") for k in range(len(perms))]
        m.AddExactlyOne(lits)
        d = [sum(p[k] * l for p, l in zip(perms, lits)) for k in range(3)]
        p = [m.NewIntVar(0, B[k] - min(u.dims), f"p{i}_{k}") for k in range(3)]
        for k in range(3):
            m.Add(p[k] + d[k] <= B[k])
        pos.append(p)
        size.append(d)
    for i in range(len(units)):
        for j in range(i):
            sep = []
            for k in range(3):
                a, b = m.NewBoolVar(""), m.NewBoolVar("")
                m.Add(pos[i][k] + size[i][k] <= pos[j][k]).OnlyEnforceIf(a)
                m.Add(pos[j][k] + size[j][k] <= pos[i][k]).OnlyEnforceIf(b)
                sep += [a, b]
            m.AddBoolOr(sep)
            if units[i] == units[j] and j == i - 1:  # identical units: fix their order on x+y+z
                m.Add(sum(pos[j]) <= sum(pos[i]))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = CP_SAT_SECONDS
    solver.parameters.num_workers = 1
    status = solver.Solve(m)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True
    if status == cp_model.INFEASIBLE:
        return False
    return None


def optimal_box(units: list[Unit], answers: list[BoxType | None], valid: list[bool]) -> tuple[BoxType | None, bool]:
    """(cheapest feasible box or None, decided). Feasible when any valid answer used it."""
    proven = {a.id for a, ok in zip(answers, valid) if a is not None and ok}
    for box in sorted(BOXES, key=lambda b: b.cost):
        if not bound_ok(units, box):
            continue
        if box.id in proven:
            return box, True
        verdict = cp_sat_fits(units, box)
        if verdict is None:
            return None, False
        if verdict:
            return box, True
    return None, True


def percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def timing_pass(order_list: list[list[Unit]]) -> tuple[list[float], list[float]]:
    """Each order once per packer, back to back (which goes first alternates), with nothing
    else in between: ms per order, ours and py3dbp's."""
    ours, ref = [], []
    for i, units in enumerate(order_list):
        if i % 2:
            ref.append(run_py3dbp(units)[2] * 1000)
            ours.append(run_ours(units)[2] * 1000)
        else:
            ours.append(run_ours(units)[2] * 1000)
            ref.append(run_py3dbp(units)[2] * 1000)
    return ours, ref


def compare(name: str, order_list: list[list[Unit]]) -> Iterable[dict]:
    """The checking pass (answers, validator, oracle), then the timing pass.

    The checking pass is timed too, but there our call comes right after the previous
    order's validator and CP-SAT check and py3dbp's right after ours, so ours starts with
    the processor's caches cold from the oracle (our 1-6-unit p95 came out about a quarter
    higher than in the timing pass, py3dbp's about the same); its p95 ratio is printed as
    `ratio_with_checks_between`."""
    stats = {k: {"times": [], "invalid": 0, "optimal": 0, "nothing_wrongly": 0, "bigger": 0} for k in ("ours", "py3dbp")}
    undecided = 0
    t_oracle = time.perf_counter()
    for units in order_list:
        results = {"ours": run_ours(units), "py3dbp": run_py3dbp(units)}
        valid = {}
        for k, (box, placements, dt) in results.items():
            stats[k]["times"].append(dt * 1000)
            ok = box is None or not packing_problems(units, [Parcel(box, tuple(placements))])
            valid[k] = ok
            if not ok:
                stats[k]["invalid"] += 1
        best, decided = optimal_box(units, [results[k][0] for k in results], [valid[k] for k in results])
        if not decided:
            undecided += 1
            continue
        for k, (box, _, _) in results.items():
            if valid[k] and (box.id if box else None) == (best.id if best else None):
                stats[k]["optimal"] += 1
            elif box is None and best is not None:
                stats[k]["nothing_wrongly"] += 1
            else:
                stats[k]["bigger"] += 1
    oracle_s = time.perf_counter() - t_oracle
    decided = len(order_list) - undecided
    ours, ref = stats["ours"], stats["py3dbp"]
    checked_ratio = percentile(ours["times"], 0.95) / percentile(ref["times"], 0.95)
    t_ours, t_ref = timing_pass(order_list)
    p95o, p95r = percentile(t_ours, 0.95), percentile(t_ref, 0.95)
    yield {
        "name": f"boxing {name}: p95 time per order", "ours": round(p95o, 3), "reference": round(p95r, 3),
        "ratio": round(p95o / p95r, 3), "unit": "ms", "reference_name": "py3dbp (fresh Packer per box, bigger_first=True)",
        "p50_ours": round(statistics.median(t_ours), 3), "p50_reference": round(statistics.median(t_ref), 3),
        "max_ours": round(max(max(t_ours), max(ours["times"])), 3), "goal": "ratio <= 0.35 and max <= 50 ms",
        "orders": len(order_list),
        "p95_ours_with_checks_between": round(percentile(ours["times"], 0.95), 3),
        "p95_reference_with_checks_between": round(percentile(ref["times"], 0.95), 3),
        "ratio_with_checks_between": round(checked_ratio, 3),
        # the slowest of our orders (index in the seeded set: orders(count, max_units, seed)[i]), for profiling
        "slowest_orders_ours": [[i, round(t, 2)] for t, i in sorted(
            ((t, i) for i, t in enumerate(t_ours)), reverse=True)[:10]],
    }
    yield {
        "name": f"boxing {name}: optimal box", "ours": round(100 * ours["optimal"] / max(decided, 1), 2),
        "reference": round(100 * ref["optimal"] / max(decided, 1), 2),
        "ratio": round(ours["optimal"] / max(ref["optimal"], 1), 3), "unit": "% of decided orders",
        "decided": decided, "undecided_by_cp_sat": undecided,
        "nothing_fits_wrongly_ours": ours["nothing_wrongly"], "nothing_fits_wrongly_reference": ref["nothing_wrongly"],
        "oracle_seconds": round(oracle_s, 1),
    }
    yield {
        "name": f"boxing {name}: invalid placements", "ours": ours["invalid"], "reference": ref["invalid"],
        "ratio": None, "unit": "orders", "goal": "ours == 0",
    }


def run_py3dbp_split(units: list[Unit]) -> tuple[list[Parcel], float]:
    """py3dbp's own multi-bin packing (distribute_items=True) into enough of the roomiest box."""
    from py3dbp import Bin, Item, Packer

    t0 = time.perf_counter()
    big = max(BOXES, key=lambda b: b.volume)
    packer = Packer()
    for k in range(len(units) // 5 + 2):
        packer.add_bin(Bin(f"{k}", big.length, big.width, big.height, big.max_weight))
    for i, u in enumerate(units):
        packer.add_item(Item(str(i), u.length, u.width, u.height, u.weight))
    packer.pack(bigger_first=True, distribute_items=True)
    dt = time.perf_counter() - t0
    parcels = []
    for b in packer.bins:
        if b.items:
            placements = []
            for it in b.items:
                dx, dy, dz = (int(v) for v in it.get_dimension())
                x, y, z = (int(v) for v in it.position)
                placements.append(Placement(int(it.name), units[int(it.name)].sku, x, y, z, dx, dy, dz))
            parcels.append(Parcel(big, tuple(placements)))
    return parcels, dt


def big_orders(quick: bool) -> Iterable[dict]:
    """Orders of hundreds and thousands of units (pallet-sized B2B orders): split into parcels.

    py3dbp's multi-bin mode is the reference where it finishes in seconds (100 and 300
    units); beyond that only our time against the 50 ms goal is reported."""
    from app.boxing import suggest_boxes

    rng = random.Random(99)
    products = catalogue()
    for n in (100, 300) if quick else (100, 300, 1000, 3000, 6000):
        units = [rng.choice(products) for _ in range(n)]
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            ours = suggest_boxes(units, BOXES)
            times.append((time.perf_counter() - t0) * 1000)
        figure = {"name": f"boxing big order, {n} units: time", "ours": round(statistics.median(times), 1),
                  "unit": "ms", "goal": "<= 50 ms", "parcels_ours": len(ours.parcels),
                  "box_cost_ours": float(ours.cost),
                  "invalid_ours": len(packing_problems(units, ours.parcels))}
        if n <= 300:
            ref, dt = run_py3dbp_split(units)
            figure.update(reference=round(dt * 1000, 1), ratio=round(statistics.median(times) / (dt * 1000), 4),
                          reference_name="py3dbp multi-bin (distribute_items=True, roomiest box)",
                          parcels_reference=len(ref), invalid_reference=len(packing_problems(units, ref)),
                          box_cost_reference=float(sum(p.box.cost for p in ref)))
        else:
            figure.update(reference=None, ratio=None)
        yield figure


def run(quick: bool) -> Iterable[dict]:
    """Two seeded sets: 1-20 units and 1-6 units (1,000 orders each; 100 with --quick), then big orders."""
    count = 100 if quick else 1000
    yield from compare("1-20 units", orders(count, 20, seed=2026))
    yield from compare("1-6 units", orders(count, 6, seed=6))
    yield from big_orders(quick)

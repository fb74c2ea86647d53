"""Property tests: every answer is valid; every proof that no cheaper box fits is right."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.boxing import BoxingError, BoxType, Objective, Rules, Unit, choose_box, suggest_boxes
from app.boxing.bounds import quick_refusal, strong_refusal
from app.boxing.exact import exact_pack
from app.boxing.model import Goal
from app.boxing.orientations import fitting_orientations, orientations_in
from app.boxing.validate import packing_problems
from tests.unit.boxing.brute import fits

CLASSES = ["hazmat", "food", None]


@st.composite
def rules(draw: st.DrawFn) -> Rules:
    cls = draw(st.sampled_from(CLASSES))
    return Rules(
        upright=draw(st.booleans()),
        own_container=draw(st.integers(0, 9)) == 0,
        padding=draw(st.sampled_from([0, 0, 0, 5])),
        hazard_class=cls,
        incompatible_with=frozenset({"food"}) if cls == "hazmat" else frozenset(),
    )


@st.composite
def unit(draw: st.DrawFn, small: bool = False) -> Unit:
    hi = 4 if small else 400
    lo = 1 if small else 10
    r = Rules(upright=draw(st.booleans())) if small else draw(rules())
    return Unit(draw(st.sampled_from(["MUG", "BOOK", "LAMP", "SOAP"])),
                draw(st.integers(lo, hi)), draw(st.integers(lo, hi)), draw(st.integers(lo, hi)),
                draw(st.integers(1, 5000)), r)


@st.composite
def catalogue(draw: st.DrawFn, small: bool = False) -> list[BoxType]:
    n = draw(st.integers(1, 5))
    hi, lo = (5, 1) if small else (600, 50)
    boxes = []
    for i in range(n):
        boxes.append(BoxType(f"B{i}", draw(st.integers(lo, hi)), draw(st.integers(lo, hi)), draw(st.integers(lo, hi)),
                             max_weight=draw(st.integers(1000, 40000)), tare=draw(st.integers(0, 500)),
                             cost=Decimal(draw(st.integers(10, 300))) / 100,
                             enabled=draw(st.integers(0, 6)) > 0,
                             stock=draw(st.sampled_from([None, None, 0, 1, 3]))))
    return boxes


objectives = st.sampled_from([Objective(), Objective(Goal.FEWEST_PARCELS), Objective(Goal.CARRIER_COST, 4000)])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(unit(), min_size=1, max_size=14), catalogue(), objectives)
def test_every_suggestion_passes_the_validator(units: list[Unit], boxes: list[BoxType], objective: Objective) -> None:
    try:
        s = suggest_boxes(units, boxes, objective)
    except BoxingError as exc:
        # only when some unit fits no usable box at all, and the message names it
        usable = [b for b in boxes if b.enabled and b.stock != 0]
        lonely = [u for u in units if not u.rules.own_container
                  and not any(fitting_orientations(u, b.dims) and u.weight <= b.max_weight for b in usable)]
        if "stock" in str(exc) and any(b.stock is not None for b in boxes):
            return  # limited stock ran out across parcels; the message says so
        assert lonely or not usable, str(exc)
        assert not usable or any(u.sku in str(exc) for u in lonely)
        return
    assert packing_problems(units, s.parcels) == []
    assert s.cost == sum((p.box.cost for p in s.parcels if p.box), Decimal(0))
    assert s.explanation


def brute_items(units: list[Unit]) -> list[tuple[tuple[int, int, int], bool]]:
    return [(u.dims, u.rules.upright) for u in units]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(unit(small=True), min_size=1, max_size=4), catalogue(small=True))
def test_proof_that_no_cheaper_box_fits_agrees_with_brute_force(units: list[Unit], boxes: list[BoxType]) -> None:
    boxes = [BoxType(b.id, b.length, b.width, b.height, 10**9, 0, b.cost) for b in boxes]
    choice = choose_box(units, boxes, out_of_time=lambda: False)
    ranked = sorted(boxes, key=lambda b: (b.cost, b.volume, b.id))
    feasible = [b for b in ranked if fits(brute_items(units), b.dims)]
    if choice is None:
        assert feasible == []
        return
    assert packing_problems(units, [__import__("app.boxing.model", fromlist=["Parcel"]).Parcel(choice.box, choice.placements)]) == []
    for r in choice.refused:
        if r.proved:
            assert not fits(brute_items(units), r.box.dims), f"{r.box} refused with proof: {r.reason}"
    if choice.proved_cheapest:
        assert feasible[0] == choice.box
    # tiny orders are always searched completely: the answer is the optimum
    assert feasible[0] == choice.box


@settings(max_examples=200, deadline=None)
@given(st.lists(unit(small=True), min_size=1, max_size=5),
       st.tuples(st.integers(1, 5), st.integers(1, 5), st.integers(1, 5)))
def test_complete_search_agrees_with_brute_force(units: list[Unit], box: tuple[int, int, int]) -> None:
    orients = [fitting_orientations(u, box) for u in units]
    if not all(orients):
        return
    result = exact_pack(orients, box, 10**7, lambda: False)
    truth = fits(brute_items(units), box)
    assert result.proved_empty == (not truth)
    assert (result.spots is not None) == truth


@settings(max_examples=300, deadline=None)
@given(st.lists(unit(small=True), min_size=1, max_size=5),
       st.tuples(st.integers(1, 5), st.integers(1, 5), st.integers(1, 5)))
def test_the_bounds_never_refuse_a_box_that_brute_force_can_fill(units: list[Unit], dims: tuple[int, int, int]) -> None:
    box = BoxType("B", *dims, max_weight=10**9)
    shapes = [u.shape for u in units]
    orients = orientations_in(shapes, box.dims)
    volume = sum(u.volume for u in units)
    reason = quick_refusal(units, orients, box, sum(u.weight for u in units), volume)
    if reason is None:
        reason, doms = strong_refusal(units, orients, box, volume)
        if reason is None:
            # the narrowed orientations still allow a packing whenever one exists
            assert doms is not None
            assert exact_pack(doms, box.dims, 10**7, lambda: False).proved_empty == (not fits(brute_items(units), dims))
    if reason is not None:
        assert not fits(brute_items(units), dims), reason


@settings(max_examples=100, deadline=None)
@given(st.lists(unit(), min_size=1, max_size=40), catalogue())
def test_the_hurried_shelf_fill_never_overlaps_or_overloads(units: list[Unit], boxes: list[BoxType]) -> None:
    from app.boxing.extreme_points import shelf_fill
    from app.boxing.model import Parcel, Placement

    box = boxes[0]
    plain = [Unit(u.sku, u.length, u.width, u.height, u.weight, Rules(upright=u.rules.upright, padding=u.rules.padding))
             for u in units]
    orients = [fitting_orientations(u, box.dims) for u in plain]
    spots = shelf_fill(range(len(plain)), orients, box.dims, [u.weight for u in plain], box.max_weight)
    taken = sorted(spots)
    sub = [plain[i] for i in taken]
    placements = []
    for k, i in enumerate(taken):
        x, y, z, dx, dy, dz = spots[i]
        p = plain[i].rules.padding
        placements.append(Placement(k, plain[i].sku, x + p, y + p, z + p, dx - 2 * p, dy - 2 * p, dz - 2 * p))
    enabled = BoxType(box.id, box.length, box.width, box.height, box.max_weight)
    assert packing_problems(sub, [Parcel(enabled, tuple(placements))]) == []


def test_a_very_large_order_is_split_into_valid_parcels() -> None:
    from app.boxing.files import DEFAULT_BOXES

    units = [Unit(f"SKU-{i % 37}", 40 + (i * 37) % 200, 30 + (i * 53) % 150, 10 + (i * 71) % 120, 50 + i % 900)
             for i in range(300)]
    s = suggest_boxes(units, DEFAULT_BOXES)
    assert len(s.parcels) > 1
    assert packing_problems(units, s.parcels) == []

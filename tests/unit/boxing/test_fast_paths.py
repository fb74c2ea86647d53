"""The cheap steps tried before the extreme-point pass, and the faster bounds, checked
against plain references: rows and layers never overlap, first_refusal is a proof, the
narrowed orientations are the same fixpoint a plain loop finds, and the short search over
extreme points claims only packings that are real."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.boxing import BoxType, Rules, Unit, choose_box
from app.boxing.bounds import first_refusal, prune_orientations, row_refusal
from app.boxing.model import Parcel, Placement
from app.boxing.orientations import fitting_orientations
from app.boxing.point_search import search_points
from app.boxing.trial import biggest_first, quick_pass, rows_pass, try_box
from app.boxing.validate import packing_problems
from tests.unit.boxing.brute import fits

small_units = st.lists(st.builds(
    Unit, st.sampled_from(["MUG", "BOOK", "SOAP"]), st.integers(1, 4), st.integers(1, 4), st.integers(1, 4),
    st.just(1), st.builds(Rules, upright=st.booleans())), min_size=1, max_size=5)
dims = st.tuples(st.integers(1, 5), st.integers(1, 5), st.integers(1, 5))


def _placements(units: list[Unit], spots: list) -> tuple[Placement, ...]:
    return tuple(Placement(i, u.sku, *spot) for i, (u, spot) in enumerate(zip(units, spots)))


def plain_prune(orients: list[tuple], box: tuple[int, int, int]) -> list[tuple] | None:
    """Drop an orientation while some other unit's smallest sizes leave it no room; repeat."""
    doms = [list(d) for d in orients]
    changed = True
    while changed:
        changed = False
        for a, dom in enumerate(doms):
            for o in list(dom):
                for b, other in enumerate(doms):
                    if b == a:
                        continue
                    m = [min(p[k] for p in other) for k in range(3)]
                    if all(o[k] + m[k] > box[k] for k in range(3)):
                        dom.remove(o)
                        changed = True
                        break
            if not dom:
                return None
    return [tuple(d) for d in doms]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.builds(Unit, st.just("CRATE"), st.integers(20, 200), st.integers(20, 200), st.integers(20, 200),
                          st.just(1), st.builds(Rules, upright=st.booleans())), min_size=1, max_size=7),
       st.tuples(st.integers(100, 400), st.integers(100, 300), st.integers(80, 250)))
def test_narrowed_orientations_are_the_fixpoint_a_plain_loop_finds(units: list[Unit], box: tuple[int, int, int]) -> None:
    orients = [fitting_orientations(u, box) for u in units]
    if not all(orients):
        return
    doms, pair = prune_orientations(orients, box)
    expected = plain_prune(orients, box)
    if expected is None:
        assert doms is None and pair is not None
    else:
        assert doms is not None
        assert [set(d) for d in doms] == [set(d) for d in expected]


@settings(max_examples=300, deadline=None)
@given(small_units, dims)
def test_rows_and_layers_never_overlap_and_hold_every_unit_when_they_say_so(units: list[Unit], box: tuple[int, int, int]
                                                                           ) -> None:
    orients = [fitting_orientations(u, box) for u in units]
    if not all(orients):
        return
    spots = rows_pass(orients, box, biggest_first(units))
    if spots is None:
        return
    assert fits([(u.dims, u.rules.upright) for u in units], box)
    boxed = BoxType("B", *box, max_weight=10**9)
    assert packing_problems(units, [Parcel(boxed, _placements(units, spots))]) == []


@settings(max_examples=300, deadline=None)
@given(small_units, dims)
def test_the_cheaper_half_of_the_strong_bounds_never_refuses_a_box_brute_force_can_fill(
        units: list[Unit], box: tuple[int, int, int]) -> None:
    orients = [fitting_orientations(u, box) for u in units]
    if not all(orients):
        return
    reason = first_refusal(units, orients, BoxType("B", *box, max_weight=10**9), sum(u.volume for u in units))
    if reason is not None:
        assert not fits([(u.dims, u.rules.upright) for u in units], box), reason


def test_a_roomy_box_is_packed_in_rows_and_layers_before_any_extreme_point_pass() -> None:
    box = BoxType("M", 400, 300, 200, 15_000, 250, Decimal("0.85"))
    mugs = [Unit("MUG", 120, 90, 90, 300)] * 4  # a fifth of the box
    orients = [fitting_orientations(u, box.dims) for u in mugs]
    trial = try_box(mugs, orients, box, 1200, sum(u.volume for u in mugs), lambda: False, biggest_first(mugs))
    assert trial.spots is not None
    assert sorted(s[:3] for s in trial.spots) == [(0, 0, 0), (0, 90, 0), (120, 0, 0), (240, 0, 0)]


def test_rows_and_layers_give_up_at_the_first_unit_that_does_not_go_in() -> None:
    plank = fitting_orientations(Unit("PLANK", 4, 1, 1, 1), (4, 2, 1))
    assert rows_pass([plank, plank], (4, 2, 1), [0, 1]) is not None
    assert rows_pass([plank, plank, plank], (4, 2, 1), [0, 1, 2]) is None


def test_a_row_shorter_than_the_box_is_not_refused_even_when_its_units_cannot_stand_side_by_side() -> None:
    box = BoxType("S", 300, 220, 150, 10_000)
    kettle = Unit("KETTLE", 140, 174, 149, 1200)  # two side by side across the width leave no room
    orients = [fitting_orientations(kettle, box.dims)] * 2
    doms, _ = prune_orientations(orients, box.dims)
    assert doms is not None
    assert row_refusal([kettle, kettle], doms, box) is None  # 280 mm of a 300 mm length
    assert choose_box([kettle, kettle], [box]) is not None


@settings(max_examples=300, deadline=None)
@given(small_units, dims, st.integers(0, 30))
def test_the_short_search_claims_a_packing_only_where_one_exists_and_it_is_valid(
        units: list[Unit], box: tuple[int, int, int], nodes: int) -> None:
    orients = [fitting_orientations(u, box) for u in units]
    if not all(orients):
        return
    spots = search_points(biggest_first(units), orients, box, nodes)
    if spots is None:
        return
    assert fits([(u.dims, u.rules.upright) for u in units], box)
    boxed = BoxType("B", *box, max_weight=10**9)
    assert packing_problems(units, [Parcel(boxed, _placements(units, spots))]) == []


def test_the_short_search_packs_boards_and_trays_that_no_quick_pass_packs() -> None:
    box = (220, 160, 100)  # the demo catalogue's XS, inside
    units = [Unit("BOARD", 220, 61, 67, 400)] * 2 + [Unit("TRAY", 105, 29, 117, 300)] * 2 + [Unit("CUP", 37, 57, 73, 90)]
    orients = [fitting_orientations(u, box) for u in units]
    order = biggest_first(units)
    assert all(quick_pass(orients, box, variant, order) is None for variant in range(3))
    spots = search_points(order, orients, box, 24)
    assert spots is not None
    boxed = BoxType("XS", *box, max_weight=10**9)
    assert packing_problems(units, [Parcel(boxed, _placements(units, spots))]) == []
    assert search_points(order, orients, box, 3) is None  # its budget is kept: four placements are needed


def test_a_box_only_the_short_search_packs_is_chosen_over_the_next_bigger_one() -> None:
    xs = BoxType("XS", 220, 160, 100, 5000, 90, Decimal("0.35"))
    s = BoxType("S", 300, 220, 150, 10000, 150, Decimal("0.55"))
    units = [Unit("BOARD", 220, 61, 67, 400)] * 2 + [Unit("TRAY", 105, 29, 117, 300)] * 2 + [Unit("CUP", 37, 57, 73, 90)]
    choice = choose_box(units, [s, xs])
    assert choice is not None and choice.box.id == "XS"
    assert packing_problems(units, [Parcel(xs, choice.placements)]) == []


kinds_of_units = st.lists(st.builds(
    Unit, st.sampled_from(["MUG", "BOOK", "LAMP"]), st.integers(10, 400), st.integers(10, 400), st.integers(10, 400),
    st.integers(1, 3000), st.builds(Rules, upright=st.booleans(), padding=st.sampled_from([0, 0, 5]))),
    min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(kinds_of_units, st.lists(st.integers(0, 3), min_size=1, max_size=60),
       st.tuples(st.integers(50, 600), st.integers(50, 600), st.integers(50, 600)), st.integers(1000, 60000))
def test_a_big_order_is_refused_by_kind_with_the_reason_every_unit_would_give(
        kinds: list[Unit], picks: list[int], dims: tuple[int, int, int], max_weight: int) -> None:
    from app.boxing.exact import bound_failure
    from app.boxing.bounds import quick_refusal
    from app.boxing.orientations import orientations_in
    from app.boxing.suggest import _kinds_refusal

    units = [kinds[p % len(kinds)] for p in picks]
    box = BoxType("B", *dims, max_weight=max_weight)
    shapes = [u.shape for u in units]
    weight, volume = sum(u.weight for u in units), sum(u.volume for u in units)
    plain = quick_refusal(units, orientations_in(shapes, dims), box, weight, volume)
    assert _kinds_refusal(units, shapes, list(dict.fromkeys(shapes)), box, weight, volume) == plain
    if plain is not None:
        assert bound_failure(units, box) == plain


padded_units = st.lists(st.builds(
    Unit, st.sampled_from(["MUG", "BOOK", "SOAP"]), st.integers(1, 400), st.integers(1, 400), st.integers(1, 400),
    st.just(1), st.builds(Rules, upright=st.booleans(), padding=st.sampled_from([0, 0, 3, 15]))), min_size=1, max_size=40)


@given(padded_units)
@settings(max_examples=300, deadline=None)
def test_biggest_first_orders_by_padded_volume_then_longest_side_then_line(units: list[Unit]) -> None:
    def padded(u: Unit) -> list[int]:
        return [side + 2 * u.rules.padding for side in (u.length, u.width, u.height)]

    plain = sorted(range(len(units)), key=lambda i: (
        -padded(units[i])[0] * padded(units[i])[1] * padded(units[i])[2], -max(padded(units[i])), i))
    assert biggest_first(units) == plain


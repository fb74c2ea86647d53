"""Answers remembered across orders (the orientation and size caches, keyed by value) never
go stale: equal keys that are other objects, a cache that is full or cleared, and a changed
catalogue all give the answer worked out afresh."""
from __future__ import annotations

import dataclasses
from decimal import Decimal

from app.boxing import BoxType, Objective, Unit, choose_box
from app.boxing.orientations import orientations_in, shape_fits, shape_orientations, smallest_sizes
from app.boxing.suggest import rank_boxes

S = BoxType("S", 300, 220, 150, 10000, 150, Decimal("0.55"))
M = BoxType("M", 400, 300, 200, 15000, 250, Decimal("0.85"))


def test_equal_tuples_that_are_different_objects_get_the_same_answers() -> None:
    a = ((30, 20, 10), (20, 30, 10))
    b = tuple(list(a))  # equal, and another object
    c = ((5, 6, 7),)
    assert smallest_sizes(a) == (20, 20, 10)
    assert smallest_sizes(b) == (20, 20, 10)
    assert smallest_sizes(c) == (5, 6, 7)


def test_a_full_size_cache_keeps_answering_right() -> None:
    maxsize = smallest_sizes.cache_info().maxsize
    keys = [((i + 2, i + 1, i), (i + 1, i + 2, i)) for i in range(maxsize + 10)]
    for k in keys:
        assert smallest_sizes(k) == (k[0][1], k[0][1], k[0][2])
    assert smallest_sizes.cache_info().currsize <= maxsize
    assert all(smallest_sizes(k) == (k[0][1], k[0][1], k[0][2]) for k in keys[:10])  # dropped, worked out again


def test_the_orientation_caches_cleared_answer_the_same() -> None:
    shapes = [Unit(f"U{i}", 50 + i, 40, 30, 100).shape for i in range(40)]
    before = orientations_in(shapes, S.dims)
    shape_fits.cache_clear()
    shape_orientations.cache_clear()
    assert orientations_in(shapes, S.dims) == before
    assert len(before[0]) == 6  # a 50x40x30 unit fits an S box every way


def test_the_ranking_follows_a_changed_catalogue() -> None:
    cheap_first = [M, S]
    assert [b.id for b in rank_boxes(cheap_first, [], Objective())] == ["S", "M"]
    s_off = dataclasses.replace(S, enabled=False)
    assert [b.id for b in rank_boxes([M, s_off], [], Objective())] == ["M"]
    s_out = dataclasses.replace(S, stock=0)
    assert [b.id for b in rank_boxes([M, s_out], [], Objective())] == ["M"]
    catalogue = [M, S]
    assert [b.id for b in rank_boxes(catalogue, [], Objective())] == ["S", "M"]
    catalogue[1] = s_off  # the same list, changed in place
    assert [b.id for b in rank_boxes(catalogue, [], Objective())] == ["M"]
    mug = [Unit("MUG", 120, 90, 100, 350)]
    assert choose_box(mug, [M, S], Objective()).box.id == "S"
    assert choose_box(mug, [M, s_off], Objective()).box.id == "M"

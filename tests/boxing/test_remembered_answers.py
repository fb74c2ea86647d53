"""Answers remembered across orders (shape tables, identity memos, the cost ranking) never
go stale: a new object, a changed catalogue or a memo that started over gives the answer
worked out afresh."""
from __future__ import annotations

import dataclasses
from decimal import Decimal

from app.boxing import BoxType, Objective, Unit, choose_box
from app.boxing import orientations
from app.boxing.orientations import orientations_in, remember, smallest_sizes
from app.boxing.suggest import rank_boxes

S = BoxType("S", 300, 220, 150, 10000, 150, Decimal("0.55"))
M = BoxType("M", 400, 300, 200, 15000, 250, Decimal("0.85"))


def test_equal_tuples_that_are_different_objects_get_their_own_answers() -> None:
    a = ((30, 20, 10), (20, 30, 10))
    b = tuple(list(a))  # equal, and another object
    c = ((5, 6, 7),)
    assert smallest_sizes(a) == (20, 20, 10)
    assert smallest_sizes(b) == (20, 20, 10)
    assert smallest_sizes(c) == (5, 6, 7)


def test_a_memo_that_starts_over_keeps_answering_right() -> None:
    memo: orientations.IdentityMemo = {}
    keys = [((i, i + 1, i + 2),) for i in range(orientations.IDENTITY_MEMO_SIZE + 10)]
    for k in keys:
        remember(memo, k, k[0][0])
    assert len(memo) <= orientations.IDENTITY_MEMO_SIZE
    for k in keys[-10:]:
        hit = memo.get(id(k))
        assert hit is not None and hit[0] is k and hit[1] == k[0][0]
    # past its size the memo started over; each entry still holds its own key, so a lookup
    # never returns another tuple's answer
    assert all(memo_key == id(entry[0]) for memo_key, entry in memo.items())


def test_the_shape_tables_start_over_and_answer_the_same(monkeypatch) -> None:
    shapes = [Unit(f"U{i}", 50 + i, 40, 30, 100).shape for i in range(40)]
    before = orientations_in(shapes, S.dims)
    monkeypatch.setattr(orientations, "TABLE_SHAPES", 16)
    monkeypatch.setattr(orientations, "_remembered", 16)  # full: the next new shape clears the tables
    again = orientations_in([Unit("NEW", 61, 41, 31, 100).shape] + shapes, S.dims)
    assert again[1:] == before
    assert again[0] == orientations._fitting(Unit("NEW", 61, 41, 31, 100).shape, S.dims)
    assert orientations._remembered <= 16  # the tables stay within their size


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

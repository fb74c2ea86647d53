"""app.heap.settle: start-up's garbage collected, what is alive frozen, later garbage still collected."""
from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from app import heap


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def cycle() -> weakref.ref[Node]:
    """A reference cycle nobody holds, known only by a weak reference."""
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


@pytest.fixture
def thawed() -> Iterator[None]:
    yield
    gc.unfreeze()  # the rest of the suite as it was


def test_start_up_garbage_is_collected_and_what_lives_is_frozen(thawed: None) -> None:
    dropped = cycle()
    kept = Node()
    frozen_before = gc.get_freeze_count()
    heap.settle()
    assert dropped() is None  # collected, not frozen
    assert gc.get_freeze_count() > frozen_before
    assert all(obj is not kept for obj in gc.get_objects())  # frozen objects are not in any generation


def test_garbage_made_after_settling_is_still_collected(thawed: None) -> None:
    heap.settle()
    later = cycle()
    gc.collect()
    assert later() is None

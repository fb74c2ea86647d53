"""app.heap: start-up's garbage collected and what is alive frozen, later garbage still collected;
the collector paused during a batch and on again after the last one, in any thread."""
from __future__ import annotations

import gc
import threading
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


def test_a_batch_pauses_the_collector_and_its_cycles_are_collected_after_it() -> None:
    assert gc.isenabled()
    with heap.batch():
        assert not gc.isenabled()
        made = cycle()
        kept = [[] for _ in range(5_000)]  # far more than the collector's threshold: it would have run
        assert made() is not None
    assert gc.isenabled()
    kept += [[] for _ in range(5_000)]  # allocations alone start the collector again, no gc.collect()
    assert made() is None


def test_the_collector_runs_again_after_a_batch_that_failed() -> None:
    with pytest.raises(ZeroDivisionError):
        with heap.batch():
            1 / 0
    assert gc.isenabled()


def test_overlapping_batches_in_two_threads_keep_it_paused_until_the_last_ends() -> None:
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with heap.batch():
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=other)
    with heap.batch():
        thread.start()
        assert inside.wait(10)
    assert not gc.isenabled()  # the other thread's batch still runs
    release.set()
    thread.join(10)
    assert gc.isenabled()


def test_a_collector_somebody_else_paused_stays_paused() -> None:
    gc.disable()
    try:
        with heap.batch():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()

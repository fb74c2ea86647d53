"""The garbage collector kept from work it cannot help with: start-up's objects and big batches.

A `packdesk` command and a station start by importing Qt, SQLAlchemy, their models and
catalogues: some 80,000-110,000 objects the process keeps until it ends. Python's collector
walks every one of them at each full pass, and a big day's work (an import of 10,000 orders, a
wave) triggers several: one took 37-80 ms here, on the GUI thread of a station as anywhere.
`settle()` collects once and moves what is alive into the permanent generation
(`gc.freeze()`), so that later passes walk only what was made since; garbage made later is
collected as before.

A batch (an import, a wave) makes hundreds of thousands of rows, tuples and records that live
until it ends, and few reference cycles (a unit of work's session): the collector's passes
during it (hundreds of young ones and a few full ones, each walking the whole file's rows)
found next to nothing to free and took 10-25 % of validating 10,000 orders, more the bigger the
file. `batch()` pauses the collector for the batch; what the batch made is freed by reference
counting as before, and the first pass after it collects the cycles it left. Measured in
benchmarks/bench_orders.py (docs/orders.md, "Speed")."""
from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_batches = 0  # batches running now, in any thread: the collector runs again when the last ends
_paused = False  # whether the first of them paused it (it was not paused by somebody else)


def settle() -> None:
    """Collects what start-up left behind, then keeps the rest out of later full passes."""
    gc.collect()
    gc.freeze()


@contextmanager
def batch() -> Iterator[None]:
    """The collector paused while a big batch runs (in any thread), on again after the last one."""
    global _batches, _paused
    with _lock:
        if _batches == 0:
            _paused = gc.isenabled()
            gc.disable()
        _batches += 1
    try:
        yield
    finally:
        with _lock:
            _batches -= 1
            if _batches == 0 and _paused:
                gc.enable()

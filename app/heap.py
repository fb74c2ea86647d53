"""The process's long-lived objects kept out of the garbage collector's full passes.

A `packdesk` command and a station start by importing Qt, SQLAlchemy, their models and
catalogues: some 80,000-110,000 objects the process keeps until it ends. Python's collector
walks every one of them at each full pass, and a big day's work (an import of 10,000 orders, a
wave) triggers several: one took 37-80 ms here, on the GUI thread of a station as anywhere.
`settle()` collects once and moves what is alive into the permanent generation
(`gc.freeze()`), so that later passes walk only what was made since; garbage made later is
collected as before. Measured in benchmarks/bench_orders.py (docs/orders.md, "Speed")."""
from __future__ import annotations

import gc


def settle() -> None:
    """Collects what start-up left behind, then keeps the rest out of later full passes."""
    gc.collect()
    gc.freeze()

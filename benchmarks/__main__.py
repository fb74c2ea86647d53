"""Runs every benchmarks/bench_*.py (or those named) and prints one JSON object per figure.

Each module has `run(quick: bool) -> Iterable[dict]`; every dict has at least `name`,
`ours`, `reference`, `ratio` and `unit`, and may add more (medians, p95, counts, goals).
`python -m benchmarks [--quick] [NAME ...]`.
"""
from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("names", nargs="*", help="bench module names without bench_ (default: all)")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    args = parser.parse_args(argv)
    here = Path(__file__).parent
    modules = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    if args.names:
        wanted = {f"bench_{n.removeprefix('bench_')}" for n in args.names}
        unknown = wanted - set(modules)
        if unknown:
            print(f"no such benchmark: {', '.join(sorted(unknown))}; have: {', '.join(modules)}", file=sys.stderr)
            return 2
        modules = [m for m in modules if m in wanted]
    for name in modules:
        module = importlib.import_module(f"benchmarks.{name}")
        for figure in module.run(quick=args.quick):
            print(json.dumps(figure, default=str), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

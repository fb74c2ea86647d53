"""Compile the box search (app/boxing's SEARCH_MODULES) with mypyc into this environment.

    python packaging/compile_boxing.py [--force]

The same Python source, compiled to C by mypyc (part of mypy: the way black and mypy
itself ship): the search runs two to three times faster with the same answers. The build
goes to app.boxing.compiled.compiled_dir() with a digest of its source; app.boxing uses it
only while that digest matches, so an edited module runs as plain Python until this is run
again. Does nothing when the build is up to date. Needs a C compiler and Python's headers.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.boxing import compiled  # noqa: E402  (the digest and folder the package itself checks)


def build(target: Path, opt_level: str = "3") -> None:
    """Compile into a fresh folder, then put it in place of the old one in one rename."""
    from mypyc.build import mypycify
    from setuptools import setup

    sources = [str(compiled.SOURCE_DIR / f"{name}.py") for name in compiled.SEARCH_MODULES]
    digest = compiled.source_digest()  # before compiling: a source edited meanwhile must not pass for this build
    group = compiled.SHARED_LIBRARY.removesuffix("__mypyc")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="packdesk-mypyc-") as work:
        cwd = os.getcwd()
        os.chdir(work)  # setuptools must not read the project's own pyproject.toml
        try:
            setup(name="packdesk-box-search", ext_modules=mypycify(sources, group_name=group, opt_level=opt_level),
                  script_args=["-q", "build_ext", "--build-lib", "lib", "--build-temp", "tmp"])
        finally:
            os.chdir(cwd)
        built = Path(work, "lib", "app", "boxing")
        fresh = Path(tempfile.mkdtemp(prefix="boxing.new-", dir=target.parent))
        for so in built.iterdir():
            shutil.copy2(so, fresh / so.name)
        names = sorted(p.name for p in fresh.iterdir())
        (fresh / compiled.MANIFEST).write_text(json.dumps(
            {"source": digest, "modules": list(compiled.SEARCH_MODULES), "files": names,
             "python": sys.version, "built": time.strftime("%Y-%m-%dT%H:%M:%S%z")}, indent=1))
    old = target.with_name(f"boxing.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="rebuild even when the build matches the source")
    args = parser.parse_args(argv)
    target = compiled.compiled_dir()
    if not args.force and compiled.why_not_compiled(target) is None:
        print(f"compile_boxing: the compiled box search in {target} is up to date")
        return 0
    t0 = time.monotonic()
    print(f"compile_boxing: compiling the box search with mypyc into {target} (about a minute)", flush=True)
    try:
        build(target)
    except (Exception, SystemExit) as e:  # setuptools reports a failed compiler run as SystemExit
        print(f"compile_boxing: the box search could not be compiled ({e}); it runs as plain Python "
              "(slower, the same answers). Install a C compiler and Python's headers and run make setup.",
              file=sys.stderr)
        return 1
    print(f"compile_boxing: done in {time.monotonic() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

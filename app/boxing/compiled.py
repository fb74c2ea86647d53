"""Which build of the box search runs: compiled by mypyc from this same source, or plain Python.

`packaging/compile_boxing.py` (run by `make setup`) compiles the modules named in
SEARCH_MODULES into a folder of the virtual environment and records a digest of the source
they came from. When that digest matches the source on disk, app.boxing imports those
modules from the folder (two to three times faster, the same answers); otherwise - no C
compiler, a source changed since, `PACKDESK_INTERPRETED=1` - it runs them as ordinary
Python. The folder is never inside the source tree, so a stale build can never shadow an
edited module.
"""
from __future__ import annotations

import hashlib
import importlib
import json
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)

# the modules on the search's hot path; model, files and the independent validator stay plain
SEARCH_MODULES = ("bounds", "exact", "explain", "extreme_points", "orientations", "point_search", "suggest", "trial")
SHARED_LIBRARY = "app.boxing.packer__mypyc"  # mypyc's one library for the group, named by its group
SOURCE_DIR = Path(__file__).resolve().parent
MANIFEST = "manifest.json"

running = "interpreted: app.boxing was not imported yet"  # set once by use_compiled_if_fresh


def compiled_dir() -> Path:
    """Where the compiled modules live: PACKDESK_COMPILED_DIR, or a folder of this environment."""
    base = os.environ.get("PACKDESK_COMPILED_DIR") or str(Path(sys.prefix) / "packdesk-compiled")
    return Path(base) / "app" / "boxing"


def source_digest(source_dir: Path = SOURCE_DIR) -> str:
    """A digest of the search modules' source and this interpreter's ABI."""
    digest = hashlib.sha256(sys.implementation.cache_tag.encode())
    for name in SEARCH_MODULES:
        digest.update(name.encode() + b"\0")
        digest.update((source_dir / f"{name}.py").read_bytes())
    return digest.hexdigest()


def why_not_compiled(folder: Path, source_dir: Path = SOURCE_DIR) -> str | None:
    """None when `folder` holds a build of exactly this source for this interpreter; else why not."""
    if os.environ.get("PACKDESK_INTERPRETED"):
        return "PACKDESK_INTERPRETED is set"
    try:
        built = json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError:
        return f"no compiled build in {folder} (make setup builds it when a C compiler is present)"
    except (OSError, ValueError) as e:
        return f"the compiled build's {folder / MANIFEST} cannot be read ({e}); run make setup"
    if built.get("source") != source_digest(source_dir):
        return f"the compiled build in {folder} is of another source or Python; run make setup to rebuild it"
    return None


def use_compiled_if_fresh(package_path: list[str]) -> str:
    """Put the compiled folder first on app.boxing's path when it was built from this source.

    Called once by app/boxing/__init__.py before any search module is imported. Returns
    (and keeps in `running`) which build runs and, for plain Python, why."""
    global running
    folder = compiled_dir()
    reason = why_not_compiled(folder)
    if reason is None:
        package_path.insert(0, str(folder))
        try:
            importlib.import_module(SHARED_LIBRARY)
        except ImportError as e:  # a damaged or foreign build: plain Python still works
            package_path.remove(str(folder))
            reason = f"the compiled build in {folder} does not load ({e}); run make setup to rebuild it"
    if reason is None:
        running = f"compiled (mypyc) from {folder}"
        log.debug("box search: %s", running)
    else:
        running = f"interpreted: {reason}"
        # a stale or broken build is worth a warning; no build at all is a normal set-up
        (log.info if reason.startswith(("no compiled", "PACKDESK_INTERPRETED")) else log.warning)(
            "box search runs as plain Python: %s", reason)
    return running

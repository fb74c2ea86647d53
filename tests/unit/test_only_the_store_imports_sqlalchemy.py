"""Only app/store imports sqlalchemy, and the import-linter contract that says so names every
package: a package added later cannot slip past it."""
from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("app", "ui", "devices", "printing")


def _imports_sqlalchemy(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "sqlalchemy" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sqlalchemy":
            return True
    return False


def test_no_module_outside_the_store_imports_sqlalchemy() -> None:
    offenders = [str(p.relative_to(ROOT)) for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))
                 if not p.relative_to(ROOT).parts[:2] == ("app", "store") and _imports_sqlalchemy(p)]
    assert offenders == []


def test_the_contract_lists_every_package_but_the_store() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"]
                    if c["name"] == "Only app.store imports sqlalchemy")
    app = ROOT / "app"
    children = {f"app.{p.stem}" for p in app.glob("*.py") if p.stem != "__init__"}
    children |= {f"app.{p.name}" for p in app.iterdir() if (p / "__init__.py").exists()}
    expected = (children - {"app.store"}) | {"ui", "printing", "devices"}
    assert set(contract["source_modules"]) == expected

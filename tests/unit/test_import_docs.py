"""docs/imports.md documents every column each import reads."""
from __future__ import annotations

from pathlib import Path

from app.imports import KINDS
from app.imports.shopify import COLUMNS as SHOPIFY

DOC = (Path(__file__).resolve().parents[2] / "docs" / "imports.md").read_text(encoding="utf-8")


def test_every_import_column_is_documented() -> None:
    missing = [f"{kind}.{column}" for kind, spec in KINDS.items() for column in spec.columns
               if f"`{column}`" not in DOC]
    missing += [f"shopify.{column}" for column in SHOPIFY if f"`{column}`" not in DOC]
    assert missing == []

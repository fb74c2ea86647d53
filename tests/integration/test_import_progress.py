"""A big import that updates orders says how far it is while it updates (issue 18, item 14)."""
from __future__ import annotations

from pathlib import Path

from app.imports import import_file
from app.store.session import Database

HEADER = "order_number,ship_name,ship_address1,ship_city,ship_country,sku,quantity\n"


def orders_file(tmp_path: Path, quantity: int) -> Path:
    path = tmp_path / f"orders-{quantity}.csv"
    path.write_text(HEADER + "".join(f"UP-{n},Ada,1 Way,London,GB,MUG-1,{quantity}\n" for n in range(1200)),
                    encoding="utf-8")
    return path


def test_an_update_import_reports_progress_while_it_updates(db: Database, tmp_path: Path) -> None:
    catalogue = tmp_path / "products.csv"
    catalogue.write_text("sku,name,price\nMUG-1,Mug,12.90\n", encoding="utf-8")
    import_file(db, "catalog", catalogue)
    import_file(db, "orders", orders_file(tmp_path, 1))
    heard: list[tuple[str, int, int]] = []
    report = import_file(db, "orders", orders_file(tmp_path, 2), progress=lambda *p: heard.append(p))
    assert report.updated == 1200
    assert [p for p in heard if p[0] == "writing"][:2] == [("writing", 500, 1200), ("writing", 1000, 1200)]
    assert heard[-1] == ("committing", 1200, 1200)

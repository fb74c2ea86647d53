"""The packdesk command line: every command finds its database, prints what it did, exits 2 on error."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli.main import main
from app.store.models import Address, Box, Order, Parcel, Product
from app.store.session import Database

VENV_BIN = Path(sys.executable).parent


def packdesk(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_console_script_upgrades_a_new_database_and_lists_orders_as_json(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    env = {**os.environ, "PACKDESK_DATABASE_URL": url}
    script = str(VENV_BIN / "packdesk")
    subprocess.run([script, "db", "upgrade"], check=True, env=env, capture_output=True, timeout=120)
    done = subprocess.run([script, "orders", "list", "--json"], env=env, capture_output=True, text=True, timeout=120)
    assert (done.returncode, json.loads(done.stdout)) == (0, [])


def test_demo_then_orders_list_and_show(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = packdesk(capsys, "--database", db_url, "demo", "--if-empty")
    assert code == 0 and "ready to pack" in out
    code, out, _ = packdesk(capsys, "demo", "--if-empty", "--database", db_url)
    assert "already has data; demo not loaded" in out
    code, out, _ = packdesk(capsys, "orders", "list", "--json", "--database", db_url)
    orders = json.loads(out)
    assert len(orders) >= 50
    assert all({"number", "status", "lines"} <= set(o) for o in orders)
    assert all({"sku", "quantity"} <= set(line) for o in orders for line in o["lines"])
    code, out, _ = packdesk(capsys, "orders", "list", "--status", "on_hold", "--database", db_url)
    assert "PD-10013" in out and "2 order(s)" in out
    code, out, _ = packdesk(capsys, "orders", "show", "PD-10013", "--json", "--database", db_url)
    shown = json.loads(out)
    assert shown["status"] == "on_hold" and shown["events"][-1]["detail"] == {"reason": "address could not be verified"}
    code, out, _ = packdesk(capsys, "orders", "show", "PD-10013", "--database", db_url)
    assert "Order PD-10013  on hold" in out and "allocated -> on hold" in out  # statuses in words


def test_a_bad_import_exits_2_lists_the_rows_and_writes_nothing(
        db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "products.csv"
    bad.write_text("sku,name,gtin,weight_g\nMUG-1,Mug,5012345001012,340\nMUG-2,Mug,5012345001013,-1\n",
                   encoding="utf-8")
    code, out, err = packdesk(capsys, "import", "catalog", str(bad), "--database", db_url)
    assert code == 2 and out == ""
    assert "line 3: gtin 5012345001013 has a bad check digit" in err and "line 3: weight_g -1 is negative" in err
    with Database(db_url) as db, db.read() as session:
        assert session.scalar(select(func.count()).select_from(Product)) == 0
    code, out, err = packdesk(capsys, "orders", "show", "PD-404", "--database", db_url)
    assert code == 2 and "No order, tote or pick list is called 'PD-404'" in err
    code, _, err = packdesk(capsys, "orders", "list", "--status", "lost", "--database", db_url)
    assert code == 2 and "'lost' is not an order status" in err


def test_export_shipments_as_csv_and_json_for_a_day(
        db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    closed = datetime(2026, 11, 20, 16, 5, tzinfo=timezone.utc)
    with Database(db_url) as db, db.write() as session:
        box = Box(code="BOX-M", name="M", inner_length_mm=300, inner_width_mm=200, inner_height_mm=150,
                  outer_length_mm=308, outer_width_mm=208, outer_height_mm=158, tare_g=210,
                  max_load_g=8000, cost=Decimal("0.62"), barcode="PDBOX0002")
        order = Order(number="PD-7", status="packed", carrier="dhl", email="zoe@example.com",
                      ship_to=Address(name="Zoë Ångström", line1="Storgatan 1", postcode="211 22",
                                      city="Malmö", country="SE"))
        session.add_all([box, order])
        session.flush()
        for seq in (1, 2):
            session.add(Parcel(order_id=order.id, seq=seq, box_id=box.id, status="confirmed",
                               sscc=f"0501234500000000{seq}{seq}", tracking_number=f"JJD00{seq}",
                               actual_weight_g=1200 + seq, closed_at=closed, confirmed_at=closed))
        session.add(Parcel(order_id=order.id, seq=3, status="open"))
    code, out, _ = packdesk(capsys, "export", "shipments", "--format", "csv", "--database", db_url)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["order_number"], r["parcel"], r["parcels"], r["box"], r["ship_city"]) for r in rows] == [
        ("PD-7", "1", "3", "BOX-M", "Malmö"), ("PD-7", "2", "3", "BOX-M", "Malmö")]
    target = tmp_path / "out.json"
    code, _, _ = packdesk(capsys, "export", "shipments", "--format", "json", "--date", "2026-11-20",
                          "--output", str(target), "--database", db_url)
    assert code == 0 and [r["tracking_number"] for r in json.loads(target.read_text("utf-8"))] == ["JJD001", "JJD002"]
    code, out, _ = packdesk(capsys, "export", "shipments", "--format", "json", "--date", "2026-11-21",
                           "--database", db_url)
    assert json.loads(out) == []
    code, _, err = packdesk(capsys, "export", "shipments", "--date", "20.11.2026", "--database", db_url)
    assert code == 2 and "YYYY-MM-DD" in err


def test_db_check_passes_on_an_upgraded_database(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = packdesk(capsys, "db", "check", "--database", db_url)
    assert code == 0 and "schema matches the models" in out

"""`packdesk boxes suggest`, run as the real console script in a subprocess."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[3]
PACKDESK = Path(sys.executable).with_name("packdesk")

ITEMS = [
    {"sku": "WIDGET-XL", "length": 320, "width": 100, "height": 80, "weight": 500},
    {"sku": "MUG", "length": 120, "width": 90, "height": 90, "weight": 300, "qty": 2, "upright": True},
]
BOXES = [
    {"id": "S", "length": 300, "width": 200, "height": 150, "max_weight": 10000, "tare": 150, "cost": 0.6},
    {"id": "M", "length": 400, "width": 300, "height": 200, "max_weight": 15000, "tare": 250, "cost": 0.9},
]


def packdesk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    full_env.pop("DISPLAY", None)
    return subprocess.run([str(PACKDESK), *args], capture_output=True, text=True, timeout=120, cwd=ROOT, env=full_env)


def write(tmp_path: Path, name: str, data: object) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return str(path)


def test_json_output_is_one_object_with_box_placements_cost_and_explanation(tmp_path: Path) -> None:
    result = packdesk("boxes", "suggest", "--items", write(tmp_path, "items.json", ITEMS),
                      "--boxes", write(tmp_path, "boxes.json", BOXES), "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) == {"parcels", "cost", "explanation"}
    assert answer["cost"] == 0.9
    assert answer["explanation"] == "M: smallest that fits; S fails: WIDGET-XL is 320 mm long, S is 300 mm"
    (parcel,) = answer["parcels"]
    assert parcel["box"] == "M"
    assert sorted(p["sku"] for p in parcel["placements"]) == ["MUG", "MUG", "WIDGET-XL"]
    for p in parcel["placements"]:
        assert set(p) == {"sku", "x", "y", "z", "dx", "dy", "dz"}
        assert p["x"] + p["dx"] <= 400 and p["y"] + p["dy"] <= 300 and p["z"] + p["dz"] <= 200
        if p["sku"] == "MUG":
            assert p["dz"] == 90


def test_nothing_packable_gives_an_error_object_naming_the_unit_and_a_non_zero_exit(tmp_path: Path) -> None:
    items = ITEMS + [{"sku": "LADDER-3M", "length": 3000, "width": 400, "height": 100, "weight": 6000}]
    result = packdesk("boxes", "suggest", "--items", write(tmp_path, "items.json", items),
                      "--boxes", write(tmp_path, "boxes.json", BOXES), "--json")
    assert result.returncode != 0
    assert json.loads(result.stdout) == {"error": "LADDER-3M fits no box: LADDER-3M is 3000 mm long, M is 400 mm"}


def test_a_bad_items_file_is_reported_with_what_to_fix(tmp_path: Path) -> None:
    result = packdesk("boxes", "suggest", "--items", write(tmp_path, "items.json", [{"sku": "MUG", "length": 120}]))
    assert result.returncode == 2
    assert 'item 1 (MUG) has no "width"' in result.stderr


def test_png_shows_the_placement_in_the_units_colours(tmp_path: Path) -> None:
    from ui.placement_view import sku_colour

    png = tmp_path / "parcel.png"
    result = packdesk("boxes", "suggest", "--items", write(tmp_path, "items.json", ITEMS), "--png", str(png))
    assert result.returncode == 0, result.stderr
    assert "M: smallest that fits" in result.stdout
    image = Image.open(png).convert("RGB")
    assert image.size == (640, 480)
    colours = {c for _, c in image.getcolors(1 << 20)}
    for sku in ("MUG", "WIDGET-XL"):
        top = sku_colour(sku).lighter(112)  # the lit top face
        assert any(abs(c[0] - top.red()) + abs(c[1] - top.green()) + abs(c[2] - top.blue()) < 6 for c in colours), sku


def test_order_from_the_database_uses_its_products_rules_and_box_catalogue(tmp_path: Path) -> None:
    from app.store.migrate import upgrade
    from app.store.models import Box, Order, OrderLine, Product
    from app.store.session import Database

    url = f"sqlite:///{tmp_path / 'pd.sqlite3'}"
    with Database(url) as db:
        upgrade(db)
        with db.write() as s:
            oil = Product(sku="OIL-1L", name="Olive oil", length_mm=80, width_mm=80, height_mm=180, weight_g=950,
                          upright=True)
            soap = Product(sku="SOAP", name="Soap", length_mm=90, width_mm=60, height_mm=30, weight_g=120,
                           compat_class="chemical")
            tea = Product(sku="TEA", name="Tea", length_mm=100, width_mm=60, height_mm=60, weight_g=100,
                          compat_class="food")
            s.add_all([oil, soap, tea])
            for code, dims, cost in (("S", (300, 200, 150), "0.60"), ("M", (400, 300, 200), "0.90")):
                s.add(Box(code=code, name=code, inner_length_mm=dims[0], inner_width_mm=dims[1], inner_height_mm=dims[2],
                          outer_length_mm=dims[0] + 6, outer_width_mm=dims[1] + 6, outer_height_mm=dims[2] + 6,
                          tare_g=150, max_load_g=15000, cost=Decimal(cost), barcode=f"BOX-{code}"))
            s.flush()
            order = Order(number="SO-1001")
            s.add(order)
            s.flush()
            for n, (p, q) in enumerate(((oil, 2), (soap, 1), (tea, 1)), 1):
                s.add(OrderLine(order_id=order.id, line_no=n, product_id=p.id, sku=p.sku, name=p.name, quantity=q))
    result = packdesk("boxes", "suggest", "--order", "SO-1001", "--database", url, "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    skus = [sorted(q["sku"] for q in p["placements"]) for p in answer["parcels"]]
    assert not any("SOAP" in s and "TEA" in s for s in skus)  # chemical and food apart
    assert sum(len(s) for s in skus) == 4
    for p in answer["parcels"]:
        for q in p["placements"]:
            if q["sku"] == "OIL-1L":
                assert q["dz"] == 180
    missing = packdesk("boxes", "suggest", "--order", "SO-404", "--database", url, "--json")
    assert missing.returncode != 0
    assert "order SO-404 is not in the database" in json.loads(missing.stdout)["error"]



def test_a_nan_cost_in_the_boxes_file_is_an_error_in_json_not_invalid_json(tmp_path: Path) -> None:
    boxes = tmp_path / "boxes.json"
    boxes.write_text('[{"id": "S", "length": 300, "width": 200, "height": 150, "max_weight": 10000, "cost": NaN}]')
    result = packdesk("boxes", "suggest", "--items", write(tmp_path, "items.json", ITEMS), "--boxes", str(boxes),
                      "--json")
    assert result.returncode == 2, result.stderr
    assert "NaN" in json.loads(result.stdout)["error"]


def test_the_global_database_option_reaches_boxes_suggest(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "packdesk.sqlite3"
    result = packdesk("--database", f"sqlite:///{missing}", "boxes", "suggest", "--order", "PD-1", "--json",
                      env={"PACKDESK_CONFIG": str(tmp_path / "none.toml")})
    # it went to the database named before the command (which cannot be opened), not the default one
    assert result.returncode == 2, result.stderr
    assert "no-such-folder" in json.loads(result.stdout)["error"]

"""What else a person changes goes into the audit log: a supervisor's override at a station,
an import of users, catalogue or boxes (one record per file); the import's own status changes
of the orders it captures are machine work and stay out. On SQLite and PostgreSQL."""
from __future__ import annotations

import getpass
import json
from pathlib import Path

from app.imports import import_file
from app.store.audit_log import audit_entries, verify_audit
from tests.integration.packing.conftest import MUG_EAN, Warehouse, scan


def test_a_supervisors_override_at_a_station_is_audited(warehouse: Warehouse) -> None:
    station = warehouse.service("PACK-01")
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, "PD-1042")
    station.record_scan("PD-1042", pat, scan(MUG_EAN))
    station.ship_partial("PD-1042", "BADGE-SAM", pat)
    override = [e for e in audit_entries(warehouse.db) if e.action == "SupervisorAuthorised"]
    assert [(e.actor, e.subject) for e in override] == [("sam", "station PACK-01")]
    assert json.loads(override[0].detail or "{}") == {"action": "partial shipment", "method": "badge",
                                                      "order": "PD-1042"}
    # the packer's claim of the order was a person's status change too
    assert any(e.action == "StatusChanged" and e.actor == "pat" for e in audit_entries(warehouse.db))
    assert verify_audit(warehouse.db)[1] is None


def test_an_import_of_users_catalogue_and_boxes_is_one_audit_record_per_file(warehouse: Warehouse,
                                                                            tmp_path: Path) -> None:
    users = tmp_path / "users.csv"
    users.write_text("username,display_name,role,badge_code,pin\nkim,Kim Picker,picker,BADGE-KIM,\n"
                     "lee,Lee Lead,supervisor,BADGE-LEE,4711\n")
    catalog = tmp_path / "catalog.csv"
    catalog.write_text("sku,name,weight_g,gtin\nCUP-GREEN,Green cup,200,4006381333948\n")
    boxes = tmp_path / "boxes.csv"
    boxes.write_text("code,name,inner_length_mm,inner_width_mm,inner_height_mm,outer_length_mm,outer_width_mm,"
                     "outer_height_mm,tare_g,max_load_g,cost,barcode\nXL,Extra large,800,600,500,810,610,510,900,"
                     "30000,2.10,BOX-XL\n")
    import_file(warehouse.db, "users", users)
    import_file(warehouse.db, "catalog", catalog)
    import_file(warehouse.db, "boxes", boxes)
    records = [(e.action, e.subject, e.actor) for e in audit_entries(warehouse.db)]
    assert records == [("UsersImported", "file users.csv", getpass.getuser()),
                       ("CatalogImported", "file catalog.csv", getpass.getuser()),
                       ("BoxesImported", "file boxes.csv", getpass.getuser())]
    first = json.loads(next(iter(audit_entries(warehouse.db))).detail or "{}")
    assert (first["rows"], first["created"]) == (2, 2)
    assert verify_audit(warehouse.db) == (3, None)
    import_file(warehouse.db, "boxes", boxes)  # the same file again changes nothing: nothing to audit
    assert verify_audit(warehouse.db) == (3, None)


def test_an_orders_import_is_one_audit_record_on_either_path(warehouse: Warehouse, tmp_path: Path) -> None:
    """On SQLite new orders take the staged path (published beside working stations); it is
    audited like every other import."""
    orders = tmp_path / "orders.csv"
    orders.write_text("order_number,ship_name,ship_address1,ship_postcode,ship_city,ship_country,email,sku,"
                      "quantity\nAUD-1,Ada Lovelace,Lagerstrasse 1,20095,Hamburg,DE,ada@example.org,MUG-BLUE-350,1\n")
    import_file(warehouse.db, "orders", orders)
    imported = [e for e in audit_entries(warehouse.db) if e.action == "OrdersImported"]
    assert [(e.subject, e.actor) for e in imported] == [("file orders.csv", getpass.getuser())]
    assert json.loads(imported[0].detail or "{}")["created"] == 1
    assert verify_audit(warehouse.db)[1] is None


IMPORT_FILES = {  # kind: (file name, text): every kind app.imports knows
    "catalog": ("catalog.csv", "sku,name,weight_g,gtin\nCUP-GREEN,Green cup,200,4006381333948\n"),
    "boxes": ("boxes.csv", "code,name,inner_length_mm,inner_width_mm,inner_height_mm,outer_length_mm,outer_width_mm,"
                           "outer_height_mm,tare_g,max_load_g,cost,barcode\nXL,Extra large,800,600,500,810,610,510,900,"
                           "30000,2.10,BOX-XL\n"),
    "locations": ("locations.csv", "code,zone,walk_sequence\nZ-09-1,ambient,990\n"),
    "stock": ("stock.csv", "sku,location,quantity\nCUP-GREEN,Z-09-1,12\n"),
    "users": ("users.csv", "username,display_name,role,badge_code,pin\nkim,Kim Picker,picker,BADGE-KIM,\n"),
    "orders": ("orders.csv", "order_number,ship_name,ship_address1,ship_postcode,ship_city,ship_country,email,sku,"
                             "quantity\nAUD-2,Ada Lovelace,Lagerstrasse 1,20095,Hamburg,DE,ada@example.org,CUP-GREEN,1\n"),
    "carriers": ("carriers.csv", "carrier,carrier_name,dim_divisor,s10_service_indicator,s10_country,service,"
                                 "service_name,level,transit_days,cutoff\nPOST,Packdesk Post,5000,RR,DE,standard,"
                                 "Standard,standard,3,12:00\n"),
    "zones": ("zones.csv", "carrier,zone,country,postcode_prefix\nPOST,DE,DE,\n"),
    "rates": ("rates.csv", "carrier,service,zone,max_weight_g,price,currency\nPOST,standard,DE,5000,4.90,EUR\n"),
}


def test_every_kind_of_import_is_one_audit_record_per_file_naming_the_person(warehouse: Warehouse,
                                                                             tmp_path: Path) -> None:
    from app.imports import KINDS

    assert set(IMPORT_FILES) == set(KINDS), "a new import kind needs its audited file here"
    for kind, (name, text) in IMPORT_FILES.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        import_file(warehouse.db, kind, path, actor="ada")
    imported = [(e.action, e.subject, e.actor) for e in audit_entries(warehouse.db) if e.action.endswith("Imported")]
    assert imported == [(f"{kind.capitalize()}Imported", f"file {name}", "ada")
                        for kind, (name, _text) in IMPORT_FILES.items()]
    assert verify_audit(warehouse.db)[1] is None

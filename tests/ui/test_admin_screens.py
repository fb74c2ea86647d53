"""The admin screens, built by the composition root on a real SQLite database: only the role
admin sees ADMIN on the review screen; each page's main action runs on the review's worker
and leaves its audit record (who, what, before and after); a badge scanned on USERS finds its
user; PRINT BADGE puts a badge that scans on the station's printer."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.orders.claims import claim_next
from app.pins import hash_pin, pin_matches
from app.store.audit_log import audit_entries, verify_audit
from app.store.models import User
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from app.store.station_health import report_station
from tests.integration.printing.decode import zpl_barcodes
from tests.ui.data import ALICE_BADGE, SAM_BADGE
from tests.ui.helpers import login, settle

ADA_BADGE = "BADGE-ADA"


@pytest.fixture
def with_admin(station_db_url: str) -> str:
    with Database(station_db_url) as db, db.write() as s:
        s.add(User(username="ada", display_name="Ada Admin", role="admin", badge_code=ADA_BADGE,
                   pin_hash=hash_pin("1357")))
    return station_db_url


def audit(url: str) -> list[tuple[str, str, str, dict]]:
    with Database(url) as db:
        return [(e.actor, e.action, e.subject, json.loads(e.detail or "null")) for e in audit_entries(db)]


def admin_page(qtbot, app, name: str):
    review = app.window.screens["review"]
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is review, timeout=5000)
    assert review.page_buttons["admin"].isVisible()
    qtbot.mouseClick(review.page_buttons["admin"], Qt.MouseButton.LeftButton)
    page = review.admin.pages[name]
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.mouseClick(review.admin.page_buttons[name], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.review_worker.pending == 0, timeout=5000)  # the ADMIN page's own load too
    return page


def act(qtbot, page, widget) -> str:
    with qtbot.waitSignal(page.done, timeout=5000) as done:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    return done.args[0]


def test_only_an_admin_sees_admin(qtbot, make_station, with_admin) -> None:
    app = make_station()
    review = app.window.screens["review"]
    login(qtbot, app, ALICE_BADGE)
    assert app.window.stack.currentWidget() is app.window.screens["home"]
    app.station.logout()
    settle(qtbot, app)
    login(qtbot, app, SAM_BADGE)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is review, timeout=5000)
    assert not review.page_buttons["admin"].isVisible()
    app.station.logout()
    settle(qtbot, app)
    login(qtbot, app, ADA_BADGE)
    admin_page(qtbot, app, "users")
    app.station.logout()
    settle(qtbot, app)
    assert not review.page_buttons["admin"].isVisible()


def test_users_add_change_deactivate_with_audit_records(qtbot, make_station, with_admin) -> None:
    app = make_station()
    login(qtbot, app, ADA_BADGE)
    page = admin_page(qtbot, app, "users")
    assert [u.username for u in page.users] == ["ada", "alice", "bob", "sam"]
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    page.username.setText("kim")
    page.name.setText("Kim Picker")
    page.badge.setText("BADGE-KIM")
    page.role.setCurrentIndex(page.role.findData("picker"))
    page.language.setCurrentIndex(page.language.findData("de"))
    with qtbot.waitSignal(page.loaded, timeout=5000):
        assert act(qtbot, page, page.add_button) == "User kim added."
    assert [u.username for u in page.users] == ["ada", "alice", "bob", "kim", "sam"]
    # a wrong field is named; nothing written
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    page.username.setText("lee")
    page.name.setText("Lee")
    page.badge.setText("BADGE-KIM")
    with qtbot.waitSignal(page.refused, timeout=5000) as refused:
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert refused.args[0].startswith("badge code: BADGE-KIM already belongs to kim")
    page.table.selectRow(3)
    assert page.selected().username == "kim" and page.username.isReadOnly()
    page.role.setCurrentIndex(page.role.findData("packer"))
    with qtbot.waitSignal(page.loaded, timeout=5000):
        assert act(qtbot, page, page.save_button) == "User kim saved."
    page.table.selectRow(3)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        act(qtbot, page, page.active_button)
    assert [(u.username, u.role, u.active) for u in page.users if u.username == "kim"] == [("kim", "packer", False)]
    records = audit(with_admin)
    assert [(a, act_, s) for a, act_, s, _ in records] == [
        ("ada", "UserAdded", "user kim"), ("ada", "UserChanged", "user kim"), ("ada", "UserDeactivated", "user kim")]
    assert records[1][3] == {"changed": ["role"], "before": {"role": "picker"}, "after": {"role": "packer"}}


def test_a_scanned_badge_finds_its_user_and_the_badge_prints(qtbot, make_station, with_admin, tmp_path: Path) -> None:
    app = make_station()
    login(qtbot, app, ADA_BADGE)
    page = admin_page(qtbot, app, "users")
    with qtbot.waitSignal(page.loaded, timeout=5000):
        app.keyboard.scan(SAM_BADGE)  # the core never sees it: Ada stays logged in
    assert page.selected().username == "sam" and "Sam Supervisor" in page.message.text()
    settle(qtbot, app)
    assert app.station.user.username == "ada"
    with qtbot.waitSignal(page.done, timeout=10000) as printed:
        qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    printed_dir = tmp_path / "printed"
    badge = sorted(printed_dir.glob("*badge-BADGE-SAM*"))
    assert badge, (printed.args, sorted(p.name for p in printed_dir.iterdir()))
    data = badge[-1].read_bytes()
    if badge[-1].suffix == ".zpl":
        assert [r.text for r in zpl_barcodes(data)] == [SAM_BADGE]
    else:
        from tests.integration.printing.decode import pdf_barcodes

        assert [r.text for r in pdf_barcodes(data, 300)] == [SAM_BADGE]


def test_a_command_barcode_on_the_users_page_still_reaches_the_station(qtbot, make_station, with_admin) -> None:
    app = make_station()
    login(qtbot, app, ADA_BADGE)
    admin_page(qtbot, app, "users")
    app.keyboard.scan("PD-CMD-LOGOUT")  # the page finds users by badge, but LOG OUT is the station's
    qtbot.waitUntil(lambda: app.station.user is None, timeout=5000)


def test_boxes_add_and_retire(qtbot, make_station, with_admin) -> None:
    app = make_station()
    login(qtbot, app, ADA_BADGE)
    page = admin_page(qtbot, app, "boxes")
    for name, value in zip(("code", "name", "barcode", "inner_l", "inner_w", "inner_h", "outer_l", "outer_w",
                            "outer_h", "tare", "load", "cost"),
                           ("XL", "Extra large", "", "800", "600", "500", "810", "610", "510", "900", "30000", "2.10")):
        page.fields[name].setText(value)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        assert act(qtbot, page, page.add_button) == "Box XL added."
    row = next(i for i, b in enumerate(page.boxes) if b.code == "XL")
    page.table.selectRow(row)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        act(qtbot, page, page.retire_button)
    assert [b.enabled for b in page.boxes if b.code == "XL"] == [False]
    assert [(a, x, s) for a, x, s, _ in audit(with_admin)] == [("ada", "BoxAdded", "box XL"),
                                                               ("ada", "BoxRetired", "box XL")]


def test_a_reason_code_added_is_offered_on_the_review(qtbot, make_station, with_admin) -> None:
    app = make_station()
    login(qtbot, app, ADA_BADGE)
    review = app.window.screens["review"]
    page = admin_page(qtbot, app, "reasons")
    page.code.setText("wrong_address")
    with qtbot.waitSignal(page.codes_changed, timeout=5000):
        assert act(qtbot, page, page.add_button) == "Reason code wrong_address added."
    assert review.reason.findData("wrong_address") >= 0
    row = next(i for i, r in enumerate(page.reasons) if r.code == "damaged")
    page.table.selectRow(row)
    with qtbot.waitSignal(page.codes_changed, timeout=5000):
        act(qtbot, page, page.retire_button)
    assert review.reason.findData("damaged") == -1
    assert [(x, s) for _, x, s, _ in audit(with_admin)] == [("ReasonAdded", "reason wrong_address"),
                                                            ("ReasonRetired", "reason damaged")]


def test_carriers_import_shows_the_result_and_the_errors(qtbot, make_station, with_admin, tmp_path: Path) -> None:
    app = make_station()
    login(qtbot, app, ADA_BADGE)
    page = admin_page(qtbot, app, "carriers")
    good = tmp_path / "carriers.csv"
    good.write_text("carrier,carrier_name,service,level,transit_days,cutoff\nDHL,DHL Paket,paket,standard,2,16:00\n")
    page.path.setText(str(good))
    with qtbot.waitSignal(page.loaded, timeout=5000):
        assert act(qtbot, page, page.import_button) == "carriers.csv: 1 rows, 1 new, 0 changed."
    assert page.table.rowCount() == 1 and page.table.item(0, 0).text() == "DHL"
    assert [(a, x, s) for a, x, s, _ in audit(with_admin)] == [("ada", "CarriersImported", "file carriers.csv")]
    bad = tmp_path / "rates.csv"
    bad.write_text("carrier,service,zone,max_weight_g,price\nDHL,paket,DE,heavy,4.99\n")
    page.kind.setCurrentIndex(page.kind.findData("rates"))
    page.path.setText(str(bad))
    with qtbot.waitSignal(page.refused, timeout=5000) as refused:
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert "max_weight_g" in refused.args[0] and "line 2" in refused.args[0]


def test_roles_and_stations(qtbot, make_station, with_admin) -> None:
    app = make_station()
    with Database(with_admin) as db:
        report_station(db, "PACK-42", {"scale": "error"})
        for station in ("PACK-42", "ST-DEAD"):  # ST-DEAD leased an order and never reported
            assert claim_next(SqlUnitOfWork(db), station, "bob", lease_seconds=12 * 3600) is not None
    login(qtbot, app, ADA_BADGE)
    roles = admin_page(qtbot, app, "roles")
    assert [roles.table.item(r, 1).text() for r in range(4)] == ["alice, bob", "-", "sam", "ada"]
    assert "- review exceptions" in roles.table.item(2, 2).text()
    stations = admin_page(qtbot, app, "stations")
    shown = [stations.table.item(r, 0).text() for r in range(stations.table.rowCount())]
    assert "PACK-42" in shown and "ST-DEAD" in shown
    held = {stations.table.item(r, 0).text(): stations.table.item(r, 2).text()
            for r in range(stations.table.rowCount())}
    assert held["PACK-42"].startswith("PD-1001 since ") and held["ST-DEAD"].startswith("PD-1002 since "), held
    assert held[app.station.station_code + " *"] == "-"
    # this station's configured devices (read-only); the wedge's bare "keyboard:" said what it is
    assert "scanner: keyboard wedge (the scanner types like a keyboard)" in stations.devices.text()
    assert "keyboard:" not in stations.devices.text()
    assert verify_audit(Database(with_admin))[1] is None


def test_the_admin_screenshots_are_saved_and_shown_in_the_docs(qapp, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    from ui import admin_screenshots

    assert admin_screenshots.main([str(tmp_path)]) == 0
    names = [file for _, file in admin_screenshots.SHOTS]
    assert sorted(p.name for p in tmp_path.glob("*.png")) == names
    for name in names:
        image = QImage(str(tmp_path / name))
        assert (image.width(), image.height()) == (1920, 1080), name
    docs = (Path(__file__).resolve().parents[2] / "docs" / "supervisors.md").read_text()
    for name in ("23-admin-users.png", "24-admin-roles.png", "26-admin-boxes.png", "28-admin-reasons.png"):
        assert f"screenshots/{name}" in docs, name


def test_an_admin_whose_badge_brings_german_sees_the_admin_pages_in_german(qtbot, make_station, with_admin) -> None:
    from sqlalchemy import update

    with Database(with_admin) as db, db.write() as s:
        s.execute(update(User).where(User.username == "ada").values(language="de"))
    app = make_station()
    login(qtbot, app, ADA_BADGE)
    page = admin_page(qtbot, app, "users")
    admin = app.window.screens["review"].admin
    assert [b.text() for b in admin.page_buttons.values()] == ["BENUTZER", "ROLLEN", "STATIONEN", "KARTONS",
                                                                "VERSANDDIENSTE", "GRÜNDE"]
    assert page.add_button.text() == "ANLEGEN"
    assert page.table.horizontalHeaderItem(0).text() == "Benutzer"
    assert page.table.item(0, 5).text() == "aktiv"
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)  # a refusal of the use case: in German too
    page.username.setText("lee")
    page.name.setText("")
    page.badge.setText("BADGE-LEE")
    with qtbot.waitSignal(page.refused, timeout=5000) as refused:
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert refused.args[0].startswith("Anzeigename: geben Sie den Namen ein, der auf dem Ausweis steht")
    assert page.message.text() == refused.args[0]
    app.station.logout()
    settle(qtbot, app)
    login(qtbot, app, SAM_BADGE)  # the next user: the station's language again
    assert admin.page_buttons["users"].text() == "USERS" and page.add_button.text() == "ADD USER"


def test_a_pin_is_typed_on_the_keypad_masked_and_audited_without_its_value(qtbot, make_station, with_admin) -> None:
    app = make_station()
    login(qtbot, app, ADA_BADGE)
    page = admin_page(qtbot, app, "users")
    assert page.pin.echoMode() == page.pin.EchoMode.Password
    page.table.selectRow([u.username for u in page.users].index("sam"))
    for key in "2468":
        qtbot.mouseClick(page.keypad.keys[key], Qt.MouseButton.LeftButton)
    assert page.pin.text() == "2468"
    qtbot.mouseClick(page.keypad.keys["CLEAR"], Qt.MouseButton.LeftButton)
    assert page.pin.text() == ""
    for key in "97531":
        qtbot.mouseClick(page.keypad.keys[key], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.pin, "x")  # a letter from a keyboard is not part of a PIN
    assert page.pin.text() == "97531"
    with qtbot.waitSignal(page.loaded, timeout=5000):
        assert act(qtbot, page, page.keypad.keys["OK"]) == "User sam saved."
    [(actor, action, subject, detail)] = [r for r in audit(with_admin) if r[1] == "UserChanged"]
    assert (actor, subject, detail["changed"]) == ("ada", "user sam", ["pin"])
    assert "97531" not in json.dumps(detail)
    with Database(with_admin) as db, db.read() as s:
        assert pin_matches(s.query(User).filter_by(username="sam").one().pin_hash, "97531")

"""Each screen and each rule of the station, driven through the station's Scanner interface
exactly as a real scanner drives it."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from app.commands import Command
from app.store.models import Label, Order, PackException, ScanRecord, StationEvent
from app.packing.api import ScanOutcome
from app.ports import Weight
from PySide6.QtCore import Qt
from tests.ui.data import (
    ALICE_BADGE, BOB_BADGE, BOX_L, LAMP, MUG, MUG_CASE, PEN, SAM_BADGE, SAM_PIN,
)
from tests.ui.helpers import login, said_and_heard, scan, settle
from tests.ui.wedge_keys import scanner_sends


LEFT = Qt.MouseButton.LeftButton


def results(qtbot, app):
    out = []
    app.station.scan_done.connect(out.append)
    return out


def start_order(qtbot, app, ref: str = "PD-1001") -> None:
    login(qtbot, app, ALICE_BADGE)
    scan(qtbot, app, ref)
    assert app.station.pack is not None and app.station.pack.order_number == ref, app.window.status.text()


def test_login_by_badge_shows_home_with_queue_and_devices(qtbot, station) -> None:
    assert station.window.stack.currentWidget() is station.window.screens["login"]
    login(qtbot, station, ALICE_BADGE)
    home = station.window.screens["home"]
    assert station.window.stack.currentWidget() is home
    assert home.queue.text() == "3 orders waiting"
    assert "label printer" in home.device_labels


def test_an_unknown_badge_stays_on_login_with_a_message(qtbot, station) -> None:
    scan(qtbot, station, "BADGE-NOBODY")
    assert station.station.user is None
    assert "BADGE-NOBODY" in station.window.screens["login"].message.text()


def test_idle_timeout_logs_out(qtbot, station) -> None:
    login(qtbot, station, ALICE_BADGE)
    station.station.set_idle_timeout(0.05)
    station.station.touch()
    qtbot.waitUntil(lambda: station.station.user is None, timeout=3000)
    assert station.window.stack.currentWidget() is station.window.screens["login"]


def test_idle_logout_keeps_the_open_pack_for_the_next_login(qtbot, station) -> None:
    start_order(qtbot, station)
    scan(qtbot, station, MUG)
    station.station.set_idle_timeout(0.05)
    station.station.touch()
    qtbot.waitUntil(lambda: station.station.user is None, timeout=3000)
    settle(qtbot, station)
    assert station.window.stack.currentWidget() is station.window.screens["login"]
    assert "idle" in station.window.screens["login"].message.text()
    with station.db.read() as s:
        order = s.scalar(select(Order).where(Order.number == "PD-1001"))
        assert (order.status, order.claimed_by_station) == ("packing", "ST-TEST")
    station.station.set_idle_timeout(600)
    login(qtbot, station, ALICE_BADGE)
    assert station.station.pack is not None and station.station.pack.order_number == "PD-1001"
    assert station.station.pack.units_scanned == 1
    assert station.window.stack.currentWidget() is station.window.screens["pack"]


def test_next_claims_the_highest_priority_order(qtbot, station) -> None:
    login(qtbot, station, ALICE_BADGE)
    scan(qtbot, station, Command.NEXT.value)
    assert station.station.pack.order_number == "PD-1001"
    with station.db.read() as s:
        order = s.scalar(select(Order).where(Order.number == "PD-1001"))
        assert (order.status, order.claimed_by_station) == ("packing", "ST-TEST")


def test_an_order_held_elsewhere_names_the_station_holding_it(qtbot, make_station) -> None:
    first = make_station({"station": {"code": "ST-ONE"}})
    start_order(qtbot, first, "PD-1002")
    second = make_station({"station": {"code": "ST-TWO"}})
    login(qtbot, second, BOB_BADGE)
    scan(qtbot, second, "PD-1002")
    assert second.station.pack is None
    assert "ST-ONE" in second.window.screens["home"].message.text()


def test_pack_screen_shows_order_gift_banner_and_grey_lines(qtbot, station) -> None:
    start_order(qtbot, station)
    pack = station.window.screens["pack"]
    assert pack.order.text() == "Order PD-1001"
    assert pack.banner.isVisibleTo(station.window) and "GIFT WRAP" in pack.banner.text()
    assert "Happy birthday" in pack.banner.text()
    assert pack.table.rowCount() == 2
    assert pack.table.item(0, 0).background().color().name() == "#3a3f44"


def test_a_product_scan_adds_one_and_turns_the_line_amber(qtbot, station) -> None:
    start_order(qtbot, station)
    got = results(qtbot, station)
    scan(qtbot, station, MUG)
    assert got[-1].outcome is ScanOutcome.ACCEPTED and got[-1].quantity == 1
    table = station.window.screens["pack"].table
    assert table.item(0, 4).text() == "1"
    assert table.item(0, 0).background().color().name() == "#b36b00"
    scan(qtbot, station, MUG)
    assert table.item(0, 0).background().color().name() == "#1e7b34"


def test_a_case_barcode_adds_its_quantity(qtbot, make_station, tmp_path) -> None:

    app = make_station()
    # PD-1001 wants 2 mugs; a case of 6 is an over-scan there, so use an order of 6 mugs.
    with app.db.write() as s:
        order = s.scalar(select(Order).where(Order.number == "PD-1003"))
        order.lines[0].quantity = 6
    start_order(qtbot, app, "PD-1003")
    got = results(qtbot, app)
    scan(qtbot, app, MUG_CASE)
    assert got[-1].outcome is ScanOutcome.ACCEPTED and got[-1].quantity == 6
    assert app.window.screens["pack"].table.item(0, 4).text() == "6"


def test_a_wrong_item_locks_the_station_until_ack(qtbot, station) -> None:
    start_order(qtbot, station)
    got = results(qtbot, station)
    scan(qtbot, station, LAMP)
    overlay = station.window.overlay
    assert got[-1].outcome is ScanOutcome.WRONG_ITEM
    assert overlay.isVisible()
    assert "LAMP-GREEN" in overlay.text.text() or LAMP in overlay.text.text()
    assert "lock" in station.station.sounds.played
    scan(qtbot, station, MUG)  # refused while locked
    assert got[-1].outcome is ScanOutcome.LOCKED
    assert station.window.screens["pack"].table.item(0, 4).text() == "0"
    scan(qtbot, station, Command.ACK.value)
    assert not overlay.isVisible()
    scan(qtbot, station, MUG)
    assert station.window.screens["pack"].table.item(0, 4).text() == "1"
    with station.db.read() as s:
        outcomes = s.scalars(select(ScanRecord.outcome).order_by(ScanRecord.id)).all()
    assert "wrong_item" in outcomes and outcomes[-1] == "accepted"


def test_the_lock_also_lifts_by_key(qtbot, station) -> None:
    """A person's Space reaches the overlay after the keyboard wedge's hold (max_gap_ms): a
    key alone is not a scanner burst, so the wedge gives it back to the widget."""
    start_order(qtbot, station)
    scan(qtbot, station, "NOT-A-BARCODE-WE-KNOW")
    overlay = station.window.overlay
    assert overlay.isVisible()
    qtbot.keyClick(overlay, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not overlay.isVisible(), timeout=2000)
    settle(qtbot, station)
    assert station.station.locked is None


def test_a_wedge_scan_with_spaces_and_enter_does_not_lift_the_lock(qtbot, station) -> None:
    """A keyboard-wedge burst's Space and Enter are swallowed: they never acknowledge by accident."""
    start_order(qtbot, station)
    got = results(qtbot, station)
    scan(qtbot, station, "NOT-A-BARCODE-WE-KNOW")
    overlay = station.window.overlay
    scanner_sends(overlay, "SKU 42 A")
    qtbot.waitUntil(lambda: got and got[-1].data == "SKU 42 A", timeout=2000)
    settle(qtbot, station)
    assert got[-1].outcome is ScanOutcome.LOCKED and overlay.isVisible()


def test_over_scan_locks(qtbot, station) -> None:
    start_order(qtbot, station)
    got = results(qtbot, station)
    scan(qtbot, station, PEN)
    scan(qtbot, station, PEN)
    assert got[-1].outcome is ScanOutcome.OVER_SCAN and station.window.overlay.isVisible()


def test_unknown_barcode_locks_and_names_it(qtbot, station) -> None:
    start_order(qtbot, station)
    got = results(qtbot, station)
    scan(qtbot, station, "ZZ-UNKNOWN-42")
    assert got[-1].outcome is ScanOutcome.UNKNOWN and "ZZ-UNKNOWN-42" in got[-1].message


def test_the_open_orders_own_sheet_scanned_again_says_so_without_a_lock(qtbot, station) -> None:
    start_order(qtbot, station)
    got = results(qtbot, station)
    said, sounds = said_and_heard(qtbot, station, "PD-1001")
    assert sounds == []  # no alarm
    assert got[-1].outcome is ScanOutcome.THIS_ORDER and not station.window.overlay.isVisible()
    assert said == [("PD-1001 is the order open here: carry on scanning its items.", "info")]  # not red, not green
    assert station.window.screens["pack"].message.text() == said[0][0]
    scan(qtbot, station, MUG)
    assert got[-1].outcome is ScanOutcome.ACCEPTED


def test_an_invalid_gs1_check_digit_locks(qtbot, station) -> None:
    start_order(qtbot, station)
    got = results(qtbot, station)
    bad = "01" + "0" + MUG[:-1] + str((int(MUG[-1]) + 1) % 10)  # AI 01 with a wrong check digit
    scan(qtbot, station, bad, "]C1")
    assert got[-1].outcome is ScanOutcome.INVALID_GS1 and station.window.overlay.isVisible()


def test_undo_removes_the_last_scan(qtbot, station) -> None:
    start_order(qtbot, station)
    scan(qtbot, station, MUG)
    scan(qtbot, station, Command.UNDO.value)
    assert station.window.screens["pack"].table.item(0, 4).text() == "0"


def test_a_box_other_than_the_suggestion_asks_for_a_reason(qtbot, station) -> None:
    start_order(qtbot, station)
    suggested = station.station.pack.suggested_box
    assert suggested is not None
    other = BOX_L if suggested.code != BOX_L else "BOX-S"
    scan(qtbot, station, other)
    window = station.window
    assert window.stack.currentWidget() is window.box_prompt
    qtbot.mouseClick(window.box_prompt.buttons[1], LEFT)
    settle(qtbot, station)
    with station.db.read() as s:
        from app.store.models import Parcel

        parcel = s.scalar(select(Parcel).order_by(Parcel.id.desc()))
        assert parcel.box_override_reason == "Items fit better"


class FixedScale:
    """A scale that always reads the same stable weight, and records the reads."""

    address = "test-scale"

    def __init__(self, grams: int) -> None:
        self.grams, self.reads = grams, 0

    def read_stable(self, timeout: float = 5.0) -> Weight:
        self.reads += 1
        return Weight(self.grams, True)

    def read_now(self) -> Weight:
        return Weight(self.grams, True)

    def zero(self) -> None: ...
    def tare(self) -> None: ...
    def close(self) -> None: ...


def pack_everything(qtbot, app) -> None:
    for code in (MUG, MUG, PEN):
        scan(qtbot, app, code)


def test_weight_out_of_tolerance_stops_the_parcel(qtbot, station) -> None:
    station.devices.scale = FixedScale(5000)
    start_order(qtbot, station)
    pack_everything(qtbot, station)
    scan(qtbot, station, Command.CLOSE_BOX.value)
    settle(qtbot, station)
    weigh = station.window.screens["weigh"]
    assert station.window.stack.currentWidget() is weigh
    assert "5000" in weigh.reading.text() or "tolerance" in weigh.reading.text().lower()
    with station.db.read() as s:
        assert s.scalar(select(func.count()).select_from(PackException).where(PackException.kind == "weight")) == 1
        assert s.scalar(select(func.count()).select_from(Label)) == 0


def closed_loopback_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connection refused, like a printer switched off)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_print_failure_shows_retry_and_retry_prints_once(qtbot, make_station) -> None:
    from tests.integration.devices.fakes import FakeZebra

    port = closed_loopback_port()
    app = make_station({"devices": {"label_printer": f"tcp://127.0.0.1:{port}?timeout=2", "label_format": "zpl"}})
    start_order(qtbot, app)
    pack_everything(qtbot, app)
    scan(qtbot, app, Command.CLOSE_BOX.value)
    screen = app.window.screens["print"]
    assert app.window.stack.currentWidget() is screen
    assert screen.retry.isVisibleTo(app.window) and "RETRY" in screen.state.text()
    assert f"127.0.0.1:{port}" in screen.detail.text() and "RETRY" in screen.state.text()  # the address is the admin's
    with app.db.read() as s:
        assert s.scalar(select(Label.status)) == "failed"
    zebra = FakeZebra(port)  # the printer is switched on
    try:
        qtbot.mouseClick(screen.retry, LEFT)
        settle(qtbot, app)
        assert app.window.stack.currentWidget() is app.window.screens["confirm"]
        qtbot.mouseClick(screen.retry, LEFT)  # a second press on a hidden button does nothing
        settle(qtbot, app)
        sscc = app.station.pack.parcels[0].sscc
        jobs = zebra.wait_for_jobs(1)
        settle(qtbot, app)
        assert len(zebra.jobs) == 1
        assert jobs[0].startswith(b"^XA") and sscc.encode() in zebra.jobs[0]
        with app.db.read() as s:
            assert [(lb.version, lb.status) for lb in s.scalars(select(Label))] == [(1, "printed")]
    finally:
        zebra.stop()


def test_reprint_asks_for_a_reason_and_records_it(qtbot, station, tmp_path: Path) -> None:
    start_order(qtbot, station)
    pack_everything(qtbot, station)
    scan(qtbot, station, Command.CLOSE_BOX.value)
    scan(qtbot, station, Command.REPRINT.value)
    window = station.window
    assert window.stack.currentWidget() is window.reprint_prompt
    qtbot.mouseClick(window.reprint_prompt.buttons[0], LEFT)
    settle(qtbot, station)
    with station.db.read() as s:
        labels = s.scalars(select(Label).order_by(Label.version)).all()
    assert [lb.version for lb in labels] == [1, 2] and labels[1].reason == "Label damaged"


def test_confirming_the_label_packs_the_order_and_returns_home(qtbot, station) -> None:
    start_order(qtbot, station)
    pack_everything(qtbot, station)
    scan(qtbot, station, Command.CLOSE_BOX.value)
    confirm = station.window.screens["confirm"]
    assert station.window.stack.currentWidget() is confirm
    assert confirm.message.text() == "Stick the label on parcel 1 and scan its barcode"
    sscc = station.station.pack.parcels[0].sscc
    scan(qtbot, station, "00" + sscc, "]C1")
    assert station.station.pack is None
    assert station.window.stack.currentWidget() is station.window.screens["home"]
    assert "done" in station.station.sounds.played
    with station.db.read() as s:
        assert s.scalar(select(Order.status).where(Order.number == "PD-1001")) == "packed"


def test_problem_puts_the_order_on_hold_and_frees_the_station(qtbot, station) -> None:
    start_order(qtbot, station)
    scan(qtbot, station, Command.PROBLEM.value)
    window = station.window
    assert window.stack.currentWidget() is window.problem_prompt
    qtbot.mouseClick(window.problem_prompt.buttons[1], LEFT)
    settle(qtbot, station)
    assert window.stack.currentWidget() is window.screens["home"]
    with station.db.read() as s:
        assert s.scalar(select(Order.status).where(Order.number == "PD-1001")) == "on_hold"
        assert s.scalar(select(PackException.kind)) == "damaged"


def test_a_partial_shipment_needs_a_supervisor_badge(qtbot, station) -> None:
    start_order(qtbot, station)
    scan(qtbot, station, MUG)
    qtbot.mouseClick(station.window.screens["pack"].buttons["PARTIAL"],
                     LEFT)
    settle(qtbot, station)
    assert station.window.stack.currentWidget() is station.window.partial_prompt
    scan(qtbot, station, BOB_BADGE)  # a packer cannot approve
    assert all(line.backordered == 0 for line in station.station.pack.lines)
    scan(qtbot, station, SAM_BADGE)
    assert station.window.stack.currentWidget() is station.window.override_prompt  # approved: why?
    assert all(line.backordered == 0 for line in station.station.pack.lines)
    scan(qtbot, station, "PD-RSN-OVERRIDE-DAMAGED")
    lines = {line.sku: line for line in station.station.pack.lines}
    assert lines["MUG-BLUE"].backordered == 1 and lines["PEN-RED"].backordered == 1
    with station.db.read() as s:
        audit = [(e.kind, e.action, e.username) for e in s.scalars(
            select(StationEvent).where(StationEvent.kind.like("Supervisor%")).order_by(StationEvent.id))]
    assert audit == [("SupervisorRefused", "partial shipment", None),
                     ("SupervisorAuthorised", "partial shipment", "sam")]


def test_closing_the_kiosk_is_refused_without_a_supervisor(qtbot, station) -> None:
    station.window.show()
    login(qtbot, station, ALICE_BADGE)
    assert not station.window.close()
    settle(qtbot, station)
    assert station.window.stack.currentWidget() is station.window.exit_prompt
    scan(qtbot, station, ALICE_BADGE)  # a packer's badge does not open it
    assert station.window.isVisible()
    station.window.exit_prompt.pin.setText(SAM_PIN)
    station.window.exit_prompt.pin.returnPressed.emit()
    settle(qtbot, station)
    assert not station.window.isVisible() and station.window.exit_allowed
    with station.db.read() as s:
        audit = [(e.kind, e.action, e.username, e.method, e.station)
                 for e in s.scalars(select(StationEvent).where(StationEvent.kind.like("Supervisor%"))
                                    .order_by(StationEvent.id))]
    assert audit == [("SupervisorRefused", "kiosk exit", None, None, "ST-TEST"),
                     ("SupervisorAuthorised", "kiosk exit", "sam", "pin", "ST-TEST")]


def scans_recorded(app) -> list[tuple[str, str]]:
    with app.db.read() as s:
        return [(r.data, r.outcome) for r in s.scalars(select(ScanRecord).order_by(ScanRecord.id))]


def test_a_scan_during_a_reason_prompt_is_refused_recorded_and_explained(qtbot, station) -> None:
    from app.packing.reasons import BOX_REASONS

    start_order(qtbot, station)
    scan(qtbot, station, BOX_L)
    window = station.window
    assert window.stack.currentWidget() is window.box_prompt
    scan(qtbot, station, MUG)  # the packer carries on scanning: not lost, not counted behind the question
    assert window.stack.currentWidget() is window.box_prompt
    assert window.box_prompt.message.isVisibleTo(window) and MUG in window.box_prompt.message.text()
    assert "answer the question first" in window.box_prompt.message.text()
    assert station.station.sounds.played[-1] == "error"
    assert station.station.pack.units_scanned == 0
    assert scans_recorded(station)[-1] == (MUG, "refused")
    fragile = next(r for r in BOX_REASONS if r.code == "fragile")
    scan(qtbot, station, fragile.barcode)  # the reason, scanned from the command sheet
    assert window.stack.currentWidget() is window.screens["pack"]
    scan(qtbot, station, MUG)
    assert station.station.pack.units_scanned == 1
    assert scans_recorded(station)[-3:] == [(MUG, "refused"), (fragile.barcode, "reason"), (MUG, "accepted")]
    with station.db.read() as s:
        from app.store.models import Parcel

        assert s.scalar(select(Parcel.box_override_reason)) == "Fragile: more padding"


def test_a_problem_reason_can_be_scanned(qtbot, station) -> None:
    from app.packing.reasons import PROBLEM_REASONS

    start_order(qtbot, station)
    scan(qtbot, station, Command.PROBLEM.value)
    missing = next(r for r in PROBLEM_REASONS if r.code == "missing")
    scan(qtbot, station, missing.barcode)
    assert station.window.stack.currentWidget() is station.window.screens["home"]
    with station.db.read() as s:
        assert s.scalar(select(Order.status).where(Order.number == "PD-1001")) == "on_hold"
        assert s.scalar(select(PackException.kind)) == "missing"


def test_the_cancel_barcode_closes_a_reason_prompt(qtbot, station) -> None:
    from app.packing.reasons import CANCEL

    start_order(qtbot, station)
    pack_everything(qtbot, station)
    scan(qtbot, station, Command.CLOSE_BOX.value)
    scan(qtbot, station, Command.REPRINT.value)
    assert station.window.stack.currentWidget() is station.window.reprint_prompt
    scan(qtbot, station, CANCEL)
    assert station.window.stack.currentWidget() is station.window.screens["confirm"]  # back where it was
    assert scans_recorded(station)[-1] == (CANCEL, "reason")
    with station.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Label)) == 1


def test_home_takes_an_order_by_its_tote_or_by_the_pick_list_it_was_picked_on(qtbot, station) -> None:
    from app.store.models import PickList, PickListOrder
    from app.packing.reasons import PROBLEM_REASONS

    missing = next(r for r in PROBLEM_REASONS if r.code == "missing")
    with station.db.write() as s:
        ids = {number: order_id for number, order_id in s.execute(select(Order.number, Order.id))}
        s.add(PickList(code="PL-000042", orders=[PickListOrder(order_id=ids["PD-1003"], seq=1),
                                                 PickListOrder(order_id=ids["PD-1001"], seq=2)]))
    login(qtbot, station, ALICE_BADGE)
    taken = []
    for ref in ("PL-000042", "PL-000042", "TOTE-2"):
        scan(qtbot, station, ref)
        assert station.window.stack.currentWidget() is station.window.screens["pack"], station.window.status.text()
        taken.append(station.station.pack.order_number)
        scan(qtbot, station, Command.PROBLEM.value)  # set it aside (on hold) to take the next
        scan(qtbot, station, missing.barcode)
    # the pick list's orders in its order, the second once the first was set aside; then the tote's
    assert taken == ["PD-1003", "PD-1001", "PD-1002"]
    scan(qtbot, station, "PL-000042")
    assert station.station.pack is None
    assert "Pick list PL-000042 has no order left to pack here" in station.window.status.text()


def test_logins_refused_badges_and_logouts_are_in_the_station_audit_log(qtbot, station) -> None:
    import json

    scan(qtbot, station, "BADGE-NOBODY")
    start_order(qtbot, station)
    station.station.set_idle_timeout(0.05)
    station.station.touch()
    qtbot.waitUntil(lambda: station.station.user is None, timeout=3000)
    settle(qtbot, station)
    with station.db.read() as s:
        rows = s.execute(select(StationEvent.kind, StationEvent.username, StationEvent.station,
                                StationEvent.detail).order_by(StationEvent.id)).all()
    assert [(k, u, st) for k, u, st, _ in rows] == [
        ("BadgeRefused", None, "ST-TEST"), ("LoggedIn", "alice", "ST-TEST"), ("LoggedOut", "alice", "ST-TEST")]
    assert rows[0].detail is None  # a refused badge's value is not kept
    assert json.loads(rows[2].detail) == {"order": "PD-1001", "reason": "Logged out after being idle."}

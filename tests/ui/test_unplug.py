"""Devices that go away in the middle of a pack, at station level: a serial scanner on a real
pseudo-terminal unplugged and plugged back at the same path, a loopback TCP label printer
that refuses or hangs, a scale on a pseudo-terminal unplugged at weighing. The station names
the missing device, keeps the pack, reconnects by itself, and loses or doubles nothing."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from app.commands import Command
from app.store.models import Label, Order, Parcel, ScanRecord
from tests.integration.devices.fakes import FakeScale, FakeZebra, PtyDevice, ScaleState
from tests.ui.data import ALICE_BADGE, MUG, PEN
from tests.ui.helpers import scan, settle


@pytest.fixture
def zebra():
    printer = FakeZebra()
    yield printer
    printer.stop()


def strip_tile(app, device: str) -> QLabel:
    """The status-bar tile of one device (shown on the home and pack screens alike)."""
    tile = app.window.statusBar().findChild(QLabel, f"device-{device.replace(' ', '-')}")
    assert tile is not None
    return tile


def names_missing(tile: QLabel, device: str, address: str) -> bool:
    """The tile says the device is missing and where it was (a long address is shortened)."""
    text = tile.text()
    prefix = f"{device} MISSING at "
    return (text.startswith(prefix) and address.endswith(text[len(prefix):].lstrip("\u2026"))
            and address in tile.toolTip())


def order_scans(app, number: str) -> list[str]:
    """The product scans recorded for an order, in order."""
    with app.db.read() as s:
        order = s.scalar(select(Order).where(Order.number == number))
        return list(s.scalars(select(ScanRecord.data).where(ScanRecord.order_id == order.id,
                                                            ScanRecord.data.in_([MUG, PEN]))
                              .order_by(ScanRecord.id)).all())


def labels_of(app, number: str) -> list[tuple[int, int, str]]:
    """(parcel seq, label version, status) of every label row of an order."""
    with app.db.read() as s:
        order = s.scalar(select(Order).where(Order.number == number))
        rows = s.execute(select(Parcel.seq, Label.version, Label.status).join(Label, Label.parcel_id == Parcel.id)
                         .where(Parcel.order_id == order.id).order_by(Parcel.seq, Label.version)).all()
        return [tuple(r) for r in rows]


def start_pack(qtbot, app) -> None:
    """Alice logs in, opens PD-1001 and scans one mug."""
    scan(qtbot, app, ALICE_BADGE)
    scan(qtbot, app, "PD-1001")
    scan(qtbot, app, MUG)
    assert app.station.step == "pack" and app.station.pack.units_scanned == 1


def pack_the_rest(qtbot, app) -> None:
    """The second mug and the pen: every unit of PD-1001 is in the open parcel."""
    scan(qtbot, app, MUG)
    scan(qtbot, app, PEN)
    assert app.station.pack.all_scanned


def wait_print(qtbot, app, ok: bool | None, timeout: int = 10000):
    """The next print state with this outcome."""
    with qtbot.waitSignal(app.station.print_changed, timeout=timeout,
                          check_params_cb=lambda state: state.ok is ok) as blocker:
        pass
    return blocker.args[0]


@pytest.fixture
def scanner_device(tmp_path: Path):
    """A pseudo-terminal at a stable path, like /dev/serial/by-id/usb-...-if00."""
    device = PtyDevice(tmp_path / "ttySCANNER")
    yield device
    device.close()


def test_scanner_unplugged_mid_pack_comes_back_and_no_scan_is_lost_or_doubled(qtbot, make_station, scanner_device):
    device = scanner_device
    app = make_station({"devices": {"scanner": f"{device.path}?dedupe_ms=0"}})
    tile = strip_tile(app, "scanner")
    applied: list[int] = []
    app.station.applied.connect(lambda: applied.append(1))

    def send(data: str) -> None:
        count = len(applied)
        device.write(data.encode() + b"\r")
        qtbot.waitUntil(lambda: len(applied) > count, timeout=5000)
        settle(qtbot, app)

    qtbot.waitUntil(lambda: tile.text() == "scanner ok", timeout=5000)
    send(ALICE_BADGE)
    send("PD-1001")
    send(MUG)
    assert app.station.step == "pack"
    device.unplug()  # USB cable pulled
    qtbot.waitUntil(lambda: names_missing(tile, "scanner", device.path), timeout=5000)
    assert tile.isVisible()
    assert app.station.step == "pack" and app.station.pack.order_number == "PD-1001"
    assert app.station.pack.units_scanned == 1
    device.plug()  # a new pseudo-terminal at the same path
    qtbot.waitUntil(lambda: tile.text() == "scanner ok", timeout=8000)
    assert tile.toolTip().startswith(f"scanner {device.path}: connected")  # the serial one, back
    send(MUG)
    send(PEN)
    assert app.station.pack.units_scanned == 3
    assert order_scans(app, "PD-1001") == [MUG, MUG, PEN]


def test_printer_refusing_at_close_box_keeps_the_parcel_and_prints_once_when_back(qtbot, make_station, zebra):
    app = make_station({"devices": {"label_printer": f"{zebra.url}?timeout=1", "label_format": "zpl"}})
    tile = strip_tile(app, "label printer")
    qtbot.waitUntil(lambda: tile.text() == "label printer ok", timeout=5000)
    start_pack(qtbot, app)
    scan(qtbot, app, Command.CLOSE_BOX.value)  # parcel 1: its label waits until the parcel count is known
    assert app.station.step == "pack" and zebra.jobs == []
    scan(qtbot, app, MUG)
    scan(qtbot, app, PEN)
    zebra.stop()  # switched off: connections refused
    app.keyboard.scan(Command.CLOSE_BOX.value)  # the last parcel: both labels are due, parcel 1 first
    failed = wait_print(qtbot, app, False)
    # the packer reads what to do; the address and the printer's answer are the administrator's
    assert "did not print" in failed.message and "RETRY" in failed.message and zebra.url not in failed.message
    assert "refused the connection" in failed.detail and zebra.url in failed.detail
    assert failed.parcel_seq == 1
    screen = app.window.screens["print"]
    assert app.window.stack.currentWidget() is screen and screen.retry.isVisible()
    assert zebra.url in screen.detail.text()
    qtbot.waitUntil(lambda: names_missing(tile, "label printer", zebra.url), timeout=5000)
    qtbot.mouseClick(screen.retry, Qt.MouseButton.LeftButton)  # still off: RETRY shows it is retrying
    assert screen.retry.text() == "RETRYING..." and not screen.retry.isEnabled()
    wait_print(qtbot, app, False)
    qtbot.waitUntil(lambda: screen.retry.text() == "RETRY" and screen.retry.isEnabled(), timeout=5000)
    settle(qtbot, app)
    assert app.station.pack is not None and app.station.pack.order_number == "PD-1001"
    assert [p.status for p in app.station.pack.parcels][:2] == ["closed", "closed"]
    assert zebra.jobs == []
    zebra.start()  # back on the same port: the station prints the waiting labels by itself, in order
    qtbot.waitUntil(lambda: len(zebra.jobs) == 2, timeout=10000)
    settle(qtbot, app)
    qtbot.waitUntil(lambda: app.station.step == "confirm", timeout=5000)
    time.sleep(0.3)  # nothing else arrives late
    first, second = (p.sscc for p in app.station.pack.parcels[:2])
    assert len(zebra.jobs) == 2 and first.encode() in zebra.jobs[0] and second.encode() in zebra.jobs[1]
    assert b"1 of 2" in zebra.jobs[0] and b"2 of 2" in zebra.jobs[1]
    assert labels_of(app, "PD-1001") == [(1, 1, "printed"), (2, 1, "printed")]
    scan(qtbot, app, "00" + first)
    scan(qtbot, app, "00" + second)
    assert app.station.pack is None
    assert order_scans(app, "PD-1001") == [MUG, MUG, PEN]


def test_a_hanging_printer_never_freezes_the_station_and_times_out_clearly(qtbot, make_station, zebra):
    app = make_station({"devices": {"label_printer": f"{zebra.url}?timeout=2", "label_format": "zpl"}})
    qtbot.waitUntil(lambda: strip_tile(app, "label printer").text() == "label printer ok", timeout=5000)
    start_pack(qtbot, app)
    pack_the_rest(qtbot, app)  # one parcel: its label prints at CLOSE BOX
    zebra.mode = "hang"  # accepts the connection, never answers
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    app.keyboard.scan(Command.CLOSE_BOX.value)
    screen = app.window.screens["print"]
    qtbot.waitUntil(lambda: app.station.step == "print" and "Printing label" in screen.state.text(), timeout=5000)
    while_hanging = screen.grab()  # the screen paints while the job hangs on the devices worker
    failed = wait_print(qtbot, app, False, timeout=15000)
    timer.stop()
    assert "did not answer the status query within 2 s" in failed.detail and "did not print" in failed.message
    assert "RETRY" in screen.state.text()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) >= 50 and max(gaps) < 1.0, (len(ticks), max(gaps))  # blocked would be a 2 s gap
    assert not while_hanging.isNull()
    settle(qtbot, app)
    assert app.station.pack is not None and zebra.jobs == []
    zebra.mode = "ok"  # it wakes up: the waiting label prints, once
    wait_print(qtbot, app, True, timeout=15000)
    settle(qtbot, app)
    qtbot.waitUntil(lambda: len(zebra.jobs) == 1, timeout=3000)
    assert labels_of(app, "PD-1001") == [(1, 1, "printed")]


def test_scale_unplugged_at_weighing_says_missing_and_weighs_again_when_back(qtbot, make_station, tmp_path: Path):
    device = PtyDevice(tmp_path / "ttySCALE")
    fake = FakeScale(device, "mt-sics", ScaleState(grams=560))
    try:
        app = make_station({"devices": {"scale": f"{device.path}?timeout_ms=300", "scale_protocol": "mt-sics"},
                            "packing": {"weight_tolerance_g": 5000}})
        tile = strip_tile(app, "scale")
        qtbot.waitUntil(lambda: tile.text() == "scale ok", timeout=5000)
        start_pack(qtbot, app)
        pack_the_rest(qtbot, app)
        device.unplug()
        app.keyboard.scan(Command.CLOSE_BOX.value)
        weigh = app.window.screens["weigh"]
        qtbot.waitUntil(lambda: "No stable weight" in weigh.reading.text(), timeout=8000)
        assert "went away" in weigh.reading.text() or "cannot open" in weigh.reading.text()
        qtbot.waitUntil(lambda: names_missing(tile, "scale", device.path), timeout=5000)
        assert app.station.step == "weigh"
        assert app.station.pack is not None and app.station.pack.parcels[0].status == "open"
        device.plug()
        qtbot.waitUntil(lambda: tile.text() == "scale ok", timeout=8000)
        qtbot.mouseClick(weigh.again, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: app.station.step in ("print", "confirm"), timeout=8000)
        settle(qtbot, app)
        with app.db.read() as s:
            parcel = s.scalars(select(Parcel).order_by(Parcel.id)).first()
            assert parcel.actual_weight_g == 560 and parcel.status == "closed"
    finally:
        fake.stop()
        device.close()


def test_a_label_already_printed_is_never_sent_twice_by_a_racing_retry() -> None:
    from app.ports import DeviceState, PrintJob
    from app.station.devices import StationDevices, printer_state
    from devices.printers import MemoryPrinter

    printer = MemoryPrinter()
    devices = StationDevices(label_printer=printer)
    job = PrintJob("PD-1001-parcel1-label-v1", b"^XA^XZ", "application/zpl")
    printer.fail_with = "refused the connection"
    first = devices.print_label(job)
    assert not first.ok  # never reached the printer: may be sent again
    printer.fail_with = None
    second = devices.print_label(job)
    assert second.ok
    again = devices.print_label(job)  # the packer's RETRY arriving after the automatic one
    devices.close()
    assert again.ok and "printed already" in again.message
    assert [j.name for j in printer.jobs] == ["PD-1001-parcel1-label-v1"]
    assert [printer_state(r) for r in (first, second)] == [DeviceState.DISCONNECTED, DeviceState.CONNECTED]


def test_a_failed_label_goes_to_the_document_printer_when_the_packer_asks(qtbot, make_station, zebra, tmp_path):
    """Issue 13, item 10: the station's other printer takes the label (as a PDF) and its slip."""
    app = make_station({"devices": {"label_printer": f"{zebra.url}?timeout=1", "label_format": "zpl"}})
    start_pack(qtbot, app)
    pack_the_rest(qtbot, app)  # one parcel, the last: its label prints at CLOSE BOX
    zebra.stop()
    app.keyboard.scan(Command.CLOSE_BOX.value)
    failed = wait_print(qtbot, app, False)
    screen = app.window.screens["print"]
    assert failed.other_printer and screen.elsewhere.isVisible()
    qtbot.mouseClick(screen.elsewhere, Qt.MouseButton.LeftButton)
    wait_print(qtbot, app, True)
    settle(qtbot, app)
    assert app.station.step == "confirm"
    printed = sorted(p.name for p in (tmp_path / "printed").iterdir())
    assert any(name.endswith("PD-1001-parcel1-label-v1.pdf") for name in printed), printed
    assert any(name.endswith("PD-1001-parcel1-slip.pdf") for name in printed), printed
    assert labels_of(app, "PD-1001") == [(1, 1, "printed")]
    assert zebra.jobs == []


def test_a_printer_closing_the_connection_is_named_and_the_label_prints_once_when_it_behaves(
        qtbot, make_station, zebra):
    app = make_station({"devices": {"label_printer": f"{zebra.url}?timeout=2", "label_format": "zpl"}})
    qtbot.waitUntil(lambda: strip_tile(app, "label printer").text() == "label printer ok", timeout=5000)
    start_pack(qtbot, app)
    pack_the_rest(qtbot, app)
    zebra.mode = "close"  # accepts the connection, then drops it: nothing printed
    app.keyboard.scan(Command.CLOSE_BOX.value)
    failed = wait_print(qtbot, app, False, timeout=15000)
    screen = app.window.screens["print"]
    assert "did not print" in failed.message and "RETRY" in screen.state.text()
    assert zebra.url in failed.detail and zebra.url not in failed.message  # the address is the administrator's
    settle(qtbot, app)
    assert zebra.jobs == [] and labels_of(app, "PD-1001") == [(1, 1, "failed")]
    zebra.mode = "ok"  # the print server behaves again
    if app.station.step == "print":  # unless the station already printed the waiting label by itself
        qtbot.mouseClick(screen.retry, Qt.MouseButton.LeftButton)
    wait_print(qtbot, app, True, timeout=15000)
    settle(qtbot, app)
    qtbot.mouseClick(screen.retry, Qt.MouseButton.LeftButton)  # a late second press prints nothing more
    settle(qtbot, app)
    qtbot.waitUntil(lambda: len(zebra.jobs) == 1, timeout=3000)
    time.sleep(0.3)
    assert len(zebra.jobs) == 1 and app.station.pack.parcels[0].sscc.encode() in zebra.jobs[0]
    assert labels_of(app, "PD-1001") == [(1, 1, "printed")]
    assert app.station.step == "confirm"

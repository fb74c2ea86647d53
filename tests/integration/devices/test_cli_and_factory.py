"""`packdesk devices ...` against real parts, and the URL forms of the factory."""
from __future__ import annotations

import io
import json
import threading
from pathlib import Path

import pytest

import devices
from app.cli.main import main
from devices.errors import DeviceConfigError
from devices.keyboard_scanner import KeyboardScanner
from devices.printers import CupsPrinter, FolderPrinter, MemoryPrinter, RawTcpPrinter
from devices.scale import SerialScale
from devices.serial_scanner import SerialScanner
from tests.integration.devices.fakes import FakeScale, FakeZebra, PtyDevice, ScaleState


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_devices_scan_prints_each_scan_as_json(pty_device: PtyDevice, capsys, monkeypatch) -> None:
    # the scanner reads once its port is open (opening a port drops what came before: a fixed
    # 0.4 s wait lost both scans when the test machine was slow to start the command)
    opened, real_open = threading.Event(), SerialScanner._open

    def open_and_tell(self):  # type: ignore[no-untyped-def]
        port = real_open(self)
        opened.set()
        return port

    monkeypatch.setattr(SerialScanner, "_open", open_and_tell)
    threading.Thread(target=lambda: opened.wait(10) and pty_device.write(
        b"]C10109501101530003\x1d10LOT7\r]E04006381333931\r"), daemon=True).start()
    code = main(["devices", "scan", f"{pty_device.path}?dedupe_ms=0", "--seconds", "5", "--count", "2"])
    lines = json_lines(capsys.readouterr().out)
    assert code == 0
    assert lines[0]["data"] == "0109501101530003\x1d10LOT7" and lines[0]["symbology"] == "]C1"
    assert lines[0]["gs1"]["gtin"] == "09501101530003" and lines[0]["gs1"]["lot"] == "LOT7"
    assert lines[1]["symbology_name"] == "EAN-13 / UPC-A" and lines[1]["gs1"]["gtin"] == "4006381333931"


def test_devices_weigh_prints_the_stable_weight(pty_device: PtyDevice, capsys) -> None:
    fake = FakeScale(pty_device, "mt-sics", ScaleState(grams=4321))
    try:
        code = main(["devices", "weigh", pty_device.path, "--protocol", "mt-sics"])
    finally:
        fake.stop()
    assert code == 0
    assert json_lines(capsys.readouterr().out) == [
        {"ok": True, "grams": 4321, "stable": True, "address": pty_device.path}]


def test_devices_weigh_says_why_it_failed(pty_device: PtyDevice, capsys) -> None:
    fake = FakeScale(pty_device, "sma", ScaleState(grams=10, overload=True))
    try:
        code = main(["devices", "weigh", pty_device.path, "-p", "sma", "--timeout", "0.5"])
    finally:
        fake.stop()
    out = json_lines(capsys.readouterr().out)[0]
    assert code == 1 and out["reason"] == "overload"


def test_print_test_sends_a_readable_label(capsys) -> None:
    import zplkit
    import zxingcpp
    from PIL import Image

    zebra = FakeZebra()
    try:
        code = main(["devices", "print-test", zebra.url])
        out = json_lines(capsys.readouterr().out)[0]
        assert code == 0 and out["ok"] and out["status_before"] == "ready"
        label = zplkit.render(zebra.wait_for_jobs(1)[0]).labels[0].png()
        decoded = [b.text for b in zxingcpp.read_barcodes(Image.open(io.BytesIO(label)))]
        assert decoded == ["PACKDESK-TEST"]
    finally:
        zebra.stop()


def test_print_test_reports_paper_out(capsys) -> None:
    zebra = FakeZebra()
    zebra.paper_out = True
    try:
        code = main(["devices", "print-test", zebra.url])
    finally:
        zebra.stop()
    out = json_lines(capsys.readouterr().out)[0]
    assert code == 1 and "paper out" in out["message"] and out["details"]["paper_out"] == "1"


def test_print_test_to_a_folder_writes_a_pdf(tmp_path: Path, capsys) -> None:
    assert main(["devices", "print-test", f"dir://{tmp_path}"]) == 0
    files = list(tmp_path.iterdir())
    assert len(files) == 1 and files[0].read_bytes().startswith(b"%PDF")


def test_devices_list_names_serial_ports_and_queues(capsys) -> None:
    assert main(["devices", "list", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert set(found) == {"serial_ports", "cups_queues"}


@pytest.mark.parametrize("url,kind", [
    ("/dev/ttyACM0?baud=115200&terminator=CRLF", SerialScanner),
    ("serial:///dev/ttyUSB0", SerialScanner),
    ("socket://10.0.0.9:4001", SerialScanner),
    ("keyboard:?prefix=]&gs=%7C", KeyboardScanner),
])
def test_scanner_urls(url: str, kind: type) -> None:
    assert isinstance(devices.open_scanner(url), kind)


def test_scanner_options_reach_the_settings() -> None:
    scanner = devices.open_scanner({"url": "/dev/ttyACM0", "baud": 115200, "parity": "E",
                                    "terminator": "LF", "dedupe_ms": 500, "gs": "~"})
    s = scanner.settings
    assert (s.port, s.baudrate, s.parity, s.terminator, s.dedupe_window_s, s.gs_substitute) == (
        "/dev/ttyACM0", 115200, "E", b"\n", 0.5, "~")
    wedge = devices.open_scanner("keyboard:?gs=%7C&max_gap_ms=20&suffix=Tab")
    assert (wedge.settings.gs_substitute, wedge.settings.max_gap_ms, wedge.settings.suffix) == ("|", 20, "Tab")


def test_pyserial_options_pass_through_on_urls() -> None:
    assert devices.open_scanner("socket://h:1?logging=debug").settings.port == "socket://h:1?logging=debug"


@pytest.mark.parametrize("url,words", [
    ("/dev/ttyACM0?bauds=9600", "unknown option"),
    ("/dev/ttyACM0?baud=fast", "must be a number"),
    ("/dev/ttyACM0?terminator=SEMICOLON", "terminator must be"),
    ("/dev/ttyACM0?parity=X", "parity"),
    ("usb://scanner-1", "usb: is not a kind of address a scanner can have"),
    ("https://scanner.local", "https: is not a kind of address"),
])
def test_bad_scanner_urls_say_what_to_fix(url: str, words: str) -> None:
    with pytest.raises(DeviceConfigError, match=words):
        devices.open_scanner(url)


def test_scale_urls() -> None:
    scale = devices.open_scale("/dev/ttyUSB0?baud=4800&parity=E&bytesize=7", "toledo-8213")
    assert isinstance(scale, SerialScale) and scale.settings.baudrate == 4800 and scale.protocol.unit == "lb"
    assert devices.open_scale("/dev/ttyUSB0?protocol=toledo-8213&unit=kg").protocol.unit == "kg"
    assert devices.open_scale("sim:?grams=1250").read_stable().grams == 1250
    with pytest.raises(DeviceConfigError, match="protocol"):
        devices.open_scale("/dev/ttyUSB0")
    assert devices.open_scale("loop://", "mt-sics").settings.port == "loop://"


@pytest.mark.parametrize("url", ["ftp://scale.local", "keyboard:", "hid:///dev/input/event3"])
def test_a_scale_address_of_an_unknown_kind_is_refused(url: str) -> None:
    with pytest.raises(DeviceConfigError, match="is not a kind of address a scale can have"):
        devices.open_scale(url, "mt-sics")


@pytest.mark.parametrize("url,kind", [
    ("tcp://10.0.0.7:9100", RawTcpPrinter), ("tcp://zebra.local?status=0", RawTcpPrinter),
    ("cups://PACKDESK_PDF", CupsPrinter), ("dir:///var/spool/labels", FolderPrinter),
    ("memory:", MemoryPrinter),
])
def test_printer_urls(url: str, kind: type) -> None:
    assert isinstance(devices.open_printer(url), kind)


def test_printer_url_details() -> None:
    tcp = devices.open_printer("tcp://zebra.local?status=0&timeout=2")
    assert (tcp.host, tcp.port, tcp.host_status, tcp.timeout_s) == ("zebra.local", 9100, False, 2)
    assert devices.open_printer("cups://ZEBRA?raw=1").raw is True
    for bad in ("lpt://1", "tcp://", "cups://", "tcp://h:9100?colour=red"):
        with pytest.raises(DeviceConfigError):
            devices.open_printer(bad)

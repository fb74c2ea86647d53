"""Serial scanners over real pseudo-terminals: framing, AIM identifiers, GS separators,
duplicates, and unplugging the device mid-session."""
from __future__ import annotations

import queue
import time

import pytest

from app.gs1 import interpret_gs1
from app.ports import DeviceState, DeviceStatus, Scan, Scanner
from devices.serial_scanner import Framer, SerialScanner, SerialSettings
from tests.integration.devices.fakes import PtyDevice

GS1_LABEL = b"]C10109501101530003\x1d10LOT-42\x1d17261231"


class Recorder:
    """Collects scans and statuses from the reader thread."""

    def __init__(self) -> None:
        self.scans: queue.Queue[Scan] = queue.Queue()
        self.statuses: list[DeviceStatus] = []

    def scan(self, timeout: float = 2.0) -> Scan:
        return self.scans.get(timeout=timeout)

    def wait_state(self, state: DeviceState, timeout: float = 3.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.statuses and self.statuses[-1].state is state:
                return
            time.sleep(0.01)
        raise AssertionError(f"scanner never became {state}: {self.statuses}")


def started(device: PtyDevice, **options) -> tuple[SerialScanner, Recorder]:
    rec = Recorder()
    scanner = SerialScanner(SerialSettings(port=device.path, **options))
    scanner.start(rec.scans.put, rec.statuses.append)
    rec.wait_state(DeviceState.CONNECTED)
    return scanner, rec


def test_serial_scanner_is_a_scanner_port() -> None:
    assert isinstance(SerialScanner(SerialSettings(port="loop://")), Scanner)


def test_gs1_scan_keeps_separators_and_symbology(pty_device: PtyDevice) -> None:
    scanner, rec = started(pty_device)
    with scanner:
        pty_device.write(GS1_LABEL + b"\r")
        scan = rec.scan()
    assert scan.symbology == "]C1"
    assert scan.data == "0109501101530003\x1d10LOT-42\x1d17261231"
    assert scan.source == pty_device.path
    reading = interpret_gs1(scan.data, scan.symbology)
    assert (reading.gtin, reading.lot, reading.expiry.isoformat()) == ("09501101530003", "LOT-42", "2026-12-31")


@pytest.mark.parametrize("terminator,wire", [("CR", b"\r"), ("LF", b"\n"), ("CRLF", b"\r\n"), ("TAB", b"\t")])
def test_each_terminator_frames_reads(pty_device: PtyDevice, terminator: str, wire: bytes) -> None:
    from devices.serial_scanner import TERMINATORS

    scanner, rec = started(pty_device, terminator=TERMINATORS[terminator])
    with scanner:
        pty_device.write(b"]d2ALPHA" + wire + b"BRAVO" + wire)
        assert [rec.scan().data, rec.scan().data] == ["ALPHA", "BRAVO"]


def test_reads_without_terminator_end_at_silence(pty_device: PtyDevice) -> None:
    scanner, rec = started(pty_device, terminator=b"", idle_s=0.05)
    with scanner:
        pty_device.write(b"]Q3CHARLIE")
        scan = rec.scan()
    assert (scan.symbology, scan.data) == ("]Q3", "CHARLIE")


def test_scan_split_across_writes_is_one_scan(pty_device: PtyDevice) -> None:
    scanner, rec = started(pty_device)
    with scanner:
        for byte in b"4006381333931\r":
            pty_device.write(bytes([byte]))
            time.sleep(0.002)
        assert rec.scan().data == "4006381333931"
        assert rec.scans.empty()


def test_double_read_within_window_is_dropped(pty_device: PtyDevice) -> None:
    scanner, rec = started(pty_device, dedupe_window_s=0.3)
    with scanner:
        pty_device.write(b"SKU-1\rSKU-1\r")
        assert rec.scan().data == "SKU-1"
        with pytest.raises(queue.Empty):
            rec.scan(timeout=0.2)
        time.sleep(0.35)
        pty_device.write(b"SKU-1\r")
        assert rec.scan().data == "SKU-1"
    assert scanner.intake.dedupe.dropped == 1


def test_unplug_and_replug_at_same_path_reconnects_without_losing_scans(pty_device: PtyDevice) -> None:
    scanner, rec = started(pty_device, backoff_initial_s=0.05, backoff_max_s=0.2)
    with scanner:
        pty_device.write(b"BEFORE\r")
        assert rec.scan().data == "BEFORE"
        pty_device.unplug()
        rec.wait_state(DeviceState.DISCONNECTED)
        assert "ttyPACK" in rec.statuses[-1].address
        time.sleep(0.3)  # the station keeps retrying while the cable is out
        pty_device.plug()
        rec.wait_state(DeviceState.CONNECTED)
        pty_device.write(b"AFTER\r")
        assert rec.scan().data == "AFTER"
        assert rec.scans.empty()


def test_scanner_that_is_missing_at_start_connects_when_plugged(tmp_path) -> None:
    link = tmp_path / "ttyLATE"
    rec = Recorder()
    scanner = SerialScanner(SerialSettings(port=str(link), backoff_initial_s=0.05))
    with scanner:
        scanner.start(rec.scans.put, rec.statuses.append)
        rec.wait_state(DeviceState.DISCONNECTED)
        assert "cannot open" in rec.statuses[-1].message
        device = PtyDevice(link)
        try:
            rec.wait_state(DeviceState.CONNECTED)
            device.write(b"LATE\r")
            assert rec.scan().data == "LATE"
        finally:
            device.close()


def test_a_failing_callback_does_not_kill_the_reader(pty_device: PtyDevice) -> None:
    got: list[str] = []

    def flaky(scan: Scan) -> None:
        got.append(scan.data)
        if scan.data == "BOOM":
            raise RuntimeError("consumer bug")

    scanner = SerialScanner(SerialSettings(port=pty_device.path))
    with scanner:
        scanner.start(flaky)
        time.sleep(0.2)
        pty_device.write(b"BOOM\rNEXT\r")
        deadline = time.monotonic() + 2
        while len(got) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
    assert got == ["BOOM", "NEXT"]


def test_socket_url_reaches_a_network_serial_server() -> None:
    import socket

    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    rec = Recorder()
    scanner = SerialScanner(SerialSettings(port=f"socket://127.0.0.1:{port}"))
    with scanner:
        scanner.start(rec.scans.put, rec.statuses.append)
        conn, _ = server.accept()
        rec.wait_state(DeviceState.CONNECTED)  # pyserial discards what arrives while opening
        conn.sendall(b"]E04006381333931\r")
        scan = rec.scan()
        conn.close()
    server.close()
    assert (scan.symbology, scan.data) == ("]E0", "4006381333931")


def test_framer_drops_stray_line_ends_but_keeps_content() -> None:
    framer = Framer(b"\r")
    assert framer.feed(b"A\x1dB\r\nC") == [b"A\x1dB"]
    assert framer.feed(b"\r") == [b"C"]

"""Qt-free device tests for installers, shared by `packdesk devices ...` and the station's
supervisor settings screen: list devices, watch a scanner, weigh, print a test label."""
from __future__ import annotations

import logging
import queue
import time
from datetime import datetime, timezone
from typing import Any, Callable

from app.gs1 import interpret_gs1
from app.ports import DeviceStatus, PrintJob, Scan
from devices.errors import ScaleError
from devices.factory import open_printer, open_scale, open_scanner
from devices.printers.cups import list_queues
from devices.symbology import describe

log = logging.getLogger(__name__)


def scan_record(scan: Scan) -> dict[str, Any]:
    """A scan as a JSON-ready dict: data, symbology, parsed GS1 fields."""
    symbology = describe(scan.symbology)
    return {
        "data": scan.data,
        "symbology": scan.symbology,
        "symbology_name": symbology.name if symbology else None,
        "gs1": interpret_gs1(scan.data, scan.symbology).as_dict(),
        "source": scan.source,
    }


def list_devices() -> dict[str, list[dict[str, str]]]:
    """Serial ports (with USB ids and stable by-id paths) and CUPS queues."""
    from pathlib import Path

    from serial.tools import list_ports

    by_id = {}
    folder = Path("/dev/serial/by-id")
    if folder.is_dir():
        by_id = {str(p.resolve()): str(p) for p in folder.iterdir()}
    ports = []
    for port in sorted(list_ports.comports(), key=lambda p: p.device):
        ports.append({
            "device": port.device,
            "stable_path": by_id.get(port.device, ""),
            "usb_id": f"{port.vid:04x}:{port.pid:04x}" if port.vid is not None else "",
            "description": port.description or "",
            "serial_number": port.serial_number or "",
        })
    return {"serial_ports": ports, "cups_queues": list_queues()}


def test_scanner(url: str, seconds: float = 10.0,
                 on_record: Callable[[dict[str, Any]], None] | None = None,
                 max_scans: int | None = None) -> list[dict[str, Any]]:
    """Listen to a scanner for `seconds`; each scan (as scan_record) goes to on_record too."""
    scanner = open_scanner(url)
    scans: queue.Queue[Scan] = queue.Queue()
    statuses: list[DeviceStatus] = []
    records: list[dict[str, Any]] = []
    scanner.start(scans.put, statuses.append)
    try:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and (max_scans is None or len(records) < max_scans):
            try:
                scan = scans.get(timeout=min(0.1, max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                continue
            record = scan_record(scan)
            records.append(record)
            if on_record:
                on_record(record)
    finally:
        scanner.stop()
    return records


def test_scale(url: str, protocol: str | None = None, timeout: float = 5.0) -> dict[str, Any]:
    """One stable weight as a dict: ok, grams, or the reason it failed."""
    scale = open_scale(url, protocol)
    try:
        weight = scale.read_stable(timeout)
        return {"ok": True, "grams": weight.grams, "stable": weight.stable, "address": url}
    except ScaleError as exc:
        return {"ok": False, "reason": exc.reason.value, "message": str(exc), "address": url}
    finally:
        scale.close()


def test_label_zpl(address: str) -> bytes:
    """A small ZPL test label: title, printer address, time, and a Code 128 barcode."""
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    safe = "".join(c for c in address if c.isalnum() or c in ":/._-")[:40]
    return (
        "^XA^CI28^PW812^LL406"
        "^FO40,30^A0N,50,50^FDPackdesk test label^FS"
        f"^FO40,100^A0N,30,30^FD{safe}^FS"
        f"^FO40,140^A0N,30,30^FD{stamp}^FS"
        "^FO40,200^BY3^BCN,120,Y,N,N^FDPACKDESK-TEST^FS"
        "^XZ"
    ).encode()


def test_label_pdf(address: str) -> bytes:
    """The same test label as a one-page PDF (for PDF queues and folders)."""
    import io

    from reportlab.graphics.barcode import code128
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(100 * mm, 50 * mm))
    page.setFont("Helvetica-Bold", 14)
    page.drawString(5 * mm, 42 * mm, "Packdesk test label")
    page.setFont("Helvetica", 8)
    page.drawString(5 * mm, 37 * mm, address[:60])
    code128.Code128("PACKDESK-TEST", barHeight=15 * mm, barWidth=0.4 * mm).drawOn(page, 5 * mm, 12 * mm)
    page.save()
    return buffer.getvalue()


def test_printer(url: str, pdf: bool | None = None) -> dict[str, Any]:
    """Print a test label (ZPL, or PDF for cups:// and dir:// unless told) and report status."""
    printer = open_printer(url)
    try:
        use_pdf = pdf if pdf is not None else url.startswith(("cups://", "dir://"))
        job = (PrintJob("packdesk-test-label", test_label_pdf(url), "application/pdf") if use_pdf
               else PrintJob("packdesk-test-label", test_label_zpl(url), "application/zpl"))
        before = printer.status()
        result = printer.print_job(job)
        return {"ok": result.ok, "address": printer.address, "message": result.message,
                "status_before": before.message, "details": dict(result.details),
                "format": "pdf" if use_pdf else "zpl"}
    finally:
        printer.close()


# These are device tests for people, not pytest tests.
for _function in (test_scanner, test_scale, test_printer, test_label_zpl, test_label_pdf):
    _function.__test__ = False  # type: ignore[attr-defined]

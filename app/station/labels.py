"""Printing a parcel's label and packing slip, off the core's thread, and what the station
says about it."""
from __future__ import annotations

import logging
from dataclasses import replace

from app.packing.api import LabelRequest
from app.ports import PrintJob, PrintResult
from app.station.devices import StationDevices, never_sent
from app.station.ports import DocumentRenderer
from app.station.state import PrintState

log = logging.getLogger(__name__)

SlipSent = tuple[str, PrintResult]  # which printer took the slip, and its answer
Printed = tuple[PrintResult, SlipSent | None, tuple[PrintJob, ...]]  # ... and the jobs printers took (the archive)


def print_label_and_slip(devices: StationDevices, render: DocumentRenderer, request: LabelRequest) -> Printed:
    """Render, send the label, then the packing slip with the first label version only."""
    label, slip = render(request)
    result = devices.print_label(label)
    if not (result.ok and slip is not None and request.version == 1):
        return result, None, (label,) if result.ok else ()
    sent = devices.print_document(slip)
    if not sent[1].ok:
        log.warning("packing slip for %s failed: %s", request.order_number, sent[1].message)
    return result, sent, (label, slip) if sent[1].ok else (label,)


def print_on_document_printer(devices: StationDevices, render: DocumentRenderer, request: LabelRequest) -> Printed:
    """The label as a PDF, and its packing slip, on the station's document printer (the label
    printer failed)."""
    label, slip = render(replace(request, label_format="pdf"))
    result = devices.print_label_on_document_printer(label)
    if not (result.ok and slip is not None and request.version == 1):
        return result, None, (label,) if result.ok else ()
    sent = devices.print_document(slip)
    return result, sent, (label, slip) if sent[1].ok else (label,)


def printing(request: LabelRequest) -> PrintState:
    """While the label and slip are on their way."""
    what = "Reprinting label" if request.version > 1 else "Printing label and packing slip"
    return _state(request, None, f"{what} for {_parcel(request)}...")


def printed(request: LabelRequest, result: PrintResult, printer: str = "label printer") -> PrintState:
    """What the printer (the label printer, or the document printer standing in for it)
    answered, and what the packer does next: words a packer can act on, and the printer's own
    answer apart, for the administrator."""
    if result.ok:
        done = "Reprinted label" if request.version > 1 else "Label printed"
        return _state(request, True, f"{done} for {_parcel(request)}: put it on that parcel and scan it.")
    check = ("is switched on, has labels and its lid is closed" if printer == "label printer"
             else "is switched on and has paper")
    if never_sent(result):
        what = f"The {printer} did not answer: check that it {check}."
    else:
        what = f"The {printer} took the label but reports a problem: check its paper, labels and lid."
    return _state(request, False,
                  f"{_parcel(request).capitalize()}: the label did not print. {what} Then press RETRY. "
                  "If it fails again, call a supervisor; the parcel is kept.",
                  f"Printer {result.address}: {result.message}")


def _parcel(request: LabelRequest) -> str:
    if request.parcel_count:
        return f"parcel {request.parcel_seq} of {request.parcel_count}"
    return f"parcel {request.parcel_seq}"


def _state(request: LabelRequest, ok: bool | None, message: str, detail: str = "") -> PrintState:
    reprint = None
    if request.version > 1:
        reprint = f"REPRINT - label version {request.version}" + (f": {request.reason}" if request.reason else "")
    contents = tuple(f"{line.in_parcel} x {line.sku} - {line.name}" for line in request.lines)
    return PrintState(request.parcel_seq, request.label_id, ok, message, detail=detail, reprint=reprint,
                      contents=contents, parcel_count=request.parcel_count)

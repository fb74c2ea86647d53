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
from app.translator import phrase

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
    if request.version > 1:
        return _state(request, None, phrase("Reprinting label for %(parcel)s...", parcel=_parcel(request)))
    return _state(request, None, phrase("Printing label and packing slip for %(parcel)s...", parcel=_parcel(request)))


def printed(request: LabelRequest, result: PrintResult, printer: str = "label printer") -> PrintState:
    """What the printer (the label printer, or the document printer standing in for it)
    answered, and what the packer does next: words a packer can act on, and the printer's own
    answer apart, for the administrator."""
    if result.ok:
        if request.version > 1:
            return _state(request, True, phrase("Reprinted label for %(parcel)s: put it on that parcel and scan it.",
                                                parcel=_parcel(request)))
        return _state(request, True, phrase("Label printed for %(parcel)s: put it on that parcel and scan it.",
                                            parcel=_parcel(request)))
    label_printer = printer == "label printer"
    printer = phrase("document printer") if printer == "document printer" else printer
    if never_sent(result) and label_printer:
        what = phrase("The label printer did not answer: check that it is switched on, has labels and its lid is "
                      "closed.")
    elif never_sent(result):
        what = phrase("The %(printer)s did not answer: check that it is switched on and has paper.", printer=printer)
    else:
        what = phrase("The %(printer)s took the label but reports a problem: check its paper, labels and lid.",
                      printer=printer)
    return _state(request, False,
                  phrase("%(parcel)s: the label did not print. %(what)s Then press RETRY. If it fails again, call a "
                         "supervisor; the parcel is kept.", parcel=_parcel(request, capital=True), what=what),
                  phrase("Printer %(address)s: %(problem)s", address=result.address, problem=result.message))


def _parcel(request: LabelRequest, capital: bool = False) -> str:
    if request.parcel_count:
        if capital:
            return phrase("Parcel %(seq)s of %(count)s", seq=request.parcel_seq, count=request.parcel_count)
        return phrase("parcel %(seq)s of %(count)s", seq=request.parcel_seq, count=request.parcel_count)
    if capital:
        return phrase("Parcel %(seq)s", seq=request.parcel_seq)
    return phrase("parcel %(seq)s", seq=request.parcel_seq)


def _state(request: LabelRequest, ok: bool | None, message: str, detail: str = "") -> PrintState:
    reprint = None
    if request.version > 1:
        reprint = (phrase("REPRINT - label version %(version)s: %(reason)s", version=request.version,
                          reason=request.reason) if request.reason
                   else phrase("REPRINT - label version %(version)s", version=request.version))
    contents = tuple(f"{line.in_parcel} x {line.sku} - {line.name}" for line in request.lines)
    return PrintState(request.parcel_seq, request.label_id, ok, message, detail=detail, reprint=reprint,
                      contents=contents, parcel_count=request.parcel_count)

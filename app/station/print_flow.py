"""The station core's weigh and print flow: CLOSE BOX, the weight, the parcel closed, its
label and packing slip printed (retry, the other printer, REPRINT) and what the printers said."""
from __future__ import annotations

import logging
from dataclasses import replace
from functools import partial

from app import words
from app.packing.api import LabelRequest, PackSnapshot, ParcelClosed
from app.ports import DeviceState, PrintJob, PrintResult
from app.station import labels
from app.station.devices import DOCUMENT_PRINTER, LABEL_PRINTER, SCALE, never_sent, printer_state
from app.station.state import Level, Sound, Step, WeighState
from app.translator import phrase

log = logging.getLogger(__name__)


class PrintFlow:
    """StationCore's weigh and print flow; its methods run on the core's thread like the rest."""

    # --- weighing and printing -------------------------------------------------------------

    def close_box(self) -> None:
        """CLOSE BOX: weigh (when there is a scale), then close the parcel and print."""
        self.touch()
        if self.state.pack is None or self.state.user is None:
            self._error("No order is open at this station.")
            return
        if self._serial_asked(phrase("CLOSE BOX was not done")):
            return
        if self.devices.scale is None:
            self._close_parcel(None)
            return
        self._set(step=Step.WEIGH, weighing=WeighState(phrase("Put the parcel on the scale and keep it still...")))
        self.io.submit(self.devices.read_stable_weight, then=self._weighed)

    def back_to_packing(self) -> None:
        """BACK TO PACKING from the weigh screen."""
        if self.state.pack is not None and self.state.question is None:
            self._set(step=Step.PACK)

    def _weighed(self, grams: object, error: BaseException | None) -> None:
        if self.state.pack is None or self.state.step is not Step.WEIGH:
            return  # the packer left (logout, problem) while the scale was read
        if error is not None:
            self.watch.check_soon(SCALE)  # says whether the scale is gone or only unsteady
            self._set(weighing=WeighState(phrase("No stable weight: %(problem)s. Check the scale and press WEIGH AGAIN.",
                                                 problem=str(error)), True))
            self._cue(Sound.ERROR)
            return
        self._device(SCALE, DeviceState.CONNECTED)
        self._set(weighing=WeighState(phrase("%(weight)s - checking...", weight=words.grams(int(grams)))))  # type: ignore[call-overload]
        self._close_parcel(int(grams))  # type: ignore[call-overload]

    def _close_parcel(self, grams: int | None) -> None:
        def call(order: str, user: object) -> None:
            closed = self.api.close_parcel(order, user, grams)  # type: ignore[arg-type]
            if closed.pack is not None:
                self._show_pack(closed.pack)
            if not closed.ok and closed.actual_weight_g is not None:  # the scale said no: weigh again
                self._set(step=Step.WEIGH, weighing=WeighState(closed.message, True))
                self._say(closed.message, Level.ERROR, Sound.LOCK)
            elif not closed.ok:  # nothing was weighed wrong: back to packing, and why
                self._set(step=Step.PACK, weighing=None)
                self._error(closed.message)
            elif closed.label is not None:
                self._labels_closed(closed)
        self._pack_call(call)

    def _labels_closed(self, closed: ParcelClosed) -> None:
        """A parcel closed. Its label states "parcel N of M", so it prints only once M is known:
        when the order's last parcel closes, every held label prints, in parcel order."""
        label = closed.label
        assert label is not None
        if label.parcel_count is None:
            self._set(step=Step.PACK)
            self._say(phrase("Parcel %(seq)s closed. Write %(seq)s on the box and set it aside: its label prints with "
                             "the others when the last parcel is closed, so no label states a wrong parcel count. "
                             "Now pack parcel %(next)s.", seq=closed.parcel_seq, next=closed.parcel_seq + 1),
                      Level.OK, Sound.ACCEPT)
            return
        held = self._held_label()
        self._print(label if held in (None, label.label_id) else self.api.label_request(held))  # type: ignore[arg-type]

    def _held_label(self) -> int | None:
        """The first label still waiting to print once the order's parcels are all closed."""
        pack = self.state.pack
        if pack is None or not complete(pack):
            return None
        held = sorted((label for label in pack.pending_labels if label.status == "pending"),
                      key=lambda label: label.parcel_seq)
        return held[0].label_id if held else None

    def retry_print(self) -> None:
        """RETRY a label that failed: the same version, never a second label for one parcel."""
        self.touch()
        printing = self.state.printing
        pending = self.state.pack.pending_labels if self.state.pack else ()
        if not pending or self.state.step is not Step.PRINT or (printing is not None and printing.ok is None):
            return  # nothing failed, or it is printing right now
        self._label_waits_for_printer = False
        self._print(self.api.label_request(pending[0].label_id))

    def print_on_other_printer(self) -> None:
        """A label that failed goes to the station's document printer (as a PDF), with its slip."""
        self.touch()
        printing = self.state.printing
        pending = self.state.pack.pending_labels if self.state.pack else ()
        if (not pending or self.state.step is not Step.PRINT or not self.devices.other_printer
                or (printing is not None and printing.ok is None)):
            return
        self._label_waits_for_printer = False
        request = self.api.label_request(pending[0].label_id)
        self._set(printing=replace(labels.printing(request), message=phrase(
            "Printing the label of parcel %(seq)s on the document printer...", seq=request.parcel_seq)))
        self.io.submit(labels.print_on_document_printer, self.devices, self.render, request,
                       then=partial(self._printed, request, printer=DOCUMENT_PRINTER))

    def _reprint(self, reason: str) -> None:
        parcels = [p for p in self.state.pack.parcels if p.status in ("closed", "confirmed")] if self.state.pack else []
        if not parcels:
            self._error(phrase("There is no closed parcel to reprint a label for."))
            return
        if parcels[-1].label is not None and parcels[-1].label.status == "pending":
            self._error(phrase("The label of parcel %(seq)s has not been printed yet: it prints with the others "
                               "when the last parcel is closed.", seq=parcels[-1].seq))
            return
        self._pack_call(lambda _o, user: self._print(self.api.reprint_label(parcels[-1].parcel_id, reason, user)))

    def _print(self, request: LabelRequest) -> None:
        self._set(step=Step.PRINT, printing=labels.printing(request))
        self.io.submit(labels.print_label_and_slip, self.devices, self.render, request,
                       then=partial(self._printed, request))

    def _printed(self, request: LabelRequest, outcome: object, error: BaseException | None,
                 printer: str = LABEL_PRINTER) -> None:
        jobs: tuple[PrintJob, ...] = ()
        if error is not None:  # rendering failed: nothing reached a printer
            result, slip = PrintResult(False, self.devices.address(printer), str(error)), None
        else:
            result, slip, jobs = outcome  # type: ignore[misc]
        if result.details.get("duplicate") != "yes":
            self._printer_answered(printer, result)
        if slip is not None:
            self._printer_answered(*slip)
        self._label_waits_for_printer = never_sent(result) and printer == LABEL_PRINTER
        done = labels.printed(request, result, printer)
        if not result.ok and self.devices.other_printer:
            done = replace(done, other_printer=self.devices.other_printer)
        self._set(printing=done)
        if not result.ok:
            self._cue(Sound.ERROR)
        state = self.api.record_label_result(request.label_id, result.ok, result.address, result.message,
                                             printed=jobs)
        if self.state.pack is not None and self.state.pack.order_number == request.order_number:
            self._show_pack(self.api.snapshot(request.order_number))
            if state.status == "printed" and self.state.step is Step.PRINT:
                held = self._held_label()
                if held is not None:  # the next parcel's label, in parcel order
                    self._print(self.api.label_request(held))
                    return
                # a label to scan back; a reprint for a parcel confirmed before goes back to packing
                self._set(step=Step.CONFIRM if awaiting_scan_back(self.state.pack) else Step.PACK)

    def _printer_answered(self, name: str, result: PrintResult) -> None:
        if result.ok:
            self._last_print_failed.pop(name, None)
        else:
            self._last_print_failed[name] = result.message
        state = printer_state(result)
        self._device(name, state, "" if result.ok else result.message)
        if state is not DeviceState.CONNECTED:
            self.watch.check_soon(name)


def complete(pack: PackSnapshot) -> bool:
    """Every unit to ship is scanned and none is left in an open parcel: the parcel count is known."""
    return pack.all_scanned and not any(p.status == "open" and p.units > 0 for p in pack.parcels)


def awaiting_scan_back(pack: PackSnapshot) -> bool:
    """A closed parcel's label is printed and waits to be scanned back onto the parcel."""
    return any(p.status == "closed" and p.label is not None and p.label.status == "printed" for p in pack.parcels)

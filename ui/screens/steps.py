"""The steps after CLOSE BOX: weigh, print, confirm the label on the parcel."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from app.packing.api import PackSnapshot
from app.station.state import PrintState
from ui.bridge import StationBridge as Station
from ui.style import AMBER, GREEN, PURPLE, RED, banner_style, button, label
from ui.translations import Retranslated


def contents_text(state: PrintState) -> str:
    """What is in the parcel whose label this is, one line per product."""
    if not state.contents:
        return ""
    return QCoreApplication.translate("PrintScreen", "In this parcel:") + "\n" + "\n".join(state.contents)


def title_of(state: PrintState) -> str:
    """A reprint says so before anything else; a first print names the parcel and the count."""
    if state.reprint:
        return QCoreApplication.translate("PrintScreen", "%1 (parcel %2)").replace(
            "%1", state.reprint).replace("%2", str(state.parcel_seq))
    if state.parcel_count:
        return QCoreApplication.translate("PrintScreen", "Parcel %1 of %2: label and packing slip").replace(
            "%1", str(state.parcel_seq)).replace("%2", str(state.parcel_count))
    return QCoreApplication.translate("PrintScreen", "Parcel %1: label and packing slip").replace(
        "%1", str(state.parcel_seq))


class WeighScreen(Retranslated, QWidget):
    """The stable weight and whether it is within tolerance."""

    def __init__(self, station: Station) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.title = label("", "big")
        layout.addWidget(self.title)
        self.reading = label("", "title")
        layout.addWidget(self.reading)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.again = button("", "ok")
        self.back = button("")
        self.problem = button("", "danger")
        for widget in (self.again, self.back, self.problem):
            row.addWidget(widget)
        layout.addLayout(row)
        self.again.clicked.connect(station.close_box)
        self.back.clicked.connect(station.back_to_packing)
        self.problem.clicked.connect(lambda: station.ask("problem"))
        station.weigh_changed.connect(self.show_reading)
        self.retranslate()

    def retranslate(self) -> None:
        """The screen's words in the language shown now."""
        self.title.setText(self.tr("Weigh the parcel"))
        self.again.setText(self.tr("WEIGH AGAIN"))
        self.back.setText(self.tr("BACK TO PACKING"))
        self.problem.setText(self.tr("PROBLEM"))

    def show_reading(self, text: str, error: bool) -> None:
        """A reading or the reason the parcel stopped."""
        self.reading.setText(text)
        self.reading.setStyleSheet(banner_style(RED if error else AMBER))


class PrintScreen(Retranslated, QWidget):
    """Printing the label and slip; a failure says what the packer can do, offers RETRY (which
    shows that it is retrying) and keeps the printer's own answer apart for the administrator."""

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        layout = QVBoxLayout(self)
        self.title = label("", "big")
        self.state = label("", "title")
        self.contents = label("", "message")
        self.detail = label("", "hint")  # for the administrator: the printer's address and answer
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addWidget(self.contents)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.retry = button("", "ok")
        self.elsewhere = button("")  # the station's other printer
        self.problem = button("", "danger")
        row.addWidget(self.retry)
        row.addWidget(self.elsewhere)
        row.addWidget(self.problem)
        layout.addLayout(row)
        self.retry.hide()
        self.elsewhere.hide()
        self.retry.clicked.connect(self._retry)
        self.elsewhere.clicked.connect(self._elsewhere)
        self.problem.clicked.connect(lambda: station.ask("problem"))
        station.print_changed.connect(self.show_state)
        self._state: PrintState | None = None
        self.retranslate()

    def retranslate(self) -> None:
        """The screen's words in the language shown now (the printer's state again)."""
        self.title.setText(self.tr("Printing"))
        self.retry.setText(self.tr("RETRY"))
        self.elsewhere.setText(self.tr("PRINT ON THE DOCUMENT PRINTER"))
        self.problem.setText(self.tr("PROBLEM"))
        if self._state is not None:
            self.show_state(self._state)

    def _retry(self) -> None:
        """RETRY pressed: say so at once and take no second press until the printer answers."""
        self.retry.setEnabled(False)
        self.retry.setText(self.tr("RETRYING..."))
        self.state.setText(self.tr("Sending the label to the printer again..."))
        self.state.setStyleSheet(banner_style(AMBER))
        self.station.retry_print()

    def _elsewhere(self) -> None:
        """The label goes to the document printer: say so at once."""
        self.retry.setEnabled(False)
        self.elsewhere.setEnabled(False)
        self.state.setText(self.tr("Sending the label to the document printer..."))
        self.state.setStyleSheet(banner_style(AMBER))
        self.station.print_on_other_printer()

    def show_state(self, state: PrintState) -> None:
        """Printing, printed, or failed with RETRY (and the other printer, when there is one)."""
        self._state = state
        self.title.setText(title_of(state))
        self.title.setStyleSheet(banner_style(PURPLE) if state.reprint else "")
        self.contents.setText(contents_text(state))
        self.state.setText(state.message)
        colour = AMBER if state.ok is None else GREEN if state.ok else RED
        self.state.setStyleSheet(banner_style(colour))
        self.detail.setText(self.tr("For the administrator: %1").replace("%1", state.detail) if state.detail else "")
        self.retry.setVisible(state.ok is False)
        self.retry.setEnabled(state.ok is False)
        self.retry.setText(self.tr("RETRY"))
        self.elsewhere.setVisible(state.ok is False and bool(state.other_printer))
        self.elsewhere.setEnabled(state.ok is False)


class ConfirmScreen(Retranslated, QWidget):
    """Scan the printed label on the parcel; the message line always says what to do next."""

    own_message_line = True  # the window shows no second message line under it

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        layout = QVBoxLayout(self)
        self.title = label("", "big")
        self.detail = label("", "title")
        self.message = label("", "message")
        self.contents = label("", "message")
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addWidget(self.message)
        layout.addWidget(self.contents)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.reprint = button("")
        self.reprint.clicked.connect(lambda: station.ask("reprint"))
        row.addWidget(self.reprint)
        layout.addLayout(row)
        station.pack_changed.connect(self._pack)
        station.print_changed.connect(self._printed)
        station.step_changed.connect(self._step)
        station.message.connect(self._message)
        self._printed_state: PrintState | None = None
        self.retranslate()

    def retranslate(self) -> None:
        """The screen's words in the language shown now (what is waiting again)."""
        self.title.setText(self.tr("Label printed"))
        self.reprint.setText(self.tr("REPRINT"))
        self._pack(self.station.pack)
        self._printed(self._printed_state)
        if self.station.step == "confirm":
            self._show(self.instruction(), "info")

    def instruction(self) -> str:
        """What the packer does now: stick which parcel's label, and scan it."""
        pack = self.station.pack
        waiting = pack.unconfirmed_parcels if pack is not None else ()
        if not waiting:
            return self.tr("Stick the label on the parcel and scan its barcode")
        return self.tr("Stick the label on parcel %1 and scan its barcode").replace("%1", str(waiting[0]))

    def _pack(self, pack: PackSnapshot | None) -> None:
        if pack is None or not pack.unconfirmed_parcels:
            return
        self.title.setText(self.tr("Label printed for parcel %1").replace("%1", str(pack.unconfirmed_parcels[0])))
        seqs = ", ".join(str(s) for s in pack.unconfirmed_parcels)
        waiting = self.tr("Waiting for the label(s) of parcel(s) %1 of order %2", "", len(pack.unconfirmed_parcels))
        self.detail.setText(waiting.replace("%1", seqs).replace("%2", pack.order_number))

    def _printed(self, state: PrintState | None) -> None:
        """The contents of the parcel whose label was printed last, and whether it was a reprint."""
        if state is None:
            return
        self._printed_state = state
        self.contents.setText(contents_text(state))
        if state.reprint:
            self.title.setText(self.tr("%1 printed for parcel %2").replace("%1", state.reprint)
                               .replace("%2", str(state.parcel_seq)))

    def _step(self, step: str) -> None:
        if step == "confirm":
            self._show(self.instruction(), "info")

    def _message(self, text: str, level: str) -> None:
        """Only what concerns this step: a refusal in red; otherwise the instruction stays."""
        if self.station.step == "confirm":
            self._show(text if level == "error" else self.instruction(), level)

    def _show(self, text: str, level: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(banner_style(RED if level == "error" else AMBER))

"""The steps after CLOSE BOX: weigh, print, confirm the label on the parcel."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from app.packing.api import PackSnapshot
from app.station.state import PrintState
from ui.bridge import StationBridge as Station
from ui.style import AMBER, GREEN, PURPLE, RED, banner_style, button, label


def contents_text(state: PrintState) -> str:
    """What is in the parcel whose label this is, one line per product."""
    return ("In this parcel:\n" + "\n".join(state.contents)) if state.contents else ""


def title_of(state: PrintState) -> str:
    """A reprint says so before anything else; a first print names the parcel and the count."""
    if state.reprint:
        return f"{state.reprint} (parcel {state.parcel_seq})"
    count = f" of {state.parcel_count}" if state.parcel_count else ""
    return f"Parcel {state.parcel_seq}{count}: label and packing slip"


class WeighScreen(QWidget):
    """The stable weight and whether it is within tolerance."""

    def __init__(self, station: Station) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addWidget(label("Weigh the parcel", "big"))
        self.reading = label("", "title")
        layout.addWidget(self.reading)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.again = button("WEIGH AGAIN", "ok")
        self.back = button("BACK TO PACKING")
        self.problem = button("PROBLEM", "danger")
        for widget in (self.again, self.back, self.problem):
            row.addWidget(widget)
        layout.addLayout(row)
        self.again.clicked.connect(station.close_box)
        self.back.clicked.connect(station.back_to_packing)
        self.problem.clicked.connect(lambda: station.ask("problem"))
        station.weigh_changed.connect(self.show_reading)

    def show_reading(self, text: str, error: bool) -> None:
        """A reading or the reason the parcel stopped."""
        self.reading.setText(text)
        self.reading.setStyleSheet(banner_style(RED if error else AMBER))


class PrintScreen(QWidget):
    """Printing the label and slip; a failure says what the packer can do, offers RETRY (which
    shows that it is retrying) and keeps the printer's own answer apart for the administrator."""

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        layout = QVBoxLayout(self)
        self.title = label("Printing", "big")
        self.state = label("", "title")
        self.contents = label("", "message")
        self.detail = label("", "hint")  # for the administrator: the printer's address and answer
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addWidget(self.contents)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.retry = button("RETRY", "ok")
        self.elsewhere = button("PRINT ON THE DOCUMENT PRINTER")  # the station's other printer
        self.problem = button("PROBLEM", "danger")
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

    def _retry(self) -> None:
        """RETRY pressed: say so at once and take no second press until the printer answers."""
        self.retry.setEnabled(False)
        self.retry.setText("RETRYING...")
        self.state.setText("Sending the label to the printer again...")
        self.state.setStyleSheet(banner_style(AMBER))
        self.station.retry_print()

    def _elsewhere(self) -> None:
        """The label goes to the document printer: say so at once."""
        self.retry.setEnabled(False)
        self.elsewhere.setEnabled(False)
        self.state.setText("Sending the label to the document printer...")
        self.state.setStyleSheet(banner_style(AMBER))
        self.station.print_on_other_printer()

    def show_state(self, state: PrintState) -> None:
        """Printing, printed, or failed with RETRY (and the other printer, when there is one)."""
        self.title.setText(title_of(state))
        self.title.setStyleSheet(banner_style(PURPLE) if state.reprint else "")
        self.contents.setText(contents_text(state))
        self.state.setText(state.message)
        colour = AMBER if state.ok is None else GREEN if state.ok else RED
        self.state.setStyleSheet(banner_style(colour))
        self.detail.setText(f"For the administrator: {state.detail}" if state.detail else "")
        self.retry.setVisible(state.ok is False)
        self.retry.setEnabled(state.ok is False)
        self.retry.setText("RETRY")
        self.elsewhere.setVisible(state.ok is False and bool(state.other_printer))
        self.elsewhere.setEnabled(state.ok is False)


class ConfirmScreen(QWidget):
    """Scan the printed label on the parcel; the message line always says what to do next."""

    own_message_line = True  # the window shows no second message line under it

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        layout = QVBoxLayout(self)
        self.title = label("Label printed", "big")
        self.detail = label("", "title")
        self.message = label("", "message")
        self.contents = label("", "message")
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addWidget(self.message)
        layout.addWidget(self.contents)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.reprint = button("REPRINT")
        self.reprint.clicked.connect(lambda: station.ask("reprint"))
        row.addWidget(self.reprint)
        layout.addLayout(row)
        station.pack_changed.connect(self._pack)
        station.print_changed.connect(self._printed)
        station.step_changed.connect(self._step)
        station.message.connect(self._message)

    def instruction(self) -> str:
        """What the packer does now: stick which parcel's label, and scan it."""
        pack = self.station.pack
        waiting = pack.unconfirmed_parcels if pack is not None else ()
        if not waiting:
            return "Stick the label on the parcel and scan its barcode"
        return f"Stick the label on parcel {waiting[0]} and scan its barcode"

    def _pack(self, pack: PackSnapshot | None) -> None:
        if pack is None or not pack.unconfirmed_parcels:
            return
        self.title.setText(f"Label printed for parcel {pack.unconfirmed_parcels[0]}")
        seqs = ", ".join(str(s) for s in pack.unconfirmed_parcels)
        many = len(pack.unconfirmed_parcels) > 1
        self.detail.setText(f"Waiting for the label{'s' if many else ''} of parcel{'s' if many else ''} {seqs} "
                            f"of order {pack.order_number}")

    def _printed(self, state: PrintState | None) -> None:
        """The contents of the parcel whose label was printed last, and whether it was a reprint."""
        if state is None:
            return
        self.contents.setText(contents_text(state))
        if state.reprint:
            self.title.setText(f"{state.reprint} printed for parcel {state.parcel_seq}")

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

"""Prompts that take over the screen: a reason chosen from big buttons (box override,
reprint, problem), and a supervisor's badge scan or PIN (partial shipment, kiosk exit).

A reason is given by touch, by its number key, or by scanning its barcode from the command
sheet (app/packing/reasons.py); the station core takes those scans, refuses and records any
other scan while a question is open, and the window shows the refusal here."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QLineEdit, QVBoxLayout, QWidget

from app.packing.reasons import Reason
from ui.screens.pinpad import PinPad
from ui.style import RED, banner_style, button, label


class ReasonPrompt(QWidget):
    """A question and one big button per reason; keys 1-9 or a reason barcode pick, Escape or
    the CANCEL barcode cancels."""

    def __init__(self, question: str, reasons: Sequence[Reason],
                 on_choice: Callable[[str, str], None], on_cancel: Callable[[], None]) -> None:
        super().__init__()
        self.on_choice, self.on_cancel = on_choice, on_cancel
        self.reasons = list(reasons)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        self.question = label(question, "big")
        layout.addWidget(self.question)
        self.detail = label("", "message")
        layout.addWidget(self.detail)
        self.hint = label("Touch a reason, press its number, or scan it on the command sheet", "hint")
        layout.addWidget(self.hint)
        grid = QGridLayout()
        grid.setSpacing(16)
        self.buttons = []
        for i, reason in enumerate(self.reasons):
            widget = button(f"{i + 1}  {reason.text}")
            widget.setMinimumHeight(110)
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter from a wedge never presses one
            widget.clicked.connect(lambda _=False, r=reason: self.on_choice(r.code, r.text))
            grid.addWidget(widget, i // 2, i % 2)
            self.buttons.append(widget)
        layout.addLayout(grid)
        self.message = label("", "message")
        self.message.hide()
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.cancel = button("CANCEL  (Esc)", "danger")
        self.cancel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel.clicked.connect(lambda: self.on_cancel())
        layout.addWidget(self.cancel)

    def show_refusal(self, text: str) -> None:
        """A scan that was not an answer: say so, in red, until the question closes."""
        self.message.setText(text)
        self.message.setStyleSheet(banner_style(RED))
        self.message.show()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt)
        """A fresh question: no old refusal shown."""
        self.message.hide()
        super().showEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        """1-9 choose a reason, Escape cancels."""
        text = event.text()
        if text.isdigit() and 1 <= int(text) <= len(self.reasons):
            reason = self.reasons[int(text) - 1]
            self.on_choice(reason.code, reason.text)
        elif event.key() == Qt.Key.Key_Escape:
            self.on_cancel()
        else:
            super().keyPressEvent(event)


class SupervisorPrompt(QWidget):
    """Scan a supervisor's badge (it arrives through the scanner) or type the PIN."""

    def __init__(self, question: str, on_pin: Callable[[str], None] | None,
                 on_cancel: Callable[[], None]) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.question = label(question, "big")
        self.message = label("", "message")
        layout.addWidget(self.question)
        layout.addWidget(self.message)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText("or type the supervisor PIN and press Enter")
        if on_pin is None:
            self.pin.hide()
        else:
            self.pin.returnPressed.connect(lambda: (on_pin(self.pin.text()), self.pin.clear()))
        layout.addWidget(self.pin)
        self.keypad = PinPad(self.pin)  # the PIN without a keyboard (a touch screen)
        self.keypad.setVisible(on_pin is not None)
        layout.addWidget(self.keypad)
        layout.addStretch(1)
        cancel = button("CANCEL", "danger")
        cancel.clicked.connect(lambda: on_cancel())
        layout.addWidget(cancel)

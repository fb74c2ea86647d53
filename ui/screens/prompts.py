"""Prompts that take over the screen: a reason chosen from big buttons (box override,
reprint, problem), and a supervisor's badge scan or PIN (partial shipment, kiosk exit).

A reason is given by touch, by its number key, or by scanning its barcode from the command
sheet (app/packing/reasons.py); the station core takes those scans, refuses and records any
other scan while a question is open, and the window shows the refusal here."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from app.messages import _
from app.packing.reasons import Reason
from ui.style import ERROR_TEXT, RED, banner_style, button, label
from ui.translations import Retranslated


class ReasonPrompt(Retranslated, QWidget):
    """A question and one big button per reason; keys 1-9 or a reason barcode pick, Escape or
    the CANCEL barcode cancels."""

    own_message_line = True  # the question and its refusal banner say it all

    def __init__(self, question: str, reasons: Sequence[Reason],
                 on_choice: Callable[[str, str], None], on_cancel: Callable[[], None],
                 hint: Callable[[], str] | None = None) -> None:
        super().__init__()
        self.on_choice, self.on_cancel = on_choice, on_cancel
        self._hint = hint  # the hint in the language shown (None: touch, number or scan)
        self.reasons = list(reasons)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        self.question = label(question, "big")
        layout.addWidget(self.question)
        self.detail = label("", "message")
        layout.addWidget(self.detail)
        self.hint = label("", "hint")
        layout.addWidget(self.hint)
        grid = QGridLayout()
        grid.setSpacing(16)
        self.buttons = []
        for i, reason in enumerate(self.reasons):
            widget = button("")
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
        self.cancel = button("")  # going back is safe: not the colour of danger
        self.cancel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel.clicked.connect(lambda: self.on_cancel())
        layout.addWidget(self.cancel)
        self.retranslate()

    def retranslate(self) -> None:
        """The hint, the reasons and CANCEL in the language shown now."""
        self.hint.setText(self._hint() if self._hint is not None
                          else self.tr("Touch a reason, press its number, or scan it on the command sheet"))
        for i, (reason, widget) in enumerate(zip(self.reasons, self.buttons)):
            widget.setText(f"{i + 1}  {_(reason.text)}")  # the core's words, through its gettext catalogue
        self.cancel.setText(self.tr("CANCEL  (Esc)"))

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


class SupervisorPrompt(Retranslated, QWidget):
    """Scan a supervisor's badge (it arrives through the scanner) or type the PIN - on a
    keyboard or on the keypad on the screen; the PIN field has the focus while it shows."""

    def __init__(self, question: str, on_pin: Callable[[str], None] | None,
                 on_cancel: Callable[[], None]) -> None:
        super().__init__()
        self.on_pin, self.on_cancel = on_pin, on_cancel
        layout = QVBoxLayout(self)
        self.question = label(question, "big")
        layout.addWidget(self.question)
        self.detail = label("", "message")  # what the supervisor approves (a partial shipment's lines)
        self.detail.hide()
        layout.addWidget(self.detail)
        self.message = label("", "message")
        self.hint = label("", "hint")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaximumWidth(460)
        self.keypad = Keypad(self.pin, self._submit)
        if on_pin is None:
            self.pin.hide()
            self.keypad.hide()
        else:
            self.pin.returnPressed.connect(self._submit)
            self.setFocusProxy(self.pin)  # the window focuses the prompt: typed digits land in the PIN
        row = QHBoxLayout()  # the words on the left, the keypad beside them: fits 768 pixels high
        words = QVBoxLayout()
        for widget in (self.hint, self.pin, self.message):
            words.addWidget(widget)
        words.addStretch(1)
        row.addLayout(words, 1)
        row.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row, 1)
        self.cancel = button("")
        self.cancel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel.clicked.connect(lambda: on_cancel())
        layout.addWidget(self.cancel)
        self.message.hide()
        self.retranslate()

    def retranslate(self) -> None:
        """The hint, the PIN field's placeholder and CANCEL in the language shown now."""
        self.hint.setText(self.tr("Scan a supervisor's badge") if self.on_pin is None
                          else self.tr("Scan a supervisor's badge, or type the PIN and press OK"))
        self.pin.setPlaceholderText(self.tr("supervisor PIN"))
        self.cancel.setText(self.tr("CANCEL  (Esc)"))

    def _submit(self) -> None:
        pin = self.pin.text().strip()
        self.pin.clear()
        if not pin:
            self.show_message(self.tr("Type the PIN first, then press OK."), "error")
            return
        if self.on_pin is not None:
            self.on_pin(pin)

    def show_detail(self, text: str) -> None:
        """What is being approved; empty hides it."""
        self.detail.setText(text)
        self.detail.setVisible(bool(text))

    def show_message(self, text: str, level: str) -> None:
        """A refusal in red words of the message size - proportionate, not a red block."""
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {ERROR_TEXT}; font-weight: bold;" if level == "error" else "")
        self.message.setVisible(bool(text))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt)
        """A fresh question: no old refusal, the PIN field empty and ready for typing."""
        self.message.hide()
        self.pin.clear()
        super().showEvent(event)
        if self.on_pin is not None:
            self.pin.setFocus()


    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        """Escape cancels."""
        if event.key() == Qt.Key.Key_Escape:
            self.on_cancel()
        else:
            super().keyPressEvent(event)


class Keypad(Retranslated, QWidget):
    """Digits, CLEAR and OK as touch buttons that type into a PIN field (no keyboard needed)."""

    def __init__(self, field: QLineEdit, on_ok: Callable[[], None]) -> None:
        super().__init__()
        self.field = field
        grid = QGridLayout(self)
        grid.setSpacing(10)
        self.keys: dict[str, object] = {}
        for i, key in enumerate(("1", "2", "3", "4", "5", "6", "7", "8", "9", "CLEAR", "0", "OK")):
            widget = button(key, "ok" if key == "OK" else "")
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the PIN field keeps the focus
            widget.setMinimumWidth(140)
            if key == "OK":
                widget.clicked.connect(lambda: on_ok())
            elif key == "CLEAR":
                widget.clicked.connect(field.clear)
            else:
                widget.clicked.connect(lambda _=False, k=key: field.insert(k))
            grid.addWidget(widget, i // 3, i % 3)
            self.keys[key] = widget
        self.retranslate()

    def retranslate(self) -> None:
        """CLEAR and OK in the language shown now (the keys keep their English names)."""
        self.keys["CLEAR"].setText(self.tr("CLEAR"))  # type: ignore[attr-defined]
        self.keys["OK"].setText(self.tr("OK"))  # type: ignore[attr-defined]

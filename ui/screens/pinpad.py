"""An on-screen keypad for a supervisor's PIN at a station with no keyboard: digits, CLEAR and
OK, typing into the prompt's PIN field (masked); OK submits it as Enter does."""
from __future__ import annotations

import logging

from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

from ui.style import button

log = logging.getLogger(__name__)

KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "CLEAR", "0", "OK")


class PinPad(QWidget):
    """Twelve touch-sized keys for the PIN field they type into."""

    def __init__(self, field: QLineEdit) -> None:
        super().__init__()
        self.field = field
        grid = QGridLayout(self)
        self.keys = {}
        for i, key in enumerate(KEYS):
            widget = button(key, "ok" if key == "OK" else "danger" if key == "CLEAR" else "")
            widget.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(widget, i // 3, i % 3)
            self.keys[key] = widget

    def press(self, key: str) -> None:
        """A digit is typed, CLEAR empties the field, OK submits it."""
        if key == "CLEAR":
            self.field.clear()
        elif key == "OK":
            if self.field.text():
                self.field.returnPressed.emit()
        else:
            self.field.insert(key)

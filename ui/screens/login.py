"""Login: scan a badge."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.station.devices import device_problems
from ui.bridge import StationBridge as Station
from ui.style import label
from ui.translations import Retranslated


class LoginScreen(Retranslated, QWidget):
    """Asks for a badge scan; shows why the last attempt failed, and from the start what is
    wrong with the database and the devices, with what to do (app.station.devices)."""

    own_message_line = True  # the window shows no second message line under it

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = label("", "big")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.station_name = label("", "title")
        self.station_name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = label("", "message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problems = label("", "message")
        self.problems.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problems.setStyleSheet("color: #ff8a80;")
        for widget in (self.station_name, self.title, self.message, self.problems):
            layout.addWidget(widget)
        layout.addStretch(2)
        self.retranslate()
        station.message.connect(self._message)
        station.device_changed.connect(self._show_problems)
        self._show_problems()

    def _show_problems(self, _status: object = None) -> None:
        self.problems.setText("\n\n".join(device_problems(self.station.device_states.values())))

    def retranslate(self) -> None:
        """The screen's words in the language shown now."""
        self.title.setText(self.tr("Scan your badge to start"))
        self.station_name.setText(self.tr("Station %1").replace("%1", self.station.station_code))

    def _message(self, text: str, level: str) -> None:
        if self.station.user is None:
            self.message.setText(text)
            self.message.setStyleSheet("color: #ff8a80;" if level == "error" else "")

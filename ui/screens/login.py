"""Login: scan a badge."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.bridge import StationBridge as Station
from ui.style import label


class LoginScreen(QWidget):
    """Asks for a badge scan; shows why the last attempt failed."""

    own_message_line = True  # the window shows no second message line under it

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = label("Scan your badge to start", "big")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.station_name = label(f"Station {station.station_code}", "title")
        self.station_name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = label("", "message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (self.station_name, self.title, self.message):
            layout.addWidget(widget)
        layout.addStretch(2)
        station.message.connect(self._message)

    def _message(self, text: str, level: str) -> None:
        if self.station.user is None:
            self.message.setText(text)
            self.message.setStyleSheet("color: #ff8a80;" if level == "error" else "")

"""The mis-scan lock: a full-screen colour flash that accepts only ACK (scan, key or touch)."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.bridge import StationBridge as Station
from ui.style import RED, button, label
from ui.translations import Retranslated

FLASH = ("#b00020", "#ff1744")


class LockOverlay(Retranslated, QWidget):
    """Covers its parent while the station is locked."""

    def __init__(self, station: Station, parent: QWidget) -> None:
        super().__init__(parent)
        self.station = station
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = label("", "big")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = label("", "title")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = label("", "title")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ack = button("", "ok")
        self.ack.setMinimumHeight(110)
        for widget in (self.title, self.text, self.hint, self.ack):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.ack.clicked.connect(station.acknowledge)
        self._phase = 0
        self.flash = QTimer(self)
        self.flash.setInterval(250)
        self.flash.timeout.connect(self._blink)
        self._paint(FLASH[0])
        self.hide()
        station.lock_changed.connect(self.show_lock)
        self.retranslate()

    def retranslate(self) -> None:
        """STOP, the hint and ACKNOWLEDGE in the language shown now (ACK is the command's name)."""
        self.title.setText(self.tr("STOP"))
        self.hint.setText(self.tr("Scan ACK, press Space, or touch ACKNOWLEDGE"))
        self.ack.setText(self.tr("ACKNOWLEDGE"))

    def show_lock(self, message: str | None) -> None:
        """Show (message) or hide (None)."""
        if message is None:
            self.flash.stop()
            self.hide()
            return
        self.text.setText(message)
        self.setGeometry(self.parentWidget().rect())
        self._phase = 0
        self.flash.start()
        self.show()
        self.raise_()
        self.setFocus()

    def _blink(self) -> None:
        self._phase += 1
        self._paint(FLASH[self._phase % 2])
        if self._phase >= 8:  # flash for two seconds, then stay red
            self.flash.stop()
            self._paint(RED)

    def _paint(self, colour: str) -> None:
        self.setStyleSheet(f"LockOverlay, QLabel {{ background: {colour}; color: white; }}")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        """Space, Enter or Escape acknowledge; every other key is swallowed."""
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            self.station.acknowledge()
        event.accept()

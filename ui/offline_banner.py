"""The offline banner (issue 17): "offline: N events waiting" while the station packs into its
journal, counting down while the journal goes back to the central database. Shown by the home
and pack screens; it follows the bridge's offline_changed signal and is hidden while online."""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel

from app.station.state import OfflineState
from ui.bridge import StationBridge as Station
from ui.style import AMBER


class OfflineBanner(QLabel):
    """One line, amber, readable from a metre; hidden while the station is online."""

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.setObjectName("offline")
        self.setWordWrap(True)
        self.setStyleSheet(f"background: {AMBER}; color: white; font-size: 20pt; font-weight: bold; "
                           "padding: 6px; border-radius: 6px;")
        self.state: OfflineState | None = None
        station.offline_changed.connect(self.show_state)
        self.show_state(station.offline)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """The language changed (a badge brought another): say it again in that one."""
        if event.type() == QEvent.Type.LanguageChange:
            self.show_state(self.state)
        super().changeEvent(event)

    def show_state(self, state: OfflineState | None) -> None:
        """The journal's state as the packer reads it."""
        self.state = state
        if state is None:
            self.hide()
            self.setText("")
            return
        if state.offline:
            text = self.tr("offline: %n event(s) waiting", "", state.waiting)
            if state.waiting == 0:
                text = self.tr("offline: packing on without the central database")
        else:
            text = self.tr("back online: %n event(s) waiting, sending them to the database", "", state.waiting)
        self.setText(text)
        self.setToolTip(state.reason)
        self.show()

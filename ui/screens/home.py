"""Home: scan an order, tote or pick list, or NEXT; queue, devices and today's figures."""
from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from app import words
from app.packing.api import HomeSummary, Packer
from app.ports import DeviceState, DeviceStatus
from ui.bridge import StationBridge as Station
from ui.device_words import device_name, state_name
from ui.offline_banner import OfflineBanner
from ui.style import AMBER, GREEN, GREY, RED, button, label
from ui.translations import Retranslated, number

SUPERVISOR_ROLES = ("supervisor", "admin")
STATE_COLOURS = {DeviceState.CONNECTED: GREEN, DeviceState.DISCONNECTED: AMBER,
                 DeviceState.ERROR: RED, DeviceState.NOT_CONFIGURED: GREY}


class HomeScreen(Retranslated, QWidget):
    """The packer's start page between orders."""

    own_message_line = True  # the window shows no second message line under it

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        layout = QVBoxLayout(self)
        self.hello = label("", "title")
        self.prompt = label("", "big")
        self.message = label("", "message")
        self.queue = label("", "key")  # a key number, read from a metre
        self.figures = label("", "message")
        self.offline = OfflineBanner(station)  # "offline: N events waiting" (issue 17)
        layout.addWidget(self.hello)
        layout.addWidget(self.offline)
        layout.addWidget(self.prompt)
        layout.addWidget(self.message)
        layout.addWidget(self.queue)
        layout.addWidget(self.figures)
        self.device_grid = QGridLayout()
        self.device_labels: dict[str, object] = {}
        layout.addLayout(self.device_grid)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        self.next_button = button("", "ok")
        self.logout_button = button("")
        buttons.addWidget(self.next_button, 2)
        buttons.addWidget(self.logout_button, 1)
        # a supervisor's buttons: the device screen (ui/screens/device_settings.py), closing the station
        self.devices_button = button("")
        buttons.addWidget(self.devices_button, 1)
        self.devices_button.clicked.connect(lambda: station.open_device_settings())
        self.doctor_button = button("")  # supervisors and admins: ui/doctor_dialog.py
        self.doctor_button.hide()
        buttons.addWidget(self.doctor_button, 1)
        self.close_button = button("")
        buttons.addWidget(self.close_button, 1)
        self.close_button.clicked.connect(lambda: station.ask("exit"))
        self._show_supervisor_buttons(None)
        layout.addLayout(buttons)
        self.next_button.clicked.connect(station.next_order)
        self.logout_button.clicked.connect(station.logout)
        station.home_changed.connect(self.show_summary)
        self._summary: HomeSummary | None = None
        self._statuses: dict[str, DeviceStatus] = {}
        station.user_changed.connect(lambda _u: self._greet())
        station.user_changed.connect(self._show_supervisor_buttons)
        station.message.connect(self._message)
        station.device_changed.connect(self.show_device)
        for status in station.device_states.values():
            self.show_device(status)
        self.retranslate()

    def retranslate(self) -> None:
        """The screen's words in the language shown now (again on each language change)."""
        self.prompt.setText(self.tr("Scan an order, a tote or a pick list - or scan NEXT"))
        self.next_button.setText(self.tr("NEXT ORDER"))
        self.logout_button.setText(self.tr("LOG OUT"))
        self.devices_button.setText(self.tr("DEVICES"))
        self.doctor_button.setText(self.tr("DOCTOR"))
        self.close_button.setText(self.tr("CLOSE STATION"))
        self._greet()
        if self._summary is not None:
            self.show_summary(self._summary)
        for status in self._statuses.values():
            self.show_device(status)

    def _greet(self) -> None:
        user = self.station.user
        self.hello.setText(self.tr("%1 at station %2").replace("%1", user.display_name)
                           .replace("%2", self.station.station_code) if user else "")

    def _show_supervisor_buttons(self, user: Packer | None) -> None:
        """DEVICES and CLOSE STATION for supervisors and admins; a packer sees neither."""
        supervisor = user is not None and user.role in SUPERVISOR_ROLES
        self.devices_button.setVisible(supervisor)
        self.close_button.setVisible(supervisor)

    def show_summary(self, s: HomeSummary) -> None:
        """Queue size and today's figures."""
        self._summary = s
        self.queue.setText(self.tr("%n order(s) waiting", "", s.queue_size))
        figures = self.tr("Today: %1 packed, %2, %3, %4").replace("%1", words.count(s.orders_packed_today, "order")) \
            .replace("%2", words.count(s.units_packed_today, "unit")).replace("%3", words.count(s.scans_today, "scan")) \
            .replace("%4", words.count(s.mis_scans_today, "mis-scan"))
        if s.accuracy_percent is not None:
            figures += self.tr(", accuracy %1 %").replace("%1", number(s.accuracy_percent))
        self.figures.setText(figures)

    def show_device(self, status: DeviceStatus) -> None:
        """One device's state as a coloured tile."""
        self._statuses[status.device] = status
        tile = self.device_labels.get(status.device)
        if tile is None:
            tile = label("", "message", wrap=False)
            n = len(self.device_labels)  # three a row: five tiles in one row do not fit 1280 wide
            self.device_grid.addWidget(tile, n // 3, n % 3)
            self.device_labels[status.device] = tile
        text = f"{device_name(status.device)}\n{state_name(status.state)}"
        tile.setText(text)  # type: ignore[attr-defined]
        tile.setToolTip(f"{status.address} {status.message}".strip())  # type: ignore[attr-defined]
        tile.setStyleSheet(f"background: {STATE_COLOURS[status.state]}; border-radius: 8px; "  # type: ignore[attr-defined]
                           "font-size: 20pt; font-weight: bold; padding: 10px;")

    def _message(self, text: str, level: str) -> None:
        if self.station.step == "home":
            self.message.setText(text)
            self.message.setStyleSheet(f"background: {RED}; color: white;" if level == "error" else "")

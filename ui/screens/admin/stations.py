"""STATIONS: every station the database knows (when it last reported, its devices' health
then) and this station's configured devices (read-only; DEVICES opens its device screen)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from app.unit_of_work import StationRecord
from ui.screens.admin.page import AdminPage, fill, table
from ui.style import button, label
from ui.workers import Worker

log = logging.getLogger(__name__)


class StationsPage(AdminPage):
    """The stations and their devices."""

    def __init__(self, desk: Any, worker: Worker, who: Callable[[], str | None], station_code: str = "",
                 configured: dict[str, str] | None = None, open_devices: Callable[[], None] | None = None) -> None:
        super().__init__(desk, worker, who)
        self.station_code = station_code
        self.table = table(3)
        self.layout_.addWidget(self.table, 1)
        self.this_station = label("", "hint")
        self.layout_.addWidget(self.this_station)
        self.devices = label("\n".join(f"{name}: {address}" for name, address in sorted((configured or {}).items())))
        self.layout_.addWidget(self.devices)
        self.devices_button = button("")
        self.devices_button.setEnabled(open_devices is not None)
        if open_devices is not None:
            self.devices_button.clicked.connect(lambda: open_devices())
        self.layout_.addWidget(self.devices_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Station"), self.tr("Last seen"),
                                              self.tr("Devices (as last reported)")])
        self.this_station.setText(self.tr("This station (%1): its configured devices").replace("%1", self.station_code))
        self.devices_button.setText(self.tr("DEVICES OF THIS STATION"))

    def load(self) -> None:
        self.run(self.desk.stations, then=self._show)

    def _show(self, stations: list[StationRecord]) -> None:
        fill(self.table, [(s.code + (" *" if s.code == self.station_code else ""),
                           s.last_seen_at.astimezone().strftime("%d.%m. %H:%M:%S") if s.last_seen_at else "-",
                           "\n".join(f"{k}: {v}" for k, v in sorted(s.devices.items())) or "-") for s in stations])
        self.table.resizeRowsToContents()
        self.loaded.emit(len(stations))

"""STATIONS: every station the database knows (when it last reported, the orders it holds and
since when, its devices' health then) and this station's configured devices (read-only; DEVICES
opens its device screen). A dead station's orders are given back with `packdesk stations give-back`."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from app.admin.leases import StationLeases
from app.config import is_keyboard_url
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
        self.configured = dict(configured or {})
        self.table = table(4)
        self.layout_.addWidget(self.table, 1)
        self.this_station = label("", "hint")
        self.layout_.addWidget(self.this_station)
        self.devices = label("")
        self.layout_.addWidget(self.devices)
        self.devices_button = button("")
        self.devices_button.setEnabled(open_devices is not None)
        if open_devices is not None:
            self.devices_button.clicked.connect(lambda: open_devices())
        self.layout_.addWidget(self.devices_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Station"), self.tr("Last seen"), self.tr("Orders held"),
                                              self.tr("Devices (as last reported)")])
        self.this_station.setText(self.tr("This station (%1): its configured devices").replace("%1", self.station_code))
        self.devices_button.setText(self.tr("DEVICES OF THIS STATION"))
        self.devices.setText("\n".join(f"{name}: {self.address_words(address)}"
                                       for name, address in sorted(self.configured.items())))

    def address_words(self, address: str) -> str:
        """A device's address as a person reads it: the keyboard-wedge scanner's bare "keyboard:"
        URL read "scanner: keyboard:" with nothing after it."""
        if not is_keyboard_url(address):
            return address
        options = address.split("?", 1)[1] if "?" in address else ""
        wedge = self.tr("keyboard wedge (the scanner types like a keyboard)")
        return f"{wedge}, {options.replace('&', ', ')}" if options else wedge

    def load(self) -> None:
        self.run(lambda: (self.desk.stations(), self.desk.station_leases()), then=self._show)

    def _show(self, read: tuple[list[StationRecord], list[StationLeases]]) -> None:
        stations, leases = read
        held = {h.station: h for h in leases}
        known = {s.code: s for s in stations}
        codes = sorted(set(known) | set(held))  # a station may hold orders before it ever reported
        rows = []
        for code in codes:
            s, h = known.get(code), held.get(code)
            seen = s.last_seen_at if s is not None else None
            rows.append((code + (" *" if code == self.station_code else ""),
                         _when(seen, "%d.%m. %H:%M:%S"),
                         self.tr("%1 since %2").replace("%1", " ".join(h.orders)).replace("%2", _when(h.since))
                         if h is not None else "-",
                         "\n".join(f"{k}: {v}" for k, v in sorted(s.devices.items())) if s and s.devices else "-"))
        fill(self.table, rows)
        self.table.resizeRowsToContents()
        self.loaded.emit(len(rows))


def _when(moment: Any, pattern: str = "%d.%m. %H:%M") -> str:
    return moment.astimezone().strftime(pattern) if moment else "-"

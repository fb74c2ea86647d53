"""The administrator's screens (issue 16, "Admin"), a page of the review screen that only the
role admin sees: USERS (and badges), ROLES, STATIONS (and devices), BOXES, CARRIERS (and
rates), REASONS. Every page reads and writes through app.floor.admin_desk.AdminDesk on the
review's worker thread; every change is the logged-in admin's, in the audit log."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from app.ports import PrintJob
from app.unit_of_work import UserRecord
from ui.screens.admin.boxes import BoxesPage
from ui.screens.admin.carriers import CarriersPage
from ui.screens.admin.page import AdminPage
from ui.screens.admin.reasons import ReasonsPage
from ui.screens.admin.roles import RolesPage
from ui.screens.admin.stations import StationsPage
from ui.screens.admin.users import UsersPage
from ui.style import button
from ui.workers import Worker

log = logging.getLogger(__name__)

PAGES = ("users", "roles", "stations", "boxes", "carriers", "reasons")


class AdminView(QWidget):
    """The admin pages behind a row of page buttons; a page loads when it is shown."""

    def __init__(self, desk: Any, worker: Worker, who: Callable[[], str | None], station_code: str = "",
                 configured: dict[str, str] | None = None, open_devices: Callable[[], None] | None = None,
                 print_badge: Callable[[UserRecord], str] | None = None) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.page_buttons = {name: button("") for name in PAGES}
        for name, widget in self.page_buttons.items():
            widget.setCheckable(True)
            widget.clicked.connect(lambda _=False, n=name: self.show_page(n))
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        self.stack = QStackedWidget()
        self.pages: dict[str, AdminPage] = {
            "users": UsersPage(desk, worker, who, print_badge),
            "roles": RolesPage(desk, worker, who),
            "stations": StationsPage(desk, worker, who, station_code, configured, open_devices),
            "boxes": BoxesPage(desk, worker, who),
            "carriers": CarriersPage(desk, worker, who),
            "reasons": ReasonsPage(desk, worker, who),
        }
        for page in self.pages.values():
            self.stack.addWidget(page)
        layout.addWidget(self.stack, 1)
        self.current = "users"
        self.retranslate()
        self.show_page("users", load=False)

    def retranslate(self) -> None:
        texts = (self.tr("USERS"), self.tr("ROLES"), self.tr("STATIONS"), self.tr("BOXES"), self.tr("CARRIERS"),
                 self.tr("REASONS"))
        for widget, text in zip(self.page_buttons.values(), texts):
            widget.setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_page(self, name: str, load: bool = True) -> AdminPage:
        """The page `name` in front, loaded afresh."""
        self.current = name
        page = self.pages[name]
        self.stack.setCurrentWidget(page)
        for other, widget in self.page_buttons.items():
            widget.setChecked(other == name)
        if load:
            page.say("")  # the last page's message is not this one's
            page.load()
        return page

    def load(self) -> None:
        """Reload the page in front (the ADMIN page was opened)."""
        self.pages[self.current].load()


def badge_printer(label_printer: Any, document_printer: Any, render: Callable[[UserRecord, bool], PrintJob]
                  ) -> Callable[[UserRecord], str] | None:
    """Prints a user's badge on the station's label printer (ZPL) or, without one, its document
    printer (PDF); returns where it went, raises with the printer's words when it failed.
    None when the station has neither printer."""
    printer = label_printer or document_printer
    if printer is None:
        return None

    def print_badge(user: UserRecord) -> str:
        result = printer.print_job(render(user, printer is label_printer))
        if not result.ok:
            raise RuntimeError(f"{result.address}: {result.message or 'the printer did not take the badge'}")
        return result.address

    return print_badge


def install_admin(app: Any) -> AdminView:
    """The admin pages for a built StationApp (app.admin: app.floor.admin_desk.AdminDesk), on the
    review's worker; a badge scanned while USERS is in front finds its user."""
    from printing.badge import badge_job
    from printing.model import Badge

    def render(user: UserRecord, zpl: bool) -> PrintJob:
        return badge_job(Badge(user.display_name, user.badge_code, user.role), zpl)

    station = app.station
    urls = app.config.devices
    configured = {name: value for name, value in (
        ("scanner", urls.scanner or urls.wedge), ("scale", urls.scale), ("label printer", urls.label_printer),
        ("document printer", urls.document_printer)) if value}
    view = AdminView(app.admin, app.review_worker, lambda: station.user.username if station.user else None,
                     station.station_code, configured, station.open_device_settings,
                     badge_printer(app.devices.label_printer, app.devices.document_printer, render))
    users = view.pages["users"]
    assert isinstance(users, UsersPage)
    station.scan_takers.append(users.take_scan)
    return view

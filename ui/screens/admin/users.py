"""USERS: the users and their badges. Find one by user name or by scanning their badge into the
search field; add a user; change name, role, language, PIN or badge; deactivate (never delete);
print the badge on the station's printer."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout

from app.admin.people import UserForm
from app.commands import command_for
from app.languages import LANGUAGES
from app.ports import Scan
from app.station.roles import ROLES
from app.unit_of_work import UserRecord
from ui.screens.admin.page import AdminPage, fill, selected_row, table
from ui.screens.prompts import Keypad
from ui.style import button, label
from ui.workers import Worker

log = logging.getLogger(__name__)
FORM_COLUMNS = 3
PLACEHOLDER_MARGIN_PX = 36  # the style's padding (2 x 10), frame and the 2 px Qt keeps each side
KEY_MIN_PX = 64  # a keypad key's least width inside its padding: 84 px with it, more than TOUCH_PX


class UsersPage(AdminPage):
    """The users' list and one user's form."""

    def __init__(self, desk: Any, worker: Worker, who: Callable[[], str | None],
                 print_badge: Callable[[UserRecord], str] | None = None) -> None:
        super().__init__(desk, worker, who)
        self.print_badge_with = print_badge
        self.users: list[UserRecord] = []
        find = QHBoxLayout()
        self.find = QLineEdit()
        self.find_button = button("")
        self.show_all = QCheckBox()
        self.show_all.setChecked(True)
        self.new_button = button("")  # up here: five actions and the keypad were wider than 1366 pixels
        find.addWidget(self.find, 1)
        find.addWidget(self.find_button)
        find.addWidget(self.new_button)
        find.addWidget(self.show_all)
        self.layout_.addLayout(find)
        self.table = table(7)
        # the list, the form and the actions on the left; the PIN keypad beside them, next to
        # the PIN field (below them, it pushed the actions out of a 1080-pixel screen)
        body = QHBoxLayout()
        left = QVBoxLayout()
        body.addLayout(left, 1)
        left.addWidget(self.table, 1)
        form = QGridLayout()
        self.username, self.name, self.badge, self.pin = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,8}"), self.pin))
        # the PIN is typed on the station's keypad (a kiosk has no keyboard); OK saves the form
        self.keypad = Keypad(self.pin, self._pin_entered)
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(role, role)
        self.language = QComboBox()
        self.language.addItem("", None)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        # two rows of three: in one row of six, beside the keypad, the fields were squeezed to
        # "use...", "na...", "bad..." and the page was wider than 1920 pixels beside the demo panel
        for i, widget in enumerate((self.username, self.name, self.badge, self.role, self.language, self.pin)):
            form.addWidget(widget, i // FORM_COLUMNS, i % FORM_COLUMNS)
        left.addLayout(form)
        actions = QHBoxLayout()
        self.add_button = button("", "ok")
        self.save_button = button("")
        self.active_button = button("", "danger")
        self.print_button = button("")
        for widget in (self.add_button, self.save_button, self.active_button, self.print_button):
            actions.addWidget(widget)
        left.addLayout(actions)
        # digits need no 140 px: the keypad beside the form left too little room in German at 1366
        self.keypad.setStyleSheet(f"QPushButton {{ min-width: {KEY_MIN_PX}px; padding: 6px 8px; }}")
        self.keypad.layout().setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignBottom)
        self.layout_.addLayout(body, 1)
        self.find_button.clicked.connect(self.find_user)
        self.find.returnPressed.connect(self.find_user)
        self.show_all.toggled.connect(lambda _=False: self.load())
        self.table.itemSelectionChanged.connect(self._selected)
        self.add_button.clicked.connect(self.add_user)
        self.save_button.clicked.connect(self.save_user)
        self.active_button.clicked.connect(self.toggle_active)
        self.print_button.clicked.connect(self.print_badge)
        self.new_button.clicked.connect(self.clear)
        self.retranslate()

    def retranslate(self) -> None:
        self.find.setPlaceholderText(self.tr("user name or badge (type or scan)"))
        self.find_button.setText(self.tr("FIND"))
        self.show_all.setText(self.tr("deactivated too"))
        self.table.setHorizontalHeaderLabels([self.tr("User"), self.tr("Role"), self.tr("Badge"), self.tr("Language"),
                                              self.tr("PIN"), self.tr("State"), self.tr("Name")])
        self.username.setPlaceholderText(self.tr("user name"))
        self.name.setPlaceholderText(self.tr("name on the badge"))
        self.badge.setPlaceholderText(self.tr("badge code"))
        self.pin.setPlaceholderText(self.tr("new PIN (4-8 digits)"))
        for field in (self.find, self.username, self.name, self.badge, self.pin):  # the words whole, in any language
            field.ensurePolished()
            field.setMinimumWidth(field.fontMetrics().horizontalAdvance(field.placeholderText()) + PLACEHOLDER_MARGIN_PX)
        self.language.setItemText(0, self.tr("station's language"))
        self.add_button.setText(self.tr("ADD USER"))
        self.save_button.setText(self.tr("SAVE CHANGES"))
        self.print_button.setText(self.tr("PRINT BADGE"))
        self.new_button.setText(self.tr("NEW"))
        self._selected()

    # --- loading -----------------------------------------------------------------------------

    def load(self) -> None:
        self.run(self.desk.users, self.show_all.isChecked(), then=self._show)

    def _show(self, users: list[UserRecord], choose: str | None = None) -> None:
        chosen = choose or (self.selected().username if self.selected() else None)
        self.users = users
        fill(self.table, [(u.username, u.role, u.badge_code, u.language or "-", "*" if u.pin_hash else "-",
                           self.tr("active") if u.active else self.tr("deactivated"), u.display_name) for u in users])
        for row, user in enumerate(users):
            if user.username == chosen:
                self.table.selectRow(row)
        self._selected()
        self.loaded.emit(len(users))

    def take_scan(self, scan: Scan) -> bool:
        """A badge scanned while this page is in front finds its user (the station's core
        does not see it, so it cannot log anyone in or out). Command barcodes (LOG OUT ...) still
        go to the station."""
        if not self.isVisible() or not self.who() or command_for(scan.data) is not None:
            return False
        self.find.setText(scan.data)
        self.find_user()
        return True

    def find_user(self) -> None:
        """The user of the typed name or scanned badge, selected in the list."""
        text = self.find.text().strip()
        if text:
            self.run(self.desk.find_user, text, then=self._found)

    def _found(self, user: UserRecord) -> None:
        self.find.clear()
        if not any(u.username == user.username for u in self.users):
            self.users = sorted([*self.users, user], key=lambda u: u.username)
        self._show(self.users, choose=user.username)
        self.say(self.tr("Found %1.").replace("%1", f"{user.display_name} ({user.username})"))

    def selected(self) -> UserRecord | None:
        row = selected_row(self.table)
        return self.users[row] if row is not None and row < len(self.users) else None

    def _selected(self) -> None:
        user = self.selected()
        editing = user is not None
        for widget in (self.save_button, self.active_button, self.print_button):
            widget.setEnabled(editing)
        self.add_button.setEnabled(not editing)
        self.username.setReadOnly(editing)
        if user is None:
            self.active_button.setText(self.tr("DEACTIVATE"))
            return
        self.username.setText(user.username)
        self.name.setText(user.display_name)
        self.badge.setText(user.badge_code)
        self.pin.clear()
        self.role.setCurrentIndex(max(0, self.role.findData(user.role)))
        self.language.setCurrentIndex(max(0, self.language.findData(user.language)))
        self.active_button.setText(self.tr("DEACTIVATE") if user.active else self.tr("ACTIVATE"))
        self.active_button.setObjectName("danger" if user.active else "ok")
        self.active_button.setStyleSheet("")  # the object name's colour applies again

    def clear(self) -> None:
        """An empty form to add a user."""
        self.table.clearSelection()
        for widget in (self.username, self.name, self.badge, self.pin):
            widget.clear()
        self.role.setCurrentIndex(0)
        self.language.setCurrentIndex(0)
        self._selected()
        self.username.setFocus()

    # --- changes ------------------------------------------------------------------------------

    def _pin_entered(self) -> None:
        """OK on the keypad: the selected user's changes saved, or the new user added."""
        (self.save_user if self.selected() is not None else self.add_user)()

    def add_user(self) -> None:
        form = UserForm(self.username.text(), self.name.text(), self.role.currentData(), self.badge.text(),
                        self.pin.text() or None, self.language.currentData())
        self.change(self.desk.add_user, form,
                    said=lambda u: self.tr("User %1 added.").replace("%1", u.username))

    def save_user(self) -> None:
        user = self.selected()
        if user is None:
            return
        changes: dict[str, Any] = {}
        for key, value in (("display_name", self.name.text()), ("role", self.role.currentData()),
                           ("badge_code", self.badge.text()), ("language", self.language.currentData())):
            if value != getattr(user, key):
                changes[key] = value
        if self.pin.text():
            changes["pin"] = self.pin.text()

        def save(username: str, by: str) -> UserRecord:
            return self.desk.change_user(username, by, **changes)

        self.change(save, user.username, said=lambda u: self.tr("User %1 saved.").replace("%1", u.username))

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            return
        self.change(self.desk.set_active, user.username, not user.active,
                    said=lambda u: (self.tr("%1 may log in again.") if u.active else
                                    self.tr("%1 is deactivated; the history keeps the name.")).replace("%1", u.username))

    def print_badge(self) -> None:
        """The selected user's badge on the station's printer (on the worker)."""
        user = self.selected()
        if user is None:
            return
        if self.print_badge_with is None:
            self.fail(RuntimeError(self.tr("This station has no printer for badges.")))
            return
        self.run(self.print_badge_with, user, then=self._printed)

    def _printed(self, where: str) -> None:
        self.say(self.tr("Badge printed: %1").replace("%1", where))
        self.done.emit(where)

"""ROLES: the four roles (fixed in code), who holds each, and what each may do."""
from __future__ import annotations

import logging

from app.admin.roles import DUTIES
from app.messages import say
from app.station.roles import ROLES
from app.unit_of_work import UserRecord
from ui.screens.admin.page import AdminPage, fill, table
from ui.style import label

log = logging.getLogger(__name__)


class RolesPage(AdminPage):
    """Who has which role; roles themselves are changed per user on the USERS page."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.hint = label("", "hint")
        self.layout_.addWidget(self.hint)
        self.table = table(3)
        self.table.setWordWrap(True)
        self.layout_.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.hint.setText(self.tr("The roles are fixed; change a user's role on USERS."))
        self.table.setHorizontalHeaderLabels([self.tr("Role"), self.tr("Who"), self.tr("May do")])

    def load(self) -> None:
        self.run(self.desk.users, False, then=self._show)

    def _show(self, users: list[UserRecord]) -> None:
        fill(self.table, [(role, ", ".join(u.username for u in users if u.role == role) or "-",
                           "\n".join(f"- {say(duty)}" for duty in DUTIES[role])) for role in ROLES])
        self.table.resizeRowsToContents()
        self.loaded.emit(len(ROLES))

"""Who lands where: each role's home screen after login. A supervisor (or admin) lands on the
exception review and may still pack at any station by scanning an order there; packers and
pickers never see the supervisors' screens."""
from __future__ import annotations

import logging

log = logging.getLogger(__name__)

ROLES = ("packer", "picker", "supervisor", "admin")
SUPERVISOR_ROLES = frozenset({"supervisor", "admin"})
# the screen named by the HOME step, per role (ui/screens/review.py for the supervisors)
HOME_SCREENS = {"packer": "home", "picker": "home", "supervisor": "review", "admin": "review"}


def home_screen(role: str | None) -> str:
    """The screen a logged-in user of this role sees between orders (an unknown role: the packer's)."""
    return HOME_SCREENS.get(role or "", "home")


def may_supervise(role: str | None) -> bool:
    """Whether the role sees the supervisors' functions (review, decisions, board, figures)."""
    return role in SUPERVISOR_ROLES


def may_administer(role: str | None) -> bool:
    """Whether the role sees the admin screens (users, roles, stations, boxes, carriers, reasons)."""
    return role == "admin"

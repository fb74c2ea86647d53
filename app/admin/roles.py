"""The roles (fixed in code, app.station.roles) and what each may do, for the ROLES page and
`packdesk users roles`."""
from __future__ import annotations

from app.station.roles import ROLES

DUTIES: dict[str, tuple[str, ...]] = {
    "packer": ("log in with a badge at a packing station", "pack orders: scan, weigh, close boxes, print labels",
               "report a problem on an order"),
    "picker": ("log in with a badge", "pick the lists of a wave into totes", "report short picks"),
    "supervisor": ("everything a packer does, at any station", "review exceptions: release, re-queue, cancel, "
                   "void labels, accept weights", "approve overrides with a badge or PIN",
                   "the live board and the day's figures", "the station's devices and doctor"),
    "admin": ("everything a supervisor does", "users and badges, roles, boxes, carriers and rates, "
              "reason codes (the ADMIN screens)"),
}
assert set(DUTIES) == set(ROLES), "every role says what it may do"


def duties(role: str) -> tuple[str, ...]:
    return DUTIES.get(role, ())

"""The roles (fixed in code, app.station.roles) and what each may do, for the ROLES page and
`packdesk users roles`."""
from __future__ import annotations

from app.station.roles import ROLES
from app.translator import phrase

DUTIES: dict[str, tuple[str, ...]] = {
    "packer": (phrase("log in with a badge at a packing station"),
               phrase("pack orders: scan, weigh, close boxes, print labels"), phrase("report a problem on an order")),
    "picker": (phrase("log in with a badge"), phrase("pick the lists of a wave into totes"),
               phrase("report short picks")),
    "supervisor": (phrase("everything a packer does, at any station"),
                   phrase("review exceptions: release, re-queue, cancel, void labels, accept weights"),
                   phrase("approve overrides with a badge or PIN"), phrase("the live board and the day's figures"),
                   phrase("the station's devices and doctor")),
    "admin": (phrase("everything a supervisor does"),
              phrase("users and badges, roles, boxes, carriers and rates, reason codes (the ADMIN screens)")),
}
assert set(DUTIES) == set(ROLES), "every role says what it may do"


def duties(role: str) -> tuple[str, ...]:
    return DUTIES.get(role, ())

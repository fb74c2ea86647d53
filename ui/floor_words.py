"""The floor's words in the language shown: exception kinds, supervisors' decisions, order
stages and statuses (the review screen and the board)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def kind_words(code: str) -> str:
    """An exception kind (app/supervision/model.py ExceptionKind): "mis_scan" -> "mis-scan"."""
    words = {"hold": QCoreApplication.translate("FloorWords", "on hold"),
             "problem": QCoreApplication.translate("FloorWords", "problem"),
             "mis_scan": QCoreApplication.translate("FloorWords", "mis-scan"),
             "weight": QCoreApplication.translate("FloorWords", "weight"),
             "box_override": QCoreApplication.translate("FloorWords", "box override"),
             "reprint": QCoreApplication.translate("FloorWords", "reprint"),
             "short_pick": QCoreApplication.translate("FloorWords", "short pick"),
             "print_failure": QCoreApplication.translate("FloorWords", "print failure"),
             "refused_badge": QCoreApplication.translate("FloorWords", "refused badge"),
             "stale_lease": QCoreApplication.translate("FloorWords", "stale lease")}
    return words.get(code, code.replace("_", " "))


def action_words(code: str) -> str:
    """A decision's button (app/supervision/model.py Action)."""
    words = {"release": QCoreApplication.translate("FloorWords", "RELEASE"),
             "requeue": QCoreApplication.translate("FloorWords", "RE-QUEUE"),
             "cancel": QCoreApplication.translate("FloorWords", "CANCEL ORDER"),
             "release_lease": QCoreApplication.translate("FloorWords", "RELEASE LEASE"),
             "accept_weight": QCoreApplication.translate("FloorWords", "ACCEPT WEIGHT"),
             "void_label": QCoreApplication.translate("FloorWords", "VOID LABEL"),
             "resolve": QCoreApplication.translate("FloorWords", "RESOLVED")}
    return words.get(code, code.replace("_", " ").upper())


def stage_words(code: str) -> str:
    """An order's stage or status on the board (app/supervision/board.py STAGES)."""
    words = {"captured": QCoreApplication.translate("FloorWords", "captured"),
             "new": QCoreApplication.translate("FloorWords", "new"),
             "validated": QCoreApplication.translate("FloorWords", "validated"),
             "on_hold": QCoreApplication.translate("FloorWords", "on hold"),
             "allocated": QCoreApplication.translate("FloorWords", "allocated"),
             "backordered": QCoreApplication.translate("FloorWords", "backordered"),
             "picking": QCoreApplication.translate("FloorWords", "picking"),
             "picked": QCoreApplication.translate("FloorWords", "picked"),
             "packing": QCoreApplication.translate("FloorWords", "packing"),
             "packed": QCoreApplication.translate("FloorWords", "packed"),
             "shipped": QCoreApplication.translate("FloorWords", "shipped"),
             "delivered": QCoreApplication.translate("FloorWords", "delivered"),
             "completed": QCoreApplication.translate("FloorWords", "completed"),
             "returned": QCoreApplication.translate("FloorWords", "returned"),
             "cancelled": QCoreApplication.translate("FloorWords", "cancelled")}
    return words.get(code, code.replace("_", " "))

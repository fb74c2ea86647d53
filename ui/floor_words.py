"""The floor's words in the language shown: exception kinds, supervisors' decisions, order
stages and statuses (the review screen and the board)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.messages import say
from app.supervision.words import exception_kind


def kind_words(code: str) -> str:
    """An exception kind (app/supervision/model.py ExceptionKind): "mis_scan" -> "mis-scan", as
    the command line says it (app.supervision.words)."""
    return say(exception_kind(code))


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

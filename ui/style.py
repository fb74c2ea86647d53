"""The station's look: large type readable from a metre, high contrast, touch-sized targets."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

BASE_PT = 20
KEY_PT = 48  # the key numbers (units, parcel, the queue), read from a metre
COUNT_PT = 26  # a line's counts in the pack table
SKU_PT = 15  # the SKU beside the item's name: the name is what a packer reads
BANNER_PT = 22  # the gift and special-packaging banner on the pack screen
MESSAGE_PT = 22  # the message line every screen shows (never only in the status bar)
TOUCH_PX = 72  # a finger, with gloves

GREY = "#3a3f44"
AMBER = "#b36b00"
GREEN = "#1e7b34"
RED = "#b00020"
BLUE = "#0b4f9c"
PURPLE = "#6a1b9a"
PANEL = "#22262a"  # the status bar and table headers
STATUS_PT = 16
ERROR_TEXT = "#ff8a80"  # a refusal's words on the dark background

STYLESHEET = f"""
QWidget {{ background: #101214; color: #f4f4f4; font-size: {BASE_PT}pt; }}
QLabel#title {{ font-size: 34pt; font-weight: bold; }}
QLabel#big {{ font-size: 48pt; font-weight: bold; }}
QLabel#key {{ font-size: {KEY_PT}pt; font-weight: bold; }}
QLabel#boxcode {{ font-size: 26pt; font-weight: bold; color: #c8c8c8; }}
QLabel#hint {{ color: #c8c8c8; font-size: 18pt; }}
QLabel#message {{ font-size: {MESSAGE_PT}pt; padding: 8px; }}
QPushButton {{ background: #2b5d9a; color: white; border: 2px solid #8fb7ff; border-radius: 10px;
              min-height: {TOUCH_PX}px; min-width: 140px; padding: 6px 18px; font-size: 20pt;
              font-weight: bold; }}
QPushButton:pressed {{ background: #17406f; }}
QPushButton:disabled {{ background: #33373b; color: #888; border-color: #555; }}
QPushButton#danger {{ background: {RED}; border-color: #ff9aa8; }}
QPushButton#ok {{ background: {GREEN}; border-color: #9be7ab; }}
QLineEdit {{ background: #f4f4f4; color: #101214; min-height: 56px; font-size: 22pt; padding: 4px 10px; }}
QTableWidget {{ gridline-color: #555; font-size: 20pt; }}
QHeaderView::section {{ background: {PANEL}; color: #f4f4f4; font-size: 16pt; padding: 6px; border: 0; }}
QStatusBar {{ background: {PANEL}; font-size: {STATUS_PT}pt; }}
QListWidget {{ font-size: 16pt; }}
"""


def label(text: str = "", name: str = "", wrap: bool = True) -> QLabel:
    """A QLabel with an object name the stylesheet knows (title, big, hint, message)."""
    widget = QLabel(text)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    return widget


def button(text: str, kind: str = "", parent: QWidget | None = None) -> QPushButton:
    """A touch-sized button; kind is "", "ok" or "danger"."""
    widget = QPushButton(text, parent)
    if kind:
        widget.setObjectName(kind)
    widget.setMinimumHeight(TOUCH_PX)
    return widget


def banner_style(colour: str, point_size: int = 28) -> str:
    """A big coloured banner that cannot be missed."""
    padding = 14 if point_size >= 28 else 6
    return (f"background: {colour}; color: white; font-size: {point_size}pt; font-weight: bold; "
            f"padding: {padding}px; border: 4px solid white; border-radius: 8px;")

"""The station's look: large type readable from a metre, high contrast, touch-sized targets."""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QStyle, QStyleOptionButton, QWidget

BASE_PT = 20
KEY_PT = 48  # the key numbers (units, parcel, the queue), read from a metre
COUNT_PT = 26  # a line's counts in the pack table
SKU_PT = 15  # the SKU beside the item's name: the name is what a packer reads
BANNER_PT = 22  # the gift and special-packaging banner on the pack screen
MESSAGE_PT = 22  # the message line every screen shows (never only in the status bar)
TOUCH_PX = 72  # a finger, with gloves
SMALLEST_BUTTON_PT = 11  # a button's words shrink to fit (German is longer), never below this

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
QPushButton#danger:disabled, QPushButton#ok:disabled {{ background: #33373b; color: #888; border-color: #555; }}
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


class TouchButton(QPushButton):
    """A touch-sized button whose words always fit: when its text is wider than the button (a
    longer language, a narrow screen) the type shrinks until it fits, down to SMALLEST_BUTTON_PT;
    when there is room again it grows back to the size its style gives it."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._own_style = ""  # the style the caller set; the fitted size is added to it
        self._styled_font: QFont | None = None  # the font the style gives, before any fitting
        self._fitted_pt: int | None = None

    def setStyleSheet(self, style: str) -> None:  # noqa: N802 (Qt's name)
        """The caller's style (the fitted type size is worked out again on top of it)."""
        self._own_style, self._styled_font, self._fitted_pt = style, None, None
        super().setStyleSheet(style)
        self.fit()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self.fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.fit()

    def _text_width(self, point_size: int | None = None) -> int:
        """The text's width in the style's type (or at `point_size`)."""
        font = QFont(self._styled_font if self._styled_font is not None else self.font())
        if point_size is not None:
            font.setPointSize(point_size)
        return QFontMetrics(font).horizontalAdvance(self.text())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """As wide as the words at the style's size (not at the size they were shrunk to)."""
        hint = super().sizeHint()
        hint.setWidth(hint.width() - self.fontMetrics().horizontalAdvance(self.text()) + self._text_width())
        return hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """As narrow as the words at the smallest size: a layout may squeeze the button that far."""
        hint = super().minimumSizeHint()
        narrow = hint.width() - self.fontMetrics().horizontalAdvance(self.text()) + self._text_width(SMALLEST_BUTTON_PT)
        hint.setWidth(min(hint.width(), max(narrow, TOUCH_PX)))
        return hint

    def fit(self) -> None:
        """Shrink (or restore) the type so that the text fits the button's width."""
        if self._fitted_pt is None:
            self.ensurePolished()
            self._styled_font = QFont(self.font())
        font = QFont(self._styled_font)
        styled_pt = max(1, round(font.pointSizeF()))
        option = QStyleOptionButton()
        self.initStyleOption(option)
        # the room inside the style's border and padding, less a little for the bold glyphs' overhang
        room = self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self).width() - 6
        pt = styled_pt
        while pt > SMALLEST_BUTTON_PT and QFontMetrics(font).horizontalAdvance(self.text()) > room:
            pt -= 1
            font.setPointSize(pt)
        wanted = None if pt == styled_pt else pt
        if wanted != self._fitted_pt:
            self._fitted_pt = wanted
            extra = "" if wanted is None else f" font-size: {wanted}pt;"
            super().setStyleSheet(self._own_style + extra)


def button(text: str, kind: str = "", parent: QWidget | None = None) -> QPushButton:
    """A touch-sized button; kind is "", "ok" or "danger"; its words shrink to fit (TouchButton)."""
    widget = TouchButton(text, parent)
    if kind:
        widget.setObjectName(kind)
    widget.setMinimumHeight(TOUCH_PX)
    return widget


def banner_style(colour: str, point_size: int = 28) -> str:
    """A big coloured banner that cannot be missed."""
    padding = 14 if point_size >= 28 else 6
    return (f"background: {colour}; color: white; font-size: {point_size}pt; font-weight: bold; "
            f"padding: {padding}px; border: 4px solid white; border-radius: 8px;")

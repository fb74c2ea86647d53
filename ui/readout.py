"""Readout: a line (or a few) of text that changes on every scan, without relaying out the
window.

A QLabel whose text changes asks its parents to lay out the whole window again (2-3 ms per
scan at the station's type size); a Readout's size never depends on its text, so a new text
only repaints its own rectangle. Long text wraps within `lines` and is cut after."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

PAD = 8
WHITE = QColor("white")


class Readout(QWidget):
    """Text on an optional background colour, in an optional text colour."""

    def __init__(self, lines: int = 1, point_size: int = 22, pad: int = PAD, elide: bool = False) -> None:
        super().__init__()
        self._elide = elide  # one line cut with "..." to the width it has when painted
        self._text = ""
        self._background: QColor | None = None
        self._foreground = WHITE
        self._pad = pad
        self.setStyleSheet(f"font-size: {point_size}pt;")
        self.ensurePolished()
        # It paints every pixel of its rectangle itself, so a new text repaints only this
        # widget: not the screens, the window and the other widgets behind it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._lines = lines
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 2 * pad)

    def text(self) -> str:
        """The text on show."""
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 (QLabel's name, so callers need not care)
        """Show this text (repaints only when it changed)."""
        self.show_text(text, self._background, self._foreground)

    def show_text(self, text: str, background: str | QColor | None = None,
                  foreground: str | QColor | None = None) -> None:
        """Show this text on this background colour (None: the screen's own), in this text
        colour (None: white)."""
        back = QColor(background) if background else None
        fore = QColor(foreground) if foreground else WHITE
        if text != self._text or back != self._background or fore != self._foreground:
            self._text, self._background, self._foreground = text, back, fore
            self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(200, self.height())

    def paintEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), self._background if self._background is not None
                             else self.palette().color(self.backgroundRole()))
            painter.setPen(self._foreground)
            painter.setFont(self.font())
            pad = self._pad
            area = self.rect().adjusted(pad, pad, -pad, -pad)
            if self._elide:
                text = self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight, area.width())
                painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            else:
                painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                                 | Qt.TextFlag.TextWordWrap, self._text)
        finally:
            painter.end()

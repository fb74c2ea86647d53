"""Readout: a line (or a few) of text that changes on every scan, without relaying out the
window, and repainting only the part of the text that changed.

A QLabel whose text changes asks its parents to lay out the whole window again (2-3 ms per
scan at the station's type size); a Readout's size never depends on its text, so a new text
only repaints its own rectangle - and of that rectangle only what differs: "Units 41 of 60"
becoming "Units 42 of 60" repaints the "2 of 60", not the line (a terminal's damage
tracking). Long text wraps within `lines`; the last line that fits ends in "..." when the
text needs more.

Every Qt call on the scan path costs microseconds, so the geometry (the padded area, the
line height) is kept in plain numbers and the damage is worked out in Python."""
from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QResizeEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QSizePolicy, QWidget

log = logging.getLogger(__name__)

PAD = 8
WHITE = QColor("white")
_WRAP = QTextOption()
_WRAP.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
_NO_WRAP = QTextOption()
_NO_WRAP.setWrapMode(QTextOption.WrapMode.NoWrap)


class TextLines:
    """A text laid out in lines of one width: what a Readout paints and compares."""

    def __init__(self, text: str, font: QFont, width: int, max_lines: int, elide: bool,
                 metrics: QFontMetricsF | None = None) -> None:
        metrics = metrics or QFontMetricsF(font)
        self.metrics = metrics
        self.height = metrics.lineSpacing()
        text = text.replace("\n", "\u2028")  # QTextLayout breaks a line at U+2028, not at "\n"
        if elide:
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        option = _NO_WRAP if elide else _WRAP
        self.layouts: list[QTextLayout] = []
        self.texts: list[str] = []
        self.widths: list[float] = []
        rest = text
        while rest and len(self.texts) < max_lines:
            layout = QTextLayout(rest, font)
            layout.setTextOption(option)
            layout.beginLayout()
            line = layout.createLine()
            line.setLineWidth(width)
            taken = max(1, line.textLength())  # a line holds one character at least
            layout.endLayout()
            if len(self.texts) == max_lines - 1 and taken < len(rest.rstrip()):
                # the text needs more lines than there are: the last one ends in "..."
                rest = metrics.elidedText(rest.replace("\u2028", " "), Qt.TextElideMode.ElideRight, width)
                layout = QTextLayout(rest, font)
                layout.setTextOption(_NO_WRAP)
                layout.beginLayout()
                line = layout.createLine()
                line.setLineWidth(width)
                layout.endLayout()
                taken = len(rest)
            self.layouts.append(layout)
            self.texts.append(rest[:taken])
            self.widths.append(line.naturalTextWidth())
            rest = rest[taken:]

    def top(self, area: tuple[int, int, int, int]) -> float:
        """Where the first line starts: the lines centred in `area` (left, top, width, height)."""
        return area[1] + (area[3] - self.height * len(self.layouts)) / 2

    def draw(self, painter: QPainter, area: tuple[int, int, int, int], clip_top: int, clip_bottom: int) -> None:
        """Every line that meets the rows clip_top..clip_bottom, left-aligned in `area`."""
        y = self.top(area)
        for layout in self.layouts:
            if y <= clip_bottom + 1 and y + self.height >= clip_top:
                layout.draw(painter, QPointF(area[0], y))
            y += self.height

    def damage(self, other: TextLines, area: tuple[int, int, int, int], slack: int) -> tuple[int, int, int, int] | None:
        """The rectangle (left, top, right, bottom) in which `other` (what is shown) and this
        (what is to be shown) differ; all of `area` when the lines move; None when nothing does."""
        left, top, width, height = area
        if len(other.layouts) != len(self.layouts) or other.height != self.height:
            return (left - slack, top - slack, left + width + slack, top + height + slack)
        box: tuple[int, int, int, int] | None = None
        y = self.top(area)
        for old, new, old_width, new_width in zip(other.texts, self.texts, other.widths, self.widths):
            if old != new:
                same = 0
                for a, b in zip(old, new):
                    if a != b:
                        break
                    same += 1
                # from one character before the first difference (kerning and ligatures across
                # it); both texts start with these characters, so they stand at the same place
                start = self.metrics.horizontalAdvance(new[:same - 1]) if same > 1 else 0.0
                line = (int(left + start) - slack, int(y) - slack,
                        int(left + max(old_width, new_width)) + slack + 1, int(y + self.height) + slack + 1)
                box = line if box is None else (min(box[0], line[0]), min(box[1], line[1]),
                                                max(box[2], line[2]), max(box[3], line[3]))
            y += self.height
        return box


class Readout(QWidget):
    """Text on an optional background colour, in an optional text colour."""

    def __init__(self, lines: int = 1, point_size: int = 22, pad: int = PAD, elide: bool = False) -> None:
        super().__init__()
        self._elide = elide  # one line cut with "..." to the width it has when painted
        self._text = ""
        self._colours: tuple[object, object] = (None, None)  # the arguments the colours came from
        self._background: QColor | None = None
        self._foreground = WHITE
        self._pad = pad
        self.setStyleSheet(f"font-size: {point_size}pt;")
        self.ensurePolished()
        # It paints every pixel of its rectangle itself, so a new text repaints only this
        # widget: not the screens, the window and the other widgets behind it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._lines = lines
        self._laid_out: TextLines | None = None  # the text as painted last, at this width
        self._metrics = QFontMetricsF(self.font())
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 2 * pad)
        # italic overhang and antialiasing reach a little past a glyph's advance
        self._slack = max(2, self.fontMetrics().height() // 6)
        self._size = (self.width(), self.height())
        self._area = self._padded()

    def text(self) -> str:
        """The text on show."""
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 (QLabel's name, so callers need not care)
        """Show this text (repaints only when it changed)."""
        self._show(text, self._colours)

    def show_text(self, text: str, background: str | QColor | None = None,
                  foreground: str | QColor | None = None) -> None:
        """Show this text on this background colour (None: the screen's own), in this text
        colour (None: white)."""
        self._show(text, (background, foreground))

    def _show(self, text: str, colours: tuple[object, object]) -> None:
        if colours != self._colours:
            background, foreground = colours
            back = QColor(background) if background else None
            fore = QColor(foreground) if foreground else WHITE
            self._colours = colours
            if back != self._background or fore != self._foreground:
                self._text, self._background, self._foreground = text, back, fore
                self._laid_out = None
                self.update()
                return
        if text == self._text:
            return
        self._text = text
        shown = self._laid_out
        if shown is None or not self.isVisible():
            self._laid_out = None
            self.update()
            return
        new = self._layout()
        self._laid_out = new
        box = new.damage(shown, self._area, self._slack)
        if box is not None:
            width, height = self._size
            left, top = max(0, box[0]), max(0, box[1])
            right, bottom = min(width, box[2]), min(height, box[3])
            if right > left and bottom > top:
                self.update(left, top, right - left, bottom - top)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(200, self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        self._size = (self.width(), self.height())
        self._area = self._padded()
        self._laid_out = None  # other line breaks at another width
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FontChange:
            self._metrics = QFontMetricsF(self.font())
            self._laid_out = None
            self.update()
        super().changeEvent(event)

    def _padded(self) -> tuple[int, int, int, int]:
        pad = self._pad
        width, height = self._size
        return (pad, pad, max(1, width - 2 * pad), max(1, height - 2 * pad))

    def _layout(self) -> TextLines:
        return TextLines(self._text, self.font(), self._area[2], self._lines, self._elide, self._metrics)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        if self._laid_out is None:
            self._laid_out = self._layout()
        clip = event.rect()
        painter = QPainter(self)
        try:
            painter.fillRect(clip, self._background if self._background is not None
                             else self.palette().color(self.backgroundRole()))
            painter.setPen(self._foreground)
            self._laid_out.draw(painter, self._area, clip.top(), clip.bottom())
        finally:
            painter.end()

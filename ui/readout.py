"""Readout: a line (or a few) of text that changes on every scan, without relaying out the
window, and repainting only the part of the text that changed.

A QLabel whose text changes asks its parents to lay out the whole window again (2-3 ms per
scan at the station's type size); a Readout's size never depends on its text, so a new text
only repaints its own rectangle - and of that rectangle only what differs: "Units 41 of 60"
becoming "Units 42 of 60" repaints the "2 of 60", not the line (a terminal's damage
tracking). Long text wraps within `lines`; the last line that fits ends in "..." when the
text needs more."""
from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QRegion, QResizeEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QSizePolicy, QWidget

log = logging.getLogger(__name__)

PAD = 8
WHITE = QColor("white")


class TextLines:
    """A text laid out in lines of one width: what a Readout paints and compares."""

    def __init__(self, text: str, font: object, width: int, max_lines: int, elide: bool,
                 metrics: QFontMetricsF | None = None) -> None:
        metrics = metrics or QFontMetricsF(font)  # type: ignore[arg-type]
        self.metrics = metrics
        self.height = metrics.lineSpacing()
        text = text.replace("\n", "\u2028")  # QTextLayout breaks a line at U+2028, not at "\n"
        if elide:
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        self.layouts: list[QTextLayout] = []
        self.texts: list[str] = []
        self.widths: list[float] = []
        rest = text
        while len(self.texts) < max_lines:
            last = len(self.texts) == max_lines - 1
            layout = QTextLayout(rest, font)  # type: ignore[arg-type]
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.NoWrap if elide else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            layout.setTextOption(option)
            layout.beginLayout()
            line = layout.createLine()
            line.setLineWidth(width)
            taken = line.textLength() if line.isValid() else len(rest)
            layout.endLayout()
            if last and taken < len(rest.rstrip()):
                # the text needs more lines than there are: the last one ends in "..."
                layout = QTextLayout(metrics.elidedText(rest.replace("\u2028", " "), Qt.TextElideMode.ElideRight, width),
                                     font)  # type: ignore[arg-type]
                layout.beginLayout()
                line = layout.createLine()
                line.setLineWidth(width)
                layout.endLayout()
                taken = len(rest)
            self.layouts.append(layout)
            self.texts.append(layout.text()[:line.textLength()] if line.isValid() else "")
            self.widths.append(line.naturalTextWidth() if line.isValid() else 0.0)
            rest = rest[taken:]
            if not rest:
                break

    def top(self, area: QRect) -> float:
        """Where the first line starts: the lines centred in `area`."""
        return area.top() + (area.height() - self.height * len(self.layouts)) / 2

    def draw(self, painter: QPainter, area: QRect, clip: QRect) -> None:
        """Every line that meets `clip`, left-aligned in `area`."""
        y = self.top(area)
        for layout in self.layouts:
            if y <= clip.bottom() + 1 and y + self.height >= clip.top():
                layout.draw(painter, QPointF(area.left(), y))
            y += self.height

    def damage(self, other: TextLines, area: QRect, slack: int) -> QRegion:
        """Where `other` (what is shown) and this (what is to be shown) differ; everything in
        `area` when the lines move."""
        if len(other.layouts) != len(self.layouts) or other.height != self.height:
            return QRegion(area.adjusted(-slack, -slack, slack, slack))
        region = QRegion()
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
                end = max(old_width, new_width)
                region = region.united(QRect(int(area.left() + start) - slack, int(y) - slack,
                                             int(end - start) + 2 * slack + 1, int(self.height) + 2 * slack + 1))
            y += self.height
        return region


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
        self._laid_out: TextLines | None = None  # the text as painted last, at this width
        self._metrics = QFontMetricsF(self.font())
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 2 * pad)
        # italic overhang and antialiasing reach a little past a glyph's advance
        self._slack = max(2, self.fontMetrics().height() // 6)

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
        if back != self._background or fore != self._foreground:
            self._text, self._background, self._foreground = text, back, fore
            self._laid_out = None
            self.update()
        elif text != self._text:
            self._text = text
            shown = self._laid_out
            if shown is None or not self.isVisible():
                self._laid_out = None
                self.update()
                return
            area = self._area()
            new = self._layout(area)
            self._laid_out = new
            damage = new.damage(shown, area, self._slack).intersected(self.rect())
            if not damage.isEmpty():
                self.update(damage)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(200, self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        self._laid_out = None  # other line breaks at another width
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FontChange:
            self._metrics = QFontMetricsF(self.font())
            self._laid_out = None
            self.update()
        super().changeEvent(event)

    def _area(self) -> QRect:
        pad = self._pad
        return self.rect().adjusted(pad, pad, -pad, -pad)

    def _layout(self, area: QRect) -> TextLines:
        return TextLines(self._text, self.font(), max(1, area.width()), self._lines, self._elide, self._metrics)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        area = self._area()
        if self._laid_out is None:
            self._laid_out = self._layout(area)
        clip = event.rect()
        painter = QPainter(self)
        try:
            painter.fillRect(clip, self._background if self._background is not None
                             else self.palette().color(self.backgroundRole()))
            painter.setPen(self._foreground)
            self._laid_out.draw(painter, area, clip)
        finally:
            painter.end()

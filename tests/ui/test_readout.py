"""The Readout repaints only what changed in its text, and what it leaves on screen is what
a full repaint would draw."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.readout import Readout, TextLines
from ui.style import GREEN, RED, STYLESHEET


class PaintLog(QObject):
    """Records the region of every paint event of one widget."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.rects: list[QRect] = []
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.region().boundingRect())
        return False


def _window(qtbot, readout: Readout) -> QWidget:
    window = QWidget()
    window.setStyleSheet(STYLESHEET)
    QVBoxLayout(window).addWidget(readout)
    window.resize(900, readout.height() + 40)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _on_screen(window: QWidget, readout: Readout) -> QImage:
    """The pixels the backing store holds for the readout (no repaint, unlike grab())."""
    QGuiApplication.processEvents()
    shot = QGuiApplication.primaryScreen().grabWindow(window.winId()).toImage()
    top_left = readout.mapTo(window, readout.rect().topLeft())
    return shot.copy(QRect(top_left, readout.size()))


def _fresh(qtbot, readout: Readout, text: str, background: str | None) -> QImage:
    """The same text painted whole by a new readout of the same size."""
    other = Readout(lines=readout._lines)
    window = _window(qtbot, other)
    window.resize(readout.window().size())
    other.show_text(text, background)
    QGuiApplication.processEvents()
    assert other.size() == readout.size()
    return _on_screen(window, other)


def test_a_new_count_repaints_the_changed_digits_and_not_the_line(qtbot) -> None:
    readout = Readout(lines=1)
    window = _window(qtbot, readout)
    readout.show_text("Ship by: Tue 01 Dec 17:00    Units 41 of 60", GREEN)
    QGuiApplication.processEvents()
    painted = PaintLog(readout)
    readout.setText("Ship by: Tue 01 Dec 17:00    Units 42 of 60")
    QGuiApplication.processEvents()
    assert len(painted.rects) == 1
    damage = painted.rects[0]
    prefix = readout.fontMetrics().horizontalAdvance("Ship by: Tue 01 Dec 17:00    Units ")
    assert damage.left() > readout._pad + prefix // 2, "the unchanged start of the line was repainted"
    assert damage.width() < readout.width() // 3
    assert _on_screen(window, readout) == _fresh(qtbot, readout, readout.text(), GREEN)


def test_what_partial_repaints_leave_on_screen_is_what_a_full_repaint_draws(qtbot) -> None:
    readout = Readout(lines=2)
    window = _window(qtbot, readout)
    texts = ["MUG-BLUE - Blue mug: +1, 9 of 12.", "MUG-BLUE - Blue mug: +1, 10 of 12.",
             "MUG-BLUE - Blue mug: +1, 11 of 12.", "PEN-BLACK - Black pen: +1, 1 of 3.",
             "Wallace & Gromit - \u201cA Grand Day Out\u201d: +1, 2 of 3.", "Short.", "Short!",
             "A much longer message that needs the second line of the readout to say what the packer "
             "must do next, and then some more words.", "Ok."]
    for text in texts:
        readout.show_text(text, GREEN)
        QGuiApplication.processEvents()
        assert _on_screen(window, readout) == _fresh(qtbot, readout, text, GREEN), f"after {text!r}"


def test_a_new_colour_repaints_everything(qtbot) -> None:
    readout = Readout(lines=2)
    window = _window(qtbot, readout)  # noqa: F841 (kept alive while the test runs)
    readout.show_text("Scanned 4006381333931 - Red teapot", GREEN)
    QGuiApplication.processEvents()
    painted = PaintLog(readout)
    readout.show_text("Scanned 4006381333931 - Red teapot, which is not in order PD-1042.", RED)
    QGuiApplication.processEvents()
    assert painted.rects == [readout.rect()]


def test_unchanged_text_paints_nothing(qtbot) -> None:
    readout = Readout(lines=1)
    window = _window(qtbot, readout)  # noqa: F841 (kept alive while the test runs)
    readout.show_text("Units 3 of 5", GREEN)
    QGuiApplication.processEvents()
    painted = PaintLog(readout)
    readout.show_text("Units 3 of 5", GREEN)
    QGuiApplication.processEvents()
    assert painted.rects == []


def test_text_too_long_for_its_lines_ends_in_an_ellipsis(qtbot) -> None:
    readout = Readout(lines=2)
    window = _window(qtbot, readout)  # noqa: F841 (kept alive while the test runs)
    words = " ".join(f"word{n}" for n in range(200))
    laid = TextLines(words, readout.font(), 600, 2, elide=False)
    assert len(laid.texts) == 2
    assert laid.texts[0].startswith("word0 word1")
    assert laid.texts[1].endswith("\u2026")
    assert all(width <= 600 for width in laid.widths)


def test_a_line_break_in_the_text_starts_a_new_line(qtbot) -> None:
    readout = Readout(lines=2)
    window = _window(qtbot, readout)  # noqa: F841 (kept alive while the test runs)
    laid = TextLines("Parcel 1 of 2\nScan the label", readout.font(), 800, 2, elide=False)
    assert [t.strip("\u2028 ") for t in laid.texts] == ["Parcel 1 of 2", "Scan the label"]


def test_an_elided_readout_keeps_to_one_line(qtbot) -> None:
    readout = Readout(lines=1, elide=True)
    window = _window(qtbot, readout)  # noqa: F841 (kept alive while the test runs)
    laid = TextLines("x" * 500, readout.font(), 300, 1, elide=True)
    assert len(laid.texts) == 1 and laid.texts[0].endswith("\u2026") and laid.widths[0] <= 300

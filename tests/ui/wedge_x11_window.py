"""A small window with the keyboard wedge installed, for tests/ui/test_wedge_x11.py: it runs
in its own process on a real X server (QT_QPA_PLATFORM=xcb, DISPLAY set) and prints one JSON
line on stdout for each thing the test asserts on: `ready`, every `scan`, every `field` text.

    python -m tests.ui.wedge_x11_window [MAX_GAP_MS]
"""
from __future__ import annotations

import json
import logging
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from app.ports import Scan
from devices.keyboard_scanner import KeyboardScanner, WedgeSettings
from ui.wedge import KeyboardWedge

log = logging.getLogger(__name__)


def tell(**what: object) -> None:
    """One line for the test; flushed at once, since the test waits for it."""
    print(json.dumps(what), flush=True)


def main() -> int:
    """Show a focused text field with the wedge on, report until the test ends the process."""
    logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)
    app = QApplication(sys.argv[:1])
    max_gap_ms = float(sys.argv[1]) if len(sys.argv) > 1 else WedgeSettings.max_gap_ms
    window = QWidget()
    window.setWindowTitle("packdesk wedge under X11")
    field = QLineEdit(window)
    QVBoxLayout(window).addWidget(field)
    window.setGeometry(0, 0, 480, 120)
    # No dedupe: a test may scan the same code twice on purpose.
    wedge = KeyboardWedge(KeyboardScanner(WedgeSettings(max_gap_ms=max_gap_ms, dedupe_window_s=0)))

    def scanned(scan: Scan) -> None:
        tell(scan=scan.data, symbology=scan.symbology)

    wedge.start(scanned)
    field.textChanged.connect(lambda text: tell(field=text))
    window.show()
    window.activateWindow()
    field.setFocus()

    def ready() -> None:
        # Without a window manager the window has the X input focus once Qt calls it active.
        if window.isActiveWindow() and field.hasFocus():
            tell(ready=True)
        else:
            QTimer.singleShot(20, ready)

    QTimer.singleShot(0, ready)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

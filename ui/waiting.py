"""Saying that an answer is late: a label that watches how many calls a screen has out (on its
worker, or with the station core) and, once one has been out longer than NOTICE_S, says
"Waiting for the database... N s" until every answer is back. It polls the counts on a timer
of its own, so a call that never returns still shows (nothing has to arrive to show it); the
GUI thread never waits for the answer, it only looks at a counter."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from ui.style import AMBER

log = logging.getLogger(__name__)

NOTICE_S = 1.0  # an answer later than this is news; earlier, the screen would only flicker
POLL_MS = 250

Pending = Callable[[], int]  # how many calls are out now (Worker.pending, StationBridge.pending)


class WaitingLabel(QLabel):
    """Hidden while answers come in time; "Waiting for the database... N s" while one is late."""

    def __init__(self, pending: Sequence[Pending] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self.sources: list[Pending] = list(pending)
        self.busy_since: float | None = None  # when the counts last left zero
        self.setObjectName("hint")
        self.setStyleSheet(f"background: {AMBER}; color: black; padding: 2px 8px;")
        self.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.look)
        self.timer.start()

    def watch(self, pending: Pending) -> None:
        """Watch one more source of calls (a worker built later)."""
        self.sources.append(pending)

    @property
    def waiting(self) -> bool:
        """Whether a call has been out longer than NOTICE_S."""
        return not self.isHidden()

    def look(self) -> None:
        """Compare the counts with the last look: show, count up or hide."""
        out = sum(_count(source) for source in self.sources)
        now = time.monotonic()
        if not out:
            self.busy_since = None
            if not self.isHidden():
                self.hide()
            return
        if self.busy_since is None:
            self.busy_since = now
        late = now - self.busy_since
        if late < NOTICE_S:
            return
        self.setText(self.tr("Waiting for the database... %1 s").replace("%1", str(int(late))))
        if self.isHidden():
            log.info("waiting for the database: %d call(s) out for %.1f s", out, late)
            self.show()


def _count(source: Pending) -> int:
    try:
        return int(source())
    except RuntimeError:  # the worker's Qt object is gone (its window closed): nothing is out
        return 0


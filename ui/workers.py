"""Work off the GUI thread: each Worker is one thread with an ordered queue, and every
result comes back to the GUI thread through a queued signal (Anki's pattern).

The station has two: "database" (every use case, so scans are processed one at a time in
the order they arrived) and "devices" (scale readings and printing, so a hanging printer
never delays a scan)."""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


class Worker(QObject):
    """One worker thread; `submit` queues a call and returns at once."""

    # Emitted on the worker thread, received on the GUI thread (the Worker lives there).
    _finished = Signal(object)
    failed = Signal(object)  # an exception no on_error took
    idle = Signal()  # the queue has drained

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"packdesk-{name}")
        self._pending = 0
        self._lock = threading.Lock()
        self._closed = False
        self._finished.connect(self._deliver)

    @property
    def pending(self) -> int:
        """Jobs queued or running whose result has not reached the GUI thread yet."""
        return self._pending

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callback | None = None,
        on_error: ErrorCallback | None = None,
    ) -> None:
        """Run fn(*args) on the worker thread; on_done(result) or on_error(exc) run on the
        GUI thread afterwards, in submission order."""
        if self._closed:
            log.warning("worker %s is shut down; dropped %s", self.name, getattr(fn, "__name__", fn))
            return
        self._pending += 1
        future = self._executor.submit(fn, *args)
        future.add_done_callback(lambda f: self._finished.emit((f, on_done, on_error)))

    @Slot(object)
    def _deliver(self, item: tuple[Future, Callback | None, ErrorCallback | None]) -> None:
        future, on_done, on_error = item
        self._pending -= 1
        exc = future.exception()
        try:
            if exc is not None:
                if on_error is not None:
                    on_error(exc)
                else:
                    log.error("%s job failed: %s", self.name, exc, exc_info=exc)
                    self.failed.emit(exc)
            elif on_done is not None:
                on_done(future.result())
        finally:
            if self._pending == 0:
                self.idle.emit()

    def run_blocking(self, fn: Callable[..., Any], *args: Any, timeout: float | None = None) -> Any:
        """Run fn on the worker thread and wait for it: for shut-down and tests, never for
        the GUI's normal flow."""
        return self._executor.submit(fn, *args).result(timeout)

    def shutdown(self) -> None:
        """Finish queued jobs and end the thread (results not yet delivered are dropped)."""
        if self._closed:
            return
        self._closed = True
        self._executor.shutdown(wait=True, cancel_futures=False)
        log.debug("worker %s stopped", self.name)

"""Work off the GUI thread: each Worker is one thread with an ordered queue, and every
result comes back to the GUI thread through a queued signal (Anki's pattern).

The station has two: "database" (every use case, so scans are processed one at a time in
the order they arrived) and "devices" (scale readings and printing, so a hanging printer
never delays a scan).

A plain thread and a SimpleQueue rather than a ThreadPoolExecutor: a scan's round trip
crosses the thread boundary twice, and the executor's futures and callbacks cost about as
much again as the crossings themselves."""
from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]
_STOP = object()


class Worker(QObject):
    """One worker thread; `submit` queues a call and returns at once."""

    # Emitted on the worker thread, received on the GUI thread (the Worker lives there).
    _finished = Signal(object)
    failed = Signal(object)  # an exception no on_error took
    idle = Signal()  # the queue has drained

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._pending = 0
        self._closed = False
        self._retired = False  # retire(): results still to come are dropped
        self._finished.connect(self._deliver)
        self._thread = threading.Thread(target=self._run, name=f"packdesk-{name}", daemon=True)
        self._thread.start()

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
        self._jobs.put((fn, args, on_done, on_error, None))

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is _STOP:
                return
            fn, args, on_done, on_error, waiter = job
            try:
                outcome = (True, fn(*args))
            except BaseException as exc:  # noqa: BLE001 - handed to on_error or `failed`
                outcome = (False, exc)
            if waiter is not None:  # run_blocking: the caller waits on its future
                if outcome[0]:
                    waiter.set_result(outcome[1])
                else:
                    waiter.set_exception(outcome[1])
                continue
            self._finished.emit((outcome, on_done, on_error))

    @Slot(object)
    def _deliver(self, item: tuple[tuple[bool, Any], Callback | None, ErrorCallback | None]) -> None:
        (ok, value), on_done, on_error = item
        self._pending -= 1
        if self._retired:  # its window is closed: nobody is left to show the result
            return
        try:
            if not ok:
                if on_error is not None:
                    on_error(value)
                else:
                    log.error("%s job failed: %s", self.name, value, exc_info=value)
                    self.failed.emit(value)
            elif on_done is not None:
                on_done(value)
        finally:
            if self._pending == 0:
                self.idle.emit()

    def run_blocking(self, fn: Callable[..., Any], *args: Any, timeout: float | None = None) -> Any:
        """Run fn on the worker thread and wait for it: for shut-down and tests, never for
        the GUI's normal flow."""
        waiter: Future = Future()
        self._jobs.put((fn, args, None, None, waiter))
        return waiter.result(timeout)

    def retire(self) -> None:
        """Take no more jobs and let the thread end by itself once the running job returns -
        without waiting for it (the GUI thread never waits: a database test may take seconds to
        time out); results that arrive after this are dropped."""
        if self._closed:
            return
        self._closed = self._retired = True
        self._jobs.put(_STOP)
        log.debug("worker %s retired", self.name)

    @property
    def running(self) -> bool:
        """Whether the worker's thread is still alive (a retired one ends after its last job)."""
        return self._thread.is_alive()

    def wait_ended(self, timeout: float | None = None) -> bool:
        """Wait for a retired worker's thread to end - from another thread (run_turning), never
        from the GUI thread; whether it ended."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def shutdown(self) -> None:
        """Finish queued jobs and end the thread (results not yet delivered are dropped). It joins
        the thread: for tests and tools; a window closing retires its worker instead (retire(),
        then wait_ended() off the GUI thread, as StationApp.close does through run_turning)."""
        if self._closed:
            return
        self._closed = True
        self._jobs.put(_STOP)
        self._thread.join()
        log.debug("worker %s stopped", self.name)


class _Ended(QObject):
    ended = Signal()


def run_turning(fn: Callable[[], Any], name: str) -> None:
    """Run fn() on a thread of its own and return when it has, while the GUI thread's event loop
    keeps turning (repaints, timers, a "waiting" label): for shut-down, where the caller needs
    the database closed before it goes on but the database may take seconds to answer. fn's
    exception is raised here."""
    errors: list[BaseException] = []
    ended = _Ended()
    loop = QEventLoop()
    ended.ended.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    finished = threading.Event()

    def body() -> None:
        try:
            fn()
        except BaseException as exc:  # noqa: BLE001 - raised again on the caller's thread
            errors.append(exc)
        finally:
            finished.set()
            ended.ended.emit()

    thread = threading.Thread(target=body, name=f"packdesk-{name}", daemon=True)
    thread.start()
    if not finished.is_set():
        loop.exec()
    thread.join()  # it has finished or (no loop could run) is about to: only its return is left
    if errors:
        raise errors[0]

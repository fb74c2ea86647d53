"""The core's threads. Input (scans, touches) is posted to one queue and handled one at a time
on the station thread, which also ticks the core's clock; blocking device work runs on two
more threads (weighing and printing; health checks) and comes back through the same queue.
After every input the new snapshot goes to the subscribers, from the station thread."""
from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

from app.station.state import StationSnapshot

log = logging.getLogger(__name__)

Subscriber = Callable[[StationSnapshot], None]
_STOP = object()


class ThreadExecutor:
    """One thread running blocking calls in order; each result is posted back to the runner."""

    def __init__(self, runner: StationRunner, name: str) -> None:
        self.runner, self.name = runner, name
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._closed = False
        self._thread: threading.Thread | None = threading.Thread(target=self._run, name=f"packdesk-{name}",
                                                                 daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[..., object], *args: object,
               then: Callable[[object, BaseException | None], None]) -> None:
        """Run fn(*args) on this thread; then(result, error) runs on the station thread."""
        if self._closed:
            log.warning("%s is stopped; dropped %s", self.name, getattr(fn, "__name__", fn))
            return
        self.runner._add_pending()
        self._jobs.put((fn, args, then))

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is _STOP:
                return
            fn, args, then = job
            try:
                result, error = fn(*args), None
            except Exception as exc:  # noqa: BLE001 - the core decides what a failure means
                result, error = None, exc
            self.runner.post(then, result, error)
            self.runner._done()

    def stop(self) -> None:
        """Finish the jobs queued and end the thread."""
        self._closed = True
        if self._thread is not None:
            self._jobs.put(_STOP)
            self._thread.join(timeout=30)
            self._thread = None


class StationRunner:
    """Owns the station thread: `post` an input, `subscribe` to snapshots."""

    def __init__(self, tick_s: float = 0.1) -> None:
        self.tick_s = tick_s
        self.core: Any = None
        self._inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._subscribers: list[Subscriber] = []
        self._pending = 0
        self._lock = threading.Lock()
        self._published: StationSnapshot | None = None
        self._thread: threading.Thread | None = None
        self.executors: list[ThreadExecutor] = []

    def executor(self, name: str) -> ThreadExecutor:
        """A device thread whose results come back to the core through this runner."""
        executor = ThreadExecutor(self, name)
        self.executors.append(executor)
        return executor

    def subscribe(self, subscriber: Subscriber) -> None:
        """Call subscriber(snapshot) on the station thread after every change."""
        self._subscribers.append(subscriber)

    @property
    def pending(self) -> int:
        """Inputs and device jobs whose outcome has not been published yet."""
        return self._pending

    def start(self, core: Any) -> None:
        """Run `core` on the station thread; its first snapshot is published at once."""
        self.core = core
        self._thread = threading.Thread(target=self._run, name="packdesk-station", daemon=True)
        self._add_pending()
        self._inbox.put((lambda: None, ()))
        self._thread.start()

    def post(self, fn: Callable[..., object], *args: object) -> None:
        """Queue fn(*args) (a core method) for the station thread; returns at once."""
        if self._thread is None:
            log.warning("the station is not running; dropped %s", getattr(fn, "__name__", fn))
            return
        self._add_pending()
        self._inbox.put((fn, args))

    def call(self, name: str, *args: object) -> None:
        """Post the core's method `name` (the bridge's inputs)."""
        self.post(getattr(self.core, name), *args)

    def _add_pending(self) -> None:
        with self._lock:
            self._pending += 1

    def _done(self) -> None:
        with self._lock:
            self._pending -= 1

    def _run(self) -> None:
        last_tick = time.monotonic()
        while True:
            try:
                job = self._inbox.get(timeout=self.tick_s)
            except queue.Empty:
                job = None
            if job is _STOP:
                return
            if job is not None:
                self._handle(*job)
                self._done()
            if time.monotonic() - last_tick >= self.tick_s:
                last_tick = time.monotonic()
                self._handle(self.core.tick, ())

    def _handle(self, fn: Callable[..., object], args: tuple[object, ...]) -> None:
        try:
            fn(*args)
        except Exception as exc:  # noqa: BLE001 - the packer is told; the station carries on
            log.exception("the station could not finish %s", getattr(fn, "__name__", fn))
            self.core.failed(exc)
        snapshot = self.core.snapshot()
        if snapshot != self._published:
            self._published = snapshot
            for subscriber in self._subscribers:
                try:
                    subscriber(snapshot)
                except Exception:
                    log.exception("a station subscriber failed")

    def close(self) -> None:
        """Stop the device threads, then the station thread (after the inputs queued before)."""
        for executor in self.executors:
            executor.stop()
        if self._thread is not None:
            self._inbox.put(_STOP)
            self._thread.join(timeout=30)
            self._thread = None

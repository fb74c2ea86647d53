"""One job queue per printer, on its own thread: jobs print in order; a job the printer never
received (refused, unreachable, paper out before sending) is retried with back-off; a job the
printer received is never sent twice; each job's outcome goes to `on_done`."""
from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from dataclasses import dataclass
from typing import Callable

from app.ports import DeviceState, DeviceStatus, Printer, PrintJob, PrintResult
from app.translator import phrase
from devices.backoff import Backoff, StatusReporter

log = logging.getLogger(__name__)

_ids = itertools.count(1)


@dataclass(frozen=True)
class Ticket:
    """A submitted job and its number in this queue."""

    id: int
    job: PrintJob


class PrintQueue:
    """Prints submitted jobs one at a time; `on_done(ticket, result)` runs on the queue's thread."""

    def __init__(
        self,
        printer: Printer,
        on_done: Callable[[Ticket, PrintResult], None] | None = None,
        on_status: Callable[[DeviceStatus], None] | None = None,
        device: str = "label printer",
        retry_initial_s: float = 0.5,
        retry_max_s: float = 10.0,
        give_up_after_s: float = 300.0,
    ) -> None:
        self.printer = printer
        self.on_done = on_done
        self.status = StatusReporter(device, printer.address)
        self.status.callback = on_status
        self.retry = Backoff(retry_initial_s, retry_max_s)
        self.give_up_after_s = give_up_after_s
        self._jobs: queue.Queue[Ticket | None] = queue.Queue()
        self._stop = threading.Event()
        self._closed = False
        self._idle = threading.Condition()
        self._pending = 0
        self._thread = threading.Thread(target=self._run, name=f"printer {printer.address}", daemon=True)
        self._thread.start()

    def submit(self, job: PrintJob) -> Ticket:
        """Queue a job; returns at once with its ticket."""
        if self._closed:
            raise RuntimeError(f"print queue for {self.printer.address} is closed")
        ticket = Ticket(next(_ids), job)
        with self._idle:
            self._pending += 1
        self._jobs.put(ticket)
        return ticket

    def pending(self) -> int:
        """Jobs submitted and not yet finished."""
        with self._idle:
            return self._pending

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every submitted job has finished (True) or the timeout passed (False)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Stop taking jobs, let the current one finish, report the rest as not printed."""
        self._closed = True
        self._stop.set()
        self._jobs.put(None)
        self._thread.join(timeout)
        while True:
            try:
                ticket = self._jobs.get_nowait()
            except queue.Empty:
                break
            if ticket is not None:
                self._finish(ticket, PrintResult(False, self.printer.address,
                                                 "not printed: the print queue was closed", {"sent": "no"}))
        self.printer.close()

    def __enter__(self) -> "PrintQueue":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _finish(self, ticket: Ticket, result: PrintResult) -> None:
        if self.on_done is not None:
            try:
                self.on_done(ticket, result)
            except Exception:
                log.exception("on_done failed for job %s on %s", ticket.job.name, self.printer.address)
        with self._idle:
            self._pending -= 1
            self._idle.notify_all()

    def _attempt(self, ticket: Ticket) -> PrintResult:
        try:
            return self.printer.print_job(ticket.job)
        except Exception as exc:  # unknown whether the printer got it: never resend
            log.exception("printer %s failed on job %s", self.printer.address, ticket.job.name)
            return PrintResult(False, self.printer.address, phrase("printing failed: %(problem)s", problem=str(exc)),
                               {"sent": "unknown"})

    def _run(self) -> None:
        while True:
            ticket = self._jobs.get()
            if ticket is None:
                return
            started = time.monotonic()
            self.retry.reset()
            while True:
                result = self._attempt(ticket)
                if result.ok:
                    self.status.report(DeviceState.CONNECTED)
                    break
                never_sent = result.details.get("sent") == "no"
                self.status.report(DeviceState.ERROR if not never_sent else DeviceState.DISCONNECTED,
                                   result.message)
                if not never_sent or time.monotonic() - started > self.give_up_after_s:
                    break
                if self._stop.wait(self.retry.next_delay()):
                    result = PrintResult(False, self.printer.address,
                                         phrase("not printed: the queue was closed (%(problem)s)",
                                                problem=result.message),
                                         result.details)
                    break
            self._finish(ticket, result)

"""An in-memory printer for tests and the demo station: keeps every job it is given."""
from __future__ import annotations

import logging
import threading

from app.ports import PrintJob, PrintResult
from app.translator import phrase

log = logging.getLogger(__name__)


class MemoryPrinter:
    """Stores jobs in `jobs`; set `fail_with` to a message to make it refuse jobs."""

    def __init__(self, address: str = "memory:") -> None:
        self.address = address
        self.jobs: list[PrintJob] = []
        self.fail_with: str | None = None
        self._lock = threading.Lock()

    def print_job(self, job: PrintJob) -> PrintResult:
        """Keep the job (or refuse it when fail_with is set)."""
        with self._lock:
            if self.fail_with:
                return PrintResult(False, self.address, self.fail_with, {"sent": "no"})
            self.jobs.append(job)
        return PrintResult(True, self.address, phrase("job %(job)s kept in memory", job=job.name), {"sent": "yes"})

    def status(self) -> PrintResult:
        """Ready unless told to fail."""
        return PrintResult(not self.fail_with, self.address, self.fail_with or phrase("ready"))

    def close(self) -> None:
        """Nothing to release."""

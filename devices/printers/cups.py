"""CUPS printing (`cups://QUEUE`) through the `lp` command: PDF to a PDF-capable queue, ZPL
(or any raw job) with `-o raw`. A job counts once CUPS gave it a request id and the queue
is enabled and accepting."""
from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess

from app.ports import PrintJob, PrintResult
from app.translator import phrase

log = logging.getLogger(__name__)

REQUEST_ID = re.compile(r"request id is (\S+)")
C_LOCALE = {**os.environ, "LC_ALL": "C", "LANG": "C"}


class CupsPrinter:
    """A CUPS queue; `raw` forces `-o raw` (default: raw for ZPL, filtered for PDF)."""

    def __init__(self, queue: str, raw: bool | None = None, timeout_s: float = 15.0,
                 address: str | None = None) -> None:
        self.queue = queue
        self.raw = raw
        self.timeout_s = timeout_s
        self.address = address or f"cups://{queue}"

    def _run(self, args: list[str], data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        if shutil.which(args[0]) is None:
            raise FileNotFoundError(phrase("%(program)s is not installed (Debian: apt-get install cups-client)",
                                           program=args[0]))
        return subprocess.run(args, input=data, capture_output=True, timeout=self.timeout_s,
                              env=C_LOCALE, check=False)

    def print_job(self, job: PrintJob) -> PrintResult:
        """Hand the job to CUPS with lp; ok when CUPS took it and the queue reports no error."""
        ready = self.status()
        if not ready.ok:
            return PrintResult(False, self.address, ready.message, {"sent": "no"})
        raw = self.raw if self.raw is not None else job.content_type != "application/pdf"
        args = ["lp", "-d", self.queue, "-t", job.name] + (["-o", "raw"] if raw else [])
        try:
            done = self._run(args, job.data)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return PrintResult(False, self.address, phrase("lp failed: %(problem)s", problem=str(exc)), {"sent": "no"})
        if done.returncode != 0:
            message = done.stderr.decode(errors="replace").strip()
            return PrintResult(False, self.address, phrase("CUPS refused job %(job)s: %(problem)s", job=job.name,
                                                                  problem=message), {"sent": "no"})
        match = REQUEST_ID.search(done.stdout.decode(errors="replace"))
        request = match.group(1) if match else ""
        after = self.status()
        details = {"sent": "yes", "request_id": request}
        if not after.ok:
            return PrintResult(False, self.address, phrase("job %(job)s queued but %(problem)s", job=request,
                                                                  problem=after.message), details)
        log.info("job %s queued on CUPS as %s", job.name, request)
        return PrintResult(True, self.address, phrase("queued as %(job)s", job=request), details)

    def status(self) -> PrintResult:
        """Whether the queue exists, is enabled and accepts jobs (lpstat)."""
        try:
            printer = self._run(["lpstat", "-p", self.queue])
            accepting = self._run(["lpstat", "-a", self.queue])
        except (OSError, subprocess.TimeoutExpired) as exc:
            return PrintResult(False, self.address, phrase("cannot ask CUPS: %(problem)s", problem=str(exc)))
        text = printer.stdout.decode(errors="replace") + printer.stderr.decode(errors="replace")
        if printer.returncode != 0 or "Invalid destination" in text or "does not exist" in text:
            return PrintResult(False, self.address,
                               phrase("CUPS has no queue %(queue)s (lpstat -p lists the queues)",
                                      queue=repr(self.queue)))
        if "disabled" in text:
            return PrintResult(False, self.address, phrase("CUPS queue %(queue)s is disabled: %(problem)s",
                                                              queue=self.queue, problem=text.strip()))
        if "not accepting" in accepting.stdout.decode(errors="replace"):
            return PrintResult(False, self.address, phrase("CUPS queue %(queue)s is not accepting jobs", queue=self.queue))
        return PrintResult(True, self.address, text.strip().splitlines()[0] if text.strip() else phrase("ready"))

    def close(self) -> None:
        """Nothing to release."""


def list_queues() -> list[dict[str, str]]:
    """The CUPS queues with their device URIs (empty when CUPS is not installed or running)."""
    if shutil.which("lpstat") is None:
        return []
    done = subprocess.run(["lpstat", "-v"], capture_output=True, env=C_LOCALE, timeout=10, check=False)
    queues = []
    for line in done.stdout.decode(errors="replace").splitlines():
        match = re.match(r"device for (\S+): (\S+)", line)
        if match:
            queues.append({"queue": match.group(1), "device_uri": match.group(2),
                           "url": f"cups://{match.group(1)}"})
    return queues

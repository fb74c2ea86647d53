"""A folder as a printer (`dir:///PATH`): each job becomes a file with a unique name, written
under a temporary name first so that a watcher never sees half a file."""
from __future__ import annotations

import itertools
import logging
import os
import re
import time
import uuid
from pathlib import Path

from app.ports import PrintJob, PrintResult
from app.translator import phrase

log = logging.getLogger(__name__)

EXTENSIONS = {"application/pdf": ".pdf", "application/zpl": ".zpl", "text/plain": ".txt"}
_counter = itertools.count(1)


def safe_name(name: str) -> str:
    """A job name reduced to characters that are safe in any file system."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", name).strip("_")[:60] or "job"


class FolderPrinter:
    """Writes each job to `folder` as `<time>-<seq>-<id>-<name><ext>`."""

    def __init__(self, folder: str | Path, address: str | None = None) -> None:
        self.folder = Path(folder)
        self.address = address or f"dir://{self.folder}"

    def print_job(self, job: PrintJob) -> PrintResult:
        """Write the job's bytes to a new file; ok once the file is complete on disk."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            stamp = time.strftime("%Y%m%d-%H%M%S")
            ext = EXTENSIONS.get(job.content_type, ".bin")
            final = self.folder / f"{stamp}-{next(_counter):05d}-{uuid.uuid4().hex[:8]}-{safe_name(job.name)}{ext}"
            partial = final.with_name("." + final.name + ".part")
            with open(partial, "wb") as out:
                out.write(job.data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(partial, final)
        except OSError as exc:
            return PrintResult(False, self.address,
                               phrase("cannot write to folder %(folder)s: %(problem)s; check that it "
                                      "exists and is writable", folder=str(self.folder), problem=exc.strerror),
                               {"sent": "no"})
        log.info("job %s written to %s", job.name, final)
        return PrintResult(True, self.address, phrase("written to %(file)s", file=str(final)),
                           {"sent": "yes", "file": str(final)})

    def status(self) -> PrintResult:
        """Ready when the folder exists (or can be made) and is writable."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return PrintResult(False, self.address, phrase("cannot create folder %(folder)s: %(problem)s",
                                                              folder=str(self.folder), problem=exc.strerror))
        if not os.access(self.folder, os.W_OK):
            return PrintResult(False, self.address, phrase("folder %(folder)s is not writable", folder=str(self.folder)))
        return PrintResult(True, self.address, phrase("ready"))

    def close(self) -> None:
        """Nothing to release."""

"""Raw TCP printing (`tcp://HOST:9100`): the Zebra `~HS` host status is asked before the job
(a printer with paper out, head open or paused gets nothing) and after it (the label is
marked printed only when the printer still reports no error)."""
from __future__ import annotations

import logging
import socket
import time

from app.ports import PrintJob, PrintResult
from app.translator import Lines, phrase
from devices.printers.zebra_status import HostStatus, complete, parse_host_status

log = logging.getLogger(__name__)


class StatusUnanswered(Exception):
    """The printer did not answer ~HS in time."""


class RawTcpPrinter:
    """A network printer taking raw bytes on a TCP port (JetDirect / Zebra 9100)."""

    def __init__(self, host: str, port: int = 9100, timeout_s: float = 5.0,
                 host_status: bool = True, address: str | None = None) -> None:
        self.host = host
        self.port = port
        self.timeout_s = timeout_s
        self.host_status = host_status
        self.address = address or f"tcp://{host}:{port}"

    def _connect(self) -> socket.socket:
        sock = socket.create_connection((self.host, self.port), timeout=self.timeout_s)
        sock.settimeout(self.timeout_s)
        return sock

    def _query(self, sock: socket.socket) -> HostStatus:
        sock.sendall(b"~HS")
        reply = b""
        deadline = time.monotonic() + self.timeout_s
        while not complete(reply):
            left = deadline - time.monotonic()
            if left <= 0:
                raise StatusUnanswered()
            sock.settimeout(left)
            try:
                chunk = sock.recv(1024)
            except socket.timeout:
                raise StatusUnanswered() from None
            if not chunk:
                raise ConnectionResetError(phrase("printer closed the connection during ~HS"))
            reply += chunk
        sock.settimeout(self.timeout_s)
        return parse_host_status(reply)

    def _fail(self, message: str, sent: bool, status: HostStatus | None = None) -> PrintResult:
        details = {"sent": "yes" if sent else "no"}
        if status is not None:
            details.update(status.as_details())
        log.warning("printer %s: %s", self.address, message)
        return PrintResult(False, self.address, message, details)

    def print_job(self, job: PrintJob) -> PrintResult:
        """Send the job on a fresh connection, checking the printer before and after."""
        sent = False
        after: HostStatus | None = None
        try:
            with self._connect() as sock:
                if self.host_status:
                    before = self._query(sock)
                    if before.problems():
                        return self._fail(phrase("printer reports %(problems)s: job %(job)s not sent; fix the "
                                                 "printer and it prints", problems=Lines(before.problems(), ", "),
                                                 job=job.name), False, before)
                sock.sendall(job.data)
                sent = True
                if self.host_status:
                    after = self._query(sock)
                    if after.problems():
                        return self._fail(phrase("printer reports %(problems)s after taking job %(job)s: check "
                                                 "the label and reprint if it is missing",
                                                 problems=Lines(after.problems(), ", "), job=job.name), True, after)
                else:
                    sock.shutdown(socket.SHUT_WR)
        except ConnectionRefusedError:
            return self._fail(phrase("refused the connection: is the printer on and the address right?"), False)
        except StatusUnanswered:
            return self._fail(phrase("did not answer the status query within %(seconds)s s (a Zebra keeps "
                                     "silent while paper is out or the head is open; set status=0 for printers "
                                     "without ~HS)", seconds=format(self.timeout_s, "g")), sent)
        except (socket.timeout, TimeoutError):
            return self._fail(phrase("did not respond within %(seconds)s s", seconds=format(self.timeout_s, "g")),
                              sent)
        except (OSError, ValueError) as exc:
            return self._fail(phrase("connection failed: %(problem)s", problem=str(exc)), sent)
        details = {"sent": "yes", **(after.as_details() if after else {})}
        return PrintResult(True, self.address, phrase("job %(job)s printed", job=job.name), details)

    def status(self) -> PrintResult:
        """The printer's ~HS status (or just reachability when status queries are off)."""
        try:
            with self._connect() as sock:
                if not self.host_status:
                    return PrintResult(True, self.address, phrase("reachable (status query off)"))
                hs = self._query(sock)
        except ConnectionRefusedError:
            return self._fail(phrase("refused the connection: is the printer on and the address right?"), False)
        except StatusUnanswered:
            return self._fail(phrase("did not answer the status query within %(seconds)s s",
                                     seconds=format(self.timeout_s, "g")), False)
        except (OSError, ValueError) as exc:
            return self._fail(phrase("cannot reach the printer: %(problem)s", problem=str(exc)), False)
        problems = hs.problems()
        return PrintResult(not problems, self.address, Lines(problems, ", ") if problems else phrase("ready"),
                           hs.as_details())

    def close(self) -> None:
        """Nothing held between jobs (one connection per job)."""

"""Real pseudo-terminals standing in for USB devices, a fake scale on the master side that
answers like the real ones, and a fake Zebra printer on a loopback TCP port."""
from __future__ import annotations

import os
import socket
import threading
import time
import tty
from dataclasses import dataclass, field
from pathlib import Path


class PtyDevice:
    """A pseudo-terminal whose slave is reachable at a stable symlink (like
    /dev/serial/by-id/...). `unplug` closes the master and removes the link; `plug` brings a
    new pseudo-terminal at the same path."""

    def __init__(self, link: Path) -> None:
        self.link = link
        self.master = -1
        self.slave = -1
        self.plug()

    @property
    def path(self) -> str:
        return str(self.link)

    def plug(self) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.master)
        tty.setraw(self.slave)
        os.set_blocking(self.master, False)  # a UART sends whether or not anyone listens
        if self.link.is_symlink():
            self.link.unlink()
        self.link.symlink_to(os.ttyname(self.slave))

    def unplug(self) -> None:
        if self.link.is_symlink():
            self.link.unlink()
        for fd in (self.master, self.slave):
            if fd >= 0:
                os.close(fd)
        self.master = self.slave = -1

    def write(self, data: bytes) -> None:
        """Write all of `data`, waiting while the terminal's buffer is full."""
        view = memoryview(data)
        while view:
            try:
                view = view[os.write(self.master, view):]
            except BlockingIOError:
                time.sleep(0.001)

    def close(self) -> None:
        self.unplug()


@dataclass
class ScaleState:
    grams: int = 0
    stable: bool = True
    overload: bool = False
    underload: bool = False
    silent: bool = False
    tare_grams: int = 0
    requests: list[bytes] = field(default_factory=list)


class FakeScale:
    """A scale on the master side of a pty, formatting replies the way each protocol does."""

    def __init__(self, device: PtyDevice, protocol: str, state: ScaleState | None = None) -> None:
        self.device = device
        self.protocol = protocol
        self.state = state or ScaleState()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name=f"fake {protocol}")
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)

    # -- replies the way the real devices format them ---------------------------------
    def sics(self, command: str) -> bytes:
        s = self.state
        if command in ("S", "SI"):
            if s.overload:
                return f"{command} +\r\n".encode()
            if s.underload:
                return f"{command} -\r\n".encode()
            if command == "S" and not s.stable:
                return b"S I\r\n"
            flag = "S" if s.stable else "D"
            return f"{command} {flag} {s.grams / 1000:>10.3f} kg\r\n".encode()
        if command == "Z":
            if not s.stable:
                return b"Z I\r\n"
            s.grams = 0
            return b"Z A\r\n"
        if command == "T":
            if s.overload:
                return b"T +\r\n"
            s.tare_grams, s.grams = s.grams, 0
            return f"T S {s.tare_grams:>10d} g\r\n".encode()
        return b"ES\r\n"

    def status_8213(self) -> int:
        s = self.state
        return 0x40 | (0 if s.stable else 0x01) | (0x02 if s.overload else 0) | (
            0x04 if s.underload else 0) | (0x10 if s.grams == 0 else 0)

    def t8213(self, command: str) -> bytes:
        s = self.state
        if command == "W":
            if s.stable and not (s.overload or s.underload):
                return b"\x02" + f"{s.grams / 453.59237:06.2f}".encode() + b"\r"
            return b"\x02?" + bytes([self.status_8213()]) + b"\r"
        if command == "Z":
            if s.stable:
                s.grams = 0
            return b"\x02?" + bytes([self.status_8213()]) + b"\r"
        return b"\x02?" + bytes([self.status_8213()]) + b"\r"

    def sma(self, command: str) -> bytes:
        s = self.state
        if command == "Z" and s.stable:
            s.grams = 0
        if command == "T" and s.stable:
            s.tare_grams, s.grams = s.grams, 0
        status = "O" if s.overload else "U" if s.underload else "Z" if s.grams == 0 else " "
        mode = "N" if s.tare_grams else "G"
        motion = " " if s.stable else "M"
        return f"\n{status}1{mode}{motion} {s.grams / 1000:>10.3f}kg \r".encode()

    def toledo_frame(self) -> bytes:
        s = self.state
        swa = 0x20 | 0x08 | 0b100  # bit 5 always 1, increment x1, XXXX.XX
        swb = 0x20 | 0x10 | (0x08 if not s.stable else 0) | (0x04 if s.overload or s.underload else 0) | (
            0x02 if s.grams < 0 or s.underload else 0)
        swc = 0x20
        weight = f"{abs(s.grams) // 10:06d}"  # kg with two decimals = tens of grams
        return b"\x02" + bytes([swa, swb, swc]) + weight.encode() + b"000000\r" + b"\x5a"

    def generic_line(self) -> bytes:
        s = self.state
        if s.overload:
            return b"OL,GS,+9999.999kg\r\n"
        flag = "ST" if s.stable else "US"
        sign = "-" if s.grams < 0 else "+"
        return f"{flag},GS,{sign}{abs(s.grams) / 1000:08.3f}kg\r\n".encode()

    # -- the device loop ----------------------------------------------------------------
    def _run(self) -> None:
        import select

        buffer = b""
        while not self._stop.is_set():
            fd = self.device.master
            if fd < 0:
                time.sleep(0.01)
                continue
            try:
                if self.protocol in ("toledo-continuous", "generic-stream"):
                    if not self.state.silent:
                        os.write(fd, self.toledo_frame() if self.protocol == "toledo-continuous"
                                 else self.generic_line())
                    time.sleep(0.02)
                    continue
                ready, _, _ = select.select([fd], [], [], 0.02)
                if not ready:
                    continue
                buffer += os.read(fd, 256)
            except BlockingIOError:  # nobody reads: frames are lost, as on a real line
                time.sleep(0.02)
                continue
            except OSError:
                time.sleep(0.01)
                continue
            buffer = self._answer(buffer)

    def _answer(self, buffer: bytes) -> bytes:
        while True:
            if self.protocol == "mt-sics":
                end = buffer.find(b"\r\n")
                if end < 0:
                    return buffer
                command, buffer = buffer[:end].decode().strip(), buffer[end + 2:]
                reply = self.sics(command)
            elif self.protocol == "toledo-8213":
                if not buffer:
                    return buffer
                command, buffer = chr(buffer[0]), buffer[1:]
                if command in "\r\n":
                    continue
                reply = self.t8213(command)
            else:  # sma
                end = buffer.find(b"\r")
                if end < 0:
                    return buffer
                command, buffer = buffer[:end].strip(b"\n").decode(), buffer[end + 1:]
                reply = self.sma(command)
            self.state.requests.append(command.encode())
            if not self.state.silent:
                try:
                    os.write(self.device.master, reply)
                except OSError:
                    return b""


class FakeZebra:
    """A Zebra-like printer on 127.0.0.1: stores each connection's bytes as a job (the ~HS
    queries removed) and answers ~HS with the flags set on it. `mode`: "ok", "hang" (accepts,
    never answers), "close" (accepts, then closes the connection at the first bytes, printing
    nothing: a print server that resets), "refuse" (nothing listening: connection refused)."""

    def __init__(self, port: int = 0) -> None:
        self.jobs: list[bytes] = []
        self.paper_out = self.paused = self.head_open = False
        self.mode = "ok"
        self.status_queries = 0
        self._server: socket.socket | None = None
        self.port = port
        self._threads: list[threading.Thread] = []
        self._stop = threading.Event()
        self.start()

    @property
    def url(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def host_status(self) -> bytes:
        one = f"030,{int(self.paper_out)},{int(self.paused)},1218,000,0,0,0,000,0,0,0"
        two = f"001,0,{int(self.head_open)},0,0,2,4,0,00000000,1,000"
        three = "1234,0"
        return b"".join(b"\x02" + s.encode() + b"\x03\r\n" for s in (one, two, three))

    def wait_for_jobs(self, count: int, timeout: float = 3.0) -> list[bytes]:
        """The jobs once `count` have arrived: a job is stored when the printer sees the
        connection close, which can be a moment after the sender has returned."""
        deadline = time.monotonic() + timeout
        while len(self.jobs) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"the printer received {len(self.jobs)} job(s), expected {count}")
            time.sleep(0.01)
        return list(self.jobs)

    def start(self) -> None:
        """Listen (again) on the same port."""
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen(8)
        server.settimeout(0.05)
        self.port = server.getsockname()[1]
        self._server = server
        self._stop.clear()
        thread = threading.Thread(target=self._accept, args=(server,), daemon=True, name="printer-fake")
        thread.start()
        self._threads.append(thread)

    def stop(self) -> None:
        """Stop listening: new connections are refused (a printer switched off)."""
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=2)
        self._threads.clear()
        if self._server is not None:
            self._server.close()
            self._server = None

    def _accept(self, server: socket.socket) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = server.accept()
            except (socket.timeout, OSError):
                continue
            threading.Thread(target=self._serve, args=(conn,), daemon=True, name="printer-fake conn").start()

    def _serve(self, conn: socket.socket) -> None:
        job = b""
        conn.settimeout(0.05)
        with conn:
            while not self._stop.is_set():
                try:
                    chunk = conn.recv(65536)
                except socket.timeout:
                    continue
                except OSError:
                    break
                if not chunk:
                    break
                if self.mode == "close":
                    job = b""
                    break
                if self.mode == "hang":
                    continue
                job += chunk
                while b"~HS" in job:
                    job = job.replace(b"~HS", b"", 1)
                    self.status_queries += 1
                    conn.sendall(self.host_status())
        if job and self.mode != "hang":
            self.jobs.append(job)

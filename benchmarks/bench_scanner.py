"""Serial scan -> Scanner callback latency at 115200 baud, next to the wire time of the same
bytes (the physical limit of a real serial line), and a 1,000-scan burst with zero drops.

The scanner reads a real pseudo-terminal; the pty delivers bytes instantly, so "ours" is the
software path (write of the frame -> callback on the reader thread), and a real scanner adds
the wire time on top of it."""
from __future__ import annotations

import os
import queue
import statistics
import time
import tty
from typing import Iterable

from app.ports import DeviceState
from devices.serial_scanner import SerialScanner, SerialSettings

BAUD = 115200
BITS_PER_BYTE = 10  # start + 8 data + stop


def _pty() -> tuple[int, int, str]:
    master, slave = os.openpty()
    tty.setraw(master)
    tty.setraw(slave)
    return master, slave, os.ttyname(slave)


def _started(path: str) -> tuple[SerialScanner, queue.Queue]:
    got: queue.Queue = queue.Queue()
    states: list = []
    scanner = SerialScanner(SerialSettings(port=path, baudrate=BAUD, dedupe_window_s=0))
    scanner.start(lambda s: got.put((time.perf_counter(), s)), states.append)
    deadline = time.monotonic() + 3
    while not (states and states[-1].state is DeviceState.CONNECTED) and time.monotonic() < deadline:
        time.sleep(0.005)
    return scanner, got


def run(quick: bool) -> Iterable[dict]:
    """Latency figures and the burst count."""
    frame = b"]C10109501101530003\x1d10LOT-2026-42\x1d21SERIAL0001\r"
    wire_ms = len(frame) * BITS_PER_BYTE / BAUD * 1000
    master, slave, path = _pty()
    scanner, got = _started(path)
    try:
        samples = []
        for _ in range(50 if quick else 300):
            start = time.perf_counter()
            os.write(master, frame)
            arrived, _scan = got.get(timeout=2)
            samples.append((arrived - start) * 1000)
            time.sleep(0.002)
        samples.sort()
        p50 = statistics.median(samples)
        p95 = samples[int(len(samples) * 0.95) - 1]
        yield {
            "name": "serial scan to callback latency (115200 baud frame)",
            "ours": round(p50, 3), "reference": round(wire_ms, 3), "ratio": round(p50 / wire_ms, 3),
            "unit": "ms", "p50": round(p50, 3), "p95": round(p95, 3), "bytes": len(frame),
            "end_to_end_p50_ms": round(p50 + wire_ms, 3),
            "reference_name": "wire time of the same bytes at 115200 8N1",
        }

        count = 200 if quick else 1000
        frames = [b"]C1" + f"SKU{i:06d}".encode() + b"\r" for i in range(count)]
        blob = b"".join(frames)
        start = time.perf_counter()
        view = memoryview(blob)
        while view:
            view = view[os.write(master, view[:4096]):]
        received = []
        deadline = time.monotonic() + 20
        while len(received) < count and time.monotonic() < deadline:
            try:
                received.append(got.get(timeout=0.5))
            except queue.Empty:
                continue
        elapsed_ms = (received[-1][0] - start) * 1000 if received else float("nan")
        burst_wire_ms = len(blob) * BITS_PER_BYTE / BAUD * 1000
        data = [s.data for _t, s in received]
        in_order = data == [f"SKU{i:06d}" for i in range(count)]
        yield {
            "name": f"{count}-scan burst, all delivered in order",
            "ours": round(elapsed_ms, 1), "reference": round(burst_wire_ms, 1),
            "ratio": round(elapsed_ms / burst_wire_ms, 3), "unit": "ms",
            "scans_sent": count, "scans_received": len(received), "drops": count - len(received),
            "in_order": in_order, "goal": "zero drops",
        }
    finally:
        scanner.stop()
        os.close(master)
        os.close(slave)

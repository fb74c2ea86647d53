"""The keyboard wedge with REAL X11 key events: an Xvfb server, xdotool typing as a wedge
scanner does (Shift pressed and released around every capital, a few ms per key), and the
wedge in a window on Qt's xcb platform, in a subprocess (this test process runs Qt offscreen).
Synthetic QKeyEvents never carry the Shift presses that broke real scans."""
from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.scanning.layout import find_layout_mismatch

# One worker runs this module's tests (xdist's loadgroup), so that its module-scoped fixture,
# its Xvfb server, is made once and not on each worker.
pytestmark = pytest.mark.xdist_group("wedge_x11")

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("Xvfb", "xdotool", "setxkbmap")
# `xdotool key --delay 4` gives about 8 ms a key (as `xdotool type --delay 8` does), a scanner's pace.
KEY_DELAY_MS = "4"
# The wedge's gap for these tests: twice the 30 ms default, because xdotool shares a loaded test
# machine and now and then is not run for 30 ms between two keys (a scanner never pauses so);
# a person's 120 ms keys stay well above it. The default's margins are tested in tests/devices.
MAX_GAP_MS = "60"

# X key codes of a US keyboard (Linux key code + 8): what a scanner set to a US layout presses,
# whatever layout the station's X server has.
US_KEYCODES = {
    **{c: 8 + code for c, code in zip("qwertyuiop", range(16, 26))},
    **{c: 8 + code for c, code in zip("asdfghjkl", range(30, 39))},
    **{c: 8 + code for c, code in zip("zxcvbnm", range(44, 51))},
    **{c: 8 + code for c, code in zip("1234567890", range(2, 12))},
    "-": 8 + 12, "/": 8 + 53,
}


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    """A private Xvfb server (it picks a free display number) for this module's tests."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"real X11 key events need {', '.join(missing)} (Debian packages xvfb, xdotool, "
                    "x11-xkb-utils; packaging/bootstrap.sh installs them)")
    read_end, write_end = os.pipe()
    # -noreset: otherwise the server resets its keyboard layout whenever its last client leaves.
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24",
                               "-nolisten", "tcp", "-noreset"],
                              pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 20)
        number = os.read(read_end, 64).decode().strip() if ready else ""
        if not number:
            server.kill()
            pytest.fail(f"Xvfb did not start: {server.communicate(timeout=5)[1].decode()[-2000:]}")
        yield f":{number}"
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(timeout=10)


def x(display: str, *args: str) -> None:
    """Run an X tool (xdotool, setxkbmap) against the test's display."""
    subprocess.run(args, check=True, timeout=30, env={**os.environ, "DISPLAY": display})


@pytest.fixture
def us_layout(display: str) -> str:
    """The display with the station's keyboard set to a US layout and Caps Lock off."""
    x(display, "setxkbmap", "-display", display, "us")
    return display


class WedgeWindow:
    """The subprocess window: reads its JSON lines, without a thread, until a wait is met."""

    def __init__(self, display: str) -> None:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        self.log = tempfile.TemporaryFile()  # a file, not a pipe: a full pipe would stall the window
        self.process = subprocess.Popen([sys.executable, "-m", "tests.ui.wedge_x11_window", MAX_GAP_MS], cwd=ROOT, env=env,
                                        stdout=subprocess.PIPE, stderr=self.log)
        self.display = display
        self.events: list[dict] = []
        self.log_text = ""
        self._buffer = b""
        self.wait_for(lambda: any(e.get("ready") for e in self.events), "the window to be ready", 30)

    @property
    def scans(self) -> list[str]:
        return [e["scan"] for e in self.events if "scan" in e]

    @property
    def field(self) -> str:
        texts = [e["field"] for e in self.events if "field" in e]
        return texts[-1] if texts else ""

    def wait_for(self, condition, what: str, timeout: float = 5.0) -> None:
        """Read lines until `condition()` holds; fail naming `what` and the window's log."""
        deadline = time.monotonic() + timeout
        while not condition():
            left = deadline - time.monotonic()
            if left <= 0 or self.process.poll() is not None:
                self.close()
                pytest.fail(f"waited for {what}; the window reported {self.events}; its log:\n{self.log_text[-3000:]}")
            ready, _, _ = select.select([self.process.stdout], [], [], min(left, 0.1))
            if ready:
                self._buffer += os.read(self.process.stdout.fileno(), 65536)
                *lines, self._buffer = self._buffer.split(b"\n")
                self.events += [json.loads(line) for line in lines if line.strip()]

    def settle(self, ms: int = 300) -> None:
        """Give the wedge time to decide on held keys, then read what it reported."""
        end = time.monotonic() + ms / 1000
        self.wait_for(lambda: time.monotonic() >= end, f"{ms} ms to pass")

    def scanner_types(self, text: str, delay_ms: int = 8) -> None:
        """A wedge scanner: the characters at `delay_ms` a key, then Enter."""
        x(self.display, "xdotool", "type", "--delay", str(delay_ms), text)
        x(self.display, "xdotool", "key", "Return")

    def close(self) -> None:
        """End the window's process and keep its log in `log_text`."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        if not self.log.closed:
            self.process.stdout.close()
            self.log.seek(0)
            self.log_text = self.log.read().decode(errors="replace")
            self.log.close()


@pytest.fixture
def window(us_layout: str) -> Iterator[WedgeWindow]:
    opened = WedgeWindow(us_layout)
    yield opened
    opened.close()


def scanned(window: WedgeWindow, text: str) -> str:
    """Type `text` as a scanner and return the one scan the wedge delivered for it."""
    before = len(window.scans)
    window.scanner_types(text)
    window.wait_for(lambda: len(window.scans) > before, f"a scan of {text!r}")
    window.settle(100)
    assert len(window.scans) == before + 1, window.events
    return window.scans[-1]


@pytest.mark.parametrize("code", [
    "PDU-1001",  # a badge: starts with two capitals, each typed with Shift
    "PD-CMD-UNDO",  # a command
    "PD-10001",  # an order number
    "BOX-XL",  # a box code
    "4006381333931",  # digits only (the one kind that worked before)
    "LOC/A-01/3",  # slashes
    "sku-mug-blue",  # lower case stays lower case
])
def test_a_scanner_burst_arrives_whole_and_never_reaches_the_field(window: WedgeWindow, code: str) -> None:
    assert scanned(window, code) == code
    assert window.field == ""


def test_scans_one_after_another_each_arrive_whole(window: WedgeWindow) -> None:
    assert [scanned(window, code) for code in ("PDU-1001", "PD-CMD-ACK", "Pd-1")] == \
        ["PDU-1001", "PD-CMD-ACK", "Pd-1"]
    assert window.field == ""


def test_caps_lock_on_does_not_invert_a_scan(window: WedgeWindow) -> None:
    x(window.display, "xdotool", "key", "Caps_Lock")
    try:
        assert scanned(window, "PDU-1001") == "PDU-1001"
        assert scanned(window, "sku-mug-blue") == "sku-mug-blue"
    finally:
        x(window.display, "xdotool", "key", "Caps_Lock")
    assert window.field == ""


def test_gs_sent_as_control_bracket_inside_a_burst_is_a_gs1_separator(window: WedgeWindow) -> None:
    before = len(window.scans)
    # One xdotool run, so that its start-up time never splits the burst: ] C 1 ... Ctrl+] ... Enter.
    keys = ["bracketright", *"C10109501101530003", "ctrl+bracketright", *"10LOT1", "Return"]
    x(window.display, "xdotool", "key", "--delay", KEY_DELAY_MS, *keys)
    window.wait_for(lambda: len(window.scans) > before, "the GS1 scan")
    assert window.events[-1] == {"scan": "0109501101530003\x1d10LOT1", "symbology": "]C1"}
    assert window.field == ""


def test_a_person_typing_slowly_types_into_the_field(window: WedgeWindow) -> None:
    x(window.display, "xdotool", "type", "--delay", "120", "Box 4, Shelf-B")
    window.wait_for(lambda: window.field == "Box 4, Shelf-B", "the typed text in the field")
    window.settle()
    assert window.scans == []


def test_a_person_typing_after_a_scan_still_types_into_the_field(window: WedgeWindow) -> None:
    assert scanned(window, "PDU-1001") == "PDU-1001"
    x(window.display, "xdotool", "type", "--delay", "120", "Ana")
    window.wait_for(lambda: window.field == "Ana", "the typed name in the field")
    assert window.scans == ["PDU-1001"]


def test_a_scanner_set_to_the_stations_german_layout_reads_correctly(us_layout: str) -> None:
    x(us_layout, "setxkbmap", "-display", us_layout, "de")
    try:
        german = WedgeWindow(us_layout)
        try:
            # xdotool types by character, as a scanner set to German does: Shift+7 for /,
            # AltGr+9 for ] and AltGr++ for ~ (the GS substitute), all inside the burst.
            assert scanned(german, "PDU-1001") == "PDU-1001"
            assert scanned(german, "ZONE-Y/12") == "ZONE-Y/12"
            assert scanned(german, "]C10109501101530003~10LOT1") == "0109501101530003\x1d10LOT1"
            assert german.events[-1]["symbology"] == "]C1"
            assert german.field == ""
        finally:
            german.close()
    finally:
        x(us_layout, "setxkbmap", "-display", us_layout, "us")


def test_a_us_scanner_on_a_german_station_is_named_a_layout_mismatch(us_layout: str) -> None:
    known = {"PD-CMD-UNDO", "ZONE-Y/12", "PDU-1001"}
    x(us_layout, "setxkbmap", "-display", us_layout, "de")
    try:
        german = WedgeWindow(us_layout)
        try:
            received = []
            for code in ("PD-CMD-UNDO", "ZONE-Y/12"):
                # The keys a US scanner presses for the code, read through the German layout.
                keys = [f"shift+{US_KEYCODES[c.lower()]}" if c.isupper() else str(US_KEYCODES[c]) for c in code]
                before = len(german.scans)
                x(us_layout, "xdotool", "key", "--delay", KEY_DELAY_MS, *keys, "Return")
                german.wait_for(lambda: len(german.scans) > before, f"the scan of {code} through a German layout")
                received.append(german.scans[-1])
            assert german.field == ""
        finally:
            german.close()
    finally:
        x(us_layout, "setxkbmap", "-display", us_layout, "us")
    assert received == ["PDßCMDßUNDO", "YONEßZ-12"]
    mismatches = [find_layout_mismatch(code, known.__contains__, scanner="keyboard") for code in received]
    assert [(m.received, m.probable, m.scanner_layout, m.station_layout) for m in mismatches] == [
        ("PDßCMDßUNDO", "PD-CMD-UNDO", "us", "de"),
        ("YONEßZ-12", "ZONE-Y/12", "us", "de"),
    ]
    assert mismatches[0].message == (
        "Scanner keyboard sent PDßCMDßUNDO, which is not a code Packdesk knows; it was probably "
        "PD-CMD-UNDO, typed through the wrong keyboard layout: the scanner types as on a US "
        "keyboard, the station's keyboard layout is German. Set the scanner to a German keyboard "
        "layout (scan the setting barcode in its manual) or set the station's keyboard layout to US.")

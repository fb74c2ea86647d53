"""The station's configuration reaches its devices: the keyboard wedge is built from its
keyboard: URL (prefix, GS substitute, timing), and a bad option stops the station at start-up."""
from __future__ import annotations

import pytest

from app.config import Settings
from app.errors import ConfigError
from app.packing.api import ScanOutcome
from tests.ui.data import MUG
from tests.ui.helpers import settle
from tests.ui.test_station_rules import results, start_order
from tests.ui.wedge_keys import scanner_sends
from app.config import station_config


def wedge_burst(app, text: str) -> None:
    """Keys as a keyboard-wedge scanner sends them (2 ms apart, then Enter) into the focused screen."""
    scanner_sends(app.window.stack.currentWidget(), text)


def test_the_wedge_takes_its_prefix_from_the_configuration(qtbot, make_station) -> None:
    app = make_station({"devices": {"keyboard_wedge": "keyboard:?prefix=%2A&max_gap_ms=40"}})
    assert app.wedge.settings.prefix == "*" and app.wedge.settings.max_gap_ms == 40
    start_order(qtbot, app)
    got = results(qtbot, app)
    wedge_burst(app, MUG)  # no prefix: not this station's scanner, so typing
    qtbot.wait(150)
    settle(qtbot, app)
    assert got == []
    wedge_burst(app, "*" + MUG)
    qtbot.waitUntil(lambda: len(got) == 1, timeout=2000)
    settle(qtbot, app)
    assert got[0].data == MUG and got[0].outcome is ScanOutcome.ACCEPTED


def test_a_keyboard_scanner_url_configures_the_wedge_gs_substitute(qtbot, make_station) -> None:
    app = make_station({"devices": {"scanner": "keyboard:?gs=%7C"}})
    assert app.wedge.settings.gs_substitute == "|"
    start_order(qtbot, app)
    got = results(qtbot, app)
    wedge_burst(app, "]C101" + "0" + MUG + "|10LOT7")
    qtbot.waitUntil(lambda: len(got) == 1, timeout=2000)
    assert got[0].data == "01" + "0" + MUG + "\x1d10LOT7"
    assert app.station.device_states["scanner"].address == "keyboard"


def test_the_wedge_beside_a_serial_scanner_has_its_own_tile(qtbot, make_station) -> None:
    app = make_station({"devices": {"scanner": "loop://"}})
    qtbot.waitUntil(lambda: "keyboard" in app.station.device_states, timeout=2000)
    qtbot.waitUntil(lambda: app.station.device_states["scanner"].state.value == "connected", timeout=2000)
    assert app.station.device_states["scanner"].address.startswith("loop://")
    assert app.station.device_states["keyboard"].state.value == "connected"


def test_the_wedge_can_be_switched_off(qtbot, make_station) -> None:
    app = make_station({"devices": {"keyboard_wedge": ""}})
    assert app.wedge is None


@pytest.mark.parametrize("devices, words", [
    ({"keyboard_wedge": "keyboard:?max_gap_ms=soon"}, "max_gap_ms"),
    ({"keyboard_wedge": "keyboard:?colour=blue"}, "colour"),
    ({"keyboard_wedge": "/dev/ttyACM0"}, "keyboard_wedge"),
    ({"scanner": "keyboard:?suffix=Space"}, "suffix"),
    ({"scanner": "usb://scanner-1"}, r"\[devices\] scanner .*usb: is not a kind of address"),
    ({"scale": "ftp://scale.local"}, r"\[devices\] scale .*ftp: is not a kind of address"),
])
def test_a_bad_wedge_option_is_refused_naming_it(devices: dict, words: str) -> None:
    settings = Settings(database_url="sqlite://", raw={"devices": devices})
    from ui.composition import check_devices

    with pytest.raises(ConfigError, match=words):
        check_devices(station_config(settings))  # build_station's first step: refused at start-up

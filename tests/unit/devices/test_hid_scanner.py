"""HID scanner decoding from synthetic key events (no evdev or /dev/input needed)."""
from __future__ import annotations

import pytest

from devices.errors import DeviceConfigError
from devices.hid_scanner import EV_KEY, KeyDecoder

KEY_LEFTSHIFT, KEY_ENTER, KEY_LEFTCTRL, KEY_TAB = 42, 28, 29, 15
CODES = {"1": 2, "2": 3, "0": 11, "a": 30, "b": 48, "c": 46, "z": 44, "y": 21, "-": 12,
         "]": 27, "/": 53, "q": 16}
EV_SYN, EV_MSC = 0, 4


def press(code: int) -> list[tuple[int, int, int]]:
    """What a scanner sends per key: MSC scan code, key down, SYN, key up, SYN."""
    return [(EV_MSC, 4, 0x70000 + code), (EV_KEY, code, 1), (EV_SYN, 0, 0), (EV_KEY, code, 0), (EV_SYN, 0, 0)]


def shifted(code: int) -> list[tuple[int, int, int]]:
    return [(EV_KEY, KEY_LEFTSHIFT, 1)] + press(code) + [(EV_KEY, KEY_LEFTSHIFT, 0)]


def typed(text: str) -> list[tuple[int, int, int]]:
    events = []
    for char in text:
        events += shifted(CODES[char.lower()]) if char.isupper() else press(CODES[char])
    return events + press(KEY_ENTER)


def test_keys_become_characters_with_shift_and_end_at_enter() -> None:
    assert KeyDecoder("us").feed_all(typed("Ab-10")) == ["Ab-10"]


def test_ctrl_bracket_is_the_gs_separator() -> None:
    events = typed("01")[:-5] + [(EV_KEY, KEY_LEFTCTRL, 1)] + press(CODES["]"]) + [(EV_KEY, KEY_LEFTCTRL, 0)]
    events += typed("10")
    assert KeyDecoder("us").feed_all(events) == ["01\x1d10"]


def test_layout_changes_the_characters() -> None:
    # The key labelled Y on a US keyboard is Z on a German one.
    events = press(CODES["y"]) + press(CODES["z"]) + press(KEY_ENTER)
    assert KeyDecoder("us").feed_all(events) == ["yz"]
    assert KeyDecoder("de").feed_all(events) == ["zy"]
    assert KeyDecoder("fr").feed_all(press(CODES["q"]) + press(CODES["1"]) + press(KEY_ENTER)) == ["a&"]


def test_two_reads_in_one_stream_and_held_keys() -> None:
    events = typed("abc") + typed("12") + [(EV_KEY, CODES["a"], 2)] + press(KEY_ENTER)
    assert KeyDecoder("us").feed_all(events) == ["abc", "12", "a"]


def test_tab_ends_a_read_when_configured() -> None:
    events = press(CODES["a"]) + press(KEY_TAB)
    assert KeyDecoder("us").feed_all(events) == []
    assert KeyDecoder("us", end_on_tab=True).feed_all(events) == ["a"]


def test_real_evdev_events_decode_too() -> None:
    evdev = pytest.importorskip("evdev", reason="python-evdev (the hid extra) is not installed")
    events = [evdev.InputEvent(0, 0, t, c, v) for t, c, v in typed("Ab")]
    decoder = KeyDecoder("us")
    assert [r for e in events if (r := decoder.feed(e.type, e.code, e.value))] == ["Ab"]


def test_unknown_layout_is_refused() -> None:
    with pytest.raises(DeviceConfigError, match="us"):
        KeyDecoder("klingon")
    assert EV_KEY == 1

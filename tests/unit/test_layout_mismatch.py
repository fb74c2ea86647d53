"""Which code an unknown keyboard scan probably was when the scanner types one keyboard layout
and the station's keyboard is set to another (app/scanning/layout.py): no Qt, no database."""
from __future__ import annotations

import logging

import pytest

from app.scanning.layout import LAYOUTS, find_layout_mismatch, retype

KNOWN = {"PD-CMD-UNDO", "PDU-1001", "ZONE-Y/12", "BOX-XYZ", "4006381333931", "PD-10001"}


def known(code: str) -> bool:
    return code in KNOWN


@pytest.mark.parametrize(("received", "meant"), [
    ("PDßCMDßUNDO", "PD-CMD-UNDO"),  # - is ß's key on a German keyboard
    ("PDUß1001", "PDU-1001"),
    ("BOXßXZY", "BOX-XYZ"),  # Y and Z swap
    ("YONEßZ-12", "ZONE-Y/12"),  # / is -'s key
])
def test_a_us_scanner_on_a_german_station_reads_back_as_the_code_it_meant(received: str, meant: str) -> None:
    assert retype(received, scanner_layout="us", station_layout="de") == meant


def test_a_german_scanner_on_a_us_station_reads_back_as_the_code_it_meant() -> None:
    # A German scanner presses -'s key for - (a US keyboard reads /) and Shift+7 for / (read as &).
    assert retype("YONE/Z&12", scanner_layout="de", station_layout="us") == "ZONE-Y/12"
    assert find_layout_mismatch("YONE/Z&12", known).probable == "ZONE-Y/12"


def test_a_us_scanner_on_a_french_station_is_found_by_its_digits() -> None:
    # AZERTY types digits with Shift: a US scanner's 1 and 0 arrive as & and à, its - as ).
    mismatch = find_layout_mismatch("PD)&ààà&", known)
    assert (mismatch.probable, mismatch.scanner_layout, mismatch.station_layout) == ("PD-10001", "us", "fr")


def test_a_character_no_key_of_the_station_types_gives_no_reading() -> None:
    assert retype("PD€1", scanner_layout="us", station_layout="de") is None


def test_an_unknown_scan_that_is_a_known_code_under_a_layout_mismatch_is_named() -> None:
    mismatch = find_layout_mismatch("PDßCMDßUNDO", known, scanner="keyboard")
    assert mismatch is not None
    assert (mismatch.scanner, mismatch.received, mismatch.probable) == ("keyboard", "PDßCMDßUNDO", "PD-CMD-UNDO")
    assert (mismatch.scanner_layout, mismatch.station_layout) == ("us", "de")


def test_the_message_names_the_scanner_both_codes_and_what_to_set() -> None:
    mismatch = find_layout_mismatch("BOXßXZY", known, scanner="keyboard")
    assert mismatch is not None
    assert mismatch.message == (
        "Scanner keyboard sent BOXßXZY, which is not a code Packdesk knows; it was probably BOX-XYZ, "
        "typed through the wrong keyboard layout: the scanner types as on a US keyboard, the "
        "station's keyboard layout is German. Set the scanner to a German keyboard layout (scan the "
        "setting barcode in its manual) or set the station's keyboard layout to US.")


def test_a_layout_mismatch_is_logged_as_a_warning_for_the_administrator(caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="app.scanning.layout"):
        find_layout_mismatch("PDUß1001", known, scanner="keyboard")
    assert [r.getMessage() for r in caplog.records] == [
        "keyboard layout mismatch on scanner keyboard: received 'PDUß1001' is probably 'PDU-1001' "
        "(scanner set to us, station keyboard de); set the scanner's keyboard layout or the station's"]


def test_an_unknown_scan_that_no_layout_explains_is_no_mismatch() -> None:
    assert find_layout_mismatch("NOT-A-BARCODE-WE-KNOW", known) is None
    assert find_layout_mismatch("PDßCMDßREDO", known) is None


def test_digits_and_codes_that_read_the_same_on_both_layouts_are_no_mismatch() -> None:
    # 4006381333931 types the same on US and German keyboards: unknown is unknown.
    assert find_layout_mismatch("4006381333932", known) is None


def test_the_keypad_types_the_same_on_every_layout() -> None:
    keypad = {code for code, chars in LAYOUTS["us"].items() if code in range(71, 84) or code in (55, 98)}
    assert all(LAYOUTS[name][code] == LAYOUTS["us"][code] for name in LAYOUTS for code in keypad)

"""GS1 interpretation and AIM identifiers, as the scanners deliver them."""
from __future__ import annotations

from datetime import date

import pytest

from app.gs1 import interpret_gs1
from devices.dedupe import Deduplicator
from devices.symbology import describe, split_identifier


@pytest.mark.parametrize("raw,identifier,data", [
    ("]C1010950110153000317", "]C1", "010950110153000317"),
    ("]d2010950110153000317", "]d2", "010950110153000317"),
    ("]Q3HELLO", "]Q3", "HELLO"),
    ("]E04006381333931", "]E0", "4006381333931"),
    ("4006381333931", None, "4006381333931"),
    ("]", None, "]"),
])
def test_aim_identifier_is_split_off(raw, identifier, data) -> None:
    assert split_identifier(raw) == (identifier, data)


def test_gs1_symbologies_are_known() -> None:
    assert describe("]C1").gs1 and describe("]d2").gs1 and not describe("]C0").gs1
    assert describe("]X9").name == "symbology X9" and describe(None) is None


def test_gs1_128_with_separators() -> None:
    reading = interpret_gs1("0109501101530003\x1d10LOT-42\x1d17261231\x1d21SN-7", "]C1")
    assert (reading.gtin, reading.lot, reading.serial, reading.expiry) == (
        "09501101530003", "LOT-42", "SN-7", date(2026, 12, 31))
    assert reading.errors == ()


def test_bad_check_digits_are_reported_not_raised() -> None:
    assert "check digit" in interpret_gs1("0109501101530004", "]C1").errors[0]
    assert "check digit" in interpret_gs1("4006381333932", "]E0").errors[0]
    assert interpret_gs1("00340123450000000009", None).sscc == "340123450000000009"


def test_a_retail_barcode_is_a_gtin_not_ai_strings() -> None:
    reading = interpret_gs1("4006381333931", None)
    assert reading.gtin == "4006381333931" and reading.elements == {}


def test_plain_codes_are_not_gs1() -> None:
    assert not interpret_gs1("BIN-A-07", "]C0").is_gs1
    assert not interpret_gs1("HELLO", None).is_gs1


def test_wedge_substitute_separator() -> None:
    assert interpret_gs1("0109501101530003~10LOT~21S", None, separators=("~",)).lot == "LOT"


def test_dedupe_window() -> None:
    d = Deduplicator(0.3)
    assert d.accept("A", 1.0) and not d.accept("A", 1.2) and d.accept("B", 1.2) and d.accept("A", 1.31)
    assert d.dropped == 1
    assert Deduplicator(0).accept("A", 1.0) and Deduplicator(0).accept("A", 1.0)


def test_gs1_content_that_does_not_parse_says_so() -> None:
    reading = interpret_gs1("0109501101530003\x1d21S N", "]C1")
    assert not reading.is_gs1 and reading.errors

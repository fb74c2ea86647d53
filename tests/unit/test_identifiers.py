"""SSCC-18 and UPU S10 numbers, checked against worked examples and an independent parser."""
from __future__ import annotations

import biip
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.identifiers import (
    IdentifierError,
    gs1_check_digit,
    is_valid_s10,
    is_valid_sscc,
    s10,
    s10_check_digit,
    sscc,
)


def test_gs1_check_digit_of_the_gs1_example_sscc() -> None:
    # GS1 General Specifications' example SSCC (00) 1 0614141 234567890 8
    assert gs1_check_digit("10614141234567890") == 8


def test_gs1_check_digit_of_a_gtin13() -> None:
    assert gs1_check_digit("400638133393") == 1  # 4006381333931, a well-known EAN-13


def test_sscc_joins_extension_prefix_padded_serial_and_check_digit() -> None:
    assert sscc(1, "0614141", 234567890) == "106141412345678908"
    # from the right, weights 3,1,3..: 7*3 + 5*1 + 4*3 + 3*1 + 2*3 + 1*1 + 4*1 = 52 -> 8
    assert sscc(0, "4012345", 7) == "040123450000000078"
    assert len(sscc(9, "123456789012", 1234)) == 18


@given(st.integers(0, 9), st.from_regex(r"\A[0-9]{7,10}\Z"), st.integers(0, 999_999))
def test_every_sscc_validates_with_biip(ext: int, prefix: str, serial: int) -> None:
    value = sscc(ext, prefix, serial)
    parsed = biip.parse("]C100" + value)
    assert parsed.sscc is not None and parsed.sscc_error is None
    assert parsed.sscc.value == value and is_valid_sscc(value)


def test_a_wrong_sscc_check_digit_is_not_valid() -> None:
    assert not is_valid_sscc("106141412345678907")


@pytest.mark.parametrize(
    ("args", "named"),
    [
        ((10, "0614141", 1), "10"),
        ((1, "06141", 1), "'06141'"),
        ((1, "06141X1", 1), "'06141X1'"),
        ((1, "0614141", 10**9), "1000000000"),
        ((1, "0614141", -1), "-1"),
    ],
)
def test_sscc_refuses_bad_parts_naming_the_value(args: tuple, named: str) -> None:
    with pytest.raises(IdentifierError, match=named):
        sscc(*args)


def test_s10_check_digit_uses_weights_86423597() -> None:
    # 1*8+2*6+3*4+4*2+5*3+6*5+7*9+8*7 = 204; 204 mod 11 = 6; 11 - 6 = 5
    assert s10_check_digit("12345678") == 5
    assert s10("RA", "12345678", "DE") == "RA123456785DE"


def test_s10_check_digit_ten_becomes_zero_and_eleven_becomes_five() -> None:
    assert s10_check_digit("00000001") == 4  # sum 7 -> 11 - 7
    assert s10_check_digit("00000000") == 5  # sum 0 -> 11 -> 5
    assert s10_check_digit("00000008") == 0  # sum 56, 56 mod 11 = 1 -> 10 -> 0


def test_s10_number_round_trips_through_validation() -> None:
    assert is_valid_s10("RA123456785DE")
    assert not is_valid_s10("RA123456784DE")
    assert s10("EE", 8, "NL") == "EE000000080NL"


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("R1", "12345678", "DE"), "'R1'"),
        (("ra", "12345678", "DE"), "'ra'"),
        (("RA", "1234567", "DE"), "'1234567'"),
        (("RA", "12345678", "D"), "'D'"),
        (("RA", 10**8, "DE"), "100000000"),
    ],
)
def test_s10_refuses_bad_parts_naming_the_value(args: tuple, named: str) -> None:
    with pytest.raises(IdentifierError, match=named):
        s10(*args)

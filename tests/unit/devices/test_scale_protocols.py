"""Table-driven tests of the pure scale parsers: bytes in, grams or a reason out."""
from __future__ import annotations

import pytest

from devices.errors import ScaleError, ScaleFailure
from devices.scale_protocols import protocol_named
from devices.scale_protocols.base import Reading, to_grams

STX = b"\x02"


def sma(status: str, mode: str, motion: str, weight: str, unit: str) -> bytes:
    """<LF> s r n m f, ten weight characters, three unit characters (as the SMA standard)."""
    return f"\n{status}1{mode}{motion} {weight:>10}{unit:<3}".encode()


def continuous(swa: int, swb: int, swc: int, weight: str, tare: str = "000000") -> bytes:
    return STX + bytes([swa, swb, swc]) + weight.encode() + tare.encode()


WEIGHTS = [
    # protocol, options, frame, expected reading
    ("mt-sics", {}, b"S S     100.00 g", Reading(100, True)),
    ("mt-sics", {}, b"S S      1.2345 kg", Reading(1235, True)),
    ("mt-sics", {}, b"SI D      0.503 kg", Reading(503, False)),
    ("mt-sics", {}, b"S S     -12.00 g", Reading(-12, True)),
    ("mt-sics", {}, b"S S       2.000 lb", Reading(907, True)),
    ("toledo-continuous", {}, continuous(0x34, 0x30, 0x20, "001234"), Reading(12340, True)),
    ("toledo-continuous", {}, continuous(0x35, 0x30, 0x20, "001234"), Reading(1234, True)),
    ("toledo-continuous", {}, continuous(0x35, 0x38, 0x20, "001234"), Reading(1234, False)),
    ("toledo-continuous", {}, continuous(0x35, 0x33, 0x20, "000250"), Reading(-250, True, net=True)),
    ("toledo-continuous", {}, continuous(0x34, 0x20, 0x20, "000100"), Reading(454, True)),  # 1.00 lb
    ("toledo-continuous", {}, continuous(0x32, 0x20, 0x21, "000750"), Reading(750, True)),  # grams
    ("toledo-continuous", {}, continuous(0xB4, 0xB0, 0xA0, "001234"), Reading(12340, True)),  # parity bits
    ("toledo-8213", {}, STX + b"02.20", Reading(998, True)),
    ("toledo-8213", {"unit": "kg"}, STX + b"01.234", Reading(1234, True)),
    ("sma", {}, sma(" ", "G", " ", "5.025", "lb"), Reading(2279, True)),
    ("sma", {}, sma(" ", "G", "M", "7.650", "kg"), Reading(7650, False)),
    ("sma", {}, sma("Z", "G", " ", "0.000", "kg"), Reading(0, True)),
    ("sma", {}, sma(" ", "N", " ", "250.000", "g"), Reading(250, True, net=True)),
    ("generic-stream", {}, b"ST,GS,+0001.234kg", Reading(1234, True)),
    ("generic-stream", {}, b"US,GS,+0001.234kg", Reading(1234, False)),
    ("generic-stream", {}, b"ST,NT,-0000.120kg", Reading(-120, True, net=True)),
    ("generic-stream", {}, b"ST,GS,+   12.5 g", Reading(13, True)),
    ("generic-stream", {"unit": "g"}, b"ST,GS,+000850", Reading(850, True)),
]


@pytest.mark.parametrize("protocol,options,frame,expected", WEIGHTS)
def test_weight_frames_parse_to_grams(protocol, options, frame, expected) -> None:
    assert protocol_named(protocol, **options).parse_weight(frame) == expected


FAILURES = [
    ("mt-sics", b"S I", ScaleFailure.IN_MOTION),
    ("mt-sics", b"S +", ScaleFailure.OVERLOAD),
    ("mt-sics", b"S -", ScaleFailure.UNDERLOAD),
    ("mt-sics", b"ES", ScaleFailure.ERROR),
    ("mt-sics", b"ET", ScaleFailure.ERROR),
    ("mt-sics", b"EL", ScaleFailure.ERROR),
    ("mt-sics", b"S S 12.0 furlongs", ScaleFailure.ERROR),
    ("toledo-continuous", continuous(0x34, 0x34, 0x20, "999999"), ScaleFailure.OVERLOAD),
    ("toledo-continuous", continuous(0x34, 0x36, 0x20, "000001"), ScaleFailure.UNDERLOAD),
    ("toledo-continuous", STX + b"4 0 12", ScaleFailure.ERROR),
    ("toledo-8213", STX + b"?" + bytes([0x41]), ScaleFailure.IN_MOTION),
    ("toledo-8213", STX + b"?" + bytes([0x42]), ScaleFailure.OVERLOAD),
    ("toledo-8213", STX + b"?" + bytes([0x44]), ScaleFailure.UNDERLOAD),
    ("toledo-8213", STX + b"12x4", ScaleFailure.ERROR),
    ("sma", sma("O", "G", " ", "9999.999", "kg"), ScaleFailure.OVERLOAD),
    ("sma", sma("U", "G", " ", "-1.000", "kg"), ScaleFailure.UNDERLOAD),
    ("sma", sma("E", "G", " ", "----------", "kg"), ScaleFailure.ERROR),
    ("sma", b"\n 1G", ScaleFailure.ERROR),
    ("generic-stream", b"OL,GS,+9999.999kg", ScaleFailure.OVERLOAD),
    ("generic-stream", b"garbage", ScaleFailure.ERROR),
]


@pytest.mark.parametrize("protocol,frame,reason", FAILURES)
def test_refusals_say_why(protocol, frame, reason) -> None:
    with pytest.raises(ScaleError) as caught:
        protocol_named(protocol).parse_weight(frame)
    assert caught.value.reason is reason


ACKS = [
    ("mt-sics", "Z", b"Z A", None),
    ("mt-sics", "Z", b"Z I", ScaleFailure.IN_MOTION),
    ("mt-sics", "Z", b"Z +", ScaleFailure.OVERLOAD),
    ("mt-sics", "T", b"T S    100.0 g", None),
    ("mt-sics", "T", b"T -", ScaleFailure.UNDERLOAD),
    ("mt-sics", "T", b"Z A", ScaleFailure.ERROR),
    ("toledo-8213", "Z", STX + b"?" + bytes([0x50]), None),
    ("toledo-8213", "Z", STX + b"?" + bytes([0x41]), ScaleFailure.IN_MOTION),
    ("sma", "Z", sma("Z", "G", " ", "0.000", "kg"), None),
    ("sma", "Z", sma(" ", "G", "M", "0.120", "kg"), ScaleFailure.IN_MOTION),
    ("sma", "T", sma("T", "G", " ", "----------", "kg"), ScaleFailure.ERROR),
]


@pytest.mark.parametrize("protocol,command,frame,reason", ACKS)
def test_zero_and_tare_replies(protocol, command, frame, reason) -> None:
    parser = protocol_named(protocol)
    if reason is None:
        parser.parse_ack(command, frame)
    else:
        with pytest.raises(ScaleError) as caught:
            parser.parse_ack(command, frame)
        assert caught.value.reason is reason


@pytest.mark.parametrize("value,unit,grams", [
    ("1.234", "kg", 1234), ("0.0005", "kg", 1), ("0.0004", "kg", 0), ("1", "lb", 454),
    ("16", "oz", 454), ("2500", "mg", 3), ("0.001", "t", 1000), ("12", "G", 12),
])
def test_units_convert_to_whole_grams(value, unit, grams) -> None:
    assert to_grams(value, unit) == grams


def test_request_bytes_are_the_documented_commands() -> None:
    sics = protocol_named("mt-sics")
    assert (sics.request_stable(), sics.request_now(), sics.request_zero(), sics.request_tare()) == (
        b"S\r\n", b"SI\r\n", b"Z\r\n", b"T\r\n")
    assert protocol_named("toledo-8213").request_now() == b"W"
    assert protocol_named("sma").request_now() == b"\nW\r"
    assert protocol_named("toledo-continuous").request_zero() is None


def test_unknown_protocol_names_the_choices() -> None:
    from devices.errors import DeviceConfigError

    with pytest.raises(DeviceConfigError, match="mt-sics"):
        protocol_named("mettler")

"""Issue 18, property-based: whatever a scanner sends - any text, any AIM identifier, GS1
element strings with bad check digits, garbled command barcodes - the scan parser and the
scan rules give an answer (a Scan or nothing, a GS1 reading with its errors, a Decision with a
message for the packer), never an exception."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.commands import Command, command_for
from app.gs1 import GS, GS1_SYMBOLOGIES, Gs1Reading, interpret_gs1
from app.packing.api import ScanOutcome
from app.packing.reasons import QUESTIONS, reason_for
from app.packing.scan_rules import PendingSerial, apply, decide, label_code
from app.scanning.layout import retype
from devices.intake import ScanIntake
from tests.unit.packing.test_scan_rules import HEADPHONES, SSCC, FakeCatalogue, order_1042

SYMBOLOGIES = [None, "]E0", "]E3", "]E4", "]C0", "]X0", "]A0", *sorted(GS1_SYMBOLOGIES)]
digits = st.text(alphabet="0123456789", min_size=1, max_size=30)
# Text that looks like what scanners send: GS1 element strings, GTINs, SSCCs, commands, junk.
scans = st.one_of(
    st.text(max_size=60),
    digits,
    st.builds(lambda ai, value, more: ai + value + GS + more,
              st.sampled_from(["01", "00", "10", "17", "21", "15", "02", "37", "310", "3103", "99", "8200"]),
              st.text(alphabet="0123456789ABC-/", max_size=20), st.text(alphabet="0123456789", max_size=20)),
    st.sampled_from([c.value for c in Command]).map(lambda v: v.lower()),
    st.sampled_from([SSCC, "00" + SSCC, "RA123456785DE", "4006381333931", "14006381333938", "0885909950805"]),
    st.builds(lambda a, b: a + b, st.sampled_from(["]C1", "]E0", "]d2", "]Q3", "]Zz"]), st.text(max_size=40)),
)
states = st.builds(
    lambda locked, serial: order_1042(locked=locked, lock_message="Wrong item." if locked else None,
                                      pending_serial=PendingSerial(HEADPHONES, 2) if serial else None),
    st.booleans(), st.booleans())


@settings(max_examples=500, deadline=None)
@given(raw=scans, substitute=st.sampled_from([None, "~", "|", "^"]))
def test_any_raw_read_becomes_a_scan_or_nothing(raw: str, substitute: str | None) -> None:
    scan = ScanIntake("prop", dedupe_window_s=0, gs_substitute=substitute).make_scan(raw, 0.0)
    assert scan is None or (scan.data and (scan.symbology is None or len(scan.symbology) == 3))


@settings(max_examples=500, deadline=None)
@given(data=scans, symbology=st.sampled_from(SYMBOLOGIES), separators=st.sampled_from([(GS,), (GS, "~")]))
def test_any_scan_reads_as_gs1_or_not_with_its_errors_told(data: str, symbology: str | None,
                                                           separators: tuple[str, ...]) -> None:
    reading = interpret_gs1(data, symbology, separators)
    assert isinstance(reading, Gs1Reading)
    assert all(isinstance(e, str) and e for e in reading.errors)
    reading.as_dict()  # JSON-ready whatever was read


@settings(max_examples=500, deadline=None)
@given(data=scans)
def test_commands_reasons_and_label_codes_answer_any_text(data: str) -> None:
    command = command_for(data)
    assert command is None or command.value == data.strip().upper()
    for question in QUESTIONS:
        reason = reason_for(question, data)
        assert reason is None or reason.barcode == data.strip().upper()
    code = label_code(data)
    assert code is None or code.isalnum()
    retype(data, "de", "us")


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(state=states, data=scans, symbology=st.sampled_from(SYMBOLOGIES))
def test_any_scan_at_the_pack_is_a_decision_with_words_for_the_packer(state, data: str,
                                                                     symbology: str | None) -> None:
    decision = decide(state, data, symbology, FakeCatalogue())
    assert isinstance(decision.outcome, ScanOutcome)
    assert decision.message.strip()
    after = apply(state, decision, scan_id=1)
    assert all(0 <= line.scanned for line in after.lines)
    if state.locked:
        assert decision.outcome in (ScanOutcome.ACKNOWLEDGED, ScanOutcome.LOCKED)

"""Issue 13: how the station behaves when a shift does not go to plan - every question has a
way out, a serial number is asked for as a question, only the awaited label is taken, no
label states a wrong parcel count, scans during the lock are named, packers hand over an
open order knowingly, and the next step is always said. Against the in-memory fakes."""
from __future__ import annotations

import pypdfium2 as pdfium

from app.commands import Command
from app.packing.api import ScanOutcome
from app.packing.reasons import CANCEL, REPRINT_REASONS
from app.ports import Scan
from app.station.core import IDLE_WARNING_S, StationCore
from app.station.devices import StationDevices
from app.station.state import Level, QuestionKind, Sound, Step
from printing.documents import label_and_slip_jobs
from tests.unit.station.fakes import (
    LAMP, MUG, PEN, FakeClock, FakePackingApi, FakeRecords, InlineExecutor, RecordingPrinter, probe_of,
)
from tests.unit.station.test_core import Bench, make_bench, pack_everything, packing


def serial_bench() -> Bench:
    bench = packing(make_bench())
    bench.api.serial_skus.add("MUG-BLUE")
    bench.scan(MUG)
    assert bench.state.pack.awaiting_serial_for == "MUG-BLUE"
    return bench


def closed_calls(bench: Bench) -> int:
    return sum(1 for name, _ in bench.api.calls if name == "close_parcel")


# --- item 3: every question has an explicit cancel; nothing gets stuck ------------------------

def test_cancel_scanned_on_the_partial_prompt_goes_back_and_is_no_badge_attempt() -> None:
    bench = packing(make_bench())
    bench.core.ask(QuestionKind.PARTIAL)
    bench.scan(CANCEL)
    assert bench.state.question is None and bench.state.step is Step.PACK
    assert not [c for c in bench.api.calls if c[0] == "ship_partial"]


def test_cancel_scanned_on_the_exit_prompt_keeps_the_station_open() -> None:
    bench = make_bench()
    bench.core.ask(QuestionKind.EXIT)
    bench.scan(CANCEL)
    assert bench.state.question is None and bench.state.exit_authorised_by is None
    assert bench.records.approvals == []


def test_a_badge_prompt_refusal_names_cancel() -> None:
    bench = make_bench()
    bench.core.ask(QuestionKind.EXIT)
    bench.scan("BADGE-ALICE")
    assert "CANCEL" in bench.state.message.text


def test_close_box_while_a_serial_is_asked_is_refused_and_names_cancel() -> None:
    bench = serial_bench()
    bench.scan(Command.CLOSE_BOX.value)
    bench.core.close_box()  # the touch button as well
    assert closed_calls(bench) == 0 and bench.state.step is Step.PACK
    assert "SERIAL NUMBER of MUG-BLUE" in bench.state.message.text and "CANCEL" in bench.state.message.text
    assert bench.state.message.level is Level.ERROR


def test_partial_while_a_serial_is_asked_is_refused() -> None:
    bench = serial_bench()
    bench.core.ask(QuestionKind.PARTIAL)
    assert bench.state.question is None
    assert "PARTIAL was not started" in bench.state.message.text and "CANCEL" in bench.state.message.text


def test_the_cancel_button_ends_a_serial_request_and_then_the_box_closes() -> None:
    bench = serial_bench()
    bench.core.cancel_question()
    assert bench.state.pack.awaiting_serial_for is None and ("record_scan", CANCEL) in bench.api.calls
    bench.scan(PEN)
    bench.scan(Command.CLOSE_BOX.value)
    assert closed_calls(bench) == 1


def test_log_out_and_in_shows_the_serial_request_again_and_it_can_be_cancelled() -> None:
    bench = serial_bench()
    bench.core.logout(confirmed=True)
    bench.scan("BADGE-ALICE")
    assert bench.state.pack.awaiting_serial_for == "MUG-BLUE"
    bench.scan(CANCEL)
    assert bench.state.pack.awaiting_serial_for is None and bench.state.lock is None


# --- item 4: CLOSE BOX refused for another reason than the weight stays on the pack screen ---

def test_close_box_on_an_empty_parcel_without_a_scale_stays_on_the_pack_screen() -> None:
    bench = packing(make_bench())
    bench.scan(Command.CLOSE_BOX.value)
    assert bench.state.step is Step.PACK and bench.state.weighing is None
    assert "empty" in bench.state.message.text and bench.state.message.level is Level.ERROR


# --- item 5: no label states a wrong parcel count ----------------------------------------------

def real_paper_bench() -> tuple[Bench, RecordingPrinter]:
    api = FakePackingApi({"PD-1001": {"MUG-BLUE": 2, "PEN-RED": 1}})
    printer, records, clock = RecordingPrinter(), FakeRecords(), FakeClock()
    slips = RecordingPrinter("memory:documents")
    devices = StationDevices(label_printer=printer, document_printer=slips,
                             probes={"label printer": probe_of(printer)})
    core = StationCore(api, devices, label_and_slip_jobs, records, clock, io=InlineExecutor(), checks=InlineExecutor())
    return Bench(core, api, records, printer, clock), slips


def pdf_text(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def test_a_two_parcel_order_prints_1_of_2_and_2_of_2_when_its_last_parcel_closes() -> None:
    bench, slips = real_paper_bench()
    packing(bench)
    bench.scan(MUG)
    bench.scan(Command.CLOSE_BOX.value)
    assert bench.printer.jobs == [] and bench.state.step is Step.PACK  # the count is not known yet
    assert "Write 1 on the box" in bench.state.message.text
    bench.scan(MUG)
    bench.scan(PEN)
    bench.scan(Command.CLOSE_BOX.value)
    labels = [job for job in bench.printer.jobs]
    assert [job.name for job in labels] == ["PD-1001-parcel1-label-v1", "PD-1001-parcel2-label-v1"]
    assert b"1 of 2" in labels[0].data and b"2 of 2" in labels[1].data
    assert b"of 1" not in labels[0].data
    assert [("1 of 2" in pdf_text(job.data), "2 of 2" in pdf_text(job.data)) for job in slips.jobs] == [
        (True, False), (False, True)]
    assert bench.state.step is Step.CONFIRM and bench.state.printing.parcel_count == 2


def test_both_held_labels_are_scanned_back_before_the_order_is_packed() -> None:
    bench, _ = real_paper_bench()
    packing(bench)
    bench.scan(MUG)
    bench.scan(Command.CLOSE_BOX.value)
    bench.scan(MUG)
    bench.scan(PEN)
    bench.scan(Command.CLOSE_BOX.value)
    first, second = (p.sscc for p in bench.state.pack.parcels)
    bench.scan("00" + first)
    assert bench.state.step is Step.CONFIRM and bench.state.pack is not None
    bench.scan("00" + second)
    assert bench.state.pack is None and bench.api.orders["PD-1001"].status == "packed"


# --- item 7: scans during the lock are named --------------------------------------------------

def test_scans_during_the_lock_sound_and_are_named_on_the_lock_screen_and_after_ack() -> None:
    bench = packing(make_bench())
    bench.scan(LAMP)
    bench.scan(MUG)
    assert bench.state.message.sound is Sound.ERROR
    assert f"ignored: {MUG}; scan it again after ACK" in bench.state.lock
    bench.scan(PEN)
    assert f"ignored: {PEN}; scan it again after ACK" in bench.state.lock
    bench.scan(Command.ACK.value)
    assert bench.state.lock is None and bench.state.ignored == ()
    assert MUG in bench.state.message.text and PEN in bench.state.message.text
    assert "2 scans were ignored" in bench.state.message.text and "Scan them again" in bench.state.message.text


# --- item 11: hand-over between packers -------------------------------------------------------

def test_the_idle_logout_is_announced_with_the_open_order_and_a_touch_keeps_the_packer() -> None:
    bench = packing(make_bench())
    bench.clock.advance(bench.core.idle_timeout_s - IDLE_WARNING_S + 1)
    bench.core.tick()
    assert bench.state.user is not None
    assert "logged out in" in bench.state.message.text and "PD-1001" in bench.state.message.text
    bench.core.touch()
    bench.clock.advance(IDLE_WARNING_S)
    bench.core.tick()
    assert bench.state.user is not None
    bench.clock.advance(bench.core.idle_timeout_s)
    bench.core.tick()
    assert bench.state.user is None and "PD-1001" in bench.state.message.text


def test_the_next_packer_is_told_they_take_over_a_half_packed_order() -> None:
    bench = packing(make_bench())
    bench.scan(MUG)
    bench.core.logout(confirmed=True)
    bench.scan("BADGE-SAM")
    text = bench.state.message.text
    assert text.startswith("Hello Sam Supervisor.") and "TAKING OVER order PD-1001 from Alice Packer" in text
    assert "1 of 3 units" in text


def test_after_a_restart_the_next_packer_is_still_told_they_take_over() -> None:
    before = packing(make_bench())
    before.scan(MUG)  # then the station restarts: a new core, the same database
    bench = make_bench(api=before.api)
    bench.scan("BADGE-SAM")
    assert "TAKING OVER order PD-1001 from Alice Packer" in bench.state.message.text
    assert bench.state.message.sound is Sound.ERROR
    again = make_bench(api=before.api)  # and once more: Sam holds it now
    again.scan("BADGE-SAM")
    assert "TAKING OVER" not in again.state.message.text and "Resumed order PD-1001" in again.state.message.text


def test_an_order_taken_over_in_its_lock_says_so_on_the_lock_screen() -> None:
    bench = packing(make_bench())
    bench.scan(LAMP)  # locks
    bench.core.logout(confirmed=True)
    bench.scan("BADGE-SAM")
    lock = bench.state.lock
    assert "LAMP-GREEN" in lock.split("\n\n")[0]  # why it is locked, first
    assert "TAKING OVER order PD-1001 from Alice Packer" in lock  # and whose order it was, not hidden behind it
    bench.scan(Command.ACK.value)
    assert bench.state.lock is None


def test_the_same_packer_back_is_not_told_of_a_take_over() -> None:
    bench = packing(make_bench())
    bench.core.logout(confirmed=True)
    bench.scan("BADGE-ALICE")
    assert "TAKING OVER" not in bench.state.message.text and "Resumed order PD-1001" in bench.state.message.text


def test_log_out_mid_order_asks_and_cancel_keeps_packing() -> None:
    bench = packing(make_bench())
    bench.core.logout()
    assert bench.state.question.kind is QuestionKind.LOGOUT and "PD-1001" in bench.state.question.detail
    bench.scan(CANCEL)
    assert bench.state.question is None and bench.state.user is not None and bench.state.step is Step.PACK
    bench.core.logout()
    bench.core.answer("confirm")
    assert bench.state.user is None and bench.state.step is Step.LOGIN


def test_log_out_at_home_does_not_ask() -> None:
    bench = make_bench()
    bench.scan("BADGE-ALICE")
    bench.scan(Command.LOGOUT.value)
    assert bench.state.user is None and bench.state.question is None


# --- item 12: the next step is always said ----------------------------------------------------

def test_the_last_unit_scanned_says_close_box() -> None:
    bench = packing(make_bench())
    bench.scan(MUG)
    assert "CLOSE BOX" not in bench.state.message.text
    bench.scan(MUG)
    bench.scan(PEN)
    assert bench.state.message.text.endswith("Every unit is scanned: scan CLOSE BOX.")


def test_a_product_scanned_on_the_label_screen_is_refused_not_put_in_the_next_parcel() -> None:
    bench = packing(make_bench(PD_1001={"MUG-BLUE": 1}))
    bench.scan(MUG)
    bench.scan(Command.CLOSE_BOX.value)
    assert bench.state.step is Step.CONFIRM
    scans_before = len(bench.api.calls)
    bench.scan(MUG)
    assert bench.api.calls[scans_before:] == []  # never reached the pack
    assert "waits for the label of parcel 1" in bench.state.message.text
    assert bench.state.message.sound is Sound.ERROR and (MUG, "refused") in bench.records.prompt_scans


def test_the_label_screen_shows_what_is_in_the_parcel_and_a_reprint_says_so() -> None:
    bench, _ = real_paper_bench()
    packing(bench)
    pack_everything(bench)
    bench.scan(Command.CLOSE_BOX.value)
    assert bench.state.printing.reprint is None
    bench.scan(Command.REPRINT.value)
    bench.core.answer(next(r for r in REPRINT_REASONS if r.code == "damaged").code)
    assert bench.state.printing.reprint == "REPRINT - label version 2: Label damaged"
    assert bench.state.printing.message.startswith("Reprinted label for parcel 1 of 1")


def test_cancel_at_home_says_there_is_nothing_to_cancel_and_claims_nothing() -> None:
    bench = make_bench()
    bench.scan("BADGE-ALICE")
    bench.scan(CANCEL)
    assert bench.state.step is Step.HOME and "Nothing to cancel" in bench.state.message.text
    assert not [c for c in bench.api.calls if c[0] == "start_pack"]


def test_a_serial_request_is_not_shown_as_a_success() -> None:
    bench = serial_bench()
    assert bench.state.message.level is Level.INFO and bench.state.message.sound is None


def test_a_partial_shipment_after_a_held_parcel_prints_its_label_as_1_of_1() -> None:
    bench, _ = real_paper_bench()
    packing(bench)
    bench.scan(MUG)
    bench.scan(Command.CLOSE_BOX.value)
    assert bench.printer.jobs == []
    bench.core.ask(QuestionKind.PARTIAL)
    bench.scan("BADGE-SAM")
    bench.core.answer("out_of_stock")  # the supervisor says why
    assert [job.name for job in bench.printer.jobs] == ["PD-1001-parcel1-label-v1"]
    assert b"1 of 1" in bench.printer.jobs[0].data and bench.state.step is Step.CONFIRM


def test_next_during_a_pack_names_what_the_pack_screen_offers() -> None:
    bench = packing(make_bench())
    bench.scan(Command.NEXT.value)
    assert bench.state.message.level is Level.ERROR
    assert "CLOSE BOX" in bench.state.message.text and "PROBLEM" in bench.state.message.text
    assert bench.state.pack.order_number == "PD-1001"


def test_a_label_request_without_a_known_parcel_count_is_never_rendered() -> None:
    import pytest

    from printing.errors import DocumentError

    api = FakePackingApi({"PD-1001": {"MUG-BLUE": 2}})
    api.start_pack(None, "PD-1001")  # type: ignore[arg-type]
    api.record_scan("PD-1001", None, Scan(MUG))  # type: ignore[arg-type]
    closed = api.close_parcel("PD-1001", None)  # type: ignore[arg-type]
    assert closed.label.parcel_count is None
    with pytest.raises(DocumentError, match="cannot say how many parcels the order has yet"):
        label_and_slip_jobs(closed.label)

"""The station core's rules, driven as the screens and scanners drive it, against in-memory
fakes: no database, no Qt, no threads."""
from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from app.commands import Command
from app.packing.api import ScanOutcome
from app.packing.reasons import BOX_REASONS, CANCEL, OVERRIDE_REASONS, PROBLEM_REASONS, REPRINT_REASONS
from app.ports import DeviceState, Scan
from app.station.core import StationCore
from app.station.devices import StationDevices
from app.station.state import Level, QuestionKind, Sound, Step
from app.station.questions import reasons_of
from tests.unit.station.fakes import (
    BOX_L, LAMP, MUG, PEN, FakeClock, FakePackingApi, FakeRecords, FakeScale, InlineExecutor, RecordingPrinter,
    probe_of, render,
)


@dataclass
class Bench:
    """A station core with its fakes."""

    core: StationCore
    api: FakePackingApi
    records: FakeRecords
    printer: RecordingPrinter
    clock: FakeClock

    def scan(self, data: str) -> None:
        self.core.scan(Scan(data))

    @property
    def state(self):  # type: ignore[no-untyped-def]
        return self.core.snapshot()


def make_bench(scale: FakeScale | None = None, api: FakePackingApi | None = None, **orders: dict[str, int]) -> Bench:
    """A station core with its fakes; given `api`, a new station process on the same "database"."""
    api = api or FakePackingApi({k.replace("_", "-"): v for k, v in orders.items()} or None)
    printer, records, clock = RecordingPrinter(), FakeRecords(), FakeClock()
    devices = StationDevices(scale=scale, label_printer=printer, probes={"label printer": probe_of(printer)})
    core = StationCore(api, devices, render, records, clock, io=InlineExecutor(), checks=InlineExecutor())
    return Bench(core, api, records, printer, clock)


@pytest.fixture
def bench() -> Bench:
    return make_bench()


def packing(bench: Bench) -> Bench:
    bench.scan("BADGE-ALICE")
    bench.scan("PD-1001")
    return bench


def pack_everything(bench: Bench) -> None:
    for code in (MUG, MUG, PEN):
        bench.scan(code)


def test_a_badge_logs_in_and_shows_home(bench) -> None:
    bench.scan("BADGE-ALICE")
    assert bench.state.user.username == "alice" and bench.state.step is Step.HOME
    assert bench.state.home.queue_size == 1
    assert bench.state.message.text == "Hello Alice Packer." and bench.state.message.level is Level.OK


def test_an_unknown_badge_stays_on_login_and_names_it(bench) -> None:
    bench.scan("BADGE-NOBODY")
    assert bench.state.user is None and bench.state.step is Step.LOGIN
    assert "BADGE-NOBODY" in bench.state.message.text and bench.state.message.sound is Sound.ERROR


def test_a_login_resumes_the_order_this_station_still_holds(bench) -> None:
    packing(bench)
    bench.scan(MUG)
    bench.scan(Command.LOGOUT.value)
    assert bench.state.question.kind is QuestionKind.LOGOUT  # mid-order, LOG OUT asks first
    bench.scan(Command.LOGOUT.value)
    assert bench.state.step is Step.LOGIN and bench.state.pack is None
    bench.scan("BADGE-ALICE")
    assert bench.state.step is Step.PACK and bench.state.pack.order_number == "PD-1001"
    assert bench.state.pack.units_scanned == 1 and "Resumed order PD-1001" in bench.state.message.text


def test_a_whole_order_is_packed_printed_and_confirmed(bench) -> None:
    packing(bench)
    pack_everything(bench)
    assert bench.state.pack.all_scanned
    bench.scan(Command.CLOSE_BOX.value)
    assert bench.state.step is Step.CONFIRM and bench.state.printing.ok is True
    assert [job.name for job in bench.printer.jobs] == ["PD-1001-parcel1-label-v1", "PD-1001-parcel1-slip"]
    bench.scan("00" + bench.state.pack.parcels[0].sscc)
    assert bench.state.pack is None and bench.state.step is Step.HOME
    assert bench.state.message.text == "Order packed: ready for shipment." and bench.state.message.sound is Sound.DONE
    assert bench.api.orders["PD-1001"].status == "packed"


def test_a_wrong_item_locks_the_station_until_ack(bench) -> None:
    packing(bench)
    bench.scan(LAMP)
    assert bench.state.scan.result.outcome is ScanOutcome.WRONG_ITEM
    assert "LAMP-GREEN" in bench.state.lock and bench.state.message.sound is Sound.LOCK
    bench.scan(MUG)
    assert bench.state.scan.result.outcome is ScanOutcome.LOCKED and bench.state.pack.units_scanned == 0
    bench.core.acknowledge()
    assert bench.state.lock is None
    bench.scan(MUG)
    assert bench.state.pack.units_scanned == 1


def test_next_with_an_empty_queue_says_so_and_stays_home(bench) -> None:
    bench.api.queue.clear()
    bench.scan("BADGE-ALICE")
    bench.scan(Command.NEXT.value)
    assert bench.state.step is Step.HOME and bench.state.pack is None
    assert bench.state.message.text == "The queue is empty: nothing to pack."


def test_next_claims_the_first_order_of_the_queue(bench) -> None:
    bench.scan("BADGE-ALICE")
    bench.core.next_order()
    assert bench.state.step is Step.PACK and bench.state.pack.order_number == "PD-1001"


def test_a_box_other_than_the_suggestion_asks_why_and_a_scanned_reason_answers(bench) -> None:
    packing(bench)
    bench.scan(BOX_L)
    question = bench.state.question
    assert question.kind is QuestionKind.BOX_REASON and bench.state.screen == "box_reason"
    assert question.detail == "Suggested: Box S. You scanned: Box L."  # names, not a code beside a name
    bench.scan(MUG)  # not an answer: refused and recorded, not packed
    assert "answer the question first" in bench.state.question.refusal and bench.state.pack.units_scanned == 0
    fragile = next(r for r in BOX_REASONS if r.code == "fragile")
    bench.scan(fragile.barcode)
    assert bench.state.question is None and bench.state.step is Step.PACK
    assert bench.api.calls[-1] == ("choose_box", (BOX_L, "Fragile: more padding"))
    assert bench.records.prompt_scans == [(MUG, "refused"), (fragile.barcode, "reason")]


def test_cancel_closes_a_question_where_it_was_asked(bench) -> None:
    packing(bench)
    pack_everything(bench)
    bench.scan(Command.CLOSE_BOX.value)
    bench.scan(Command.REPRINT.value)
    assert bench.state.screen == "reprint"
    bench.scan(CANCEL)
    assert bench.state.question is None and bench.state.step is Step.CONFIRM


def test_weighing_fails_then_weigh_again_closes_the_parcel() -> None:
    bench = packing(make_bench(scale=FakeScale(RuntimeError("in motion"), 480)))
    pack_everything(bench)
    bench.core.close_box()
    assert bench.state.step is Step.WEIGH and bench.state.weighing.error
    assert "No stable weight: in motion" in bench.state.weighing.text
    assert ("close_parcel", 480) not in bench.api.calls
    bench.core.close_box()  # WEIGH AGAIN
    assert ("close_parcel", 480) in bench.api.calls and bench.state.step is Step.CONFIRM


def test_a_weight_out_of_tolerance_stops_the_parcel_on_the_weigh_screen() -> None:
    bench = packing(make_bench(scale=FakeScale(900)))
    pack_everything(bench)
    bench.core.close_box()
    assert bench.state.step is Step.WEIGH and bench.state.weighing.error
    assert "out of tolerance" in bench.state.weighing.text and bench.state.message.sound is Sound.LOCK
    assert bench.printer.jobs == []


def test_a_print_failure_offers_retry_which_prints_the_same_label_version_once(bench) -> None:
    packing(bench)
    pack_everything(bench)
    bench.printer.fail_with = "connection refused"
    bench.scan(Command.CLOSE_BOX.value)
    assert bench.state.step is Step.PRINT and bench.state.printing.ok is False
    # words a packer can act on; the printer's own answer apart, for the administrator
    assert "did not print" in bench.state.printing.message and "RETRY" in bench.state.printing.message
    assert "memory:label" not in bench.state.printing.message and "address" not in bench.state.printing.message
    assert bench.state.printing.detail == "Printer memory:label: connection refused"
    assert bench.state.device("label printer").state is DeviceState.DISCONNECTED
    bench.printer.fail_with = None
    bench.core.retry_print()
    bench.core.retry_print()  # a second press once printed does nothing
    assert bench.state.step is Step.CONFIRM
    assert [job.name for job in bench.printer.jobs] == ["PD-1001-parcel1-label-v1", "PD-1001-parcel1-slip"]
    assert [(label["version"], label["status"]) for label in bench.api.labels.values()] == [(1, "printed")]


def test_a_label_that_never_reached_its_printer_prints_when_the_printer_returns(bench) -> None:
    packing(bench)
    pack_everything(bench)
    bench.printer.fail_with = "connection refused"
    bench.scan(Command.CLOSE_BOX.value)
    bench.core.tick()  # the printer is checked at once: still missing
    bench.printer.fail_with = None
    bench.clock.advance(1)
    bench.core.tick()  # back: the waiting label goes out without RETRY
    assert bench.state.step is Step.CONFIRM and len(bench.printer.jobs) == 2


def test_the_device_strip_never_says_ok_after_a_failed_print_until_a_label_prints(bench) -> None:
    packing(bench)
    pack_everything(bench)
    bench.printer.jobs_fail_with = "File exists"
    bench.scan(Command.CLOSE_BOX.value)
    assert bench.state.printing.ok is False
    bench.core.tick()  # the printer's status answers "ready"; its last print failed all the same
    label_printer = bench.state.device("label printer")
    assert label_printer.state is DeviceState.ERROR and "last print failed: File exists" in label_printer.message
    bench.printer.jobs_fail_with = None
    bench.core.retry_print()
    assert bench.state.step is Step.CONFIRM
    assert bench.state.device("label printer").state is DeviceState.CONNECTED


def test_a_failed_label_can_go_to_the_stations_other_printer_as_a_pdf(bench) -> None:
    documents = RecordingPrinter("memory:documents")
    bench.core.devices.document_printer = documents
    packing(bench)
    pack_everything(bench)
    bench.printer.fail_with = "connection refused"
    bench.scan(Command.CLOSE_BOX.value)
    assert bench.state.printing.ok is False and bench.state.printing.other_printer == "memory:documents"
    bench.core.print_on_other_printer()
    assert bench.state.step is Step.CONFIRM
    assert [(job.name, job.content_type) for job in documents.jobs] == [
        ("PD-1001-parcel1-label-v1", "application/pdf"), ("PD-1001-parcel1-slip", "application/pdf")]
    assert bench.printer.jobs == []
    assert [(label["version"], label["status"]) for label in bench.api.labels.values()] == [(1, "printed")]


def test_without_a_second_printer_nothing_else_is_offered(bench) -> None:
    packing(bench)
    pack_everything(bench)
    bench.printer.fail_with = "connection refused"
    bench.scan(Command.CLOSE_BOX.value)
    assert bench.state.printing.other_printer == ""
    bench.core.print_on_other_printer()
    assert bench.state.step is Step.PRINT and bench.state.printing.ok is False


def test_reprint_with_a_reason_prints_a_second_version_without_a_slip(bench) -> None:
    packing(bench)
    pack_everything(bench)
    bench.scan(Command.CLOSE_BOX.value)
    bench.scan(Command.REPRINT.value)
    damaged = next(r for r in REPRINT_REASONS if r.code == "damaged")
    bench.core.answer(damaged.code)
    assert ("reprint_label", "Label damaged") in bench.api.calls
    assert [job.name for job in bench.printer.jobs][-1] == "PD-1001-parcel1-label-v2"
    assert bench.state.step is Step.CONFIRM
    # both label versions and the slip, as printed, go to the archive
    assert [job.name for job in bench.api.kept] == ["PD-1001-parcel1-label-v1", "PD-1001-parcel1-slip",
                                                     "PD-1001-parcel1-label-v2"]
    assert [job for job in bench.api.kept if "label" in job.name] == [
        job for job in bench.printer.jobs if "label" in job.name]


def test_problem_puts_the_order_on_hold_and_frees_the_station(bench) -> None:
    packing(bench)
    bench.scan(Command.PROBLEM.value)
    assert bench.state.screen == "problem" and bench.state.message.text == "PROBLEM: choose what is wrong."
    missing = next(r for r in PROBLEM_REASONS if r.code == "missing")
    bench.scan(missing.barcode)
    assert bench.api.calls[-1] == ("report_problem", ("missing", "Item missing"))
    assert bench.state.pack is None and bench.state.step is Step.HOME and bench.state.question is None


def test_a_partial_shipment_needs_a_supervisor_badge(bench) -> None:
    packing(bench)
    bench.scan(MUG)
    bench.core.ask(QuestionKind.PARTIAL)
    bench.scan("BADGE-ALICE")  # a packer cannot approve
    assert bench.state.screen == "partial" and "supervisor" in bench.state.message.text
    bench.scan("BADGE-SAM")
    assert bench.state.question.kind is QuestionKind.OVERRIDE_REASON  # approved: now why
    assert not any(call[0] == "ship_partial" for call in bench.api.calls)
    bench.scan(OUT_OF_STOCK.barcode)
    assert bench.state.question is None and bench.state.step is Step.PACK
    assert bench.api.calls[-1] == ("ship_partial", ("BADGE-SAM", "out_of_stock"))
    lines = {line.sku: line for line in bench.state.pack.lines}
    assert lines["MUG-BLUE"].backordered == 1 and lines["PEN-RED"].backordered == 1


OUT_OF_STOCK = next(r for r in OVERRIDE_REASONS if r.code == "out_of_stock")


def test_the_override_reason_is_asked_after_the_supervisors_pin_and_cancel_ships_nothing(bench) -> None:
    packing(bench)
    bench.scan(MUG)
    bench.core.ask(QuestionKind.PARTIAL)
    bench.core.authorise("1234")  # a wrong PIN: refused, the reason is not asked
    assert bench.state.question.kind is QuestionKind.PARTIAL and "not a supervisor's" in bench.state.message.text
    bench.core.authorise("4711")
    question = bench.state.question
    assert question.kind is QuestionKind.OVERRIDE_REASON and "Approved by sam for order PD-1001" in question.detail
    assert [r.code for r in reasons_of(question.kind)] == ["out_of_stock", "damaged", "customer_request",
                                                          "carrier_cutoff", "other"]
    assert bench.records.checks == [("partial shipment", "1234"), ("partial shipment", "4711")]
    bench.scan(MUG)  # not a reason: refused and recorded, the question stays
    assert bench.state.question.kind is QuestionKind.OVERRIDE_REASON and bench.state.question.refusal
    bench.scan(CANCEL)
    assert bench.state.question is None and bench.state.step is Step.PACK
    assert not any(call[0] == "ship_partial" for call in bench.api.calls)
    assert bench.records.prompt_scans[-2:] == [(MUG, "refused"), (CANCEL, "reason")]
    bench.core.ask(QuestionKind.PARTIAL)  # asked again: the approval cancelled before is not kept
    bench.core.answer("other")
    assert bench.state.question.kind is QuestionKind.PARTIAL
    assert not any(call[0] == "ship_partial" for call in bench.api.calls)


def test_a_command_scanned_at_a_supervisor_question_is_refused_not_tried_as_a_badge(bench) -> None:
    packing(bench)
    bench.scan(MUG)
    bench.core.ask(QuestionKind.PARTIAL)
    bench.scan(Command.CLOSE_BOX.value)
    assert bench.state.screen == "partial" and "not a supervisor's badge" in bench.state.question.refusal
    assert not any(call[0] == "ship_partial" for call in bench.api.calls)  # no badge attempt used up
    bench.scan(CANCEL)
    assert bench.state.question is None and bench.state.step is Step.PACK
    assert bench.records.prompt_scans == [(Command.CLOSE_BOX.value, "refused"), (CANCEL, "reason")]


def test_home_names_the_backorder_when_a_partial_shipment_is_packed(bench) -> None:
    packing(bench)
    bench.scan(MUG)
    bench.core.ask(QuestionKind.PARTIAL)
    bench.scan("BADGE-SAM")
    bench.core.answer("customer_request")  # the reason by touch
    bench.scan(Command.CLOSE_BOX.value)
    bench.scan("00" + bench.state.pack.parcels[0].sscc)
    assert bench.state.step is Step.HOME
    text = bench.state.message.text
    assert "ready for shipment" in text and "2 units on backorder" in text, text
    assert "1 x Mug-Blue" in text and "1 x Pen-Red" in text  # the fake names its products after their SKUs


def test_closing_the_kiosk_needs_a_supervisor_badge_or_pin(bench) -> None:
    bench.scan("BADGE-ALICE")
    bench.core.ask(QuestionKind.EXIT)
    bench.scan("BADGE-ALICE")
    assert bench.state.exit_authorised_by is None and bench.state.screen == "exit"
    bench.core.authorise("4711")
    assert bench.state.exit_authorised_by == "sam"
    assert bench.records.approvals == [("kiosk exit", None), ("kiosk exit", "sam")]


def test_cancelling_the_exit_returns_to_the_step_it_was_asked_on(bench) -> None:
    bench.core.ask(QuestionKind.EXIT)
    bench.core.cancel_question()
    assert bench.state.question is None and bench.state.step is Step.LOGIN


def test_idle_logout_after_the_timeout_keeps_the_order_claimed(bench) -> None:
    packing(bench)
    bench.clock.advance(599)
    bench.core.tick()
    assert bench.state.user is not None
    bench.clock.advance(1)
    bench.core.tick()
    assert bench.state.user is None and bench.state.step is Step.LOGIN
    assert bench.api.calls[-1] == ("logout", "Logged out after being idle.") and bench.api.held == "PD-1001"


def test_a_scan_restarts_the_idle_timeout(bench) -> None:
    packing(bench)
    bench.clock.advance(500)
    bench.scan(MUG)
    bench.clock.advance(500)
    bench.core.tick()
    assert bench.state.user is not None


def test_the_lease_is_renewed_every_third_of_its_length_while_an_order_is_open(bench) -> None:
    packing(bench)  # lease_seconds 90: renewed every 30 s
    bench.clock.advance(29)
    bench.core.tick()
    assert ("renew_lease", "PD-1001") not in bench.api.calls
    bench.clock.advance(1)
    bench.core.tick()
    bench.clock.advance(30)
    bench.core.tick()
    assert bench.api.calls.count(("renew_lease", "PD-1001")) == 2


def test_no_lease_is_renewed_once_the_order_left_the_station(bench) -> None:
    packing(bench)
    bench.scan(Command.PROBLEM.value)
    bench.core.answer("missing")
    bench.clock.advance(60)
    bench.core.tick()
    assert ("renew_lease", "PD-1001") not in bench.api.calls


def test_the_device_settings_open_for_a_supervisor_and_scans_there_never_pack(bench) -> None:
    bench.scan("BADGE-ALICE")
    bench.core.open_device_settings()
    bench.scan("BADGE-ALICE")  # a packer's badge is refused
    assert bench.state.step is Step.DEVICES and bench.state.supervisor is None
    bench.scan("PD-1001")  # not an order here: a refused badge
    assert bench.state.pack is None
    bench.core.authorise("4711")
    assert bench.state.supervisor == "sam"
    bench.scan(MUG)  # a read for the scan test
    assert bench.state.test_scan.scan.data == MUG and bench.state.pack is None
    assert bench.records.approvals == [("device settings", None), ("device settings", None),
                                       ("device settings", "sam")]
    bench.core.leave_device_settings()
    assert bench.state.step is Step.HOME and bench.state.supervisor is None
    bench.scan("PD-1001")
    assert bench.state.pack.order_number == "PD-1001"


def test_an_idle_logout_closes_the_device_settings(bench) -> None:
    bench.scan("BADGE-ALICE")
    bench.core.open_device_settings()
    bench.scan("BADGE-SAM")
    bench.clock.advance(600)
    bench.core.tick()
    assert bench.state.step is Step.LOGIN and bench.state.supervisor is None


def test_a_failed_weighing_has_the_scale_checked_at_the_next_tick() -> None:
    bench = packing(make_bench(scale=FakeScale(RuntimeError("scale /dev/ttyUSB0: disconnected"))))
    checked = []
    bench.core.devices.probes["scale"] = lambda: checked.append("scale") or (DeviceState.DISCONNECTED, "gone")
    bench.core.watch = type(bench.core.watch)(["scale"])
    bench.core.tick()
    bench.clock.advance(20)
    pack_everything(bench)
    bench.core.close_box()
    bench.core.tick()
    assert checked == ["scale", "scale"]
    assert bench.state.device("scale").state is DeviceState.DISCONNECTED


def test_a_scale_closed_on_purpose_is_not_shown_missing() -> None:
    from app.ports import DeviceStatus

    bench = make_bench(scale=FakeScale())
    bench.core.watch = type(bench.core.watch)(["scale"])
    before = bench.state.device("scale")
    bench.core.device_status(DeviceStatus("scale", "/dev/ttyUSB0", DeviceState.DISCONNECTED, "closed"))
    assert bench.state.device("scale") == before and before.message == "checking..."
    bench.core.device_status(DeviceStatus("scale", "/dev/ttyUSB0", DeviceState.DISCONNECTED, "port lost"))
    assert bench.state.device("scale").message == "port lost"


def test_a_failure_on_the_document_printer_names_that_printer() -> None:
    """The label sent to the document printer failed: the packer is sent to that printer,
    not told to check the label printer's labels and lid."""
    from app.ports import PrintResult
    from app.station import labels

    request = SimpleNamespace(parcel_seq=1, parcel_count=1, version=1, reason=None, lines=(), label_id=1)
    refused = PrintResult(False, "ipp://office/printers/a4", "connection refused")
    said = labels.printed(request, refused, "document printer").message  # type: ignore[arg-type]
    assert "The document printer did not answer" in said and "paper" in said and "lid" not in said
    assert "has labels and its lid is closed" in labels.printed(request, refused).message  # type: ignore[arg-type]


def test_leaving_the_device_settings_returns_to_the_open_order(bench) -> None:
    """DEVICES opened in the middle of an order: BACK is the pack screen of that order, not home."""
    packing(bench)
    bench.core.open_device_settings()
    bench.core.authorise("4711")
    assert bench.state.step is Step.DEVICES
    bench.core.leave_device_settings()
    assert bench.state.step is Step.PACK and bench.state.pack.order_number == "PD-1001"

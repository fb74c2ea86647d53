"""The station core's questions (a supervisor's approval, a reason, the kiosk exit, a
partial shipment, PROBLEM) and the device settings screen they guard."""
from __future__ import annotations

import logging
from dataclasses import replace

from app.commands import Command, command_for
from app.errors import PackdeskError
from app.packing.api import BoxChoice
from app.packing.people import PARTIAL_SHIPMENT
from app.packing.reasons import ANSWERED, CANCEL, REFUSED, Reason
from app.packing.scan_rules import is_cancel
from app.ports import Scan
from app.station.questions import (
    DEVICE_SETTINGS, KIOSK_EXIT, answered, is_station_code, override_reason_question, reason_scanned, reasons_of,
    refusal,
)
from app.station.state import WORK_STEPS, Level, Question, QuestionKind, ScanTestRead, Sound, Step
from app.translator import phrase

log = logging.getLogger(__name__)


class QuestionFlow:
    """StationCore's questions; its methods run on the core's thread like the rest."""

    # --- questions -------------------------------------------------------------------------

    def ask(self, kind: QuestionKind, detail: str = "") -> None:
        """Open a question (PROBLEM, REPRINT, PARTIAL by touch; EXIT when the window is closed)."""
        self.touch()
        if kind is QuestionKind.PARTIAL and self._serial_asked(phrase("PARTIAL was not started")):
            return
        current = self.state.question
        back = current.back_to if current is not None else self.state.step
        if kind is not QuestionKind.EXIT and back not in WORK_STEPS:
            back = Step.PACK if self.state.pack is not None else Step.HOME
        self._set(question=Question(kind, detail, back_to=back))

    def _ask_box_reason(self, choice: BoxChoice, barcode: str) -> None:
        self.ask(QuestionKind.BOX_REASON, phrase("Suggested: %(suggested)s. You scanned: %(scanned)s.",
                                                 suggested=choice.suggested_name or choice.suggested_code or "-",
                                                 scanned=choice.box_name or choice.box_code))
        self._set(question=replace(self.state.question, box=choice, box_barcode=barcode))  # type: ignore[arg-type]

    def cancel_question(self) -> None:
        """CANCEL: back where the question was asked (or, with no question open, the serial
        number the pack waits for is no longer asked)."""
        self.touch()
        question = self.state.question
        if question is None:
            pack = self.state.pack
            if pack is not None and (pack.awaiting_serial_for or pack.awaiting_quantity_for):
                self._pack_call(lambda o, u: self._show_scan(self.api.record_scan(o, u, Scan(CANCEL))))
            return
        back = question.back_to
        self._approval = ""  # an override cancelled at its reason is not approved
        if question.kind is not QuestionKind.EXIT and self.state.pack is None:
            back = Step.HOME if self.state.user is not None else Step.LOGIN
        self._set(question=None, step=back)

    def answer(self, code: str) -> None:
        """A reason chosen by touch or number key."""
        self.touch()
        question = self.state.question
        reasons = reasons_of(question.kind) if question is not None else ()
        reason = next((r for r in reasons if r.code == code), None)
        if question is None or reason is None:
            log.info("answer %r ignored: no question takes it", code)
            return
        self._take_answer(question, reason)

    def _take_answer(self, question: Question, reason: Reason) -> None:
        self._set(question=None, step=question.back_to if question.back_to in WORK_STEPS else self.state.step)
        if question.kind is QuestionKind.BOX_REASON:
            self._set(step=Step.PACK)
            self.choose_box(question.box_barcode, reason.text)
        elif question.kind is QuestionKind.REPRINT:
            self._reprint(reason.text)
        elif question.kind is QuestionKind.PROBLEM:
            self._report_problem(reason.code, reason.text)
        elif question.kind is QuestionKind.LOGOUT:
            self._leave(phrase("Logged out."))
        elif question.kind is QuestionKind.OVERRIDE_REASON:
            approval, self._approval = self._approval, ""
            self._ship_partial(approval, reason)

    def authorise(self, badge_or_pin: str) -> None:
        """A typed PIN (or a badge) for the open supervisor question or the device settings."""
        self.touch()
        question = self.state.question
        if question is not None and question.kind is QuestionKind.EXIT:
            self._authorise_exit(badge_or_pin)
        elif question is not None and question.kind is QuestionKind.PARTIAL:
            self._approve_partial(question, badge_or_pin)
        elif self.state.step is Step.DEVICES:
            self._authorise_device_settings(badge_or_pin)

    def _scan_during_question(self, question: Question, scan: Scan) -> None:
        if question.kind is QuestionKind.LOGOUT and command_for(scan.data) is Command.LOGOUT:
            self._leave(phrase("Logged out."))
            return
        if question.kind in (QuestionKind.EXIT, QuestionKind.PARTIAL) and (
                is_cancel(scan.data) or is_station_code(scan.data)):
            self._not_a_badge(question, scan)
            return
        if question.kind is QuestionKind.EXIT:
            self._authorise_exit(scan.data)
            return
        if question.kind is QuestionKind.PARTIAL:
            if self.state.user is None:
                self._error(phrase("Scan your badge first."))
            else:
                self._approve_partial(question, scan.data)
            return
        reason = reason_scanned(question.kind, scan.data)
        user = self.state.user.username if self.state.user else None
        order = self.state.pack.order_number if self.state.pack else None
        if reason is not None or is_cancel(scan.data):
            self.records.record_prompt_scan(user, order, scan.data, scan.symbology, ANSWERED,
                                            answered(question.kind, reason))
            if reason is None:
                self.cancel_question()
            else:
                self._take_answer(question, reason)
            return
        text = refusal(scan.data)
        self.records.record_prompt_scan(user, order, scan.data, scan.symbology, REFUSED, text)
        self._set(question=replace(question, refusal=text))
        self._error(text)

    def _not_a_badge(self, question: Question, scan: Scan) -> None:
        """CANCEL closes a supervisor question; another code of the command sheet is refused on
        the prompt, and is no badge attempt (it never counts against the PIN guesses)."""
        user = self.state.user.username if self.state.user else None
        order = self.state.pack.order_number if self.state.pack else None
        if is_cancel(scan.data):
            self.records.record_prompt_scan(user, order, scan.data, scan.symbology, ANSWERED, answered(question.kind, None))
            self.cancel_question()
            self._say(phrase("Cancelled."))
            return
        text = phrase("%(code)s is not a supervisor's badge: a supervisor scans their badge or types the PIN - or "
                      "scan CANCEL.", code=scan.data)
        self.records.record_prompt_scan(user, order, scan.data, scan.symbology, REFUSED, text)
        self._set(question=replace(question, refusal=text))
        self._error(text)

    def _authorise_exit(self, badge_or_pin: str) -> None:
        who = self.records.authorise_supervisor(badge_or_pin, KIOSK_EXIT)
        if who is None:
            self._error(phrase("That is not a supervisor's badge or PIN: the station stays open. A supervisor "
                               "scans their badge or types the PIN - or touch CANCEL (or scan CANCEL) to go back."))
            return
        log.warning("station closing, authorised by %s", who)
        self._set(question=None, exit_authorised_by=who)

    def _approve_partial(self, question: Question, badge: str) -> None:
        """A supervisor's badge or PIN on the partial shipment prompt: then the reason is asked."""
        order = self.state.pack.order_number if self.state.pack else None
        try:
            who = self.records.check_supervisor(badge, PARTIAL_SHIPMENT, order)
        except PackdeskError as exc:
            self._error(phrase("%(problem)s Or touch CANCEL (or scan CANCEL) to go back to packing.",
                               problem=str(exc)))
            return
        self._approval = badge
        self._set(question=override_reason_question(question, who, order))

    def _ship_partial(self, badge: str, reason: Reason) -> None:
        def call(order: str, user: object) -> None:
            try:
                partial_shipment = self.api.ship_partial(order, badge, user, reason)  # type: ignore[arg-type]
            except PackdeskError as exc:
                self._error(str(exc))
                return
            self._set(question=None, step=Step.PACK)
            if partial_shipment.pack is not None:
                self._show_pack(partial_shipment.pack)
            self._say(partial_shipment.message, Level.OK, Sound.ACCEPT)
            held = self._held_label()
            if held is not None:  # the parcels closed before now know their count: print their labels
                self._print(self.api.label_request(held))
        self._pack_call(call)

    def _report_problem(self, kind: str, reason: str) -> None:
        def call(order: str, user: object) -> None:
            problem = self.api.report_problem(order, kind, reason, user)  # type: ignore[arg-type]
            self._free(problem.message)
        self._pack_call(call)

    # --- device settings -------------------------------------------------------------------

    def open_device_settings(self) -> None:
        """The supervisor's device screen (its badge or PIN is asked first)."""
        self.touch()
        self._set(step=Step.DEVICES, supervisor=None, question=None)

    def leave_device_settings(self) -> None:
        """BACK from the device screen."""
        self.touch()
        if self.state.step is Step.DEVICES:
            back = Step.LOGIN if self.state.user is None else Step.PACK if self.state.pack is not None else Step.HOME
            self._set(step=back, supervisor=None)  # an open order is where the packer left it

    def _scan_in_device_settings(self, scan: Scan) -> None:
        if self.state.supervisor is None:
            self._authorise_device_settings(scan.data)
        else:
            self._seq += 1  # a read for the screen's scan test, never a packing scan
            self._set(test_scan=ScanTestRead(self._seq, scan))

    def _authorise_device_settings(self, badge_or_pin: str) -> None:
        who = self.records.authorise_supervisor(badge_or_pin, DEVICE_SETTINGS)
        if self.state.step is not Step.DEVICES:
            return
        if who is None:
            self._error(phrase("That is not a supervisor's badge or PIN."))
        else:
            self._set(supervisor=who)

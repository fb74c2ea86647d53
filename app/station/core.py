"""The station's core: one owner of who is logged in, the open order, the step and the open
question; what every scan and touch means; the weigh and print workflow; device health; the
idle logout and the lease renewal. StationCore is one class in five modules: this one (scans,
people, home, the pack, device health), offline_sync.py, picker_routing.py, question_flow.py
and print_flow.py (its parts, mixed in; they share its state and thread). Every method runs on the core's one thread (runner.py);
the use cases are reached only through PackingApi, devices through ports, and the screens
only see the snapshots it publishes."""
from __future__ import annotations

import logging
from dataclasses import replace
from functools import partial

from app import words
from app.commands import Command, command_for
from app.errors import DatabaseUnavailable, PackdeskError
from app.languages import chosen_language
from app.packing.api import HomeSummary, PackingApi, PackSnapshot, ScanOutcome, ScanResult
from app.packing.reasons import REFUSED
from app.packing.scan_rules import is_cancel, is_this_order, label_code
from app.picking.api import PickingApi
from app.picking.flow import PickerFlow, PickingSnapshot
from app.ports import DeviceState, DeviceStatus, Scan
from app.station.devices import DATABASE, LABEL_PRINTER, StationDevices
from app.station.health import DeviceWatch
from app.station.offline_sync import OfflineSync
from app.station.picker_routing import PickerRouting
from app.station.ports import DocumentRenderer, Executor, MonotonicClock, OfflineSwitch, StationRecords
from app.station.print_flow import PrintFlow, awaiting_scan_back, complete
from app.station.question_flow import QuestionFlow
from app.station.state import (
    WORK_STEPS, Level, Message, PrintState, Question, QuestionKind, ScanDone, Sound, StationSnapshot, Step, WeighState,
)
from app.translator import Translator, listed, phrase, plural_phrase

log = logging.getLogger(__name__)

ACCEPT_OUTCOMES = (ScanOutcome.ACCEPTED, ScanOutcome.ACKNOWLEDGED, ScanOutcome.UNDONE, ScanOutcome.BOX)
REFUSED_OUTCOMES = (ScanOutcome.LOCKED, ScanOutcome.NOTHING_TO_UNDO, ScanOutcome.SERIAL_REFUSED,
                    ScanOutcome.QUANTITY_REFUSED)
QUESTION_OUTCOMES = (ScanOutcome.NEEDS_SERIAL, ScanOutcome.NEEDS_QUANTITY)  # asked, not yet counted: not green
NOTICE_OUTCOMES = (ScanOutcome.THIS_ORDER,)  # nothing done and nothing wrong: said, without a sound
NEXT_ONLY_AT_HOME = phrase("NEXT works on the home screen only: finish this order with CLOSE BOX, or press "
                           "PROBLEM to put it on hold for a supervisor.")
IDLE_WARNING_S = 30.0  # the idle logout is announced this long before it happens
LABEL_STEPS = (Step.PRINT, Step.CONFIRM)  # the label screens: a label is awaited, not a product


class StationCore(OfflineSync, PickerRouting, QuestionFlow, PrintFlow):
    """The station's behaviour; `snapshot` is what it looks like now."""

    def __init__(self, api: PackingApi, devices: StationDevices, render: DocumentRenderer, records: StationRecords,
                 clock: MonotonicClock, io: Executor, checks: Executor,
                 idle_timeout_s: float | None = None, lease_interval_s: float | None = None,
                 database_checks: Executor | None = None, picking: PickingApi | None = None,
                 offline: OfflineSwitch | None = None, language: str | None = None) -> None:
        self.api, self.devices, self.records = api, devices, records
        self.offline = offline  # the offline journal behind `api` (issue 17), when the station has one
        self._database_up = False
        # What the packer reads, in the logged-in user's language, else the station's ([station] language)
        self.station_language = chosen_language(language)
        self.translator = Translator(self.station_language)
        self.picker = PickerFlow(picking) if picking is not None else None  # a picker's login picks here
        self.render = render
        self.clock, self.io, self.checks = clock, io, checks
        # The database's check on a thread of its own: a connect that hangs must not delay the scale's.
        self.database_checks = database_checks or checks
        settings = api.settings
        self.idle_timeout_s = float(idle_timeout_s if idle_timeout_s is not None else settings.idle_timeout_seconds)
        self.lease_interval_s = float(lease_interval_s if lease_interval_s is not None
                                      else max(10, settings.lease_seconds // 3))
        initial = {status.device: status for status in devices.statuses()}  # the last word on each device
        self.state = StationSnapshot(station_code=api.station_code, devices=tuple(initial.values()),
                                     language=self.station_language)
        self.watch = DeviceWatch(devices.watched())
        self._last_activity = clock()
        self._lease_due: float | None = None
        self._label_waits_for_printer = False  # a label never reached its printer: print it when it returns
        self._last_print_failed: dict[str, str] = {}  # printer -> its answer, until a print there succeeds
        self._seq = 0
        self._idle_warned = False
        self._left_open: tuple[str, str, str] | None = None  # (username, name, order) of a packer who left one
        self._approval = ""  # the badge or PIN that approved the override whose reason is asked (never shown)

    # --- publishing ------------------------------------------------------------------------

    def snapshot(self) -> StationSnapshot:
        """The station as it stands now."""
        if self.offline is not None:
            status = self.offline.status()
            if status != self.state.offline:
                was_offline = self.state.offline is not None and self.state.offline.offline
                if status is not None and status.offline and not was_offline:  # it just switched: watch the database
                    self._database_up = False
                    self.watch.check_soon(DATABASE)
                self._set(offline=status)
        return self.state

    def _set(self, **changes: object) -> None:
        self.state = replace(self.state, **self._in_language(changes))  # type: ignore[arg-type]

    def _in_language(self, changes: dict[str, object]) -> dict[str, object]:
        """The words of a change said in the user's language (the core composes them as Phrases)."""
        say = self.translator.say
        lock, question, printing, weighing = (changes.get(k) for k in ("lock", "question", "printing", "weighing"))
        if isinstance(lock, str):
            changes["lock"] = say(lock)
        if isinstance(question, Question):
            changes["question"] = replace(question, detail=say(question.detail),
                                          refusal=say(question.refusal) if question.refusal else question.refusal)
        if isinstance(printing, PrintState):
            changes["printing"] = replace(printing, message=say(printing.message),
                                          reprint=say(printing.reprint) if printing.reprint else printing.reprint)
        if isinstance(weighing, WeighState):
            changes["weighing"] = replace(weighing, text=say(weighing.text))
        picking = changes.get("picking")
        if isinstance(picking, PickingSnapshot):
            changes["picking"] = replace(picking, prompt=say(picking.prompt),
                                         lock=say(picking.lock) if picking.lock else picking.lock)
        return changes

    def _speak_to(self, user: object | None) -> None:
        """The language of the person logged in (their badge's), else the station's."""
        language = chosen_language(getattr(user, "language", None), self.station_language)
        if language != self.translator.language:
            self.translator = Translator(language)
        self._set(language=language)

    def _say(self, text: str, level: Level = Level.INFO, sound: Sound | None = None) -> None:
        self._seq += 1
        self._set(message=Message(self._seq, self.translator.say(text), level, sound))

    def _error(self, text: str) -> None:
        self._say(text, Level.ERROR, Sound.ERROR)

    def _cue(self, sound: Sound) -> None:
        """A sound with no new words: the screen in front already says what happened."""
        self._say("", Level.INFO, sound)

    def failed(self, exc: BaseException) -> None:
        """An input ended in an unexpected error (the database went away, a bug)."""
        self._database_failed(exc)
        self._error(phrase("The station could not finish that: %(problem)s", problem=str(exc)))

    def _database_failed(self, exc: BaseException) -> None:
        """The database let an input down: check it now, so the screens say so until it is back."""
        if isinstance(exc, DatabaseUnavailable):
            self.watch.check_soon(DATABASE)

    # --- input: scans ----------------------------------------------------------------------

    def scan(self, scan: Scan) -> None:
        """Every scan, from every scanner, in arrival order."""
        self.touch()
        question = self.state.question
        if question is not None:
            self._scan_during_question(question, scan)
        elif self.state.step is Step.DEVICES:
            self._scan_in_device_settings(scan)
        else:
            try:
                self._route(scan)
            except PackdeskError as exc:
                self._database_failed(exc)
                self._error(str(exc))

    def _route(self, scan: Scan) -> None:
        if self.state.user is None:
            self._login(scan.data)
            return
        if self.state.step is Step.PICK and self.picker is not None:
            if command_for(scan.data) is Command.LOGOUT:
                self.logout()
            else:
                self._picked(self.picker.scan(scan.data, self.state.user.username))
            return
        if self.state.pack is not None:
            if self.state.step in LABEL_STEPS and self._not_for_the_label_screen(scan):
                return
            self._show_scan(self.api.record_scan(self.state.pack.order_number, self.state.user, scan))
            return
        command = command_for(scan.data)
        if is_cancel(scan.data):
            self._say(phrase("Nothing to cancel here: scan an order, a tote or NEXT."))
        elif command is Command.LOGOUT:
            self.logout()
        elif command is Command.NEXT:
            self.next_order()
        elif command is not None:
            self._error(phrase("%(command)s does nothing on the home screen: scan an order, a tote or NEXT.",
                               command=command.label))
        else:
            self._start(scan.data)

    # --- people ----------------------------------------------------------------------------

    def _login(self, badge: str) -> None:
        user = self.api.login(badge)
        self._speak_to(user)
        if user.role == "picker" and self.picker is not None:
            self.picker.reset()
            self._set(user=user, step=Step.PICK, picking=self.picker.state)
            self._last_activity = self.clock()
            self._say(phrase("Hello %(name)s. Scan a pick list.", name=user.display_name), Level.OK)
            return
        pack = self.api.resume_open_pack(user)
        self._set(user=user, step=Step.HOME)
        self._last_activity = self.clock()
        self._show_home(self.api.home_summary(user))
        left, self._left_open = self._left_open, None
        if pack is not None:
            self._show_pack(pack)
            if pack.pending_labels and complete(pack):  # held labels of parcels closed before still wait
                self._set(step=Step.PRINT, printing=PrintState(
                    pack.pending_labels[0].parcel_seq, pack.pending_labels[0].label_id, False,
                    phrase("This label was not printed before the restart: press RETRY.")))
            elif awaiting_scan_back(pack):
                self._set(step=Step.CONFIRM)
            progress = phrase("%(scanned)s of %(expected)s units scanned", scanned=pack.units_scanned,
                              expected=pack.units_expected)
            previous = pack.taken_over_from  # the database's word, after a restart too
            if previous is None and left is not None and left[0] != user.username and left[2] == pack.order_number:
                previous = left[1]
            if previous is not None:
                self._say(phrase("Hello %(name)s. You are TAKING OVER order %(order)s from %(previous)s, half-packed "
                                 "(%(progress)s): check the box against the screen, then carry on.",
                                 name=user.display_name, order=pack.order_number, previous=previous,
                                 progress=progress), Level.ERROR, Sound.ERROR)
            else:
                self._say(phrase("Hello %(name)s. Resumed order %(order)s (%(progress)s); every scan is kept: "
                                 "check the box against the screen, then carry on.",
                                 name=user.display_name, order=pack.order_number, progress=progress), Level.OK)
            if self.state.lock and self.state.message is not None:  # the lock's screen covers the greeting: on it too
                self._set(lock=f"{self.state.lock}\n\n{self.state.message.text}")
        else:
            self._say(phrase("Hello %(name)s.", name=user.display_name), Level.OK)

    def logout(self, reason: str = phrase("Logged out."), confirmed: bool = False) -> None:
        """LOG OUT by touch or scan: with an order open it asks first (the order stays here for the
        next packer); without one, or `confirmed`, the packer leaves at once."""
        self.touch()
        if (not confirmed and self.state.pack is not None and self.state.user is not None
                and (self.state.question is None or self.state.question.kind is not QuestionKind.LOGOUT)):
            self.ask(QuestionKind.LOGOUT, phrase(
                "Order %(order)s is open (%(scanned)s of %(expected)s units scanned). It stays at this station and "
                "whoever logs in next takes it over. Scan LOG OUT again or touch the button to log out; CANCEL to "
                "carry on packing.", order=self.state.pack.order_number, scanned=self.state.pack.units_scanned,
                expected=self.state.pack.units_expected))
            self._say(phrase("LOG OUT: confirm or CANCEL."))
            return
        self._leave(reason)

    def _leave(self, reason: str) -> None:
        """The packer leaves (a confirmed LOG OUT, or idle); an open pack stays claimed for resume."""
        user, pack = self.state.user, self.state.pack
        if user is not None:
            self.api.logout(user, reason)
            if pack is not None:
                self._left_open = (user.username, user.display_name, pack.order_number)
                reason = phrase("%(reason)s Order %(order)s stays open at this station: whoever logs in next "
                                "takes it over.", reason=reason, order=pack.order_number)
        self._lease_due = None
        if self.picker is not None:
            self.picker.reset()
        self._set(user=None, pack=None, home=None, lock=None, question=None, printing=None, weighing=None,
                  supervisor=None, step=Step.LOGIN, ignored=(), picking=None)
        self._say(reason)
        self._speak_to(None)

    def touch(self) -> None:
        """Activity (a scan or a touch): the idle logout starts counting again."""
        self._last_activity = self.clock()
        self._idle_warned = False

    def tick(self) -> None:
        """Time passed: the idle warning and logout, the lease renewal and the device checks that are due."""
        now = self.clock()
        idle = now - self._last_activity
        if self.state.user is not None and idle >= self.idle_timeout_s:
            self._leave(phrase("Logged out after being idle."))
        elif self.state.user is not None and not self._idle_warned and idle >= self.idle_timeout_s - self._warning_s():
            self._idle_warned = True
            left = max(1, round(self.idle_timeout_s - idle))
            if self.state.pack is not None:
                warning = phrase("No activity: you will be logged out in %(seconds)s s. Order %(order)s stays open "
                                 "at this station for the next packer. Scan or touch anything to stay.",
                                 seconds=left, order=self.state.pack.order_number)
            else:
                warning = phrase("No activity: you will be logged out in %(seconds)s s. Scan or touch anything "
                                 "to stay.", seconds=left)
            self._say(warning, Level.ERROR, Sound.ERROR)
        if self.state.pack is not None and self._lease_due is not None and now >= self._lease_due:
            self._lease_due = now + self.lease_interval_s
            self.api.renew_lease(self.state.pack.order_number)
        if self.offline is not None and self._database_up and self.state.offline is not None:
            self._sync()
        for name in self.watch.due_now(now):
            executor = self.database_checks if name == DATABASE else self.checks
            executor.submit(self.devices.check, name, then=partial(self._checked, name))

    def set_idle_timeout(self, seconds: float) -> None:
        """Change the idle logout (tests and the soak run)."""
        self.idle_timeout_s = seconds

    def _warning_s(self) -> float:
        return min(IDLE_WARNING_S, self.idle_timeout_s / 4)

    # --- home ------------------------------------------------------------------------------

    def next_order(self) -> None:
        """NEXT: claim the next order of the queue."""
        self.touch()
        if not self._at_home():
            return
        pack = self.api.start_next(self.state.user)  # type: ignore[arg-type]
        if pack is None:
            self._show_home(self.api.home_summary(self.state.user))  # type: ignore[arg-type]
            self._say(phrase("The queue is empty: nothing to pack."), Level.INFO, Sound.ACCEPT)
            return
        self._opened(pack)

    def _start(self, ref: str) -> None:
        try:
            pack = self.api.start_pack(self.state.user, ref)  # type: ignore[arg-type]
        except PackdeskError as exc:
            self._show_home(self.api.home_summary(self.state.user))  # type: ignore[arg-type]
            self._error(str(exc))
            return
        self._opened(pack)

    def _opened(self, pack: PackSnapshot) -> None:
        self._show_pack(pack)
        self._say(phrase("Order %(order)s: scan every unit.", order=pack.order_number), Level.OK, Sound.ACCEPT)

    def refresh_home(self) -> None:
        """Reload the home figures."""
        if self.state.user is not None:
            self._show_home(self.api.home_summary(self.state.user))

    def _at_home(self) -> bool:
        if self.state.user is None or self.state.pack is not None:
            self._error(NEXT_ONLY_AT_HOME if self.state.user else phrase("Scan your badge first."))
            return False
        return True

    # --- the pack --------------------------------------------------------------------------

    def acknowledge(self) -> None:
        """ACK by key or touch."""
        if self.state.step is Step.PICK and self.picker is not None:
            self.touch()
            self._picked(self.picker.acknowledge())
            return
        self._pack_call(lambda o, u: self._show_scan(self.api.acknowledge(o, u)))

    def undo(self) -> None:
        """UNDO by key or touch."""
        self._pack_call(lambda o, u: self._show_scan(self.api.undo_last_scan(o, u)))

    def choose_box(self, barcode: str, reason: str | None = None) -> None:
        """A box by touch, or the box with the reason it is not the suggestion."""
        def call(order: str, user: object) -> None:
            choice = self.api.choose_box(order, barcode, reason, user)  # type: ignore[arg-type]
            self._show_pack(self.api.snapshot(order))
            self._say(choice.message, Level.OK if choice.accepted else Level.ERROR,
                      Sound.ACCEPT if choice.accepted else Sound.ERROR)
            if choice.needs_reason and not choice.accepted:
                self._ask_box_reason(choice, barcode)
        self._pack_call(call)

    def _show_scan(self, r: ScanResult) -> None:
        sound = (Sound.LOCK if r.is_error else Sound.ACCEPT if r.outcome in ACCEPT_OUTCOMES
                 else Sound.ERROR if r.outcome in REFUSED_OUTCOMES else None)
        ignored = self.state.ignored
        if r.outcome is ScanOutcome.LOCKED:
            self._set(ignored=ignored + (r.data.replace("\x1d", " ").strip(),))
        if r.pack is not None and r.pack.status not in ("packed", "on_hold", "picked"):
            self._show_pack(r.pack)
        self._seq += 1
        self._set(scan=ScanDone(self._seq, r))
        level = (Level.ERROR if r.is_error or r.outcome in REFUSED_OUTCOMES
                 else Level.INFO if r.outcome in QUESTION_OUTCOMES + NOTICE_OUTCOMES else Level.OK)
        text = r.message
        if r.outcome is ScanOutcome.ACKNOWLEDGED and ignored:
            text = plural_phrase("%(said)s %(n)s scan was ignored during the lock: %(codes)s. Scan it again.",
                                 "%(said)s %(n)s scans were ignored during the lock: %(codes)s. Scan them again.",
                                 len(ignored), said=text, codes="; ".join(ignored))
        elif r.outcome is ScanOutcome.ACCEPTED and r.pack is not None and r.pack.all_scanned:
            text = phrase("%(said)s Every unit is scanned: scan CLOSE BOX.", said=text)
        self._say(text, level, sound)
        if r.box is not None and r.box.needs_reason:
            self._ask_box_reason(r.box, r.data)
        if r.confirmation is not None and r.confirmation.ok:
            if r.confirmation.all_confirmed:
                self._free(words.order_packed(self.state.pack), sound=Sound.DONE)
            elif self.state.pack is not None:
                self._set(step=Step.CONFIRM if awaiting_scan_back(self.state.pack) else Step.PACK)
        elif r.pack is None or r.pack.status in ("packed", "on_hold", "picked"):
            self._free(r.message)
        if r.command is Command.CLOSE_BOX:
            self.close_box()
        elif r.command is Command.LOGOUT:
            self.logout()
        elif r.command is Command.PROBLEM:
            self.ask(QuestionKind.PROBLEM)
            self._say(phrase("PROBLEM: choose what is wrong."))
        elif r.command is Command.REPRINT:
            self.ask(QuestionKind.REPRINT)
        elif r.command is Command.NEXT:
            self._error(NEXT_ONLY_AT_HOME)

    def _not_for_the_label_screen(self, scan: Scan) -> bool:
        """On the label screens only a label, a command or CANCEL is taken: a product scanned
        there is refused (and recorded), never put silently into the next parcel."""
        pack = self.state.pack
        data = scan.data.strip()
        if pack is None or command_for(data) is not None or is_cancel(data) or label_code(data) is not None:
            return False
        waiting = [p.seq for p in pack.parcels if p.status == "closed"]
        if not waiting:
            return False
        which = listed(waiting, lambda first, then: phrase("%(first)s and %(then)s", first=first, then=then))
        user = self.state.user.username if self.state.user else None
        if is_this_order(data, pack.order_number):  # its order sheet: nothing wrong, nothing done
            text = phrase("%(order)s is the order open here: the station waits for the label of parcel %(which)s. Put "
                          "the label on the parcel and scan it.", order=pack.order_number, which=which)
            self.records.record_prompt_scan(user, pack.order_number, scan.data, scan.symbology,
                                            ScanOutcome.THIS_ORDER.value, text)
            self._say(text, Level.INFO)
            return True
        text = phrase("%(code)s was not packed: the station waits for the label of parcel %(which)s. Put the label on "
                      "the parcel and scan it; then scan the items for the next parcel.", code=data, which=which)
        self.records.record_prompt_scan(user, pack.order_number, scan.data, scan.symbology, REFUSED, text)
        self._error(text)
        return True

    def _serial_asked(self, what: str) -> bool:
        """True (and says so) while the pack waits for a serial number."""
        pack = self.state.pack
        if pack is not None and pack.awaiting_quantity_for:
            self._error(phrase("%(what)s: the quantity of %(sku)s is still asked. Type it and press Enter, or "
                               "CANCEL to leave it out.", what=what, sku=pack.awaiting_quantity_for))
            return True
        if pack is None or not pack.awaiting_serial_for:
            return False
        self._error(phrase("%(what)s: the SERIAL NUMBER of %(sku)s is still asked. Scan it, or CANCEL to leave "
                           "that unit out.", what=what, sku=pack.awaiting_serial_for))
        return True

    def _show_home(self, summary: HomeSummary) -> None:
        self._set(home=summary)
        if self.state.pack is None and self.state.step in (Step.LOGIN, Step.HOME, *WORK_STEPS):
            self._set(step=Step.HOME)

    def _show_pack(self, pack: PackSnapshot) -> None:
        if self._lease_due is None:
            self._lease_due = self.clock() + self.lease_interval_s
        step = Step.PACK if self.state.step in (Step.LOGIN, Step.HOME) else self.state.step
        ignored = self.state.ignored if pack.locked else ()
        lock = self.translator.say(pack.lock_message) if pack.locked else None
        if lock is not None and ignored:
            say = self.translator.say
            lock += "\n\n" + "\n".join(say(phrase("ignored: %(code)s; scan it again after ACK", code=code))
                                        for code in ignored[-5:])
            if len(ignored) > 5:
                lock += "\n" + say(phrase("(and %(more)s more)", more=len(ignored) - 5))
        self._set(pack=pack, step=step, lock=lock, ignored=ignored)

    def _free(self, text: str, summary: HomeSummary | None = None, sound: Sound | None = Sound.ACCEPT) -> None:
        """The order left the station (packed, on hold, released): back home."""
        self._lease_due = None
        self._set(pack=None, lock=None, question=None, printing=None, weighing=None, step=Step.HOME, ignored=())
        if self.state.user is not None:
            self._show_home(summary or self.api.home_summary(self.state.user))
        self._say(text, Level.OK, sound)

    def _pack_call(self, call: object) -> None:
        self.touch()
        if self.state.pack is None or self.state.user is None:
            self._error(phrase("No order is open at this station."))
            return
        try:
            call(self.state.pack.order_number, self.state.user)  # type: ignore[operator]
        except PackdeskError as exc:
            self._error(str(exc))

    # --- device health ---------------------------------------------------------------------

    def device_status(self, status: DeviceStatus) -> None:
        """A device reported its own state (a scanner's reader, the scale's port)."""
        if status.device in self.watch.names:
            if status.message in ("closed", "stopped"):  # closed on purpose is not missing
                return
            if status.state is not DeviceState.CONNECTED:
                self.watch.check_soon(status.device)
        self._put_device(status)

    def check_device_soon(self, name: str) -> None:
        """Check a device at the next tick (after a test on the device screen)."""
        self.watch.check_soon(name)

    def _checked(self, name: str, outcome: object, error: BaseException | None) -> None:
        if error is not None:  # a broken driver must not end the watch
            log.error("checking the %s failed: %s", name, error)
            outcome = (DeviceState.ERROR, str(error))
        if outcome is None:
            self.watch.checked(name, None, self.clock())
            return
        state, message = outcome  # type: ignore[misc]
        self.watch.checked(name, state is DeviceState.CONNECTED, self.clock())
        if name == DATABASE:
            self._database_up = state is DeviceState.CONNECTED
        failed = self._last_print_failed.get(name)
        if state is DeviceState.CONNECTED and failed is not None and not self._label_waits_for_printer:
            # the printer answers its status, but the last label there failed: not "ok" until one prints
            state, message = DeviceState.ERROR, self.translator.say(
                phrase("answers, but the last print failed: %(problem)s", problem=failed))
        self._device(name, state, message)

    def _device(self, name: str, state: DeviceState, message: str = "") -> None:
        self._put_device(DeviceStatus(name, self.devices.address(name), state, message))

    def _put_device(self, status: DeviceStatus) -> None:
        old = self.state.device(status.device)
        if old == status:
            return
        devices = [status if d.device == status.device else d for d in self.state.devices]
        if old is None:
            devices.append(status)
        self._set(devices=tuple(devices))
        if (status.device == LABEL_PRINTER and status.state is DeviceState.CONNECTED
                and self._label_waits_for_printer and self.state.step is Step.PRINT):
            log.info("label printer %s is back: printing the waiting label", status.address)
            self.retry_print()

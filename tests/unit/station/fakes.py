"""Small in-memory fakes for the station core: a PackingApi that keeps one warehouse's orders
in dicts and records every call, printers and a scale that record what they were asked, and
an executor that runs device work at once. No database, no Qt."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone

from app.commands import Command, command_for
from app.packing.api import (
    BadgeNotRecognised, BoxChoice, BoxSuggestion, HomeSummary, LabelConfirmation, LabelRequest, LabelState,
    LineState, OrderNotFound, Packer, PackingSettings, PackLine, PackSnapshot, ParcelClosed, ParcelSnapshot,
    PartialShipment, ProblemReported, ScanOutcome, ScanResult, SupervisorRequired,
)
from app.packing.reasons import Reason
from app.addresses import AddressData
from app.identifiers import sscc
from app.ports import DeviceState, PrintJob, PrintResult, Scan, Weight

ALICE = Packer(1, "alice", "Alice Packer", "packer")
SAM = Packer(2, "sam", "Sam Supervisor", "supervisor")
BADGES = {"BADGE-ALICE": ALICE, "BADGE-SAM": SAM}
MUG, PEN, LAMP = "4006381333931", "4006381333948", "4006381333955"  # LAMP is in no order
SKUS = {MUG: "MUG-BLUE", PEN: "PEN-RED", LAMP: "LAMP-GREEN"}
BOX_S, BOX_L = "BOX-S", "BOX-L"
ADDRESS = AddressData("Ada Lovelace", ("1 Analytical Way",), "20095", "Hamburg", "DE")


@dataclass
class FakeOrder:
    """One order as the fake keeps it."""

    number: str
    lines: dict[str, int]  # sku -> units
    scanned: dict[str, int] = field(default_factory=dict)
    backordered: dict[str, int] = field(default_factory=dict)
    status: str = "picked"
    locked: str | None = None
    parcels: list[dict] = field(default_factory=list)  # seq, status, units, box, sscc, label
    awaiting_serial: str | None = None  # the SKU whose serial number the next scan is


class FakePackingApi:
    """PackingApi on dicts; `calls` lists (method, order) in call order."""

    station_code = "ST-UNIT"

    def __init__(self, orders: dict[str, dict[str, int]] | None = None, expected_weight_g: int = 500) -> None:
        self.settings = PackingSettings(station_code=self.station_code, lease_seconds=90, idle_timeout_seconds=600)
        self.orders = {n: FakeOrder(n, dict(lines)) for n, lines in (orders or {"PD-1001": {"MUG-BLUE": 2,
                                                                                           "PEN-RED": 1}}).items()}
        self.queue = list(self.orders)
        self.held: str | None = None  # the order this station holds (resume after a logout)
        self.held_for: Packer | None = None  # the person it holds it for
        self.expected_weight_g = expected_weight_g
        self.labels: dict[int, dict] = {}
        self.calls: list[tuple[str, object]] = []
        self.kept: list[PrintJob] = []  # the jobs record_label_result was given for the archive
        self.serial_skus: set[str] = set()  # SKUs that ask for a serial number after their barcode

    # --- people and home ---------------------------------------------------------------

    def login(self, badge: str) -> Packer:
        self.calls.append(("login", badge))
        if badge not in BADGES:
            raise BadgeNotRecognised(f"Badge {badge} is not an active user's: scan your own badge.")
        return BADGES[badge]

    def logout(self, user: Packer, reason: str = "logged out") -> None:
        self.calls.append(("logout", reason))

    def home_summary(self, user: Packer) -> HomeSummary:
        return HomeSummary(self.station_code, len(self.queue), 0, 0, 0, 0, None)

    def start_pack(self, user: Packer, ref: str) -> PackSnapshot:
        self.calls.append(("start_pack", ref))
        if ref not in self.queue:
            raise OrderNotFound(f"No order, tote or pick list {ref}: scan the order's number.")
        return self._claim(ref, user)

    def start_next(self, user: Packer) -> PackSnapshot | None:
        self.calls.append(("start_next", None))
        return self._claim(self.queue[0], user) if self.queue else None

    def _claim(self, number: str, user: Packer) -> PackSnapshot:
        self.queue.remove(number)
        self.held, self.held_for = number, user
        self.orders[number].status = "packing"
        return self.snapshot(number)

    def resume_open_pack(self, user: Packer) -> PackSnapshot | None:
        if not self.held:
            return None
        before, self.held_for = self.held_for, user
        previous = before.display_name if before is not None and before.username != user.username else None
        return replace(self.snapshot(self.held), taken_over_from=previous)

    def renew_lease(self, order: str) -> datetime:
        self.calls.append(("renew_lease", order))
        return datetime.now(timezone.utc)

    def release(self, order: str, user: Packer | None = None) -> None:
        self.held = None

    # --- the pack ----------------------------------------------------------------------

    def snapshot(self, order: str) -> PackSnapshot:
        o = self.orders[order]
        lines = tuple(PackLine(i, sku, sku.title(), None, qty, o.scanned.get(sku, 0), o.backordered.get(sku, 0),
                               False, False, LineState.DONE if o.scanned.get(sku, 0) >= qty else LineState.TODO)
                      for i, (sku, qty) in enumerate(o.lines.items(), 1))
        parcels = tuple(ParcelSnapshot(p["id"], p["seq"], p["status"], p["box"], p["units"], None, None, p["sscc"],
                                       None, self._label_state(p["label"]) if p["label"] else None)
                        for p in o.parcels)
        seq = next((p["seq"] for p in o.parcels if p["status"] == "open"), len(o.parcels) + 1)
        box = BoxSuggestion(BOX_S, BOX_S, "Small box", (300, 200, 100), 150, 5000)
        return PackSnapshot(order, o.status, self.station_code, "Ada Lovelace", "Packdesk Post", "standard", None,
                            False, None, None, None, lines, parcels, seq, None, o.locked is not None, o.locked,
                            o.awaiting_serial, box, (), None)

    def record_scan(self, order: str, user: Packer, scan: Scan) -> ScanResult:
        self.calls.append(("record_scan", scan.data))
        o = self.orders[order]
        command = command_for(scan.data)
        if command is Command.ACK:
            return self.acknowledge(order, user)
        if o.locked is not None:
            return self._result(order, ScanOutcome.LOCKED, f"Locked: {o.locked} Scan ACK first.", scan.data)
        if o.awaiting_serial is not None:  # the rules of app.packing.scan_rules, in short
            if command is Command.UNDO or scan.data == "PD-RSN-CANCEL":
                o.awaiting_serial = None
                return self._result(order, ScanOutcome.UNDONE, "Serial no longer asked.", scan.data)
            if command is Command.CLOSE_BOX or scan.data in SKUS:
                return self._result(order, ScanOutcome.SERIAL_REFUSED, "Not a serial number.", scan.data)
            if command is None:
                sku, o.awaiting_serial = o.awaiting_serial, None
                o.scanned[sku] = o.scanned.get(sku, 0) + 1
                self._open_parcel(o)["units"] += 1
                return self._result(order, ScanOutcome.ACCEPTED, f"{sku} serial {scan.data}.", scan.data)
        if command is not None:
            return self._result(order, ScanOutcome.COMMAND, command.label, scan.data, command=command)
        if scan.data in (BOX_S, BOX_L):
            choice = self.choose_box(order, scan.data, None, user)
            return self._result(order, ScanOutcome.BOX, choice.message, scan.data, box=choice)
        if scan.data.startswith("00"):
            return self._confirm(order, scan.data[2:])
        sku = SKUS.get(scan.data)
        if sku is None or sku not in o.lines:
            o.locked = f"{sku or scan.data} is not in order {order}."
            outcome = ScanOutcome.UNKNOWN if sku is None else ScanOutcome.WRONG_ITEM
            return self._result(order, outcome, o.locked, scan.data)
        if o.scanned.get(sku, 0) >= o.lines[sku]:
            o.locked = f"{sku}: every unit is scanned already."
            return self._result(order, ScanOutcome.OVER_SCAN, o.locked, scan.data)
        if sku in self.serial_skus:
            o.awaiting_serial = sku
            return self._result(order, ScanOutcome.NEEDS_SERIAL, f"Scan the SERIAL NUMBER of {sku}.", scan.data)
        o.scanned[sku] = o.scanned.get(sku, 0) + 1
        self._open_parcel(o)["units"] += 1
        return self._result(order, ScanOutcome.ACCEPTED, f"{sku}: 1 unit in.", scan.data)

    def acknowledge(self, order: str, user: Packer) -> ScanResult:
        self.orders[order].locked = None
        return self._result(order, ScanOutcome.ACKNOWLEDGED, "Acknowledged: carry on.", Command.ACK.value)

    def undo_last_scan(self, order: str, user: Packer) -> ScanResult:
        return self._result(order, ScanOutcome.NOTHING_TO_UNDO, "Nothing to undo.", Command.UNDO.value)

    def suggested_box(self, order: str) -> BoxSuggestion | None:
        return self.snapshot(order).suggested_box

    def choose_box(self, order: str, box_barcode: str, reason: str | None = None,
                   user: Packer | None = None) -> BoxChoice:
        self.calls.append(("choose_box", (box_barcode, reason)))
        taken = box_barcode == BOX_S or reason is not None
        if taken:
            self._open_parcel(self.orders[order])["box"] = box_barcode
        return BoxChoice(taken, box_barcode != BOX_S, box_barcode, f"Box {box_barcode[-1]}", BOX_S, 1,
                         f"Box {box_barcode} taken." if taken else f"{box_barcode} is not the suggested box: why?",
                         "Box S")

    def close_parcel(self, order: str, user: Packer, weight_g: int | None = None) -> ParcelClosed:
        self.calls.append(("close_parcel", weight_g))
        o = self.orders[order]
        parcel = self._open_parcel(o)
        if o.awaiting_serial is not None:
            return ParcelClosed(False, order, parcel["seq"], f"Scan the SERIAL NUMBER of {o.awaiting_serial}.",
                                pack=self.snapshot(order))
        if parcel["units"] == 0:
            return ParcelClosed(False, order, parcel["seq"], f"Parcel {parcel['seq']} is empty: scan the items "
                                "into it before CLOSE BOX.", pack=self.snapshot(order))
        if weight_g is not None and abs(weight_g - self.expected_weight_g) > 50:
            return ParcelClosed(False, order, parcel["seq"], f"Parcel weighs {weight_g} g, expected "
                                f"{self.expected_weight_g} g: out of tolerance.", self.expected_weight_g, weight_g,
                                50, pack=self.snapshot(order))
        parcel["status"], parcel["sscc"] = "closed", sscc(3, "4012345", 1000 + parcel["id"])
        parcel["label"] = self._new_label(parcel, 1)
        return ParcelClosed(True, order, parcel["seq"], "Closed.", label=self.label_request(parcel["label"]),
                            pack=self.snapshot(order))

    def record_label_result(self, label_id: int, ok: bool, printer: str, message: str = "",
                            printed: tuple[PrintJob, ...] = ()) -> LabelState:
        self.calls.append(("record_label_result", (label_id, ok)))
        self.kept.extend(printed)  # what the archive would keep
        self.labels[label_id]["status"] = "printed" if ok else "failed"
        return self._label_state(label_id)

    def label_request(self, label_id: int) -> LabelRequest:
        label = self.labels[label_id]
        o = self.orders[label["order"]]
        count = None  # known once every unit is in a closed parcel, as the service counts it
        if self._complete(o) and not any(p["status"] == "open" and p["units"] for p in o.parcels):
            count = sum(1 for p in o.parcels if p["status"] in ("closed", "confirmed"))
        return LabelRequest(label_id, label["version"], "zpl", label["order"], date(2026, 12, 5), label["seq"], count,
                            ADDRESS, ADDRESS, "Packdesk", "Packdesk Post", "standard", 480, None, "RA000000001DE",
                            label["sscc"], (), "EUR", reason=label["reason"])

    def reprint_label(self, parcel_id: int, reason: str, user: Packer) -> LabelRequest:
        self.calls.append(("reprint_label", reason))
        parcel = next(p for o in self.orders.values() for p in o.parcels if p["id"] == parcel_id)
        self.labels[parcel["label"]]["status"] = "reprinted"
        parcel["label"] = self._new_label(parcel, self.labels[parcel["label"]]["version"] + 1, reason)
        return self.label_request(parcel["label"])

    def confirm_label(self, order: str, scanned: str, user: Packer | None = None) -> LabelConfirmation:
        raise NotImplementedError("the station confirms labels by scanning them")

    def report_problem(self, order: str, kind: str, reason: str, user: Packer) -> ProblemReported:
        self.calls.append(("report_problem", (kind, reason)))
        self.orders[order].status, self.held = "on_hold", None
        return ProblemReported(order, kind, 1, f"Order {order} is on hold for a supervisor ({reason}).")

    def ship_partial(self, order: str, supervisor_badge: str, user: Packer,
                     reason: Reason | None = None) -> PartialShipment:
        self.calls.append(("ship_partial", (supervisor_badge, reason.code if reason else None)))
        if BADGES.get(supervisor_badge) is not SAM:
            raise SupervisorRequired("That is not a supervisor's badge: a supervisor scans their own badge.")
        o = self.orders[order]
        o.backordered = {sku: qty - o.scanned.get(sku, 0) for sku, qty in o.lines.items()}
        return PartialShipment(order, "sam", tuple(o.backordered.items()), "Partial shipment approved by sam.",
                               self.snapshot(order))

    # --- helpers -----------------------------------------------------------------------

    @staticmethod
    def _complete(o: FakeOrder) -> bool:
        return all(o.scanned.get(s, 0) + o.backordered.get(s, 0) >= q for s, q in o.lines.items())

    def _open_parcel(self, o: FakeOrder) -> dict:
        parcel = next((p for p in o.parcels if p["status"] == "open"), None)
        if parcel is None:
            parcel = {"id": 100 + len(o.parcels), "seq": len(o.parcels) + 1, "status": "open", "units": 0,
                      "box": None, "sscc": None, "label": None, "order": o.number}
            o.parcels.append(parcel)
        return parcel

    def _new_label(self, parcel: dict, version: int, reason: str | None = None) -> int:
        label_id = len(self.labels) + 1
        self.labels[label_id] = {"version": version, "status": "pending", "seq": parcel["seq"], "reason": reason,
                                 "order": parcel["order"], "sscc": parcel["sscc"]}
        return label_id

    def _label_state(self, label_id: int) -> LabelState:
        label = self.labels[label_id]
        return LabelState(label_id, label["seq"], label["version"], label["status"])

    def _confirm(self, order: str, sscc: str) -> ScanResult:
        o = self.orders[order]
        parcel = next((p for p in o.parcels if p["sscc"] == sscc and p["status"] == "closed"), None)
        if parcel is None:
            o.locked = f"{sscc} is not a label of order {order}."
            return self._result(order, ScanOutcome.WRONG_LABEL, o.locked, "00" + sscc)
        parcel["status"] = "confirmed"
        done = all(o.scanned.get(s, 0) + o.backordered.get(s, 0) >= q for s, q in o.lines.items()) and all(
            p["status"] == "confirmed" for p in o.parcels)
        if done:
            o.status, self.held = "packed", None
        confirmation = LabelConfirmation(True, parcel["seq"], done, o.status, f"Parcel {parcel['seq']} confirmed.")
        return ScanResult(ScanOutcome.LABEL_CONFIRMED, confirmation.message, "00" + sscc,
                          confirmation=confirmation, pack=None if done else self.snapshot(order))

    def _result(self, order: str, outcome: ScanOutcome, message: str, data: str, **extra: object) -> ScanResult:
        return ScanResult(outcome, message, data, pack=self.snapshot(order), **extra)  # type: ignore[arg-type]


class FakeRecords:
    """StationRecords in lists: supervisors by badge or PIN, prompt scans as tuples."""

    def __init__(self) -> None:
        self.prompt_scans: list[tuple[str, str]] = []  # (data, outcome)
        self.approvals: list[tuple[str, str | None]] = []  # (action, who)
        self.checks: list[tuple[str, str]] = []  # (action, badge or PIN) checked before an override's reason

    def authorise_supervisor(self, badge_or_pin: str, action: str, order: str | None = None) -> str | None:
        who = "sam" if badge_or_pin in ("BADGE-SAM", "4711") else None
        self.approvals.append((action, who))
        return who

    def check_supervisor(self, badge_or_pin: str, action: str, order: str | None = None) -> str:
        self.checks.append((action, badge_or_pin))
        if badge_or_pin not in ("BADGE-SAM", "4711"):
            raise SupervisorRequired(f"That is not a supervisor's badge or PIN: no {action}.")
        return "sam"

    def record_prompt_scan(self, username: str | None, order_number: str | None, data: str,
                           symbology: str | None, outcome: str, message: str) -> int:
        self.prompt_scans.append((data, outcome))
        return len(self.prompt_scans)

    def demo_badges(self) -> list[tuple[str, str]]:
        return [("Alice (packer)", "BADGE-ALICE")]


class RecordingPrinter:
    """A printer that takes jobs, or fails without sending them while `fail_with` is set."""

    def __init__(self, address: str = "memory:label") -> None:
        self.address = address
        self.jobs: list[PrintJob] = []
        self.fail_with: str | None = None
        self.jobs_fail_with: str | None = None  # the job reaches the printer and fails; its status stays ready

    def print_job(self, job: PrintJob) -> PrintResult:
        if self.fail_with:
            return PrintResult(False, self.address, self.fail_with, {"sent": "no"})
        if self.jobs_fail_with:
            return PrintResult(False, self.address, self.jobs_fail_with, {"sent": "yes"})
        self.jobs.append(job)
        return PrintResult(True, self.address)

    def status(self) -> PrintResult:
        if self.fail_with:
            return PrintResult(False, self.address, self.fail_with, {"sent": "no"})
        return PrintResult(True, self.address, "ready")

    def close(self) -> None:
        pass


class FakeScale:
    """Reads the weights it is given, in turn; an Exception in the list is raised instead."""

    address = "sim:scale"

    def __init__(self, *readings: int | Exception) -> None:
        self.readings = list(readings)

    def read_stable(self, timeout: float = 5.0) -> Weight:
        value = self.readings.pop(0)
        if isinstance(value, Exception):
            raise value
        return Weight(value, True)

    def read_now(self) -> Weight:
        return Weight(0, True)

    def zero(self) -> None: ...
    def tare(self) -> None: ...
    def close(self) -> None: ...


class InlineExecutor:
    """Runs device work at once on the caller's thread (the core's, in these tests)."""

    def submit(self, fn, *args, then) -> None:  # type: ignore[no-untyped-def]
        try:
            result, error = fn(*args), None
        except Exception as exc:
            result, error = None, exc
        then(result, error)


class FakeClock:
    """Monotonic seconds that move only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def render(request: LabelRequest) -> tuple[PrintJob, PrintJob | None]:
    """Label and slip jobs named like printing.documents names them."""
    base = f"{request.order_number}-parcel{request.parcel_seq}"
    if request.label_format == "pdf":
        return (PrintJob(f"{base}-label-v{request.version}", b"%PDF-label " + request.sscc.encode(), "application/pdf"),
                PrintJob(f"{base}-slip", b"%PDF-slip", "application/pdf"))
    return (PrintJob(f"{base}-label-v{request.version}", b"^XA" + request.sscc.encode() + b"^XZ", "application/zpl"),
            PrintJob(f"{base}-slip", b"%PDF-slip", "application/pdf"))


def probe_of(printer: RecordingPrinter):  # type: ignore[no-untyped-def]
    """A health probe as devices.factory.printer_probe builds it."""
    def check() -> tuple[DeviceState, str]:
        result = printer.status()
        return (DeviceState.CONNECTED, "") if result.ok else (DeviceState.DISCONNECTED, result.message)
    return check


__all__ = ["replace"]

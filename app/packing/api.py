"""The packing station's API: the plain snapshots the screens show and the service's methods.

Screens import from here (and `PackingService` from app.packing.service, which implements
`PackingApi`). Every snapshot is a frozen dataclass of plain values: no ORM object leaks out.
Orders are named by their order number; users by the `Packer` that `login` returned.

CHANGES (signature changes after the first commit, newest first):
- ScanOutcome.SERIAL_REFUSED: a scan refused as a serial number; the serial is still asked (no lock).
- ScanOutcome.NEEDS_QUANTITY / QUANTITY_REFUSED and PackSnapshot.awaiting_quantity_for/_max (defaults
  None): a bulk product's quantity entry.
- PackSnapshot.chosen_box (default None): the box chosen for the open parcel instead of the
  suggestion, with the picture of the units in it; BoxChoice.suggested_name (default None).
- BoxSuggestion.parcel (default None): app.boxing's parcel (box and placements) for the picture.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from app.commands import Command
from app.packing.errors import (  # noqa: F401  (re-exported for the screens)
    BadgeNotRecognised,
    NotAllowed,
    OrderHeldElsewhere,
    OrderNotFound,
    OrderNotPackable,
    PackingError,
    SupervisorRequired,
)
from app.addresses import AddressData
from app.packing.settings import PackingSettings
from app.packing.reasons import Reason
from app.ports import PrintJob, Scan
from app.translator import phrase

if TYPE_CHECKING:
    from app.boxing.model import Parcel as BoxParcel

# --- people and home -----------------------------------------------------------------------


@dataclass(frozen=True)
class Packer:
    """The person logged in at the station."""

    user_id: int
    username: str
    display_name: str
    role: str  # packer, picker, supervisor, admin
    language: str | None = None  # the badge brings the user's language; None: the station's


@dataclass(frozen=True)
class HomeSummary:
    """What the home screen shows besides the devices: the queue and today's figures."""

    station: str
    queue_size: int  # orders waiting in status picked, not held by a live lease
    orders_packed_today: int  # by this packer
    units_packed_today: int
    scans_today: int  # product scans (accepted + mis-scans), commands excluded
    mis_scans_today: int
    accuracy_percent: float | None  # 100 * accepted / product scans; None before the first scan
    open_order: str | None = None  # an order this station still holds (offer "resume")


# --- the pack screen ----------------------------------------------------------------------


class LineState(str, enum.Enum):
    """Colour of a line on the pack screen."""

    TODO = "todo"  # nothing scanned yet
    PARTIAL = "partial"  # some scanned
    DONE = "done"  # every unit scanned
    BACKORDERED = "backordered"  # the rest goes on a backorder (partial shipment)


@dataclass(frozen=True)
class PackLine:
    """One order line as the pack screen shows it."""

    line_no: int
    sku: str
    name: str
    image: str | None
    expected: int
    scanned: int  # units scanned into any parcel of this pack
    backordered: int
    lot_tracked: bool
    serial_tracked: bool
    state: LineState

    @property
    def remaining(self) -> int:
        """Units still to scan."""
        return max(0, self.expected - self.scanned - self.backordered)


@dataclass(frozen=True)
class BarcodeHint:
    """A barcode of the open order (the demo side panel shows these)."""

    code: str
    sku: str
    quantity: int  # 1 for a unit barcode, n for a case


@dataclass(frozen=True)
class BoxSuggestion:
    """The box the station suggests for the open parcel."""

    code: str
    barcode: str
    name: str
    inner_mm: tuple[int, int, int]  # length, width, height
    tare_g: int
    max_load_g: int
    explanation: str = ""  # one line: why this box
    parcel: BoxParcel | None = None  # where each unit goes (app.boxing); None from the smallest-box rule


@dataclass(frozen=True)
class LabelState:
    """One label version and where it stands."""

    label_id: int
    parcel_seq: int
    version: int
    status: str  # pending, printed, failed, voided, reprinted
    printer: str | None = None
    message: str | None = None


@dataclass(frozen=True)
class ParcelSnapshot:
    """One parcel of the order."""

    parcel_id: int
    seq: int
    status: str  # open, closed, confirmed
    box_code: str | None
    units: int
    expected_weight_g: int | None
    actual_weight_g: int | None
    sscc: str | None
    tracking_number: str | None
    label: LabelState | None  # the newest label version, None while open


@dataclass(frozen=True)
class PackSnapshot:
    """Everything the pack screen shows about the open pack."""

    order_number: str
    status: str  # order status: packing, packed, on_hold ...
    station: str
    customer_name: str
    carrier: str
    service: str
    sla_due_at: datetime | None
    gift_wrap: bool
    special_packaging: str | None
    gift_message: str | None
    notes: str | None
    lines: tuple[PackLine, ...]
    parcels: tuple[ParcelSnapshot, ...]
    current_parcel_seq: int  # the open parcel (or the last one once all are closed)
    parcel_count: int | None  # known once every unit is in a closed parcel
    locked: bool  # a mis-scan waits for ACK
    lock_message: str | None
    awaiting_serial_for: str | None  # SKU whose serial the next scan is taken as
    suggested_box: BoxSuggestion | None
    barcodes: tuple[BarcodeHint, ...]
    lease_expires_at: datetime | None
    awaiting_quantity_for: str | None = None  # a bulk product's SKU: the next scan or typed number is how many
    awaiting_quantity_max: int | None = None  # the most that quantity may be
    chosen_box: BoxSuggestion | None = None  # the open parcel's box when it is not the suggestion
    taken_over_from: str | None = None  # resumed for another person than it was held for: that one's name

    @property
    def units_expected(self) -> int:
        """Units to ship (backordered units excluded)."""
        return sum(line.expected - line.backordered for line in self.lines)

    @property
    def units_scanned(self) -> int:
        """Units scanned so far."""
        return sum(line.scanned for line in self.lines)

    @property
    def all_scanned(self) -> bool:
        """Every unit to ship is scanned."""
        return all(line.remaining == 0 for line in self.lines)

    @property
    def parcel_caption(self) -> str:
        """"parcel 2 of 3" once the count is known, "parcel 2" before."""
        if self.parcel_count:
            return phrase("parcel %(seq)s of %(count)s", seq=self.current_parcel_seq, count=self.parcel_count)
        return phrase("parcel %(seq)s", seq=self.current_parcel_seq)

    @property
    def pending_labels(self) -> tuple[LabelState, ...]:
        """Labels created but not printed (offer a retry; never re-sent silently)."""
        return tuple(p.label for p in self.parcels if p.label and p.label.status in ("pending", "failed"))

    @property
    def unconfirmed_parcels(self) -> tuple[int, ...]:
        """Seqs of closed parcels whose label has not been scanned back yet."""
        return tuple(p.seq for p in self.parcels if p.status == "closed")


# --- scans ----------------------------------------------------------------------------


class ScanOutcome(str, enum.Enum):
    """What a scan meant. The error outcomes lock the pack until ACK."""

    ACCEPTED = "accepted"  # a unit (or a case's units) went into the parcel
    NEEDS_SERIAL = "needs_serial"  # a serial-tracked item without AI 21: scan its serial next
    SERIAL_REFUSED = "serial_refused"  # not a serial (a known product, box, label or command): still asked
    NEEDS_QUANTITY = "needs_quantity"  # a bulk product: type or scan how many units go in
    QUANTITY_REFUSED = "quantity_refused"  # not a quantity the line can take: still asked
    WRONG_ITEM = "wrong_item"  # a known product that is not in this order
    UNKNOWN = "unknown"  # nothing known by this barcode
    OVER_SCAN = "over_scan"  # more units than the line needs
    INVALID_GS1 = "invalid_gs1"  # a GS1 check digit is wrong
    SERIAL_USED = "serial_used"  # this serial was already packed
    LOCKED = "locked"  # the pack waits for ACK; the scan was recorded and ignored
    ACKNOWLEDGED = "acknowledged"  # ACK: the lock is lifted
    UNDONE = "undone"  # UNDO: the last accepted scan was removed
    NOTHING_TO_UNDO = "nothing_to_undo"
    COMMAND = "command"  # a command the screen carries out (CLOSE BOX, PROBLEM, REPRINT ...)
    BOX = "box"  # a box barcode: see ScanResult.box
    LABEL_CONFIRMED = "label_confirmed"  # the parcel's label scanned back: see ScanResult.confirmation
    WRONG_LABEL = "wrong_label"  # a label of another parcel/order (an error: locks)
    THIS_ORDER = "this_order"  # the open order's own number (its order sheet): nothing to do, said so

    @property
    def is_error(self) -> bool:
        """True for the outcomes that flash, sound and lock the station."""
        return self in ERROR_OUTCOMES


ERROR_OUTCOMES = frozenset({
    ScanOutcome.WRONG_ITEM, ScanOutcome.UNKNOWN, ScanOutcome.OVER_SCAN,
    ScanOutcome.INVALID_GS1, ScanOutcome.SERIAL_USED, ScanOutcome.WRONG_LABEL,
})


@dataclass(frozen=True)
class BoxChoice:
    """The answer to a box barcode: taken, or a reason is needed because it is not the suggestion."""

    accepted: bool
    needs_reason: bool
    box_code: str | None
    box_name: str | None
    suggested_code: str | None
    parcel_seq: int
    message: str
    suggested_name: str | None = None


@dataclass(frozen=True)
class LabelConfirmation:
    """The answer to a label scanned back onto a parcel."""

    ok: bool
    parcel_seq: int | None
    all_confirmed: bool  # every parcel confirmed: the order is packed, the station is free
    order_status: str
    message: str


@dataclass(frozen=True)
class ScanResult:
    """What one scan did; committed before it is returned."""

    outcome: ScanOutcome
    message: str  # names what was scanned and what to do
    data: str  # the scan as received
    scan_id: int | None = None  # row in the scans table
    sku: str | None = None
    product_name: str | None = None
    quantity: int = 0  # units added (negative for an undo)
    line_no: int | None = None
    lot: str | None = None
    expiry: date | None = None
    serial: str | None = None
    command: Command | None = None  # for COMMAND: what the screen should do next
    box: BoxChoice | None = None
    confirmation: LabelConfirmation | None = None
    pack: PackSnapshot | None = None  # the pack after this scan (None once the station is free)

    @property
    def is_error(self) -> bool:
        """True when the station must flash, sound and wait for ACK."""
        return self.outcome.is_error


# --- parcels and labels -------------------------------------------------------------------


@dataclass(frozen=True)
class ParcelLine:
    """One line of a parcel's packing slip."""

    sku: str
    name: str
    ordered: int
    in_parcel: int
    backordered: int
    unit_price: str  # Decimal as text, e.g. "12.50"
    lots: tuple[str, ...] = ()
    serials: tuple[str, ...] = ()


@dataclass(frozen=True)
class LabelRequest:
    """Everything a shipping label and a packing slip need, for printing/ and devices/."""

    label_id: int
    version: int
    label_format: str  # zpl or pdf
    order_number: str
    order_date: date
    parcel_seq: int
    parcel_count: int | None  # None while the order is not complete ("parcel 2")
    ship_from: AddressData
    ship_to: AddressData
    company_name: str
    carrier: str
    service: str
    weight_g: int
    dimensions_mm: tuple[int, int, int] | None  # outer box dimensions
    tracking_number: str
    sscc: str
    lines: tuple[ParcelLine, ...]
    currency: str
    gift_message: str = ""
    is_gift: bool = False
    ship_date: date | None = None
    reason: str | None = None  # why a reprint was made


@dataclass(frozen=True)
class ParcelClosed:
    """The answer to CLOSE BOX: closed with its label to print, or refused and why."""

    ok: bool
    order_number: str
    parcel_seq: int
    message: str
    expected_weight_g: int | None = None
    actual_weight_g: int | None = None
    tolerance_g: int | None = None  # allowed deviation either way
    label: LabelRequest | None = None
    exception_id: int | None = None  # the PackException of a weight failure
    pack: PackSnapshot | None = None
    service: str | None = None  # the carrier service chosen for it, e.g. "DHL express, EUR 7.90, arrives ..."


@dataclass(frozen=True)
class ProblemReported:
    """The order went on hold for a supervisor; the station is free."""

    order_number: str
    kind: str
    exception_id: int
    message: str


@dataclass(frozen=True)
class PartialShipment:
    """A supervisor approved shipping what is packed; the rest is backordered."""

    order_number: str
    approved_by: str
    backordered: tuple[tuple[str, int], ...]  # (sku, units)
    message: str
    pack: PackSnapshot | None


PROBLEM_KINDS = ("missing", "damaged", "wrong_item_in_tote", "other")


# --- the service ----------------------------------------------------------------------------


class PackingApi(Protocol):
    """What the station's screens call; each call is one short unit of work (run it off the
    GUI thread). `PackingService(db, station_code, settings, clock)` implements it."""

    station_code: str
    settings: PackingSettings

    def login(self, badge: str) -> Packer:
        """The active user with this badge, or BadgeNotRecognised (both recorded)."""
        ...

    def logout(self, user: Packer, reason: str = "logged out") -> None:
        """Records the logout (an open pack stays claimed by this station for resume)."""
        ...

    def home_summary(self, user: Packer) -> HomeSummary:
        """Queue size and the packer's figures today."""
        ...

    def start_pack(self, user: Packer, ref: str) -> PackSnapshot:
        """Claims the order by number, tote or pick list id; OrderHeldElsewhere names the holder."""
        ...

    def start_next(self, user: Packer) -> PackSnapshot | None:
        """Claims the next order of the queue (priority, then SLA); None when the queue is empty."""
        ...

    def resume_open_pack(self, user: Packer) -> PackSnapshot | None:
        """The order this station still holds (after a crash or logout), with every committed scan."""
        ...

    def snapshot(self, order: str) -> PackSnapshot:
        """The pack as it stands now (read only)."""
        ...

    def record_scan(self, order: str, user: Packer, scan: Scan) -> ScanResult:
        """Interprets and records one scan; committed before it returns."""
        ...

    def acknowledge(self, order: str, user: Packer) -> ScanResult:
        """ACK by key: lifts the lock after a mis-scan."""
        ...

    def undo_last_scan(self, order: str, user: Packer) -> ScanResult:
        """UNDO by key: removes the last accepted scan of the open parcel."""
        ...

    def suggested_box(self, order: str) -> BoxSuggestion | None:
        """The box suggested for the units in the open parcel (None when nothing fits)."""
        ...

    def choose_box(self, order: str, box_barcode: str, reason: str | None = None,
                   user: Packer | None = None) -> BoxChoice:
        """Takes a box for the open parcel; another than the suggestion needs a reason."""
        ...

    def close_parcel(self, order: str, user: Packer, weight_g: int | None = None) -> ParcelClosed:
        """CLOSE BOX: weight check, SSCC, tracking number, label version 1 (pending)."""
        ...

    def record_label_result(self, label_id: int, ok: bool, printer: str, message: str = "",
                            printed: tuple[PrintJob, ...] = ()) -> LabelState:
        """What the printer said: printed only when ok; a failed label stays retryable; the jobs
        the printer took (the label version, then its slip) are kept in the order's archive."""
        ...

    def label_request(self, label_id: int) -> LabelRequest:
        """The data of an existing label version (to retry a pending or failed one)."""
        ...

    def reprint_label(self, parcel_id: int, reason: str, user: Packer) -> LabelRequest:
        """REPRINT: a new label version; the previous one is recorded as reprinted with the reason."""
        ...

    def confirm_label(self, order: str, scanned: str, user: Packer | None = None) -> LabelConfirmation:
        """A label scanned back on its parcel; all confirmed -> packed, lease released."""
        ...

    def report_problem(self, order: str, kind: str, reason: str, user: Packer) -> ProblemReported:
        """PROBLEM: the order goes on hold with a PackException; the station is free."""
        ...

    def ship_partial(self, order: str, supervisor_badge: str, user: Packer,
                     reason: Reason | None = None) -> PartialShipment:
        """A supervisor's badge or PIN approves shipping what is packed, for a reason; the rest is backordered."""
        ...

    def renew_lease(self, order: str) -> datetime:
        """Extends the station's lease on the order; returns the new expiry."""
        ...

    def release(self, order: str, user: Packer | None = None) -> None:
        """The station lets go of an unfinished order (back to picked, scans kept)."""
        ...


__all__ = [name for name in dir() if not name.startswith("_")]

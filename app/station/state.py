"""What the station shows, as immutable snapshots: the core publishes one after every change
and the screens render it. Plain values only: no Qt, no database rows."""
from __future__ import annotations

import enum
from dataclasses import dataclass

from app.packing.api import BoxChoice, HomeSummary, Packer, PackSnapshot, ScanResult
from app.picking.flow import PickingSnapshot
from app.ports import DeviceStatus, Scan
from app.station.roles import home_screen


class Step(str, enum.Enum):
    """Where the packer is in the station's workflow."""

    LOGIN = "login"
    HOME = "home"
    PACK = "pack"
    WEIGH = "weigh"
    PRINT = "print"
    CONFIRM = "confirm"
    DEVICES = "devices"  # the supervisor's device settings
    PICK = "pick"  # a picker's login: the picker screen (app/picking/flow.py)


WORK_STEPS = (Step.PACK, Step.WEIGH, Step.PRINT, Step.CONFIRM)


class QuestionKind(str, enum.Enum):
    """A question that takes over the screen until it is answered or cancelled."""

    BOX_REASON = "box_reason"  # why a box other than the suggestion
    REPRINT = "reprint"  # why reprint the label
    PROBLEM = "problem"  # what is wrong with the order
    PARTIAL = "partial"  # a supervisor's badge approves a partial shipment
    EXIT = "exit"  # a supervisor's badge or PIN lets the kiosk close
    LOGOUT = "logout"  # LOG OUT with an order open: leave it for the next packer?
    OVERRIDE_REASON = "override_reason"  # a supervisor approved an override (partial shipment): why?

    @property
    def reasons(self) -> str | None:
        """The app.packing.reasons question answered by a reason barcode (None: a supervisor's badge)."""
        return {"box_reason": "box", "reprint": "reprint", "problem": "problem", "logout": "logout",
                "override_reason": "override"}.get(self.value)


class Level(str, enum.Enum):
    """How a message is shown."""

    INFO = "info"
    OK = "ok"
    ERROR = "error"


class Sound(str, enum.Enum):
    """The cue played with a message (resources/sounds/<name>.wav)."""

    ACCEPT = "accept"
    ERROR = "error"
    LOCK = "lock"
    DONE = "done"


@dataclass(frozen=True)
class Message:
    """The last thing the station said (text may be empty: a sound cue alone); `seq` tells a
    repeated text from the same one shown."""

    seq: int
    text: str
    level: Level = Level.INFO
    sound: Sound | None = None


@dataclass(frozen=True)
class Question:
    """The open question and what a refused scan said about it."""

    kind: QuestionKind
    detail: str = ""
    refusal: str = ""  # a scan that did not answer it: shown until the question closes
    box: BoxChoice | None = None  # BOX_REASON: the choice that needs a reason
    box_barcode: str = ""
    back_to: Step = Step.HOME  # where CANCEL returns


@dataclass(frozen=True)
class PrintState:
    """Where printing of a parcel's label and slip stands."""

    parcel_seq: int
    label_id: int | None
    ok: bool | None  # None while printing
    message: str  # for the packer: what happened and what to do
    detail: str = ""  # for the administrator: the printer's address and its answer
    other_printer: str = ""  # a failed label can go to this printer instead (the document printer)
    reprint: str | None = None  # a reprint: "REPRINT - label version 2: <reason>"; None for the first print
    contents: tuple[str, ...] = ()  # what is in the parcel, one "2 x SKU - name" a line
    parcel_count: int | None = None  # the order's parcels, when known ("parcel 1 of 2")


@dataclass(frozen=True)
class WeighState:
    """The scale's reading, or why the parcel stopped."""

    text: str
    error: bool = False


@dataclass(frozen=True)
class ScanDone:
    """The answer to the last packing scan (seq counts them)."""

    seq: int
    result: ScanResult


@dataclass(frozen=True)
class ScanTestRead:
    """A scan read on the device settings screen's scan test (never a packing scan)."""

    seq: int
    scan: Scan


@dataclass(frozen=True)
class OfflineState:
    """The offline journal as the screens show it: "offline: N events waiting" (issue 17)."""

    waiting: int  # events in the journal not yet in the central database
    offline: bool  # packing into the journal now; False while the journal syncs back
    reason: str = ""  # why the central database cannot be used (for the administrator)


@dataclass(frozen=True)
class StationSnapshot:
    """Everything the screens show about the station at one moment."""

    station_code: str
    step: Step = Step.LOGIN
    user: Packer | None = None
    pack: PackSnapshot | None = None
    home: HomeSummary | None = None
    lock: str | None = None  # the mis-scan message while the station waits for ACK
    question: Question | None = None
    printing: PrintState | None = None
    weighing: WeighState | None = None
    devices: tuple[DeviceStatus, ...] = ()
    message: Message | None = None
    scan: ScanDone | None = None
    test_scan: ScanTestRead | None = None
    supervisor: str | None = None  # who opened the device settings (step DEVICES)
    exit_authorised_by: str | None = None
    ignored: tuple[str, ...] = ()  # scans ignored during the lock, named on the lock screen
    picking: PickingSnapshot | None = None  # a picker's pick list (step PICK)
    offline: OfflineState | None = None  # None: online, nothing waiting in the journal
    language: str = "en"  # what the core says is in this language: the user's, else the station's

    @property
    def screen(self) -> str:
        """The screen in front: the open question's, else the step's (HOME: the user's role's
        home, app.station.roles)."""
        if self.question is not None:
            return self.question.kind.value
        if self.step is Step.HOME and self.user is not None:
            return home_screen(self.user.role)
        return self.step.value

    def device(self, name: str) -> DeviceStatus | None:
        """The state of one device ("scanner", "scale", "label printer", "document printer")."""
        return next((d for d in self.devices if d.device == name), None)

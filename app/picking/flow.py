"""The picker's flow: scan a pick list, then at each stop the bin's location and the items
(the first scan of the double scan; the packer's is the second). A wrong location or item
locks the screen like a mis-scan at the packing station (red, the lock sound) until ACK.
SHORT at a stop says the bin holds fewer units than the list wants: what was found is kept,
the rest is re-allocated from another bin (a new stop at the end of the list) or the order
goes on hold. Plain values only: the station core runs this on its thread and publishes
`PickingSnapshot`s; the screen renders them."""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from app.commands import Command, command_for
from app.errors import PackdeskError
from app.orders.picking import PickProgress, PickSheet
from app.picking.api import PickingApi
from app.translator import phrase, plural_phrase
from app.unit_of_work import PickLineRecord

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PickingSnapshot(PickProgress):
    """What the picker screen shows."""

    code: str | None = None  # the list being picked (None: waiting for one)
    lines: tuple[PickLineRecord, ...] = ()
    at_location: bool = False  # the current stop's location has been scanned
    prompt: str = phrase("Scan a pick list (PL-...)")
    lock: str | None = None  # a wrong scan, until ACK
    finished: str | None = None  # the last list finished


@dataclass(frozen=True)
class Reply:
    """What the flow says about an input: text, and whether it was refused (locked) or wrong."""

    text: str
    ok: bool = True
    locked: bool = False
    done: bool = False  # a list finished


class PickerFlow:
    """One picker's walk through one pick list at a time."""

    def __init__(self, api: PickingApi) -> None:
        self.api = api
        self.state = PickingSnapshot()

    def reset(self) -> None:
        """Logged out: nothing open."""
        self.state = PickingSnapshot()

    def _sheet(self, sheet: PickSheet, at_location: bool = False) -> None:
        self.state = replace(self.state, code=sheet.code, lines=sheet.lines, at_location=at_location,
                             finished=None)
        self._prompt()

    def _prompt(self) -> None:
        line = self.state.current
        if line is None:
            text = phrase("Scan a pick list (PL-...)")
        elif not self.state.at_location:
            text = phrase("Go to %(location)s and scan the location", location=line.location)
        elif line.tote:
            text = phrase("Scan %(quantity)s x %(sku)s into tote %(tote)s", quantity=line.quantity - line.picked_quantity,
                          sku=line.sku, tote=line.tote)
        else:
            text = phrase("Scan %(quantity)s x %(sku)s", quantity=line.quantity - line.picked_quantity, sku=line.sku)
        self.state = replace(self.state, prompt=text)

    def scan(self, data: str, user: str) -> Reply:
        """Every scan of the picker (the core handles LOGOUT and login)."""
        data = data.strip()
        if self.state.lock is not None:
            if command_for(data) is Command.ACK:
                return self.acknowledge()
            return Reply(phrase("Locked: %(lock)s Scan ACK first.", lock=self.state.lock), ok=False)
        command = command_for(data)
        if command is Command.ACK:
            return Reply(phrase("Nothing to acknowledge."))
        if command is Command.SHORT:
            return self.short(user)
        if data.upper().startswith("PL-"):
            try:
                return self._open(data.upper())
            except PackdeskError as exc:
                return Reply(str(exc), ok=False)
        line = self.state.current
        if line is None:
            return Reply(phrase("%(code)r is not a pick list: scan the barcode at the top of the list (PL-...).",
                                code=data), ok=False)
        if not self.state.at_location:
            if data.upper() == line.location.upper():
                self.state = replace(self.state, at_location=True)
                self._prompt()
                return Reply(phrase("At %(location)s: scan %(quantity)s x %(sku)s.", location=line.location,
                                    quantity=line.quantity - line.picked_quantity, sku=line.sku))
            return self._refuse(phrase("Wrong location %(code)r: this stop is %(location)s.", code=data,
                                       location=line.location))
        if data.upper() == line.location.upper():
            return Reply(phrase("At %(location)s already: scan the items.", location=line.location))
        found = self.api.product_of(data)
        if found is None or found[0] != line.product_id:
            what = phrase("an unknown barcode") if found is None else phrase("another product")
            return self._refuse(phrase("Wrong item: %(code)r is %(what)s; this stop wants %(sku)s (%(name)s).",
                                       code=data, what=what, sku=line.sku, name=line.name))
        units = min(found[1], line.quantity - line.picked_quantity)
        sheet = self.api.pick(self.state.code or "", line.id, units, user)
        return self._after(sheet, line, phrase("%(sku)s: %(picked)s of %(quantity)s.", sku=line.sku,
                                               picked=line.picked_quantity + units, quantity=line.quantity))

    def _open(self, code: str) -> Reply:
        sheet = self.api.sheet(code)
        self._sheet(sheet)
        if self.state.current is None:
            self.state = replace(self.state, code=None, lines=(), finished=sheet.code)
            self._prompt()
            return Reply(phrase("Pick list %(code)s is already picked.", code=sheet.code), ok=False)
        return Reply(plural_phrase("Pick list %(code)s: %(n)s stop to go.", "Pick list %(code)s: %(n)s stops to go.",
                                   len(sheet.lines) - self.state.lines_done, code=sheet.code))

    def _after(self, sheet: PickSheet, line: PickLineRecord, text: str) -> Reply:
        nxt = sheet.current
        stay = nxt is not None and nxt.id == line.id or (nxt is not None and nxt.location == line.location)
        self._sheet(sheet, at_location=stay)
        if nxt is None:
            self.state = replace(self.state, code=None, finished=sheet.code)
            return Reply(phrase("Pick list %(code)s done: take the totes to packing.", code=sheet.code), done=True)
        return Reply(text)

    def _refuse(self, text: str) -> Reply:
        self.state = replace(self.state, lock=text)
        return Reply(text, ok=False, locked=True)

    def acknowledge(self) -> Reply:
        """ACK: the wrong scan seen; picking goes on."""
        if self.state.lock is None:
            return Reply(phrase("Nothing to acknowledge."))
        self.state = replace(self.state, lock=None)
        return Reply(phrase("Acknowledged: %(prompt)s.", prompt=self.state.prompt))

    def short(self, user: str) -> Reply:
        """SHORT: the bin has only what was picked so far at this stop."""
        line = self.state.current
        if line is None or not self.state.at_location:
            return Reply(phrase("SHORT works at a stop: scan its location first."), ok=False)
        try:
            done, sheet = self.api.short(self.state.code or "", line.id, line.picked_quantity, user)
        except PackdeskError as exc:
            return Reply(str(exc), ok=False)
        if done.held:
            text = phrase("Short: %(missing)s x %(sku)s nowhere in stock; order %(order)s is on hold for a supervisor.",
                          missing=done.missing, sku=done.sku, order=line.order_number)
        else:
            text = phrase("Short: %(missing)s x %(sku)s now from %(bins)s (added to the list).", missing=done.missing,
                          sku=done.sku, bins=", ".join(done.reallocated))
        reply = self._after(sheet, line, text)
        return Reply(text if not reply.done else phrase("%(short)s %(done)s", short=text, done=reply.text), ok=False,
                     done=reply.done)

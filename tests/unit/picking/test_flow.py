"""The picker's flow without Qt or a database: what each scan means at each point of a list."""
from __future__ import annotations

from dataclasses import replace

import pytest

from app.commands import Command
from app.orders.errors import PickListNotFound
from app.orders.picking import PickSheet, Short
from app.picking.flow import PickerFlow
from app.unit_of_work import PickLineRecord

MUG, PEN = "4006381333931", "4006381000014"
PRODUCTS = {MUG: (1, 1), PEN: (2, 1), "MUG-CASE": (1, 6)}


def line(lid: int, location: str, product: int, sku: str, quantity: int) -> PickLineRecord:
    return PickLineRecord(lid, 1, lid, 7, "WEB-7", lid, lid, lid, location, "A", lid, product, sku, sku.lower(),
                          quantity, tote="PL-000001-1")


class FakePicking:
    """The use cases as a dict of lines."""

    def __init__(self, *lines: PickLineRecord) -> None:
        self.lines = {l.id: l for l in lines}
        self.shorts: list[tuple[int, int]] = []

    def _sheet(self) -> PickSheet:
        return PickSheet("PL-000001", "single", None, "open", tuple(sorted(self.lines.values(), key=lambda l: l.seq)))

    def sheet(self, code: str) -> PickSheet:
        if code != "PL-000001":
            raise PickListNotFound(code)
        return self._sheet()

    def pick(self, code: str, line_id: int, units: int, user: str) -> PickSheet:
        l = self.lines[line_id]
        picked = l.picked_quantity + units
        self.lines[line_id] = replace(l, picked_quantity=picked, status="picked" if picked == l.quantity else "open")
        return self._sheet()

    def short(self, code: str, line_id: int, found: int, user: str) -> tuple[Short, PickSheet]:
        self.shorts.append((line_id, found))
        l = self.lines[line_id]
        self.lines[line_id] = replace(l, status="short")
        self.lines[99] = replace(l, id=99, seq=99, location="Z-09-9", quantity=l.quantity - found, picked_quantity=0,
                                 status="open")
        return Short(l.sku, l.location, found, l.quantity - found, ["Z-09-9"]), self._sheet()

    def product_of(self, barcode: str) -> tuple[int, int] | None:
        return PRODUCTS.get(barcode)


@pytest.fixture
def flow() -> PickerFlow:
    return PickerFlow(FakePicking(line(1, "A-01-1", 1, "MUG", 2), line(2, "B-01-1", 2, "PEN", 1)))


def test_a_list_then_location_then_items(flow: PickerFlow) -> None:
    assert not flow.scan("hello", "dmitri").ok  # nothing before a list
    assert flow.scan("pl-000001", "dmitri").ok
    assert flow.state.prompt == "Go to A-01-1 and scan the location"
    flow.scan("A-01-1", "dmitri")
    assert flow.state.prompt == "Scan 2 x MUG into tote PL-000001-1"
    flow.scan(MUG, "dmitri")
    assert flow.state.units_picked == 1 and flow.state.at_location
    flow.scan(MUG, "dmitri")
    assert flow.state.current is not None and flow.state.current.location == "B-01-1" and not flow.state.at_location
    flow.scan("B-01-1", "dmitri")
    reply = flow.scan(PEN, "dmitri")
    assert reply.done and flow.state.finished == "PL-000001" and flow.state.code is None


def test_a_case_counts_its_units_but_never_more_than_the_stop_needs(flow: PickerFlow) -> None:
    flow.scan("PL-000001", "dmitri")
    flow.scan("A-01-1", "dmitri")
    flow.scan("MUG-CASE", "dmitri")
    assert flow.state.units_picked == 2


@pytest.mark.parametrize("where, what, refusal", [("A-02-1", None, "Wrong location"),
                                                  ("A-01-1", PEN, "Wrong item"),
                                                  ("A-01-1", "0000000000000", "unknown barcode")])
def test_a_wrong_scan_locks_until_ack(flow: PickerFlow, where: str, what: str | None, refusal: str) -> None:
    flow.scan("PL-000001", "dmitri")
    reply = flow.scan(where, "dmitri")
    if what is not None:
        reply = flow.scan(what, "dmitri")
    assert reply.locked and refusal in (flow.state.lock or "")
    assert not flow.scan("A-01-1", "dmitri").ok and flow.state.lock  # only ACK opens it
    flow.scan(Command.ACK.value, "dmitri")
    assert flow.state.lock is None and flow.state.units_picked == 0


def test_short_keeps_what_was_found_and_adds_the_new_stop(flow: PickerFlow) -> None:
    flow.scan("PL-000001", "dmitri")
    assert not flow.short("dmitri").ok  # not at a stop yet
    flow.scan("A-01-1", "dmitri")
    flow.scan(MUG, "dmitri")
    reply = flow.scan(Command.SHORT.value, "dmitri")
    assert "now from Z-09-9" in reply.text
    assert flow.api.shorts == [(1, 1)]  # type: ignore[attr-defined]
    assert [l.location for l in flow.state.lines if l.status == "open"] == ["B-01-1", "Z-09-9"]


def test_an_unknown_list_is_refused_with_what_to_scan(flow: PickerFlow) -> None:
    reply = flow.scan("PL-424242", "dmitri")
    assert not reply.ok and "No pick list is called 'PL-424242'" in reply.text


def test_a_list_says_how_many_stops_are_left_with_the_right_plural_in_english_and_german() -> None:
    from app.translator import Translator

    two = PickerFlow(FakePicking(line(1, "A-01-1", 1, "MUG", 2), line(2, "B-01-1", 2, "PEN", 1)))
    one = PickerFlow(FakePicking(line(1, "A-01-1", 1, "MUG", 2)))
    said_two, said_one = two.scan("PL-000001", "dmitri").text, one.scan("PL-000001", "dmitri").text
    assert (str(said_two), str(said_one)) == ("Pick list PL-000001: 2 stops to go.", "Pick list PL-000001: 1 stop to go.")
    german = Translator("de")
    assert (german.say(said_two), german.say(said_one)) == ("Pickliste PL-000001: noch 2 Stopps.",
                                                            "Pickliste PL-000001: noch 1 Stopp.")

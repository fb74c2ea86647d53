"""Supervisor authorisation: badge or PIN of an active supervisor, refused for anyone else
with a message naming them, and every attempt in the station's append-only audit log."""
from __future__ import annotations

import json

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from app.store.models import Order, StationEvent, User
from app.store.session import Database
from app.packing.supervisor import (
    KIOSK_EXIT, PARTIAL_SHIPMENT, SupervisorNotRecognised, authorise_supervisor,
)

SAM_PIN = "4321"


@pytest.fixture
def people(db: Database) -> Database:
    """Sam supervises (badge and PIN), Alice packs, Ruth was a supervisor and has left."""
    hasher = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    with db.write() as s:
        s.add_all([
            User(username="sam", display_name="Sam Supervisor", role="supervisor", badge_code="BADGE-SAM",
                 pin_hash=hasher.hash(SAM_PIN)),
            User(username="alice", display_name="Alice", role="packer", badge_code="BADGE-ALICE",
                 pin_hash=hasher.hash("1111")),
            User(username="ruth", display_name="Ruth", role="supervisor", badge_code="BADGE-RUTH",
                 pin_hash=hasher.hash("9999"), active=False),
            Order(number="PD-1001"),
        ])
    return db


def events(db: Database) -> list[tuple[str, str, str | None, str | None]]:
    with db.read() as s:
        return [(e.kind, e.action, e.username, e.method) for e in s.scalars(select(StationEvent).order_by(StationEvent.id))]


def test_a_supervisor_badge_authorises_a_kiosk_exit_and_is_recorded(people: Database) -> None:
    who = authorise_supervisor(people, " BADGE-SAM ", "BENCH-3", KIOSK_EXIT)
    assert (who.username, who.method) == ("sam", "badge")
    assert events(people) == [("SupervisorAuthorised", "kiosk exit", "sam", "badge")]
    with people.read() as s:
        event = s.scalar(select(StationEvent))
        assert event.station == "BENCH-3" and event.order_id is None


def test_a_supervisor_pin_authorises_and_the_pin_is_never_stored(people: Database) -> None:
    who = authorise_supervisor(people, SAM_PIN, "BENCH-3", PARTIAL_SHIPMENT, order="PD-1001")
    assert (who.username, who.method) == ("sam", "pin")
    with people.read() as s:
        event = s.scalar(select(StationEvent))
        order_id = s.scalar(select(Order.id).where(Order.number == "PD-1001"))
        assert (event.action, event.order_id) == ("partial shipment", order_id)
        assert SAM_PIN not in (event.detail or "")


@pytest.mark.parametrize("presented, words, recorded", [
    ("BADGE-ALICE", r"Alice \(packer\) cannot authorise a kiosk exit", "badge of alice (packer)"),
    ("1111", "not a supervisor's badge or PIN", "unknown badge or PIN"),  # a packer's PIN
    ("BADGE-RUTH", "not a supervisor's badge or PIN", "unknown badge or PIN"),  # no longer active
    ("9999", "not a supervisor's badge or PIN", "unknown badge or PIN"),
    ("", "not a supervisor's badge or PIN", "unknown badge or PIN"),
])
def test_anyone_else_is_refused_by_name_and_the_attempt_is_recorded(people: Database, presented: str,
                                                                   words: str, recorded: str) -> None:
    with pytest.raises(SupervisorNotRecognised, match=words):
        authorise_supervisor(people, presented, "BENCH-3", KIOSK_EXIT)
    assert events(people) == [("SupervisorRefused", "kiosk exit", None, None)]
    with people.read() as s:
        detail = json.loads(s.scalar(select(StationEvent.detail)))
    assert detail == {"presented": recorded}


def test_the_station_audit_log_refuses_update_and_delete(people: Database) -> None:
    authorise_supervisor(people, "BADGE-SAM", "BENCH-3", KIOSK_EXIT)
    for statement in ("UPDATE station_events SET username = 'alice'", "DELETE FROM station_events"):
        with pytest.raises(DBAPIError, match="append-only"):
            with people.write() as s:
                s.execute(text(statement))
    assert events(people) == [("SupervisorAuthorised", "kiosk exit", "sam", "badge")]


def test_pins_lock_after_five_wrong_guesses_but_a_badge_still_works(people: Database) -> None:
    for guess in ("0000", "1234", "9876", "5555", "2468"):
        with pytest.raises(SupervisorNotRecognised, match="not a supervisor's badge or PIN"):
            authorise_supervisor(people, guess, "BENCH-3", KIOSK_EXIT)
    with pytest.raises(SupervisorNotRecognised, match="5 wrong PINs at station BENCH-3: PINs are locked"):
        authorise_supervisor(people, SAM_PIN, "BENCH-3", KIOSK_EXIT)  # even the right one
    assert authorise_supervisor(people, SAM_PIN, "BENCH-7", KIOSK_EXIT).method == "pin"  # other station
    assert authorise_supervisor(people, "BADGE-SAM", "BENCH-3", KIOSK_EXIT).method == "badge"

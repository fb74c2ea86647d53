"""Issue 17: orders a station leased for an outage after the station crashed. The same station
started again on its journal takes its own leases back; a station that stays dead keeps them
from every other station until a supervisor sees which station holds what (since when, until
when) and gives them back with a reason (audited in the office's chain); the dead station, should
it come back after all, drops what was given back instead of opening it. Real PostgreSQL."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.admin.errors import AdminError, FieldProblem
from app.floor.admin_desk import AdminDesk
from app.packing.service import PackingService
from app.packing.settings import PackingSettings
from app.station.offline import OfflineCapable, Provisioning
from app.store.journal import OFFLINE_LEASE_S, Journal
from app.store.models import Order
from app.store.session import Database
from tests.ui.data import ALICE_BADGE, BOB_BADGE, seed

pytestmark = pytest.mark.postgres


def _station(db: Database, directory: Path, code: str = "ST-A") -> tuple[OfflineCapable, Journal]:
    journal = Journal(directory, code)
    service = PackingService(db, code, PackingSettings(station_code=code))
    return OfflineCapable(service, db, journal, Provisioning(buffer=2)), journal


def _claims(db: Database, *numbers: str) -> dict[str, tuple[str, str | None]]:
    with db.read() as session:
        orders = session.query(Order).filter(Order.number.in_(numbers))
        return {o.number: (o.status, o.claimed_by_station) for o in orders}


def test_a_restarted_station_takes_its_leases_back_and_a_supervisor_gives_a_dead_ones_back(
        db: Database, tmp_path: Path) -> None:
    if db.is_sqlite:
        pytest.skip("the offline journal is PostgreSQL's")
    seed(db, orders=4)
    station, journal = _station(db, tmp_path)
    alice = station.login(ALICE_BADGE)
    station.home_summary(alice)
    assert journal.leased() == ["PD-1001", "PD-1002"]
    journal.close()  # the station is killed: no CLOSE STATION, the leases stay

    station, journal = _station(db, tmp_path)  # started again on its journal
    alice = station.login(ALICE_BADGE)
    station.home_summary(alice)
    assert journal.leased() == ["PD-1001", "PD-1002"]  # its own, not leased anew
    opened = station.start_next(alice)
    assert opened is not None and opened.order_number == "PD-1001"
    assert _claims(db, "PD-1001", "PD-1002") == {"PD-1001": ("packing", "ST-A"), "PD-1002": ("packing", "ST-A")}
    journal.close()  # and dies for good: PD-1001 open, PD-1002 leased

    other = PackingService(db, "ST-B", PackingSettings(station_code="ST-B"))
    bob = other.login(BOB_BADGE)
    assert other.start_next(bob).order_number == "PD-1003"  # the dead station's orders are invisible

    admin = AdminDesk(db)
    held = {s.station: s for s in admin.station_leases()}
    assert set(held) == {"ST-A", "ST-B"}
    dead = held["ST-A"]
    assert set(dead.orders) == {"PD-1001", "PD-1002"}
    now = datetime.now(timezone.utc)
    assert dead.since is not None and now - timedelta(minutes=5) < dead.since <= now
    assert dead.until is not None and dead.until - now > timedelta(seconds=OFFLINE_LEASE_S - 600)

    with pytest.raises(FieldProblem, match="say why the station's orders are given back"):
        admin.give_back_leases("ST-A", "  ", "sam")
    with pytest.raises(AdminError, match="Station ST-X holds no orders"):
        admin.give_back_leases("ST-X", "broken", "sam")
    assert _claims(db, "PD-1001", "PD-1002")["PD-1002"] == ("packing", "ST-A")  # nothing written
    assert sorted(admin.give_back_leases("ST-A", "station PC broken", "sam")) == ["PD-1001", "PD-1002"]
    assert _claims(db, "PD-1001", "PD-1002") == {"PD-1001": ("picked", None), "PD-1002": ("picked", None)}
    assert {s.station for s in admin.station_leases()} == {"ST-B"}
    record = next(e for e in admin.recent_audit() if e.action == "StationLeasesGivenBack")
    assert (record.chain, record.actor, record.subject) == ("", "sam", "station ST-A")
    assert json.loads(record.detail or "{}") == {"orders": ["PD-1001", "PD-1002"], "reason": "station PC broken"}

    third = PackingService(db, "ST-C", PackingSettings(station_code="ST-C"))
    assert third.start_next(third.login(BOB_BADGE)).order_number == "PD-1001"  # in the queue again

    station, journal = _station(db, tmp_path)  # the dead station comes back after all
    assert journal.drop_lost(db) == ["PD-1002"]  # given back: not opened by NEXT from the journal
    alice = station.login(ALICE_BADGE)
    station.home_summary(alice)  # leases anew what is free
    leased = journal.leased()
    assert leased and all(v == ("packing", "ST-A") for v in _claims(db, *leased).values())
    journal.close()


def test_the_stations_commands_list_and_give_back_leases(db: Database, tmp_path: Path) -> None:
    """`packdesk stations leases` and `packdesk stations give-back` in a subprocess, as a supervisor runs them."""
    if db.is_sqlite:
        pytest.skip("the offline journal is PostgreSQL's")
    seed(db, orders=2)
    station, journal = _station(db, tmp_path, "ST-DEAD")
    station.home_summary(station.login(ALICE_BADGE))
    journal.close()

    def packdesk(*words: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "app.cli.main", *words, "--database", db.url],
                              capture_output=True, text=True, timeout=120,
                              env=dict(os.environ, PACKDESK_LANGUAGE="en"))

    listed = packdesk("stations", "leases")
    assert listed.returncode == 0, listed.stderr
    row = next(line for line in listed.stdout.splitlines() if line.startswith("ST-DEAD"))
    assert row.split()[1] == "2" and row.endswith("PD-1001 PD-1002"), listed.stdout
    refused = packdesk("stations", "give-back", "ST-NONE", "--reason", "broken")
    assert refused.returncode == 2 and "Station ST-NONE holds no orders" in refused.stderr
    given = packdesk("stations", "give-back", "ST-DEAD", "--reason", "station PC broken", "--user", "sam")
    assert given.returncode == 0, given.stderr
    assert "2 orders of station ST-DEAD given back to the queue: PD-1001 PD-1002" in given.stdout
    assert "No station holds orders." in packdesk("stations", "leases").stdout

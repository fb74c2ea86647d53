"""Issue 17: the journal keeps its copies of orders and of people as versioned JSON documents,
and a journal an older station kept pickled is converted once at start-up and packs on from it."""
from __future__ import annotations

import json
import pickle
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import make_url

from app.packing.api import ScanOutcome as O
from app.packing.offline import take_copy
from app.packing.offline_json import (
    COPY_FORMAT, CopyUnreadable, copy_document, copy_from_document, person_from_document,
)
from app.packing.service import PackingService
from app.packing.settings import PackingSettings
from app.ports import Scan
from app.station.offline import OfflineCapable, Provisioning
from app.store.journal import JOURNAL_FILE, Journal
from app.store.session import Database
from tests.support.servers import LoopbackProxy, through
from tests.ui.data import ALICE_BADGE, MUG, seed

pytestmark = pytest.mark.postgres


def _rows(path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(path) as raw:
        return [(table, typeof, data if isinstance(data, str) else "")
                for table in ("copies", "people")
                for typeof, data in raw.execute(f"SELECT typeof(data), data FROM {table}")]


def test_copies_are_json_and_an_old_pickled_journal_is_converted_once_and_packs_on(
        db: Database, tmp_path: Path) -> None:
    if db.is_sqlite:
        pytest.skip("an outage of the central database is PostgreSQL's")
    seed(db, orders=1)
    proxy = LoopbackProxy(make_url(db.url).port or 5432)
    try:
        with Database(through(db.url, proxy.port, connect_timeout="2")) as central:
            def station() -> OfflineCapable:
                service = PackingService(central, "ST-R", PackingSettings(station_code="ST-R"))
                return OfflineCapable(service, central, Journal(tmp_path, "ST-R"), Provisioning(buffer=1))

            first = station()
            alice = first.login(ALICE_BADGE)
            first.home_summary(alice)  # PD-1001 leased: its copy kept
            assert first.start_next(alice).order_number == "PD-1001"  # opened online: the copy has its box too
            journal = first.journal
            rows = _rows(journal.path)
            assert [(t, k) for t, k, _ in rows] == [("copies", "text"), ("people", "text")]
            documents = [json.loads(data) for _, _, data in rows]
            assert [d["format"] for d in documents] == [COPY_FORMAT, COPY_FORMAT]
            copy, person = copy_from_document(documents[0]), person_from_document(documents[1])
            assert copy.number == "PD-1001" and person == alice
            assert copy == take_copy(first.central._uow(), first.central.desk, "PD-1001")  # nothing lost in JSON
            assert copy.pack.base.suggested_box is not None and copy.pack.base.suggested_box.parcel is not None
            assert copy_from_document(json.loads(json.dumps(copy_document(copy)))) == copy
            assert copy.details.ship_to.city == "Berlin" and copy.pack.products[MUG].sku == "MUG-BLUE"

            # the same journal as a station of the last version left it: its copies pickled
            with sqlite3.connect(journal.path) as raw:
                raw.execute("UPDATE copies SET data = ?", (pickle.dumps(copy),))
                raw.execute("UPDATE people SET data = ?", (pickle.dumps(person),))
            journal.close()
            assert [k for _, k, _ in _rows(tmp_path / JOURNAL_FILE)] == ["blob", "blob"]

            proxy.cut()  # started again while the database is away: converted, and it packs on
            second = station()
            assert [k for _, k, _ in _rows(tmp_path / JOURNAL_FILE)] == ["text", "text"]
            assert copy_from_document(second.journal.copy_of("PD-1001")) == copy
            assert second.login(ALICE_BADGE) == alice  # offline: the converted person
            assert second.resume_open_pack(alice).order_number == "PD-1001"
            assert second.record_scan("PD-1001", alice, Scan(MUG)).outcome is O.ACCEPTED
            assert second.journal.convert_pickled(pickle.dumps, pickle.dumps) == 0  # once: nothing left
            proxy.restore()
            assert second.back_online() == []
            assert second.snapshot("PD-1001").units_scanned == 1
            second.journal.close()
    finally:
        proxy.close()


def test_a_copy_of_a_format_this_station_does_not_read_is_refused_clearly() -> None:
    with pytest.raises(CopyUnreadable, match="format 99, which this version of Packdesk does not read"):
        copy_from_document({"format": 99, "copy": {}})

"""What a saved station file changed, as the audit log records it: only the changed keys, before
and after, secrets never in the clear."""
from __future__ import annotations

from pathlib import Path

from app.setup.changes import MASK, configuration_changes, masked, record_configuration_change
import json

from tests.unit.fake_store import FakeStore, FakeUnitOfWork


BEFORE = {"database": {"url": "postgresql://station:s3cret@db.lager/packdesk"},
          "station": {"code": "BENCH-3", "name": "Bench 3"},
          "devices": {"label_printer": "tcp://10.0.0.7:9100", "scale": "/dev/ttyUSB0"},
          "packing": {"weight_tolerance_g": 80}}


def test_only_the_changed_keys_are_listed_with_before_and_after() -> None:
    after = {**BEFORE, "station": {"code": "BENCH-3", "name": "Bench 3 (window)"},
             "devices": {"label_printer": "tcp://10.0.0.8:9100"}, "packing": {"weight_tolerance_g": 80}}
    assert configuration_changes(BEFORE, after) == {
        "devices.label_printer": {"before": "tcp://10.0.0.7:9100", "after": "tcp://10.0.0.8:9100"},
        "devices.scale": {"before": "/dev/ttyUSB0", "after": None},
        "station.name": {"before": "Bench 3", "after": "Bench 3 (window)"},
    }


def test_a_database_password_never_reaches_the_audit_log() -> None:
    after = {**BEFORE, "database": {"url": "postgresql://station:n3w-s3cret@db2.lager/packdesk"}}
    changes = configuration_changes(BEFORE, after)
    assert changes == {"database.url": {"before": f"postgresql://station:{MASK}@db.lager/packdesk",
                                        "after": f"postgresql://station:{MASK}@db2.lager/packdesk"}}
    assert "s3cret" not in repr(changes)


def test_keys_that_name_a_secret_are_masked_whole() -> None:
    assert masked("shipping.api_token", "abc123") == MASK
    assert masked("printing.smtp_password", "pw") == MASK
    assert masked("station.name", "Bench 3") == "Bench 3"
    assert masked("supervisor.pin", "4711") == masked("shop.api_key", "k") == MASK
    assert masked("packing.shipping_label", "zpl") == "zpl"  # "pin" inside a word is no PIN
    assert masked("database.url", "sqlite:////var/lib/packdesk.sqlite3") == "sqlite:////var/lib/packdesk.sqlite3"
    changes = configuration_changes({"mail": {"password": "old"}}, {"mail": {"password": "new"}})
    assert changes == {"mail.password": {"before": MASK, "after": MASK}}  # changed, but not shown


def test_a_file_saved_unchanged_records_nothing() -> None:
    store = FakeStore()
    assert configuration_changes(BEFORE, dict(BEFORE)) == {}
    assert record_configuration_change(FakeUnitOfWork(store), "sam", "BENCH-3", Path("/etc/station.toml"), {}) is None
    assert store.tables.audit == []


def test_a_change_is_one_record_in_the_stations_chain_by_the_person() -> None:
    store = FakeStore()
    changes = configuration_changes(BEFORE, {**BEFORE, "station": {"code": "BENCH-3", "name": "Bench 4"}})
    assert record_configuration_change(FakeUnitOfWork(store), "sam", "BENCH-3", Path("/etc/station.toml"),
                                       changes) == 1
    [entry] = store.tables.audit
    assert (entry.actor, entry.action, entry.subject, entry.chain) == (
        "sam", "ConfigurationChanged", "station BENCH-3 configuration", "BENCH-3")
    assert json.loads(entry.detail or "{}") == {
        "file": "/etc/station.toml", "changes": {"station.name": {"before": "Bench 3", "after": "Bench 4"}}}

"""`packdesk users`, `packdesk reasons` and `packdesk badges print` on SQLite and PostgreSQL:
the same use cases as the admin screens, audited, with clear refusals (exit 2)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from app.store.audit_log import audit_entries
from tests.integration.packing.conftest import Warehouse
from tests.integration.printing.decode import zpl_barcodes


def run(warehouse: Warehouse, *argv: str) -> int:
    return main(["--database", warehouse.db.url, *argv])


def test_users_add_change_deactivate_and_list(warehouse: Warehouse, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(warehouse, "users", "add", "kim", "--name", "Kim Lead", "--role", "admin", "--badge", "PDU-9002",
               "--pin", "1357", "--user", "ada") == 0
    assert run(warehouse, "users", "change", "pat", "--language", "de", "--user", "ada") == 0
    assert run(warehouse, "users", "deactivate", "pat", "--user", "ada") == 0
    capsys.readouterr()
    assert run(warehouse, "users", "list", "--all", "--json") == 0
    listed = {u["username"]: u for u in json.loads(capsys.readouterr().out)}
    assert listed["kim"] == {"username": "kim", "display_name": "Kim Lead", "role": "admin", "badge_code": "PDU-9002",
                             "active": True, "language": None, "has_pin": True}
    assert (listed["pat"]["active"], listed["pat"]["language"]) == (False, "de")
    assert [(e.actor, e.action, e.subject) for e in audit_entries(warehouse.db)] == [
        ("ada", "UserAdded", "user kim"), ("ada", "UserChanged", "user pat"), ("ada", "UserDeactivated", "user pat")]
    assert run(warehouse, "users", "roles") == 0
    assert "admin: kim" in capsys.readouterr().out


def test_a_refused_user_names_the_field_and_exits_2(warehouse: Warehouse, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(warehouse, "users", "add", "kim", "--name", "Kim", "--role", "supervisor", "--badge", "PDU-9") == 2
    assert "PIN: a supervisor approves overrides" in capsys.readouterr().err
    assert list(audit_entries(warehouse.db)) == []


def test_reasons_add_retire_list(warehouse: Warehouse, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(warehouse, "reasons", "add", "wrong_address", "--user", "ada") == 0
    assert run(warehouse, "reasons", "retire", "damaged", "--user", "ada") == 0
    assert run(warehouse, "reasons", "retire", "damaged") == 2
    capsys.readouterr()
    assert run(warehouse, "reasons", "list") == 0
    lines = {line.split()[0]: line.split()[1:3] for line in capsys.readouterr().out.splitlines()[1:]}
    assert lines["damaged"] == ["retired", "configuration"] and lines["wrong_address"] == ["active", "added"]


def test_badges_print_writes_a_zpl_badge_that_scans(warehouse: Warehouse, tmp_path: Path) -> None:
    out = tmp_path / "sam.zpl"
    assert run(warehouse, "badges", "print", "BADGE-SAM", "--out", str(out)) == 0
    assert [r.text for r in zpl_barcodes(out.read_bytes())] == ["BADGE-SAM"]
    assert run(warehouse, "badges", "print", "nobody", "--out", str(tmp_path / "x.pdf")) == 2
    assert not (tmp_path / "x.pdf").exists()


def test_a_decision_takes_the_codes_as_an_admin_changed_them(warehouse: Warehouse,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert run(warehouse, "reasons", "retire", "damaged", "--user", "ada") == 0
    assert run(warehouse, "reasons", "add", "wrong_address", "--user", "ada") == 0
    capsys.readouterr()
    assert run(warehouse, "exceptions", "resolve", "X-999", "--action", "resolve", "--reason", "damaged") == 2
    assert "'damaged' is not a reason code" in capsys.readouterr().err
    # the added code passes the reason check: the refusal is about the exception now
    assert run(warehouse, "exceptions", "resolve", "X-999", "--action", "resolve", "--reason", "wrong_address") == 2
    assert "There is no exception 'X-999'" in capsys.readouterr().err

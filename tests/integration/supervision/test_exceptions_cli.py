"""`packdesk exceptions list|resolve`: the queue as a table or JSON, a decision with a reason
code; bad input exits 2 with one message naming it, and writes nothing."""
from __future__ import annotations

import json

import pytest

from app.cli.main import main
from app.store.audit_log import audit_entries
from tests.integration.packing.conftest import Warehouse
from tests.integration.supervision.floor import busy_morning


def packdesk(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_open_as_json_then_resolve_and_list_again(warehouse: Warehouse,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    busy_morning(warehouse)
    url = warehouse.db.url
    code, out, _ = packdesk(capsys, "exceptions", "list", "--open", "--kind", "hold", "--json", "--database", url)
    held = json.loads(out)
    assert code == 0 and [(i["kind"], i["order_number"], i["open"]) for i in held] == [("hold", "PD-3001", True)]
    assert held[0]["actions"] == ["release", "requeue", "cancel", "resolve"]
    code, out, _ = packdesk(capsys, "exceptions", "resolve", held[0]["key"], "--action", "release",
                            "--reason", "customer_request", "--note", "called back", "--user", "sam",
                            "--database", url)
    # the reason in words, not its code (german-finish)
    assert code == 0 and f"{held[0]['key']}: release (customer request) by sam. Order PD-3001 released" in out
    code, out, _ = packdesk(capsys, "exceptions", "list", "--kind", "hold", "--database", url)
    assert code == 0 and "released sam" in out and "1 exception(s), 0 open" in out  # the decision in words
    assert list(audit_entries(warehouse.db))[-1].action == "ExceptionDecided"


def test_the_table_names_station_and_packer(warehouse: Warehouse, capsys: pytest.CaptureFixture[str]) -> None:
    busy_morning(warehouse)
    code, out, _ = packdesk(capsys, "exceptions", "list", "--open", "--station", "PACK-02",
                            "--database", warehouse.db.url)
    assert code == 0 and "stale lease" in out and "problem" in out and "2 exception(s), 2 open" in out  # kinds in words


@pytest.mark.parametrize("argv, message", [
    (("list", "--kind", "fire"), "'fire' is not a kind of exception; use one of: hold"),
    (("list", "--hours", "-3"), "--hours must be a positive number"),
    (("resolve", "H-1", "--action", "explode", "--reason", "other"), "'explode' is not an action; use one of"),
    (("resolve", "H-1", "--action", "release", "--reason", "whim"), "'whim' is not a reason code"),
    (("resolve", "Q-77", "--action", "resolve", "--reason", "other"), "There is no exception 'Q-77'"),
])
def test_bad_input_exits_2_with_one_message(warehouse: Warehouse, capsys: pytest.CaptureFixture[str],
                                            argv: tuple[str, ...], message: str) -> None:
    busy_morning(warehouse)
    before = list(audit_entries(warehouse.db))
    code, out, err = packdesk(capsys, "exceptions", *argv, "--database", warehouse.db.url)
    assert code == 2 and message in err and "Traceback" not in err and out == ""
    assert list(audit_entries(warehouse.db)) == before

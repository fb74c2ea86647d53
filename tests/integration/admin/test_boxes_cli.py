"""`packdesk boxes list|add|edit|retire`: the box catalogue from the command line, each change
audited with who, before and after; bad input named, nothing written. SQLite and PostgreSQL."""
from __future__ import annotations

import json

from app.cli.main import main
from app.store.audit_log import audit_entries
from app.store.session import Database

ADD = ["boxes", "add", "M40", "--name", "Medium 40", "--inner", "400x300x200", "--outer", "410x310x210",
       "--tare", "320", "--max-load", "15000", "--cost", "0,95", "--user", "ada"]


def boxes(url: str, capsys, *more: str) -> list[dict]:
    assert main(["--database", url, "boxes", "list", "--json", *more]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_box_is_added_edited_and_retired_with_an_audit_record_each(db_url: str, capsys) -> None:
    assert main(["--database", db_url, *ADD]) == 0
    assert capsys.readouterr().out == "box M40 added\n"
    [box] = boxes(db_url, capsys)
    assert (box["code"], box["name"], box["barcode"], box["inner_length_mm"], box["outer_height_mm"], box["tare_g"],
            box["max_load_g"], box["cost"], box["enabled"]) == (
        "M40", "Medium 40", "BOX-M40", 400, 210, 320, 15000, "0.9500", True)
    assert main(["--database", db_url, "boxes", "edit", "M40", "--cost", "1.10", "--inner", "400x300x190",
                 "--user", "ada"]) == 0
    assert main(["--database", db_url, "boxes", "retire", "M40", "--user", "ada"]) == 0
    assert capsys.readouterr().out == "box M40 changed\nbox M40 retired\n"
    assert boxes(db_url, capsys) == []
    [box] = boxes(db_url, capsys, "--all")
    assert (box["cost"], box["inner_height_mm"], box["enabled"]) == ("1.1000", 190, False)
    assert main(["--database", db_url, "boxes", "list", "--all"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:2] == ["CODE", "NAME"] and table[1].split()[0] == "M40" and table[1].endswith("retired")
    with Database(db_url) as db:
        records = [(e.actor, e.action, e.subject, json.loads(e.detail or "{}")) for e in audit_entries(db)]
    assert [r[:3] for r in records] == [("ada", "BoxAdded", "box M40"), ("ada", "BoxChanged", "box M40"),
                                         ("ada", "BoxRetired", "box M40")]
    assert records[1][3] == {"changed": ["cost", "inner_height_mm"], "before": {"cost": "0.9500", "inner_height_mm": 200},
                             "after": {"cost": "1.1000", "inner_height_mm": 190}}


def test_bad_input_names_the_field_exits_2_and_writes_nothing(db_url: str, capsys) -> None:
    bad_sizes = [a if a != "400x300x200" else "400x300" for a in ADD]
    assert main(["--database", db_url, *bad_sizes]) == 2
    assert "--inner: '400x300': give length x width x height in millimetres" in capsys.readouterr().err
    smaller = [a if a != "410x310x210" else "390x310x210" for a in ADD]
    assert main(["--database", db_url, *smaller]) == 2
    assert "outer length (mm): is 390, smaller than the inner length 400" in capsys.readouterr().err
    assert main(["--database", db_url, "boxes", "edit", "XXL", "--cost", "2"]) == 2
    assert "There is no box 'XXL'; `packdesk boxes list --all` lists them." in capsys.readouterr().err
    assert main(["--database", db_url, "boxes", "retire", "XXL"]) == 2
    assert boxes(db_url, capsys, "--all") == []
    with Database(db_url) as db:
        assert list(audit_entries(db)) == []

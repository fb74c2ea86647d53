"""The rest of issue 18, item 6: each bad input is one message naming it, exit 2, no traceback
and nothing written - URLs, missing databases and roles, files that are folders or unreadable,
an enormous CSV field, deeply nested JSON, an export into a missing folder, a negative limit."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import make_url

from app.cli.main import main

ROOT = Path(__file__).resolve().parents[3]


def packdesk(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("url, words", [
    ("foo", "The database URL 'foo' is not a URL"),
    ("mysql://packdesk@db/packdesk", "names a mysql database; Packdesk runs on SQLite or PostgreSQL"),
    ("postgresql+psycopg2://db/packdesk", "the driver 'postgresql+psycopg2'"),
])
@pytest.mark.parametrize("command", [["db", "upgrade"], ["orders", "list"]])
def test_a_url_of_the_wrong_kind_is_one_message(capsys, url: str, words: str, command: list[str]) -> None:
    code, _, err = packdesk(capsys, "--database", url, *command)
    assert code == 2 and words in err and "Traceback" not in err


def test_db_upgrade_into_a_missing_sqlite_folder_names_the_folder(capsys, tmp_path: Path) -> None:
    code, _, err = packdesk(capsys, "--database", f"sqlite:///{tmp_path / 'nowhere' / 'p.sqlite3'}", "db", "upgrade")
    assert code == 2 and f"Its folder {tmp_path / 'nowhere'} does not exist" in err
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.postgres
def test_db_upgrade_of_a_missing_postgres_database_or_role_says_what_to_create(capsys) -> None:
    base = os.environ.get("PACKDESK_TEST_POSTGRES_URL")
    if not base:
        pytest.skip("needs PACKDESK_TEST_POSTGRES_URL")
    name = f"packdesk_missing_{uuid.uuid4().hex[:8]}"
    url = make_url(base).set(drivername="postgresql+psycopg", database=name)
    code, _, err = packdesk(capsys, "--database", url.render_as_string(hide_password=False), "db", "upgrade")
    assert code == 2 and "does not exist on its server" in err and f"createdb {name}" in err
    nobody = url.set(username=f"nobody_{uuid.uuid4().hex[:6]}", database=make_url(base).database)
    code, _, err = packdesk(capsys, "--database", nobody.render_as_string(hide_password=False), "db", "upgrade")
    assert code == 2 and "refuses the user" in err


def test_an_import_path_that_is_a_folder_is_one_message(db_url: str, capsys, tmp_path: Path) -> None:
    code, _, err = packdesk(capsys, "--database", db_url, "import", "orders", str(tmp_path))
    assert code == 2 and f"{tmp_path} is a folder" in err


def test_an_unreadable_import_file_is_one_message(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "products.csv"
    path.write_text("sku,name\nMUG-1,Mug\n", encoding="utf-8")
    path.chmod(0)
    drop = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("root reads any file; setpriv is needed to drop that")
        drop = ["setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]
    done = subprocess.run([*drop, sys.executable, "-m", "app.cli.main", "--database", db_url, "import", "catalog",
                           str(path)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr
    assert f"{path} cannot be read by this user" in done.stderr and "Traceback" not in done.stderr


def test_a_csv_field_over_the_limit_names_its_line(db_url: str, capsys, tmp_path: Path) -> None:
    path = tmp_path / "products.csv"
    path.write_text("sku,name\nMUG-1,Mug\nBIG-1," + "x" * 140_000 + "\n", encoding="utf-8")
    code, _, err = packdesk(capsys, "--database", db_url, "import", "catalog", str(path))
    assert code == 2 and "line 3: a field is longer than 131,072 characters" in err


def test_json_nested_too_deep_names_its_line(db_url: str, capsys, tmp_path: Path) -> None:
    path = tmp_path / "orders.json"
    path.write_text('[{"order_number": "SO-1"},\n' + "[" * 100_000 + "]" * 100_000 + "]", encoding="utf-8")
    code, _, err = packdesk(capsys, "--database", db_url, "import", "orders", str(path))
    assert code == 2 and "line 2: the JSON is nested too deeply" in err and "Traceback" not in err


def test_export_into_a_missing_folder_leaves_nothing(db_url: str, capsys, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "missing" / "shipments.csv"
    code, _, err = packdesk(capsys, "--database", db_url, "export", "shipments", "--output", str(target))
    assert code == 2 and f"the folder {out / 'missing'} does not exist" in err
    assert list(out.rglob("*")) == []


def test_export_into_a_folder_it_may_not_write_leaves_no_partial_file(db_url: str, capsys, tmp_path: Path) -> None:
    out = tmp_path / "out"
    target = out / "shipments.csv"
    target.mkdir(parents=True)  # the .partial file can be written, the rename onto a folder cannot
    code, _, err = packdesk(capsys, "--database", db_url, "export", "shipments", "--output", str(target))
    assert code == 2 and "cannot be written" in err
    assert [p.name for p in out.iterdir()] == ["shipments.csv"]


@pytest.mark.parametrize("limit", ["-1", "0", "99999999999999999999", "ten"])
def test_orders_list_refuses_a_limit_that_is_not_a_count(db_url: str, capsys, limit: str) -> None:
    code, _, err = packdesk(capsys, "--database", db_url, "orders", "list", "--limit", limit)
    assert code == 2 and "argument --limit" in err and "Traceback" not in err


def test_boxes_suggest_says_a_non_utf8_items_file_is_not_text(capsys, tmp_path: Path) -> None:
    path = tmp_path / "items.csv"
    path.write_bytes(b"sku,length,width,height,weight\n\xff\xfe,1,1,1,1\n")
    code, _, err = packdesk(capsys, "boxes", "suggest", "--items", str(path))
    assert code == 2 and f"items file {path}" in err and "utf-8" in err.lower()


def test_the_read_only_mode_of_sqlite_is_one_message(capsys, tmp_path: Path) -> None:
    """SQLite's own read-only open (mode=ro): writing commands say so instead of a traceback."""
    database = tmp_path / "p.sqlite3"
    assert packdesk(capsys, "--database", f"sqlite:///{database}", "db", "upgrade")[0] == 0
    products = tmp_path / "products.csv"
    products.write_text("sku,name\nMUG-1,Mug\n", encoding="utf-8")
    url = f"sqlite:///file:{database}?mode=ro&uri=true"
    code, _, err = packdesk(capsys, "--database", url, "import", "catalog", str(products))
    assert code == 2 and "is read-only for this user" in err
    assert database.stat().st_mode & stat.S_IWUSR  # the file itself was writable: SQLite refused

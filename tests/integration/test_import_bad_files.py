"""Bad import files through the real command and database: one message, exit 2, nothing written
(issue 18, items 1, 4, 5, 8 and 14), on SQLite and PostgreSQL."""
from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli.main import main
from app.imports import import_file
from app.store.models import Address, Customer, Order
from app.store.session import Database

HEADER = "order_number,ship_name,ship_address1,ship_city,ship_country,email,sku,quantity,notes\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def count(db_url: str, model: type) -> int:
    with Database(db_url) as db, db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def catalogued(db_url: str, tmp_path: Path) -> str:
    """The database with MUG-1 in its catalogue."""
    with Database(db_url) as db:
        import_file(db, "catalog", write(tmp_path, "products.csv", "sku,name,price\nMUG-1,Mug,12.90\n"))
    return db_url


def packdesk(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


def order_row(n: int, **changes: str) -> str:
    values = {"order_number": f"SO-{n}", "ship_name": "Ada Lovelace", "ship_address1": "1 Analytical Way",
              "ship_city": "London", "ship_country": "GB", "email": f"ada{n}@example.com", "sku": "MUG-1",
              "quantity": "1", "notes": "", **changes}
    return ",".join(values.values()) + "\n"


def test_an_unbalanced_quote_refuses_the_file_instead_of_dropping_orders(
        catalogued: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = HEADER + order_row(1, notes='"fragile') + "".join(order_row(n) for n in range(2, 6))
    code, err = packdesk(capsys, "--database", catalogued, "import", "orders", str(write(tmp_path, "o.csv", text)))
    assert code == 2
    assert "o.csv: line 2:" in err and "Traceback" not in err
    assert count(catalogued, Order) == 0


def test_fields_longer_than_their_columns_are_refused_by_line_on_every_database(
        catalogued: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = HEADER + order_row(1) + order_row(2, ship_city="C" * 150) + order_row(3, notes="nul\x00byte")
    code, err = packdesk(capsys, "--database", catalogued, "import", "orders", str(write(tmp_path, "o.csv", text)))
    assert code == 2
    assert "line 3: ship_city is 150 characters long; at most 100 allowed" in err
    assert "line 4: notes holds a NUL character" in err
    assert count(catalogued, Order) == 0


@pytest.mark.parametrize("quantity, reason", [
    ("50000000", "quantity 50000000 is more than 10000, the most one order line may hold"),
    ("99999999999999999999", "quantity 99999999999999999999 is more than 10000"),
])
def test_an_enormous_quantity_is_refused_by_line(catalogued: str, tmp_path: Path, quantity: str, reason: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    text = HEADER + order_row(1, quantity=quantity)
    code, err = packdesk(capsys, "--database", catalogued, "import", "orders", str(write(tmp_path, "o.csv", text)))
    assert code == 2
    assert f"line 2: {reason}" in err
    assert count(catalogued, Order) == 0


def test_the_configured_maximum_quantity_per_line_is_used(catalogued: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    config = write(tmp_path, "station.toml", "[imports]\nmax_line_quantity = 5\n")
    text = HEADER + order_row(1, quantity="6")
    code, err = packdesk(capsys, "--config", str(config), "--database", catalogued, "import", "orders",
                         str(write(tmp_path, "o.csv", text)))
    assert code == 2
    assert "line 2: quantity 6 is more than 5, the most one order line may hold" in err


def test_orders_show_prints_control_characters_visibly(catalogued: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    order = {"number": "SO-1", "email": "ada@example.com", "notes": "fine",
             "ship_to": {"name": "Ada", "address1": "1 Way", "city": "London", "country": "GB"},
             "lines": [{"sku": "MUG-1", "quantity": 1}]}
    with Database(catalogued) as db:
        import_file(db, "orders", write(tmp_path, "o.json", json.dumps([order])))
        # The importer refuses control characters now; data written before (or by other
        # means) may still hold them, and must not reach the terminal.
        with db.write() as session:
            stored = session.scalars(select(Order).where(Order.number == "SO-1")).one()
            stored.notes = "\x1b[2J\x1b[31mwiped\x1b[0m"
            session.get(Address, stored.ship_to_id).name = "Ada\rEvil"
    code = main(["--database", catalogued, "orders", "show", "SO-1"])
    out = capsys.readouterr().out
    assert code == 0
    assert "\x1b" not in out and "\r" not in out
    assert "notes: \\x1b[2J\\x1b[31mwiped\\x1b[0m" in out
    assert "Ada\\rEvil" in out


@pytest.mark.parametrize("db_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)
def test_two_imports_at_once_sharing_new_customers_both_succeed(db_url: str, catalogued: str,
                                                                 tmp_path: Path) -> None:
    first = write(tmp_path, "a.csv", HEADER + "".join(order_row(n) for n in range(1, 40)))
    second = write(tmp_path, "b.csv", HEADER + "".join(order_row(n, order_number=f"SB-{n}") for n in range(1, 40)))
    outcome: dict[str, object] = {}

    def import_second() -> None:
        with Database(catalogued) as db:
            try:
                outcome["second"] = import_file(db, "orders", second).created
            except Exception as exc:  # noqa: BLE001 - the test reports what it was
                outcome["second"] = exc

    racer = threading.Thread(target=import_second)

    def progress(stage: str, done: int, total: int) -> None:
        # the first import has written its new customers but not committed: the second now
        # inserts the same e-mails and waits on them; then the first commits
        if stage == "writing" and not racer.is_alive() and "second" not in outcome:
            racer.start()
            racer.join(timeout=1.5)

    with Database(catalogued) as db:
        created = import_file(db, "orders", first, progress=progress).created
    racer.join(timeout=60)
    assert (created, outcome["second"]) == (39, 39)
    assert count(catalogued, Customer) == 39
    assert count(catalogued, Order) == 78

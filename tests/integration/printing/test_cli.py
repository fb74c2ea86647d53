"""`packdesk documents ...` against a real SQLite database with the demo data, and the
command sheet and badges without one."""
from __future__ import annotations

from pathlib import Path

import biip
import pytest

from app.cli.main import main
from app.store import migrate
from app.store.session import Database
from app.identifiers import is_valid_s10
from app.imports.demo import load_demo
from tests.integration.printing.decode import pdf_barcodes, pdf_text, zpl_barcodes


# One worker runs this module's tests (xdist's loadgroup), so that its module-scoped fixture,
# the demo database of `demo_db`, is made once and not on each worker.
pytestmark = pytest.mark.xdist_group("printing_cli")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'demo.sqlite3'}"
    with Database(url) as db:
        migrate.upgrade(db)
        load_demo(db)
    return url


def run(*argv: str) -> int:
    return main(list(argv))


def test_command_sheet_needs_no_database(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PACKDESK_DATABASE_URL", "sqlite:////nonexistent/dir/x.sqlite3")
    out = tmp_path / "commands.pdf"
    assert run("documents", "command-sheet", "--out", str(out)) == 0
    assert "PD-CMD-CLOSE-BOX" in {r.text for r in pdf_barcodes(out.read_bytes())}


def test_badges_from_a_users_csv(tmp_path: Path) -> None:
    users = tmp_path / "users.csv"
    users.write_text("display_name,badge_code,role,active\nAna Kovač,PDU-1001,packer,True\n"
                     "Gone Person,PDU-9999,packer,False\n", encoding="utf-8")
    out = tmp_path / "badges.pdf"
    assert run("documents", "badges", "--users", str(users), "--out", str(out)) == 0
    assert [r.text for r in pdf_barcodes(out.read_bytes())] == ["PDU-1001"]


def test_badges_from_the_database_users(demo_db: str, tmp_path: Path) -> None:
    out = tmp_path / "badges.pdf"
    assert run("--database", demo_db, "documents", "badges", "--out", str(out)) == 0
    assert "PDU-1001" in {r.text for r in pdf_barcodes(out.read_bytes())}


def test_preprinted_labels_never_share_an_sscc(demo_db: str, tmp_path: Path) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.zpl"
    assert run("--database", demo_db, "documents", "label", "PD-10001", "--out", str(first)) == 0
    assert run("--database", demo_db, "documents", "label", "PD-10001", "--format", "zpl",
               "--dpi", "300", "--out", str(second)) == 0
    reads = pdf_barcodes(first.read_bytes()) + zpl_barcodes(second.read_bytes(), dpi=300)
    ssccs = [r.text for r in reads if r.symbology == "]C1"]
    tracking = [r.text for r in reads if r.symbology == "]C0"]
    assert len(set(ssccs)) == 2 and len(set(tracking)) == 2
    assert all(biip.parse("]C1" + s).sscc_error is None for s in ssccs)
    assert all(is_valid_s10(t) for t in tracking)


def test_invoice_keeps_its_number_when_reprinted(demo_db: str, tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "c.pdf"
    for out, order in ((a, "PD-10007"), (b, "PD-10007"), (c, "PD-10014")):
        assert run("--database", demo_db, "documents", "invoice", order, "--out", str(out)) == 0
    numbers = [pdf_barcodes(p.read_bytes())[0].text for p in (a, b, c)]
    assert numbers[0] == numbers[1] != numbers[2]
    assert all(n.startswith("INV-") for n in numbers)


def test_slip_picklist_and_manifest_from_the_database(demo_db: str, tmp_path: Path) -> None:
    slip, picks, manifest = tmp_path / "s.pdf", tmp_path / "p.pdf", tmp_path / "m.pdf"
    assert run("--database", demo_db, "documents", "slip", "PD-10001", "--paper", "Letter",
               "--out", str(slip)) == 0
    assert [r.text for r in pdf_barcodes(slip.read_bytes())] == ["PD-10001"]
    assert run("--database", demo_db, "documents", "picklist", "PD-10001,PD-10007",
               "--out", str(picks)) == 0
    texts = [r.text for r in pdf_barcodes(picks.read_bytes())]
    assert texts[0].startswith("PL-") or any(t.startswith("PL-") for t in texts)
    assert len(texts) > 5
    assert run("--database", demo_db, "documents", "manifest", "ups", "--out",
               str(manifest)) == 0
    assert "Carrier manifest" in pdf_text(manifest.read_bytes())[0]


def test_unknown_order_is_a_clear_error(demo_db: str, tmp_path: Path, capsys) -> None:
    assert run("--database", demo_db, "documents", "slip", "NOPE-1", "--out",
               str(tmp_path / "x.pdf")) == 2
    assert "NOPE-1" in capsys.readouterr().err


def test_a_printed_pick_list_hands_its_orders_to_the_stations_that_scan_it(demo_db: str, tmp_path: Path) -> None:
    from sqlalchemy import select

    from app.store.models import Order
    from app.orders.claims import claim_order
    from app.store.uow import SqlUnitOfWork

    with Database(demo_db) as db:
        with db.read() as session:
            picked = list(session.scalars(select(Order.number).where(Order.status == "picked")
                                          .order_by(Order.id.desc()).limit(2)))
        assert len(picked) == 2
        sheet = tmp_path / "picks.pdf"
        assert run("--database", demo_db, "documents", "picklist", ",".join(picked), "--out", str(sheet)) == 0
        code = next(r.text for r in pdf_barcodes(sheet.read_bytes()) if r.text.startswith("PL-"))
        # the code as a scanner reads it off the paper
        assert claim_order(SqlUnitOfWork(db), code, "ST-A", "ana").number == picked[0]
        assert claim_order(SqlUnitOfWork(db), code, "ST-B", "ben").number == picked[1]


def test_the_badges_in_the_docs_are_the_demo_users_badges() -> None:
    """docs/documents/badges.png shows the people of resources/demo/users.csv (issue 13, item 16)."""
    import csv

    from PIL import Image

    from app.paths import resource
    from tests.integration.printing.decode import _read

    with resource("demo", "users.csv").open(encoding="utf-8") as fh:
        demo = [row["badge_code"] for row in csv.DictReader(fh)]
    image = Image.open(Path(__file__).resolve().parents[3] / "docs" / "documents" / "badges.png")
    read = {r.text for r in _read(image.convert("L").resize((image.width * 3, image.height * 3)))}
    assert read and read <= set(demo), read
    assert not any(code.startswith("PD-USER-") for code in read)


def test_the_cli_docs_list_every_demo_badge_code() -> None:
    """docs/cli.md gives the badge code of each demo user, not only usernames and PINs."""
    import csv

    from app.paths import resource

    text = (Path(__file__).resolve().parents[3] / "docs" / "cli.md").read_text(encoding="utf-8")
    with resource("demo", "users.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            assert f"`{row['badge_code']}`" in text, row["username"]

"""Issue 19, the last English a German user met: texts the system itself stores in English (a
wave's reason for a status change, an exchange order's notes, the offline journal's conflict, a
decided exception's summary) and codes (a hold's kind, a decision's reason) are said in the
reader's language when read - `orders show`, `exceptions list` and `exceptions resolve` - while
the database keeps English and the English reader reads what was stored. On SQLite and PostgreSQL."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.packing.desk import Desk
from app.packing.offline import replay_with
from app.packing.settings import PackingSettings
from app.store.journal import Journal
from app.store.models import ExceptionReview, Order, OrderEvent, PackException, Product
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from app.unit_of_work import ExchangeLineRecord
from tests.integration.orders.test_waves_and_picking import setup
from tests.integration.orders.warehouse import order_row
from tests.integration.test_a_german_user_reads_german import english_afterwards, packdesk  # noqa: F401
from tests.ui.data import MUG, seed


def test_a_waves_reason_reads_german_in_orders_show(db: Database, tmp_path: Path, capsys, monkeypatch) -> None:
    setup(db, tmp_path, order_row("WEB-1", "MUG-BLUE-350", 1))
    code, out, err = packdesk(capsys, monkeypatch, "en", "--database", db.url, "waves", "create", "--strategy",
                              "single", "--json")
    assert code == 0, err
    pick_list = json.loads(out)[0]["code"]
    with db.read() as session:
        details = session.scalars(select(OrderEvent.detail).where(OrderEvent.kind == "StatusChanged")).all()
    assert any(f'"on pick list {pick_list}"' in (d or "") for d in details), details  # English in the database
    code, english, _err = packdesk(capsys, monkeypatch, "en", "orders", "show", "WEB-1", "--database", db.url)
    assert code == 0 and f"(on pick list {pick_list})" in english
    code, german, _err = packdesk(capsys, monkeypatch, "de", "orders", "show", "WEB-1", "--database", db.url)
    assert code == 0
    assert f"(auf Pickliste {pick_list})" in german and "on pick list" not in german
    code, listed, _err = packdesk(capsys, monkeypatch, "de", "orders", "list", "--database", db.url)
    assert code == 0 and "WEB-1          in Kommissionierung" in listed, listed  # the status in words, not "picking"


def test_an_orders_events_and_the_systems_reasons_read_in_words(db: Database, tmp_path: Path, capsys,
                                                              monkeypatch) -> None:
    # the log keeps its codes and English reasons; `orders show` says them in the reader's language
    setup(db, tmp_path, order_row("WEB-3", "MUG-BLUE-350", 1))
    with db.read() as session:
        kinds = set(session.scalars(select(OrderEvent.kind)))
    assert {"OrderCaptured", "StatusChanged", "StockAllocated"} <= kinds
    code, english, _err = packdesk(capsys, monkeypatch, "en", "orders", "show", "WEB-3", "--database", db.url)
    assert code == 0
    assert "order captured" in english and "stock held" in english and "(passed validation)" in english
    assert "OrderCaptured" not in english and "StockAllocated" not in english
    code, german, _err = packdesk(capsys, monkeypatch, "de", "orders", "show", "WEB-3", "--database", db.url)
    assert code == 0
    assert "Auftrag erfasst" in german and "Bestand reserviert" in german and "(Prüfung bestanden)" in german
    assert "passed validation" not in german and "StatusChanged" not in german
    code, raw, _err = packdesk(capsys, monkeypatch, "en", "orders", "show", "WEB-3", "--json", "--database", db.url)
    assert code == 0 and '"OrderCaptured"' in raw  # the machine form keeps the codes


def test_an_exchange_orders_notes_read_german(db: Database, capsys, monkeypatch) -> None:
    seed(db, orders=1)
    with db.read() as session:
        mug = session.scalar(select(Product.id).where(Product.sku == "MUG-BLUE"))
    with SqlUnitOfWork(db) as uow:
        source = uow.orders.get("PD-1001")
        assert source is not None
        uow.returns.add_exchange_order(source.id, "RMA-000001-X", [
            ExchangeLineRecord(mug, "MUG-BLUE", "Blue mug", 1, Decimal("12.50"))])
        uow.commit()
    with db.read() as session:
        assert session.scalar(select(Order.notes).where(Order.number == "RMA-000001-X")) == "exchange for order PD-1001"
    code, english, _err = packdesk(capsys, monkeypatch, "en", "orders", "show", "RMA-000001-X", "--database", db.url)
    assert code == 0 and "notes: exchange for order PD-1001" in english
    code, german, _err = packdesk(capsys, monkeypatch, "de", "orders", "show", "RMA-000001-X", "--database", db.url)
    assert code == 0
    assert "Notizen: Umtausch für Auftrag PD-1001" in german and "exchange for" not in german


def test_a_held_orders_kind_reads_german_in_orders_show(db: Database, tmp_path: Path, capsys, monkeypatch) -> None:
    setup(db, tmp_path, order_row("WEB-2", country="XX"))
    code, english, _err = packdesk(capsys, monkeypatch, "en", "orders", "show", "WEB-2", "--database", db.url)
    assert code == 0 and "address: country 'XX' is not an ISO 3166 country code" in english
    code, german, _err = packdesk(capsys, monkeypatch, "de", "orders", "show", "WEB-2", "--database", db.url)
    assert code == 0
    assert "Adresse: Land 'XX' ist kein Ländercode nach ISO 3166" in german and "address:" not in german
    # the status change's reason: the hold's reasons joined, said one by one
    assert "erfasst -> zurückgehalten  import  (Land 'XX' ist kein Ländercode nach ISO 3166)" in german, german
    assert "on_hold" not in german and "captured" not in german  # statuses in words, not codes
    assert "is not an ISO 3166" not in german


def test_the_offline_journals_conflict_reads_german_in_exceptions_list(db: Database, tmp_path: Path, capsys,
                                                                      monkeypatch) -> None:
    seed(db, orders=1)
    journal = Journal(tmp_path / "station-data", "ST-7", "alice")
    assert journal.lease(db, 1) == ["PD-1001"]
    journal.scan("PD-1001", MUG)
    with db.write() as session:  # meanwhile a supervisor cancels it centrally
        session.execute(text("UPDATE orders SET status = 'cancelled' WHERE number = 'PD-1001'"))
    report = journal.replay(db, replay_with(Desk("ST-7", PackingSettings(station_code="ST-7"))))
    assert report.conflicts == ["PD-1001"]
    with db.read() as session:
        stored = session.scalar(select(PackException.reason))
    assert stored.startswith("offline scan at ST-7 not applied: the order is cancelled")  # English kept
    code, english, _err = packdesk(capsys, monkeypatch, "en", "exceptions", "list", "--database", db.url)
    assert code == 0 and stored in english
    code, german, _err = packdesk(capsys, monkeypatch, "de", "exceptions", "list", "--database", db.url)
    assert code == 0
    assert ("offline scan an ST-7 nicht übernommen: der Auftrag ist zentral storniert an ST-7; prüfen Sie "
            "das Paket gegen den Auftrag") in german, german
    assert "not applied" not in german and "check the parcel" not in german
    row = next(line for line in german.splitlines() if "ST-7" in line)
    assert " Problem " in row and " offen " in row, row  # its kind and state in words too, not "problem"/"open"


def test_a_decided_exceptions_summary_and_its_reason_read_german(db: Database, tmp_path: Path, capsys,
                                                                 monkeypatch) -> None:
    setup(db, tmp_path, order_row("WEB-2", country="XX"))
    code, out, _err = packdesk(capsys, monkeypatch, "en", "exceptions", "list", "--json", "--database", db.url)
    key = next(i["key"] for i in json.loads(out) if i["kind"] == "hold")
    code, german, err = packdesk(capsys, monkeypatch, "de", "exceptions", "resolve", key, "--action", "release",
                                 "--reason", "address_fixed", "--user", "sam", "--database", db.url)
    assert code == 0, err
    assert "(Adresse korrigiert)" in german and "address_fixed" not in german, german
    with db.read() as session:
        summary = session.scalar(select(ExceptionReview.summary).where(ExceptionReview.key == key))
    assert summary == "Order WEB-2 on hold - address: country 'XX' is not an ISO 3166 country code"
    code, english, _err = packdesk(capsys, monkeypatch, "en", "exceptions", "list", "--database", db.url)
    assert code == 0 and summary in english
    code, german, _err = packdesk(capsys, monkeypatch, "de", "exceptions", "list", "--database", db.url)
    assert code == 0
    assert "Auftrag WEB-2 zurückgehalten - Adresse: Land 'XX' ist kein Ländercode nach ISO 3166" in german, german
    assert "on hold" not in german

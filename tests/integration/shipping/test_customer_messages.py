"""Customer messages through a real SMTP server on loopback: every kind arrives with its content,
a refused delivery is retried, nothing is sent twice - not even after a crash between sending and
recording. Both databases."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.cli.main import main
from app.shipping.mail import SmtpTransport
from app.shipping.outbox import queue_in, send_due
from app.shipping.settings import MailSettings
from app.shipping.tracking import flag_late
from app.store.models import Order, OutboxMessage
from app.store.uow import SqlUnitOfWork
from tests.integration.packing.conftest import Warehouse, add_order
from tests.integration.shipping.carrier_files import import_rate_tables
from tests.integration.shipping.packed import pack_teapots
from tests.integration.shipping.smtp_server import smtp_server

T0 = datetime(2025, 3, 14, 12, 0, tzinfo=timezone.utc)


def give_email(warehouse: Warehouse, number: str) -> None:
    with warehouse.db.write() as session:
        session.execute(update(Order).where(Order.number == number).values(email=f"{number.lower()}@example.org"))


def queue(warehouse: Warehouse, kind: str, number: str, ref: str = "", **values: str) -> bool:
    uow = SqlUnitOfWork(warehouse.db)
    with uow:
        done = queue_in(uow, kind, uow.orders.get(number), values, ref=ref, now=T0)
        uow.commit()
    return done


def states(warehouse: Warehouse) -> list[str]:
    with warehouse.db.read() as session:
        return list(session.scalars(select(OutboxMessage.state).order_by(OutboxMessage.id)))


class Clock:
    def __init__(self) -> None:
        self.at = T0

    def __call__(self) -> datetime:
        return self.at


def test_every_kind_of_message_arrives_with_its_content(warehouse: Warehouse, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    import_rate_tables(warehouse.db.url, tmp_path)
    labels = pack_teapots(warehouse, "PD-9001", parcels=2)
    give_email(warehouse, "PD-9001")
    url = warehouse.db.url
    for label in labels:  # shipped: queued when the last parcel is handed over
        assert main(["--database", url, "dispatch", "scan", label.tracking_number]) == 0
    report = tmp_path / "t.csv"
    report.write_text("tracking_number,status,time\n" + "".join(
        f"{label.tracking_number},delivered,2025-03-17T10:00:00Z\n" for label in labels), encoding="utf-8")
    assert main(["--database", url, "tracking", "import", str(report)]) == 0  # delivered
    add_order(warehouse.db, "PD-9002", [("TEAPOT-RED", 1)])
    give_email(warehouse, "PD-9002")
    assert [o.number for o in flag_late(SqlUnitOfWork(warehouse.db), T0 + timedelta(days=1))
            if o.number == "PD-9002"] == ["PD-9002"]  # delay
    assert queue(warehouse, "confirmation", "PD-9002", expected="2025-03-18")
    assert queue(warehouse, "backorder", "PD-9002", items="2 x TEAPOT-RED", restock="2025-04-01")
    assert queue(warehouse, "return_received", "PD-9001", ref="RMA-000001", rma="RMA-000001",
                 items="1 x TEAPOT-RED <red>")
    assert queue(warehouse, "refunded", "PD-9001", ref="RMA-000001", rma="RMA-000001", amount="EUR 12.50")
    assert not queue(warehouse, "refunded", "PD-9001", ref="RMA-000001", rma="RMA-000001", amount="EUR 12.50")
    with smtp_server() as (inbox, port):
        config = tmp_path / "station.toml"
        config.write_text(f'[mail]\nhost = "127.0.0.1"\nport = {port}\nsender = "Shop <orders@example.org>"\n'
                          'tls = "none"\n', encoding="utf-8")
        capsys.readouterr()
        assert main(["--config", str(config), "--database", url, "notify", "send"]) == 0
        assert "7 sent, 0 to retry, 0 failed" in capsys.readouterr().out
        assert main(["--config", str(config), "--database", url, "notify", "send"]) == 0
        assert "0 sent" in capsys.readouterr().out
    by_subject = {m["Subject"]: m for m in inbox.messages}
    assert len(inbox.messages) == 7
    shipped = by_subject["Your order PD-9001 is on its way"]
    text = shipped.get_body(("plain",)).get_content()
    assert shipped["To"] == "pd-9001@example.org" and shipped["From"] == "Shop <orders@example.org>"
    assert all(f"FAST {label.tracking_number}" in text for label in labels)
    assert "Expected delivery: 2025-03-17" in text
    assert "<b>PD-9001</b>" in shipped.get_body(("html",)).get_content()
    (invoice,) = list(shipped.iter_attachments())  # the invoice issued at shipping, as a PDF
    assert invoice.get_content_type() == "application/pdf" and invoice.get_filename().startswith("invoice-INV-")
    from tests.integration.printing.decode import pdf_text
    number = invoice.get_filename().removeprefix("invoice-").removesuffix(".pdf")
    assert number in pdf_text(invoice.get_content())[0]
    assert all(not list(m.iter_attachments()) for m in inbox.messages if m is not shipped)
    assert "delivered on 2025-03-17" in by_subject["Your order PD-9001 was delivered"].get_body(("plain",)).get_content()
    assert "by 2025-03-14 17:00 UTC" in by_subject["Your order PD-9002 is delayed"].get_body(("plain",)).get_content()
    assert "deliver it by 2025-03-18" in by_subject["Your order PD-9002 is confirmed"].get_body(("plain",)).get_content()
    assert "back on 2025-04-01" in by_subject["Part of your order PD-9002 is on backorder"].get_body(("plain",)).get_content()
    received = by_subject["We received your return RMA-000001"]
    assert "1 x TEAPOT-RED &lt;red&gt;" in received.get_body(("html",)).get_content()  # escaped in HTML
    assert "refunded EUR 12.50" in by_subject["Your refund for return RMA-000001"].get_body(("plain",)).get_content()
    with warehouse.db.read() as session:
        stored = set(session.scalars(select(OutboxMessage.message_id)))
    assert {m["Message-ID"].strip() for m in inbox.messages} == stored
    assert states(warehouse) == ["sent"] * 7


def test_a_refused_delivery_is_retried_later(warehouse: Warehouse) -> None:
    give_email(warehouse, "PD-1042")
    queue(warehouse, "confirmation", "PD-1042", expected="2025-03-18")
    clock = Clock()
    with smtp_server() as (inbox, port):
        mail = MailSettings(host="127.0.0.1", port=port, sender="orders@example.org", retry_seconds=60)
        inbox.refuse = 1
        first = send_due(lambda: SqlUnitOfWork(warehouse.db), SmtpTransport(mail), mail, clock)
        assert first.retried == ["confirmation:PD-1042"] and inbox.messages == []
        assert states(warehouse) == ["queued"]
        with warehouse.db.read() as session:
            assert "451" in session.scalars(select(OutboxMessage.last_error)).one()
        clock.at += timedelta(seconds=30)  # not due yet
        assert send_due(lambda: SqlUnitOfWork(warehouse.db), SmtpTransport(mail), mail, clock).sent == []
        clock.at += timedelta(seconds=31)
        assert send_due(lambda: SqlUnitOfWork(warehouse.db), SmtpTransport(mail), mail, clock).sent == \
            ["confirmation:PD-1042"]
    assert inbox.refused == 1 and len(inbox.messages) == 1
    with warehouse.db.read() as session:
        row = session.scalars(select(OutboxMessage)).one()
        assert (row.state, row.attempts, row.last_error) == ("sent", 2, None)


def test_a_message_refused_for_good_fails_after_max_attempts(warehouse: Warehouse) -> None:
    give_email(warehouse, "PD-1042")
    queue(warehouse, "confirmation", "PD-1042", expected="2025-03-18")
    clock = Clock()
    with smtp_server() as (inbox, port):
        mail = MailSettings(host="127.0.0.1", port=port, sender="orders@example.org", retry_seconds=0,
                            max_attempts=2)
        inbox.refuse = 5
        for _ in range(3):
            send_due(lambda: SqlUnitOfWork(warehouse.db), SmtpTransport(mail), mail, clock)
    assert inbox.refused == 2 and states(warehouse) == ["failed"]


class Crash(Exception):
    """The sender dies between the server's 250 and recording it."""


def test_nothing_is_sent_twice_after_a_crash_between_sending_and_recording(warehouse: Warehouse,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    give_email(warehouse, "PD-1042")
    queue(warehouse, "confirmation", "PD-1042", expected="2025-03-18")
    clock = Clock()
    with smtp_server() as (inbox, port):
        mail = MailSettings(host="127.0.0.1", port=port, sender="orders@example.org")

        def crash(message: object) -> None:
            raise Crash

        with pytest.raises(Crash):
            send_due(lambda: SqlUnitOfWork(warehouse.db), SmtpTransport(mail), mail, clock, after_send=crash)
        assert len(inbox.messages) == 1 and states(warehouse) == ["sending"]
        for minutes in (0, 5, 60):  # later runs, before and after the sender is given up on
            clock.at = T0 + timedelta(minutes=minutes)
            send_due(lambda: SqlUnitOfWork(warehouse.db), SmtpTransport(mail), mail, clock)
        assert len(inbox.messages) == 1 and states(warehouse) == ["unknown"]
        # a person checked the mailbox: it did arrive, so nothing more; requeueing is a decision
        with warehouse.db.read() as session:
            message_id = session.scalars(select(OutboxMessage.id)).one()
        assert main(["--database", warehouse.db.url, "notify", "requeue", str(message_id)]) == 0
        assert states(warehouse) == ["queued"]


def test_a_killed_sender_process_never_sends_again(warehouse: Warehouse, tmp_path: Path) -> None:
    """A real SIGKILL-like death (os._exit) of a sender process right after the server took the mail."""
    give_email(warehouse, "PD-1042")
    queue(warehouse, "confirmation", "PD-1042", expected="2025-03-18")
    with smtp_server() as (inbox, port):
        child = Path(__file__).with_name("sender_child.py")
        done = subprocess.run([sys.executable, str(child), warehouse.db.url, str(port)], capture_output=True,
                              text=True, timeout=60, cwd=Path(__file__).parents[3],
                              env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[3])})
        assert done.returncode == 9, done.stderr
        assert len(inbox.messages) == 1 and states(warehouse) == ["sending"]
        mail = MailSettings(host="127.0.0.1", port=port, sender="orders@example.org")
        later = Clock()
        later.at = datetime.now(timezone.utc) + timedelta(hours=1)
        report = send_due(lambda: SqlUnitOfWork(warehouse.db), SmtpTransport(mail), mail, later)
        assert report.in_doubt == ["confirmation:PD-1042"] and report.sent == []
    assert len(inbox.messages) == 1 and states(warehouse) == ["unknown"]


def test_mail_settings_refuse_what_cannot_work(tmp_path: Path, warehouse: Warehouse,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "station.toml"
    url = warehouse.db.url
    for body, expected in (('[mail]\nhost = "h"\nsender = "s"\npassword = "secret"\n', "did you mean password_env"),
                           ('[mail]\nhost = "h"\nsender = "s"\ntls = "ssl"\n', "use one of: none, starttls, tls"),
                           ('[mail]\nhost = "h"\nsender = "s"\nuser = "u"\npassword_env = "NO_SUCH_VAR_15"\n',
                            "NO_SUCH_VAR_15"),
                           ("", "needs host and sender")):
        config.write_text(body, encoding="utf-8")
        assert main(["--config", str(config), "--database", url, "notify", "send"]) == 2
        assert expected in capsys.readouterr().err


def test_the_worker_ends_cleanly_on_sigterm(warehouse: Warehouse, tmp_path: Path) -> None:
    """systemd stops the worker with SIGTERM: it ends between batches, exit 0, nothing left
    'sending' (before, SIGTERM killed it wherever it was)."""
    import signal
    import time

    with smtp_server() as (_inbox, port):
        config = tmp_path / "station.toml"
        config.write_text(f'[mail]\nhost = "127.0.0.1"\nport = {port}\nsender = "Shop <orders@example.org>"\n'
                          'tls = "none"\n', encoding="utf-8")
        worker = subprocess.Popen([sys.executable, "-m", "app.cli.main", "--config", str(config), "--database",
                                   warehouse.db.url, "notify", "send", "--worker", "--interval", "30"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert worker.stdout is not None
            first = worker.stdout.readline()  # the first batch's summary: the worker is between batches
            assert first.strip(), worker.stderr.read() if worker.stderr else ""
            time.sleep(0.2)
            worker.send_signal(signal.SIGTERM)
            out, err = worker.communicate(timeout=20)
        finally:
            if worker.poll() is None:
                worker.kill()
    assert worker.returncode == 0, err
    assert "notify worker stopped" in out and "Traceback" not in err
    assert "sending" not in states(warehouse)

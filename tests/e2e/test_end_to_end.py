"""End to end: a serial scanner on a pseudo-terminal packs a two-parcel demo order; the
database and the printed files (barcodes decoded back) are checked."""
from __future__ import annotations

import os
import tty
from pathlib import Path

import pytest
from sqlalchemy import select

from app.commands import Command
from app.store.models import Order, Parcel, ScanRecord
from tests.ui.data import ALICE_BADGE, MUG, PEN
from tests.ui.helpers import settle


@pytest.fixture
def pty_scanner():
    """(device path, write(data)) of a pseudo-terminal standing in for a serial scanner."""
    master, slave = os.openpty()
    tty.setraw(slave)
    path = os.ttyname(slave)
    yield path, lambda data: os.write(master, data.encode() + b"\r")
    os.close(master)
    os.close(slave)


def decode_pdf_barcodes(path: Path) -> set[str]:
    """Every barcode text on the first page of a PDF, by an independent decoder."""
    import pypdfium2
    import zxingcpp

    page = pypdfium2.PdfDocument(str(path))[0]
    image = page.render(scale=600 / 72).to_pil()
    return {b.text for b in zxingcpp.read_barcodes(image)}


def test_a_two_parcel_order_packed_with_a_serial_scanner(qtbot, make_station, pty_scanner, tmp_path) -> None:
    device, write = pty_scanner
    # dedupe_ms=0: this test scans the same mug twice on purpose, sometimes within 300 ms.
    app = make_station({"devices": {"scanner": f"{device}?dedupe_ms=0"}})
    # pyserial's open() flushes the terminal's input queue: bytes written before the station
    # says the scanner is connected may be dropped (no beep was given for them either).
    tile = app.window.screens["home"].device_labels["scanner"]
    assert tile.text() != "scanner\nconnected"  # not before the port is open
    qtbot.waitUntil(lambda: tile.text() == "scanner\nconnected", timeout=5000)
    assert app.station.device_states["scanner"].address == device
    applied: list[object] = []
    app.station.applied.connect(lambda: applied.append(1))

    def scan(data: str) -> None:
        count = len(applied)
        write(data)
        qtbot.waitUntil(lambda: len(applied) > count, timeout=5000)
        settle(qtbot, app)

    scan(ALICE_BADGE)
    scan("PD-1001")
    scan(MUG)
    scan(Command.CLOSE_BOX.value)  # parcel 1: one mug; its label waits until the count is known
    assert app.station.pack is not None and app.station.step == "pack"
    assert not list((tmp_path / "printed").glob("*-PD-1001-parcel*-label-*.pdf"))
    scan(MUG)
    scan(PEN)
    scan(Command.CLOSE_BOX.value)  # parcel 2: a mug and a pen; both labels print, "1 of 2" and "2 of 2"
    assert app.window.screens["confirm"].message.text() == "Stick the label on parcel 1 and scan its barcode"
    first, second = app.station.pack.parcels[:2]
    scan("00" + first.sscc)
    assert app.station.pack is not None and app.station.step == "confirm"
    assert app.window.screens["confirm"].message.text() == "Stick the label on parcel 2 and scan its barcode"
    scan("00" + second.sscc)
    assert app.station.pack is None and app.station.step == "home"
    with app.db.read() as s:
        order = s.scalar(select(Order).where(Order.number == "PD-1001"))
        parcels = s.scalars(select(Parcel).where(Parcel.order_id == order.id).order_by(Parcel.seq)).all()
        sources = set(s.scalars(select(ScanRecord.data)).all())
        assert order.status == "packed"
        assert [(p.seq, p.status) for p in parcels] == [(1, "confirmed"), (2, "confirmed")]
        assert [sum(i.quantity for i in p.items) for p in parcels] == [1, 2]
    assert MUG in sources
    # devices' FolderPrinter names each file <time>-<seq>-<id>-<job name>: sorted, they are in print order
    labels = sorted((tmp_path / "printed").glob("*-PD-1001-parcel*-label-*.pdf"))
    assert [p.name.split("-PD-1001-")[1].split("-")[0] for p in labels] == ["parcel1", "parcel2"]
    assert any(first.sscc in text for text in decode_pdf_barcodes(labels[0]))
    assert any(second.sscc in text for text in decode_pdf_barcodes(labels[1]))
    assert ["1 of 2" in pdf_text(labels[0]), "2 of 2" in pdf_text(labels[1])] == [True, True]


def pdf_text(path: Path) -> str:
    """The text of every page of a PDF, read back by pdfium."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path))
    return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))

"""Every document printed for an order is kept (by its bytes' SHA-256) and written back out by
`packdesk orders documents NUMBER --out DIR`. Both databases."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli.main import main
from app.store.models import ArchivedDocument
from tests.integration.packing.conftest import Warehouse
from tests.integration.printing.decode import pdf_text
from tests.integration.shipping.packed import pack_teapots


def test_printed_documents_are_kept_and_written_back(warehouse: Warehouse, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    (label,) = pack_teapots(warehouse, "PD-9301", parcels=1)
    url = warehouse.db.url
    printed = {}
    for kind, extra in (("label", ["--parcel", "1"]), ("slip", []), ("invoice", [])):
        out = tmp_path / f"{kind}.pdf"
        assert main(["--database", url, "documents", kind, "PD-9301", "--out", str(out), *extra]) == 0
        printed[kind] = out.read_bytes()
    # the same label printed again is the same bytes: kept once
    again = tmp_path / "again.pdf"
    assert main(["--database", url, "documents", "label", "PD-9301", "--parcel", "1", "--out", str(again)]) == 0
    with warehouse.db.read() as session:
        kept = session.scalars(select(ArchivedDocument).order_by(ArchivedDocument.id)).all()
        same = again.read_bytes() == printed["label"]
        assert [d.kind for d in kept] == ["label", "slip", "invoice"] + ([] if same else ["label"])
        assert {d.sha256 for d in kept} >= {hashlib.sha256(b).hexdigest() for b in printed.values()}
    folder = tmp_path / "archive" / "PD-9301"
    capsys.readouterr()
    assert main(["--database", url, "orders", "documents", "PD-9301", "--out", str(folder)]) == 0
    assert "document(s) of order PD-9301 written" in capsys.readouterr().out
    files = sorted(folder.iterdir())
    contents = {f.read_bytes() for f in files}
    assert set(printed.values()) <= contents
    label_file = next(f for f in files if "-label-" in f.name)
    assert label.tracking_number in pdf_text(label_file.read_bytes())[0]
    # an order with nothing printed, and an unknown order, say so
    assert main(["--database", url, "orders", "documents", "PD-1042", "--out", str(tmp_path / "x")]) == 2
    assert "No document was printed for order PD-1042 yet" in capsys.readouterr().err
    assert main(["--database", url, "orders", "documents", "PD-0000", "--out", str(tmp_path / "x")]) == 2
    assert "No order has the number PD-0000" in capsys.readouterr().err

"""Golden files: each document's PDF (reportlab invariant mode) and the label's ZPL are
byte-for-byte what was reviewed. After an intended change, regenerate with
`PACKDESK_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/integration/printing/test_golden.py`,
look at the new files (docs/documents.md shows how to render them) and commit them."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from printing.command_sheet import badges_pdf, command_sheet_pdf
from printing.invoice import invoice_pdf
from printing.label_pdf import label_pdf
from printing.label_zpl import label_zpl
from printing.manifest import manifest_pdf
from printing.model import Address
from printing.picklist import picklist_pdf
from printing.samples import (
    SAMPLE_BADGES, sample_invoice, sample_label, sample_manifest, sample_picklist,
    sample_slip,
)
from printing.slip import slip_pdf

GOLDEN = Path(__file__).parent / "golden"
# Latin-only data keeps the goldens small: no TrueType subset is embedded.
LATIN = Address("Jane Doe", ("1 High Street",), "N1 9GU", "London", "GB", company="Doe & Co",
                phone="+44 20 7946 0000")

DOCUMENTS: dict[str, Callable[[], bytes]] = {
    "label.pdf": lambda: label_pdf(sample_label(ship_to=LATIN)),
    "label-203.zpl": lambda: label_zpl(sample_label(), dpi=203),
    "label-300.zpl": lambda: label_zpl(sample_label(), dpi=300),
    "slip.pdf": lambda: slip_pdf(sample_slip(ship_to=LATIN, lines=3)),
    "invoice.pdf": lambda: invoice_pdf(sample_invoice(buyer=LATIN)),
    "picklist.pdf": lambda: picklist_pdf(sample_picklist(totes={})),
    "manifest.pdf": lambda: manifest_pdf(sample_manifest(parcels=3)),
    "command-sheet.pdf": lambda: command_sheet_pdf(),
    "badges.pdf": lambda: badges_pdf(SAMPLE_BADGES[:2]),
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_document_matches_its_golden_file(name: str, tmp_path: Path) -> None:
    actual = DOCUMENTS[name]()
    path = GOLDEN / name
    if os.environ.get("PACKDESK_REGEN_GOLDEN") == "1":
        path.write_bytes(actual)
        return
    assert path.is_file(), f"no golden file {path}; run with PACKDESK_REGEN_GOLDEN=1"
    if actual != path.read_bytes():
        (tmp_path / name).write_bytes(actual)
        pytest.fail(f"{name} differs from {path}; the new output is in {tmp_path / name}. "
                    "If the change is intended, regenerate with PACKDESK_REGEN_GOLDEN=1")


def test_pdf_bytes_do_not_depend_on_the_process() -> None:
    code = ("import sys; from printing.samples import sample_slip; from printing.slip import "
            "slip_pdf; sys.stdout.buffer.write(slip_pdf(sample_slip()))")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2")]
    assert runs[0] == runs[1] and runs[0].startswith(b"%PDF")

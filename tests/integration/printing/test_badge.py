"""A user's badge as the admin prints it: name, role and a Code 128 of the badge code, as PDF
(pdfium renders, zxing reads) and as ZPL (zplkit renders, zxing reads)."""
from __future__ import annotations

import pytest

from printing.badge import badge_job, badge_zpl
from printing.errors import DocumentError
from printing.model import Badge
from tests.integration.printing.decode import pdf_barcodes, pdf_text, zpl_barcodes, zpl_image

KIM = Badge("Kim Lindqvist-Okafor", "PDU-2001", "supervisor")


@pytest.mark.parametrize("dpi", [203, 300])
def test_the_zpl_badge_scans_as_its_badge_code(dpi: int) -> None:
    zpl = badge_zpl(KIM, dpi)
    [read] = zpl_barcodes(zpl, dpi)
    assert (read.text, read.format) == ("PDU-2001", "Code 128")
    image = zpl_image(zpl, dpi)
    assert image.width == round(85.6 * dpi / 25.4)  # a card, landscape
    assert "Kim Lindqvist-Okafor".encode() in zpl and b"supervisor" in zpl


def test_the_pdf_badge_scans_and_names_the_user() -> None:
    job = badge_job(KIM, zpl=False)
    assert job.content_type == "application/pdf" and job.name == "badge-PDU-2001.pdf"
    assert [(r.text, r.format) for r in pdf_barcodes(job.data, 300)] == [("PDU-2001", "Code 128")]
    text = pdf_text(job.data)[0]
    assert "Kim Lindqvist-Okafor" in text and "supervisor" in text


def test_a_badge_code_code128_cannot_print_is_refused() -> None:
    with pytest.raises(DocumentError, match="badge"):
        badge_zpl(Badge("Kim", "PDU-ÿ€", "packer"))

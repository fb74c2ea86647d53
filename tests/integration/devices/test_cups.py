"""CUPS through `lp`: a PDF to the cups-pdf queue (read back and decoded), ZPL to a raw queue
that ends at a fake Zebra. Skipped, saying why, where CUPS is not installed or running;
.ci/run installs and starts it (packaging/cups-setup.sh)."""
from __future__ import annotations

import re
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from app.ports import PrintJob
from devices.printers import CupsPrinter
from tests.integration.devices.fakes import FakeZebra

PDF_QUEUE = "PACKDESK_PDF"


def cups_ready() -> str | None:
    """None when CUPS can run the tests, else the reason it cannot."""
    for tool in ("lp", "lpstat", "lpadmin"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (apt-get install cups cups-client cups-bsd printer-driver-cups-pdf)"
    running = subprocess.run(["lpstat", "-r"], capture_output=True, text=True, env={"LANG": "C"})
    if "is running" not in running.stdout:
        return "cupsd is not running (start it with packaging/cups-setup.sh)"
    return None


# One worker at a time adds queues to the machine's one CUPS (xdist's loadgroup).
pytestmark = [pytest.mark.skipif(cups_ready() is not None, reason=str(cups_ready())),
              pytest.mark.xdist_group("cups")]


def cups_pdf_out_dir() -> Path:
    out = "/var/spool/cups-pdf/${USER}"
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.exists():
        for line in conf.read_text().splitlines():
            if re.match(r"^Out\s", line):
                out = line.split(None, 1)[1].strip()
    import getpass

    return Path(out.replace("${HOME}", str(Path.home())).replace("${USER}", getpass.getuser()))


def test_pdf_job_comes_out_of_cups_pdf_with_its_barcode() -> None:
    if subprocess.run(["lpstat", "-p", PDF_QUEUE], capture_output=True).returncode != 0:
        pytest.skip(f"CUPS queue {PDF_QUEUE} is missing (run packaging/cups-setup.sh)")
    import io

    import pypdfium2
    import zxingcpp
    from reportlab.graphics.barcode import code128
    from reportlab.pdfgen import canvas

    code = "PACK-" + uuid.uuid4().hex[:8].upper()
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(300, 200))
    code128.Code128(code, barHeight=60, barWidth=1.5).drawOn(page, 20, 80)
    page.save()
    title = f"cupstest-{code}"
    result = CupsPrinter(PDF_QUEUE).print_job(PrintJob(title, buffer.getvalue(), "application/pdf"))
    assert result.ok, result.message
    assert result.details["request_id"].startswith(PDF_QUEUE)

    out = cups_pdf_out_dir()
    deadline = time.monotonic() + 30
    found: list[Path] = []
    while not found and time.monotonic() < deadline:
        found = list(out.glob(f"*{code}*.pdf")) if out.exists() else []
        time.sleep(0.2)
    assert found, f"cups-pdf wrote nothing for {title} into {out}"
    time.sleep(0.3)  # cups-pdf may still be writing
    image = pypdfium2.PdfDocument(str(found[0]))[0].render(scale=600 / 72).to_pil()
    decoded = [b.text for b in zxingcpp.read_barcodes(image)]
    assert code in decoded


def test_raw_queue_carries_zpl_byte_for_byte() -> None:
    zebra = FakeZebra()
    queue = f"PACKDESK_RAW_{uuid.uuid4().hex[:6]}"
    made = subprocess.run(["lpadmin", "-p", queue, "-E", "-v", f"socket://127.0.0.1:{zebra.port}"],
                          capture_output=True, text=True)
    if made.returncode != 0:
        zebra.stop()
        pytest.skip(f"cannot add a raw CUPS queue: {made.stderr.strip()}")
    try:
        zpl = b"^XA^FO20,20^BCN,80^FD>;12345678^FS^XZ"
        result = CupsPrinter(queue).print_job(PrintJob("raw-label", zpl, "application/zpl"))
        assert result.ok, result.message
        deadline = time.monotonic() + 30
        while not zebra.jobs and time.monotonic() < deadline:
            time.sleep(0.1)
        assert zebra.jobs == [zpl]
    finally:
        subprocess.run(["lpadmin", "-x", queue], capture_output=True)
        zebra.stop()


def test_missing_queue_is_named() -> None:
    result = CupsPrinter("NO_SUCH_QUEUE_PACKDESK").print_job(PrintJob("x", b"x", "application/zpl"))
    assert not result.ok and "NO_SUCH_QUEUE_PACKDESK" in result.message

"""Documents: a 4x6 label with two Code 128 symbols as PDF and as ZPL, and a 50-line slip.

References, measured in the same run and interleaved with ours:
- label PDF: a bare reportlab canvas drawing the same text lines at the same places (taken
  from our layout before the timer starts) with drawString, and both symbols with
  reportlab.graphics.barcode (so no fitting, no validation, no encoding of ours). Goal: p95 <= 5 ms and our speed
  >= 0.9x the reference (ratio = reference median / our median).
- label PDF, second reference: python-barcode's PNG writer embedded in a PDF (the issue
  measured ~47 ms a label), fewer rounds.
- label ZPL: goal <= 0.1 ms a label; the reference is the floor: a hand-written f-string of
  the same label (the same commands, positions and fonts) with the values put in raw, no
  checks, escaping, fitting or encoding; ratio = floor / ours. The general path (the layout's
  elements through a ZplBuilder, same bytes) is measured against the same floor.
- packing slip of 50 lines: goal <= 30 ms.
Every round uses a different label (tracking number, SSCC, name), so no cache sees a repeat.
"""
from __future__ import annotations

import io
import statistics
import time
from dataclasses import replace
from typing import Callable, Iterable

from reportlab.graphics.barcode.code128 import Code128 as RLCode128
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.identifiers import s10, sscc
from printing.fonts import AUTO, resolve
from printing.label import layout_label
from printing.label_pdf import label_pdf
from printing.layout import Rule, Text
from printing.pdf import PDF_MIN_MODULE, PDF_MODULE_STEP, PT_PER_MM
from printing.label_zpl import label_zpl
from printing.zpl import ZplBuilder
from printing.model import Address, LabelData
from printing.samples import sample_label, sample_slip
from printing.slip import slip_pdf

LATIN = Address("Jane Doe", ("1 High Street",), "N1 9GU", "London", "GB", company="Doe & Co")


def labels(n: int, ship_to: Address = LATIN) -> list[LabelData]:
    """n labels that differ in tracking number, SSCC, name and order number."""
    return [sample_label(tracking_number=s10("RA", 30000000 + i, "DE"),
                         sscc=sscc(0, "4012345", 70000 + i), order_number=f"SO-{200000 + i}",
                         ship_to=replace(ship_to, name=f"{ship_to.name} {i}"))
            for i in range(n)]


def reference_items(d: LabelData) -> tuple[list[tuple], LabelData]:
    """Our layout's final text lines and rules, computed outside the reference's timer."""
    layout = layout_label(d, PT_PER_MM, PDF_MODULE_STEP, PDF_MIN_MODULE, AUTO)
    h = layout.height
    items = [("t", resolve(e.font, e.text), e.size, e.x, h - e.y - 0.76 * e.size, e.text)
             for e in layout.elements if isinstance(e, Text) and e.text]
    items += [("r", e.x, h - e.y - e.h, e.w, e.h) for e in layout.elements if isinstance(e, Rule)]
    return items, d


def reportlab_label(prepared: tuple[list[tuple], LabelData]) -> bytes:
    """The reference: a bare canvas drawing the same lines with drawString and both symbols
    with reportlab.graphics.barcode's Code128 (GS1 FNC1 as its \\xf1)."""
    items, d = prepared
    buf = io.BytesIO()
    w, h = 101.6 * mm, 152.4 * mm
    c = Canvas(buf, pagesize=(w, h), invariant=1, pageCompression=0)
    for item in items:
        if item[0] == "t":
            _, face, size, x, y, text = item
            c.setFont(face, size)
            c.drawString(x, y, text)
        else:
            c.rect(*item[1:], stroke=0, fill=1)
    RLCode128(d.tracking_number, barWidth=0.38 * mm, barHeight=15 * mm,
              quiet=0).drawOn(c, 20 * mm, 45 * mm)
    RLCode128("\xf1" + "00" + d.sscc, barWidth=0.51 * mm, barHeight=25 * mm,
              quiet=0).drawOn(c, 6 * mm, 12 * mm)
    c.showPage()
    c.save()
    return buf.getvalue()


def python_barcode_png_label(d: LabelData) -> bytes:
    """The issue's slow reference: python-barcode's PNG writer, images embedded in a PDF."""
    from barcode.codex import Code128, Gs1_128
    from barcode.writer import ImageWriter
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    w, h = 101.6 * mm, 152.4 * mm
    c = Canvas(buf, pagesize=(w, h), invariant=1, pageCompression=0)
    c.setFont("Helvetica", 9)
    c.drawString(4 * mm, h - 10 * mm, d.ship_to.name)
    for i, code in enumerate((Code128(d.tracking_number, writer=ImageWriter()),
                              Gs1_128("00" + d.sscc, writer=ImageWriter()))):
        image = code.render({"dpi": 300, "write_text": False})
        c.drawImage(ImageReader(image), 4 * mm, (12 + 45 * i) * mm, 90 * mm, 25 * mm)
    c.showPage()
    c.save()
    return buf.getvalue()


def zpl_template(d: LabelData) -> bytes:
    """The ZPL floor: the same label (every command, position and font of ours at 4x6 and
    203 dpi, written out by hand) as one f-string with the values put in raw: no checking,
    escaping, fitting or Code 128 encoding (the tracking number in ^BC automatic mode)."""
    f, t = d.ship_from, d.ship_to
    return (
        "^XA^CI28^PW812^LL1218^LH0,0^FO24,24^A@N,16,16,E:DEJAVUB.TTF^FH^FDFROM^FS"
        f"^FO24,45^A@N,22,22,E:DEJAVUB.TTF^FH^FD{f.name}^FS"
        f"^FO24,71^A@N,19,19,E:DEJAVU.TTF^FH^FD{f.company}^FS"
        f"^FO24,94^A@N,19,19,E:DEJAVU.TTF^FH^FD{f.address_lines[0]}^FS"
        f"^FO24,117^A@N,19,19,E:DEJAVU.TTF^FH^FD{f.address_lines[1]}^FS"
        f"^FO24,139^A@N,21,21,E:DEJAVUB.TTF^FH^FD{f.postcode} {f.city}^FS"
        f"^FO24,164^A@N,21,21,E:DEJAVUB.TTF^FH^FD{f.country}^FS"
        f"^FO24,189^A@N,17,17,E:DEJAVU.TTF^FH^FDTel. {f.phone}^FS"
        f"^FO482,24^A@N,36,36,E:DEJAVUB.TTF^FH^FD{d.carrier}^FS"
        f"^FO482,66^A@N,28,28,E:DEJAVUB.TTF^FH^FD{d.service}^FS^FO24,214^GB764,3,3^FS"
        "^FO24,219^A@N,19,19,E:DEJAVUB.TTF^FH^FDSHIP TO^FS"
        f"^FO35,245^A@N,38,38,E:DEJAVUB.TTF^FH^FD{t.name}^FS"
        f"^FO35,289^A@N,33,33,E:DEJAVU.TTF^FH^FD{t.company}^FS"
        f"^FO35,328^A@N,33,33,E:DEJAVU.TTF^FH^FD{t.address_lines[0]}^FS"
        f"^FO35,367^A@N,37,37,E:DEJAVUB.TTF^FH^FD{t.postcode} {t.city}^FS"
        f"^FO35,410^A@N,37,37,E:DEJAVUB.TTF^FH^FD{t.country}^FS^FO24,534^GB764,3,3^FS"
        "^FO24,538^A@N,15,15,E:DEJAVUB.TTF^FH^FDWEIGHT^FS"
        f"^FO24,555^A@N,28,28,E:DEJAVU.TTF^FH^FD{d.weight_g / 1000:.2f} kg^FS"
        "^FO279,538^A@N,15,15,E:DEJAVUB.TTF^FH^FDSIZE^FS"
        f"^FO279,555^A@N,25,25,E:DEJAVU.TTF^FH^FD{'x'.join(map(str, d.dimensions_mm))} mm^FS"
        "^FO533,538^A@N,15,15,E:DEJAVUB.TTF^FH^FDPARCEL^FS"
        f"^FO533,555^A@N,28,28,E:DEJAVUB.TTF^FH^FD{d.parcel_index} of {d.parcel_count}^FS"
        "^FO24,606^A@N,15,15,E:DEJAVUB.TTF^FH^FDORDER^FS"
        f"^FO24,623^A@N,28,28,E:DEJAVU.TTF^FH^FD{d.order_number}^FS"
        "^FO279,606^A@N,15,15,E:DEJAVUB.TTF^FH^FDREF^FS"
        f"^FO279,623^A@N,28,28,E:DEJAVU.TTF^FH^FD{d.reference}^FS"
        "^FO533,606^A@N,15,15,E:DEJAVUB.TTF^FH^FDDATE^FS"
        f"^FO533,623^A@N,28,28,E:DEJAVU.TTF^FH^FD{d.ship_date}^FS^FO24,670^GB764,3,3^FS"
        f"^FO24,676^A@N,19,19,E:DEJAVUB.TTF^FH^FDTRACKING  {d.carrier}^FS"
        f"^FO172,698^BY3^BCN,162,N,N,N,A^FD{d.tracking_number}^FS"
        f"^FO172,866^A@N,28,28,E:DEJAVUB.TTF^FH^FD{d.tracking_number}^FS^FO24,895^GB764,3,3^FS"
        "^FO24,900^A@N,19,19,E:DEJAVUB.TTF^FH^FDSSCC^FS"
        f"^FO94,923^BY4^BCN,234,N,N,N,N^FH^FD>;>800{d.sscc}^FS"
        f"^FO94,1163^A@N,28,28,E:DEJAVUB.TTF^FH^FD(00) {d.sscc}^FS^XZ").encode()


def zpl_general(d: LabelData) -> bytes:
    """Our ZPL through the general path: the layout's elements drawn one by one by a
    ZplBuilder (how every label was made before the template path; same bytes)."""
    return label_zpl(d, builder=ZplBuilder(812, 1218, 203))


def timed(fn: Callable, items: list) -> list[float]:
    """Milliseconds for fn on each item."""
    out = []
    for item in items:
        t = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - t) * 1000)
    return out


def p95(values: list[float]) -> float:
    """The 95th percentile."""
    return statistics.quantiles(values, n=20)[-1]


def interleaved(ours: Callable, reference: Callable, items: list, rounds: int,
                prepare: Callable = lambda d: d) -> tuple[list, list]:
    """Alternate ours and the reference round by round so both see the same machine load;
    prepare (untimed) turns an item into the reference's input."""
    o, r = [], []
    chunk = max(1, len(items) // rounds)
    for k in range(rounds):
        part = items[k * chunk:(k + 1) * chunk]
        o += timed(ours, part)
        r += timed(reference, [prepare(d) for d in part])
    return o, r


def figure(name: str, o: list[float], r: list[float] | None, reference_name: str, goal: str,
           **more) -> dict:
    """One result line."""
    om = statistics.median(o)
    rm = statistics.median(r) if r else None
    return {"name": name, "ours": round(om, 3), "reference": round(rm, 3) if rm else None,
            "ratio": round(rm / om, 3) if rm else None, "ratio_means": "reference / ours (speed)",
            "unit": "ms", "p50": round(om, 3), "p95": round(p95(o), 3),
            "reference_p95": round(p95(r), 3) if r else None, "reference_name": reference_name,
            "goal": goal, "n": len(o), **more}


def run(quick: bool) -> Iterable[dict]:
    """The figures of this benchmark."""
    n = 200 if quick else 1000
    warm = labels(20)
    for d in warm:
        label_pdf(d), reportlab_label(reference_items(d)), label_zpl(d)
    items = labels(n)
    o, r = interleaved(label_pdf, reportlab_label, items, rounds=10, prepare=reference_items)
    yield figure("label 4x6 PDF, Latin text", o, r,
                 "bare reportlab canvas (drawString of the same lines, precomputed) + "
                 "reportlab.graphics.barcode Code128 for both symbols",
                 "p95 <= 5 ms and ratio >= 0.9")
    greek = labels(n // 4, ship_to=sample_label().ship_to)
    o = timed(label_pdf, greek)
    yield figure("label 4x6 PDF, Greek ship-to (embeds DejaVu Sans subset)", o, None, "",
                 "p95 <= 5 ms (informative)")
    few = items[:20 if quick else 50]
    o, r = interleaved(label_pdf, python_barcode_png_label, few, rounds=5)
    yield figure("label 4x6 PDF vs python-barcode PNG in PDF", o, r,
                 "python-barcode ImageWriter PNGs embedded with reportlab", "ratio >> 1")
    floor = ("hand-written f-string of the same label's ZPL with the values put in raw (no "
             "checks, escaping, fitting or Code 128 encoding): the floor")
    o, r = interleaved(label_zpl, zpl_template, items, rounds=10)
    yield figure("label 4x6 ZPL 203 dpi", o, r, floor, "ours <= 0.1 ms")
    o, r = interleaved(zpl_general, zpl_template, items[:n // 4], rounds=5)
    yield figure("label 4x6 ZPL 203 dpi, general layout path (ZplBuilder)", o, r, floor,
                 "informative: the path label_zpl took before the template")
    slip = sample_slip(lines=50)
    slip_pdf(slip)
    o = timed(slip_pdf, [slip] * (10 if quick else 50))
    yield figure("packing slip 50 lines PDF", o, None, "", "p95 <= 30 ms",
                 pages=len(slip_pdf(slip).split(b"/Type /Page\n")) - 1)

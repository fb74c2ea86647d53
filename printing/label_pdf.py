"""The shipping label as a one-page PDF (vector bars at whole modules)."""
from __future__ import annotations

import io
import logging
from typing import Sequence

from app.translator import phrase
from printing.errors import DocumentError
from printing.fonts import AUTO
from printing.label import layout_label
from printing.model import LabelData
from printing.pdf import PDF_MIN_MODULE, PDF_MODULE_STEP, PT_PER_MM, draw_elements, new_canvas

log = logging.getLogger(__name__)


def label_pdf(data: LabelData) -> bytes:
    """A PDF shipping label at the label stock's size."""
    return labels_pdf([data])


def labels_pdf(labels: Sequence[LabelData]) -> bytes:
    """Several labels, one a page (all parcels of an order), each at its stock's size."""
    if not labels:
        raise DocumentError(phrase("shipping label"), "labels", [], phrase("there is no parcel to label"))
    buffer = io.BytesIO()
    first = labels[0]
    canvas = None
    for data in labels:
        layout = layout_label(data, PT_PER_MM, PDF_MODULE_STEP, PDF_MIN_MODULE, AUTO)
        if canvas is None:
            title = f"Label {first.order_number} {first.parcel_index}/{first.parcel_count}"
            canvas = new_canvas(buffer, layout.width, layout.height, title)
        canvas.setPageSize((layout.width, layout.height))
        draw_elements(canvas, layout.elements, layout.height)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()

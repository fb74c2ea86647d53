"""Every order number the importer accepts prints as the packing slip's barcode (issue 18, item 11)."""
from __future__ import annotations

import pytest
from hypothesis import assume, given, settings, strategies as st

from app.imports.limits import ORDER_NUMBER_MAX, order_number_problem
from printing.model import PaperSize
from printing.samples import sample_slip
from printing.slip import slip_pdf

PRINTABLE_ASCII = st.characters(min_codepoint=32, max_codepoint=126)


@pytest.mark.parametrize("paper", list(PaperSize))
@pytest.mark.parametrize("pattern", ["W", "W9", "~", "0"])
def test_the_longest_order_number_of_any_characters_fits_on_the_slip(paper: PaperSize, pattern: str) -> None:
    number = (pattern * ORDER_NUMBER_MAX)[:ORDER_NUMBER_MAX]
    assert order_number_problem(number) is None
    assert slip_pdf(sample_slip(order_number=number, paper=paper)).startswith(b"%PDF")


@settings(max_examples=60, deadline=None)
@given(st.text(PRINTABLE_ASCII, min_size=1, max_size=ORDER_NUMBER_MAX))
def test_an_order_number_the_importer_accepts_prints_on_a_slip(number: str) -> None:
    number = number.strip()
    assume(number and order_number_problem(number) is None)
    assert slip_pdf(sample_slip(order_number=number, paper=PaperSize.A4)).startswith(b"%PDF")

"""Fitting text: shrink first, then wrap, then cut with an ellipsis; never wider than the box."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from printing.fit import ELLIPSIS, LEADING, fit


def mono(text: str, size: float) -> float:
    return len(text) * size * 0.5  # every character half an em wide


def test_text_that_fits_keeps_its_size_and_one_line() -> None:
    assert fit("Hamburg", mono, 100, 20, 10).size == 10


def test_slightly_long_text_is_shrunk_before_it_is_wrapped() -> None:
    f = fit("x" * 22, mono, 100, 40, 10)  # 110 wide at 10, 99 at 9
    assert f.lines == ("x" * 22,) and f.size < 10


def test_long_text_wraps_at_spaces_when_shrinking_is_not_enough() -> None:
    f = fit("Hafenstrasse twelve Halle three", mono, 100, 40, 10, min_size=9)
    assert len(f.lines) == 2 and not f.cut
    assert " ".join(f.lines) == "Hafenstrasse twelve Halle three"


def test_text_too_long_for_the_box_is_cut_with_an_ellipsis() -> None:
    f = fit("word " * 50, mono, 100, 12, 10, min_size=8)
    assert f.cut and len(f.lines) == 1 and f.lines[0].endswith(ELLIPSIS)


@given(st.text(max_size=80), st.floats(20, 300), st.floats(5, 60), st.floats(4, 20))
def test_no_line_is_ever_wider_than_the_box(text: str, width: float, height: float,
                                            size: float) -> None:
    f = fit(text, mono, width, height, size)
    assert all(mono(line, f.size) <= width + 1e-9 for line in f.lines)
    assert f.size <= size
    assert (len(f.lines) - 1) * f.size * LEADING + f.size <= height + 1e-9


@settings(deadline=None)  # its first example registers the fonts: slow on a busy machine, not wrong
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_widths_of_the_bundled_fonts_are_reportlabs_to_the_last_bit(text: str) -> None:
    from reportlab.pdfbase import pdfmetrics

    from printing.fonts import BOLD, REGULAR, register_fonts, text_width

    register_fonts()
    for font in (REGULAR, BOLD):
        assert text_width(text, font, 1.0) == pdfmetrics.getFont(font).stringWidth(text, 1.0)

"""The manifest's total weight is the sum of the weights its rows show. Tried at the dock, one
parcel of 225 g read "0.23 kg" on its row (and on the dock screen) but "0.22 kg" in the
manifest's heading: the rows rounded half up, the heading half to even."""
from __future__ import annotations

from datetime import date, datetime, timezone

from app.cli.shipping import _manifest_text
from app.shipping.dispatch import DockDay, DockParcel


def parcel(number: str, grams: int, handed: bool = True) -> DockParcel:
    at = datetime(2026, 12, 5, 19, 2, tzinfo=timezone.utc) if handed else None
    return DockParcel(number, 1, "postnl", "standard", f"RA{number[-3:]}DE", "00340123450000000016", grams,
                      "3511 AB Utrecht, NL", at)


def test_the_manifest_heading_and_its_rows_round_a_weight_alike() -> None:
    day = DockDay(None, date(2026, 12, 5), (parcel("PD-10019", 225),), ())
    text = _manifest_text(day, None, day.day)
    heading, row = text.splitlines()
    assert heading.endswith("1 parcel(s) handed over, 0.23 kg"), heading
    assert "  0.23 kg  " in row, row


def test_the_heading_adds_the_grams_then_rounds_once() -> None:
    parcels = (parcel("PD-10001", 1125), parcel("PD-10002", 2250), parcel("PD-10003", 15))
    day = DockDay("postnl", date(2026, 12, 5), parcels, (parcel("PD-10004", 995, handed=False),))
    lines = _manifest_text(day, "postnl", day.day).splitlines()
    assert lines[0].endswith("3 parcel(s) handed over, 3.39 kg"), lines[0]  # 3390 g
    assert ["1.13 kg" in lines[1], "2.25 kg" in lines[2], "0.02 kg" in lines[3]] == [True, True, True]
    assert "1.00 kg" in lines[5] and "--:--" in lines[5]  # not handed over, 995 g

"""The API the screens code against, the station settings, and the smallest-box rule."""
from __future__ import annotations

import inspect
from decimal import Decimal

import pytest

from app.store.models import Box
from app.errors import ConfigError
from app.packing.api import PackingApi
from app.packing.boxes import smallest_box
from app.packing.service import PackingService
from app.packing.settings import PackingSettings


def test_the_service_has_every_method_of_the_api_with_the_same_signature() -> None:
    for name, member in inspect.getmembers(PackingApi, inspect.isfunction):
        if name.startswith("_"):
            continue
        ours = getattr(PackingService, name)
        params = lambda f: [(p.name, p.annotation, p.default) for p in inspect.signature(f).parameters.values()][1:]  # noqa: E731
        assert params(ours) == params(member), name
        assert inspect.signature(ours).return_annotation == inspect.signature(member).return_annotation, name
        assert ours.__doc__ and ours.__doc__.strip() == member.__doc__.strip(), name


def test_settings_come_from_the_station_toml_tables() -> None:
    settings = PackingSettings.from_raw({
        "station": {"code": "PACK-07"},
        "packing": {"weight_tolerance_percent": 3, "weight_tolerance_g": 25, "lease_seconds": 600,
                    "gs1_company_prefix": "40123450", "sscc_extension_digit": 3, "label_format": "zpl"},
        "ship_from": {"name": "Nordlager GmbH", "line1": "Kaiserkai 1", "postcode": "20457", "city": "Hamburg",
                      "country": "DE"},
        "carrier": {"name": "Deutsche Post", "s10_service_indicator": "RR"},
    })
    assert (settings.station_code, settings.label_format, settings.sscc_extension_digit) == ("PACK-07", "zpl", 3)
    assert settings.ship_from.lines == ("Kaiserkai 1",) and settings.carrier.s10_service_indicator == "RR"
    assert settings.tolerance_g(400) == 25 and settings.tolerance_g(2000) == 60


def test_a_bad_company_prefix_is_named_in_the_error() -> None:
    with pytest.raises(ConfigError, match="gs1_company_prefix '12AB'"):
        PackingSettings.from_raw({"packing": {"gs1_company_prefix": "12AB"}})


def box(code: str, side: int, max_load: int, enabled: bool = True) -> Box:
    return Box(id=side, code=code, name=code, inner_length_mm=side, inner_width_mm=side, inner_height_mm=side,
               outer_length_mm=side + 10, outer_width_mm=side + 10, outer_height_mm=side + 10, tare_g=100,
               max_load_g=max_load, cost=Decimal("1"), barcode=f"BOX-{code}", enabled=enabled, stock=None)


def test_the_smallest_box_whose_volume_and_load_suffice_is_suggested() -> None:
    boxes = [box("L", 400, 20000), box("S", 200, 2000), box("M", 300, 10000), box("XS", 100, 500, enabled=False)]
    assert smallest_box(boxes, 100 * 100 * 100, 300).code == "S"  # XS is disabled
    assert smallest_box(boxes, 100 * 100 * 100, 5000).code == "M"  # too heavy for S
    assert smallest_box(boxes, 300 * 300 * 350, 100).code == "L"
    assert smallest_box(boxes, 500 * 500 * 500, 100) is None

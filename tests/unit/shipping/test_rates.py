"""The carrier choice, pure: zones, dimensional weight, brackets, cut-offs, the SLA at least cost."""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from app.errors import ConfigError
from app.shipping import rates
from app.shipping.settings import ShippingSettings
from app.unit_of_work import CarrierRecord, RateRecord, RateTable, ServiceRecord, ZoneRecord

UTC = ZoneInfo("UTC")
BERLIN = ZoneInfo("Europe/Berlin")
FRIDAY_MORNING = datetime(2025, 3, 14, 9, 30, tzinfo=timezone.utc)
TUESDAY_MORNING = datetime(2025, 3, 11, 9, 30, tzinfo=timezone.utc)


def table() -> RateTable:
    """Two carriers: POST (cheap, slow, early cut-off) and FAST (dearer, later cut-off, same day)."""
    return RateTable(
        carriers=(CarrierRecord("POST", "Packdesk Post", 5000), CarrierRecord("FAST", "Fast Freight", 4000)),
        services=(ServiceRecord("POST", "standard", "Standard", "standard", 2, "12:00"),
                  ServiceRecord("POST", "express", "Express", "express", 1, "12:00"),
                  ServiceRecord("FAST", "express", "Express", "express", 1, "18:00"),
                  ServiceRecord("FAST", "sameday", "Same day", "same_day", 0, "11:00")),
        zones=(ZoneRecord("POST", "DE", "DE", ""), ZoneRecord("POST", "ISLANDS", "DE", "18565"),
               ZoneRecord("POST", "UK", "GB", ""),
               ZoneRecord("FAST", "DE", "DE", ""), ZoneRecord("FAST", "CITY", "DE", "20")),
        rates=(RateRecord("POST", "standard", "DE", 1000, Decimal("4.50")),
               RateRecord("POST", "standard", "DE", 5000, Decimal("6.90")),
               RateRecord("POST", "standard", "ISLANDS", 5000, Decimal("12.00")),
               RateRecord("POST", "standard", "UK", 5000, Decimal("15.00")),
               RateRecord("POST", "express", "DE", 5000, Decimal("9.90")),
               RateRecord("FAST", "express", "DE", 5000, Decimal("11.50")),
               RateRecord("FAST", "express", "CITY", 5000, Decimal("8.00")),
               RateRecord("FAST", "sameday", "CITY", 5000, Decimal("19.00"))))


def test_the_longest_postcode_prefix_of_the_country_gives_the_zone() -> None:
    t = table()
    assert rates.zone_for(t, "POST", "DE", "18565") == "ISLANDS"
    assert rates.zone_for(t, "POST", "de", "10115") == "DE"
    assert rates.zone_for(t, "FAST", "DE", "20095") == "CITY"
    assert rates.zone_for(t, "POST", "GB", "sw1y 4jh") == "UK"
    assert rates.zone_for(t, "FAST", "GB", "SW1Y 4JH") is None  # FAST does not go to GB


def test_dimensional_weight_counts_when_the_box_is_light_for_its_size() -> None:
    # 400 x 300 x 250 mm = 30,000 cm^3 / 5000 = 6 kg
    assert rates.chargeable_weight_g(1200, (400, 300, 250), 5000) == 6000
    assert rates.chargeable_weight_g(9000, (400, 300, 250), 5000) == 9000
    assert rates.chargeable_weight_g(10, (101, 101, 100), 5000) == 205  # 204.02 rounded up to the gram
    assert rates.chargeable_weight_g(1200, None, 5000) == 1200


def test_the_smallest_bracket_that_holds_the_chargeable_weight_prices_the_parcel() -> None:
    t = table()
    assert rates.bracket(t, "POST", "standard", "DE", 1000).price == Decimal("4.50")
    assert rates.bracket(t, "POST", "standard", "DE", 1001).price == Decimal("6.90")
    assert rates.bracket(t, "POST", "standard", "DE", 5001) is None


def test_a_light_but_bulky_parcel_goes_up_a_bracket() -> None:
    small = rates.options(table(), rates.Parcel("DE", "10115", 800, (200, 150, 100)), TUESDAY_MORNING, UTC)
    bulky = rates.options(table(), rates.Parcel("DE", "10115", 800, (300, 200, 200)), TUESDAY_MORNING, UTC)
    post = {o.service.code: o for o in small if o.carrier.code == "POST"}
    assert post["standard"].price == Decimal("4.50") and post["standard"].chargeable_weight_g == 800
    post = {o.service.code: o for o in bulky if o.carrier.code == "POST"}
    assert post["standard"].chargeable_weight_g == 2400 and post["standard"].price == Decimal("6.90")


def test_after_the_cutoff_a_parcel_leaves_the_next_business_day() -> None:
    assert rates.ships_on(datetime(2025, 3, 11, 11, 59, tzinfo=timezone.utc), "12:00", UTC) == date(2025, 3, 11)
    assert rates.ships_on(datetime(2025, 3, 11, 12, 1, tzinfo=timezone.utc), "12:00", UTC) == date(2025, 3, 12)
    # Friday after the cut-off and a Saturday roll to Monday
    assert rates.ships_on(datetime(2025, 3, 14, 12, 1, tzinfo=timezone.utc), "12:00", UTC) == date(2025, 3, 17)
    assert rates.ships_on(datetime(2025, 3, 15, 8, 0, tzinfo=timezone.utc), "12:00", UTC) == date(2025, 3, 17)
    # the cut-off is the warehouse's local time: 11:30 UTC is 12:30 in Berlin (CET)
    assert rates.ships_on(datetime(2025, 3, 11, 11, 30, tzinfo=timezone.utc), "12:00", BERLIN) == date(2025, 3, 12)


def test_transit_days_are_business_days() -> None:
    assert rates.add_business_days(date(2025, 3, 14), 1) == date(2025, 3, 17)  # Friday + 1 = Monday
    assert rates.add_business_days(date(2025, 3, 11), 2) == date(2025, 3, 13)
    assert rates.add_business_days(date(2025, 3, 15), 0) == date(2025, 3, 17)


def test_the_cheapest_service_that_arrives_in_time_is_chosen() -> None:
    parcel = rates.Parcel("DE", "10115", 800, None)
    # standard promise: 3 business days -> POST standard (4.50, 2 days) is in time and cheapest
    latest = rates.deliver_by(3, None, TUESDAY_MORNING, UTC)
    choice = rates.choose(table(), parcel, TUESDAY_MORNING, UTC, latest)
    assert (choice.option.carrier.code, choice.option.service.code, choice.meets_sla) == ("POST", "standard", True)
    assert choice.option.arrives_on == date(2025, 3, 13)
    # express promise: 1 business day -> standard is too slow; POST express 9.90 beats FAST 11.50
    latest = rates.deliver_by(1, None, TUESDAY_MORNING, UTC)
    choice = rates.choose(table(), parcel, TUESDAY_MORNING, UTC, latest)
    assert (choice.option.carrier.code, choice.option.service.code) == ("POST", "express")
    assert choice.option.price == Decimal("9.90")


def test_past_one_carriers_cutoff_the_sla_is_met_by_another_at_a_higher_price() -> None:
    afternoon = datetime(2025, 3, 11, 15, 0, tzinfo=timezone.utc)  # after POST's 12:00, before FAST's 18:00
    latest = rates.deliver_by(1, None, afternoon, UTC)  # Wednesday
    choice = rates.choose(table(), rates.Parcel("DE", "10115", 800, None), afternoon, UTC, latest)
    assert (choice.option.carrier.code, choice.option.service.code, choice.meets_sla) == ("FAST", "express", True)
    assert choice.option.ships_on == date(2025, 3, 11) and choice.option.arrives_on == date(2025, 3, 12)


def test_when_nothing_arrives_in_time_the_fastest_is_chosen_and_the_choice_says_so() -> None:
    evening = datetime(2025, 3, 11, 19, 0, tzinfo=timezone.utc)  # after every cut-off
    latest = rates.deliver_by(0, None, evening, UTC)  # same day: impossible now
    choice = rates.choose(table(), rates.Parcel("DE", "20095", 800, None), evening, UTC, latest)
    assert not choice.meets_sla
    # every service leaves Wednesday; FAST same day arrives Wednesday, cheaper ones Thursday
    assert (choice.option.carrier.code, choice.option.service.code) == ("FAST", "sameday")


def test_an_order_due_later_may_take_the_cheaper_slower_service() -> None:
    due = datetime(2025, 3, 13, 17, 0, tzinfo=timezone.utc)  # ships by Thursday; express: by Friday
    latest = rates.deliver_by(1, due, TUESDAY_MORNING, UTC)
    choice = rates.choose(table(), rates.Parcel("DE", "10115", 800, None), TUESDAY_MORNING, UTC, latest)
    assert (choice.option.service.code, choice.option.price) == ("standard", Decimal("4.50"))


def test_a_destination_no_carrier_serves_gets_no_choice() -> None:
    assert rates.choose(table(), rates.Parcel("FR", "75001", 800, None), TUESDAY_MORNING, UTC, None) is None
    assert rates.choose(table(), rates.Parcel("DE", "10115", 99000, None), TUESDAY_MORNING, UTC, None) is None


def test_shipping_settings_read_and_refuse() -> None:
    s = ShippingSettings.from_raw({"shipping": {"timezone": "Europe/Berlin", "promise_days": {"express": 2}}})
    assert s.timezone == "Europe/Berlin" and s.promise("express") == 2 and s.promise("standard") == 3
    assert s.promise("overnight") == 3
    with pytest.raises(ConfigError, match="timezone.*Mars/Olympus"):
        ShippingSettings.from_raw({"shipping": {"timezone": "Mars/Olympus"}})
    with pytest.raises(ConfigError, match="unknown key.*cutoff"):
        ShippingSettings.from_raw({"shipping": {"cutoff": "12:00"}})
    with pytest.raises(ConfigError, match="promise_days.express"):
        ShippingSettings.from_raw({"shipping": {"promise_days": {"express": -1}}})

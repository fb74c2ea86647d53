"""Validation rules (pure): address per country, SKUs, prices, totals, payment, review rules."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from app.addresses import AddressData
from app.errors import ConfigError
from app.orders.settings import OrderSettings, ValidationRules
from app.orders.validation import HoldKind, amount, review
from app.unit_of_work import LineToValidate, OrderRecord, ProductRecord

MUG = ProductRecord(1, "MUG-BLUE-350", "Blue mug 350 ml", price=Decimal("12.50"))
HAMBURG = AddressData("Ada Lovelace", ("Lagerstrasse 1",), "20095", "Hamburg", "DE")
DEFAULTS = ValidationRules()


def order(**changes: object) -> OrderRecord:
    """PD-1001: two blue mugs to Hamburg, paid, 25.00 EUR plus 4.90 shipping."""
    base = OrderRecord(10, "PD-1001", "captured", ship_to=HAMBURG, financial_status="paid",
                       total=Decimal("29.90"), shipping_total=Decimal("4.90"), email="ada@example.com")
    return replace(base, **changes)  # type: ignore[arg-type]


def mugs(quantity: int = 2, price: str = "12.50") -> list[LineToValidate]:
    return [LineToValidate(10, 1, MUG.id, MUG.sku, quantity, unit_price=Decimal(price))]


def kinds(o: OrderRecord, lines: list[LineToValidate] | None = None, rules: ValidationRules = DEFAULTS,
          orders_of_customer: int = 1) -> list[HoldKind]:
    return [r.kind for r in review(o, mugs() if lines is None else lines, {MUG.id: MUG}, rules,
                                   orders_of_customer).reasons]


def test_an_ordinary_paid_domestic_order_passes_with_the_default_rules() -> None:
    assert review(order(), mugs(), {MUG.id: MUG}, DEFAULTS, orders_of_customer=1).passed


def test_an_order_without_payment_status_from_its_channel_passes() -> None:
    assert kinds(order(financial_status=None)) == []


def test_a_country_that_is_not_an_iso_code_is_an_address_hold() -> None:
    assert kinds(order(ship_to=replace(HAMBURG, country="XX"))) == [HoldKind.ADDRESS]


def test_a_german_postcode_of_four_digits_is_an_address_hold() -> None:
    assert kinds(order(ship_to=replace(HAMBURG, postcode="2009"))) == [HoldKind.ADDRESS]


def test_a_german_address_without_postcode_is_an_address_hold() -> None:
    assert kinds(order(ship_to=replace(HAMBURG, postcode=""))) == [HoldKind.ADDRESS]


def test_a_dutch_postcode_with_its_letters_passes() -> None:
    assert kinds(order(ship_to=replace(HAMBURG, postcode="1012 AB", city="Amsterdam", country="NL"))) == []


def test_a_british_postcode_passes_and_a_german_one_in_britain_does_not() -> None:
    london = replace(HAMBURG, postcode="SW1A 1AA", city="London", country="GB")
    assert kinds(order(ship_to=london)) == []
    assert kinds(order(ship_to=replace(london, postcode="20095"))) == [HoldKind.ADDRESS]


def test_a_country_without_postcodes_may_leave_it_empty() -> None:
    assert kinds(order(ship_to=replace(HAMBURG, postcode="", city="Dubai", country="AE"))) == []


def test_a_missing_street_is_an_address_hold() -> None:
    assert kinds(order(ship_to=replace(HAMBURG, lines=()))) == [HoldKind.ADDRESS]


def test_a_line_whose_product_is_not_in_the_catalogue_is_held() -> None:
    gone = [mugs()[0]._replace(product_id=None, sku="GONE-1")]
    assert kinds(order(total=Decimal("29.90")), gone) == [HoldKind.UNKNOWN_SKU]


def test_a_price_beyond_the_tolerance_is_a_price_hold() -> None:
    cheap = mugs(price="9.99")
    assert kinds(order(total=Decimal("24.88")), cheap) == [HoldKind.PRICE]


def test_a_price_within_the_tolerance_passes() -> None:
    assert kinds(order(total=Decimal("29.90")), mugs(price="12.45")) == [HoldKind.TOTAL]  # 0.10 off the total
    assert kinds(order(total=Decimal("29.80")), mugs(price="12.45")) == []


def test_a_total_that_does_not_add_up_is_a_total_hold() -> None:
    assert kinds(order(total=Decimal("39.90"))) == [HoldKind.TOTAL]


def test_tax_is_added_unless_prices_include_it() -> None:
    taxed = order(tax_total=Decimal("4.75"), total=Decimal("29.90"))
    assert kinds(taxed) == [HoldKind.TOTAL]
    assert kinds(taxed, rules=replace(DEFAULTS, prices_include_tax=True)) == []


def test_a_pending_payment_is_a_payment_hold() -> None:
    assert kinds(order(financial_status="pending")) == [HoldKind.PAYMENT]


@pytest.mark.parametrize("status", ["refunded", "voided"])
def test_a_refunded_or_voided_order_is_not_work(status: str) -> None:
    verdict = review(order(financial_status=status), mugs(), {MUG.id: MUG}, DEFAULTS)
    assert verdict.not_work == f"payment {status}"


def test_an_order_above_one_thousand_is_held_for_review_and_one_of_exactly_a_thousand_is_not() -> None:
    eighty = mugs(quantity=80)
    assert kinds(order(total=Decimal("1004.90")), eighty) == [HoldKind.HIGH_VALUE]
    assert kinds(order(total=Decimal("1000.00"), shipping_total=Decimal("0.00")), eighty) == []


def test_international_orders_are_held_only_when_the_rule_is_on() -> None:
    vienna = order(ship_to=replace(HAMBURG, postcode="1010", city="Wien", country="AT"))
    assert kinds(vienna) == []
    assert kinds(vienna, rules=replace(DEFAULTS, review_international=True)) == [HoldKind.INTERNATIONAL]


def test_a_billing_address_in_another_country_is_held() -> None:
    assert kinds(order(billing_country="FR", billing_postcode="75001")) == [HoldKind.ADDRESS_MISMATCH]
    assert kinds(order(billing_country="DE", billing_postcode="20 095")) == []


def test_the_first_order_of_a_new_customer_is_held_only_when_the_rule_is_on() -> None:
    first = replace(DEFAULTS, review_first_order=True)
    assert kinds(order(), orders_of_customer=1) == []
    assert kinds(order(), rules=first, orders_of_customer=1) == [HoldKind.FIRST_ORDER]
    assert kinds(order(), rules=first, orders_of_customer=3) == []


def test_the_documented_defaults_hold_high_value_and_leave_international_and_first_orders_alone() -> None:
    settings = OrderSettings.from_raw({})
    assert settings.pack_from == "picked"
    assert settings.short_stock == "backorder"
    assert settings.rules.high_value == Decimal("1000")
    assert settings.rules.review_international is False
    assert settings.rules.review_first_order is False


def test_the_home_country_is_the_ship_from_country_unless_configured() -> None:
    assert OrderSettings.from_raw({"ship_from": {"country": "nl"}}).rules.home_country == "NL"
    assert OrderSettings.from_raw({"ship_from": {"country": "NL"},
                                   "validation": {"home_country": "BE"}}).rules.home_country == "BE"


def test_the_high_value_rule_can_be_switched_off() -> None:
    assert OrderSettings.from_raw({"validation": {"high_value": 0}}).rules.high_value is None


def test_a_channel_may_ship_partial_while_the_rest_backorder() -> None:
    settings = OrderSettings.from_raw({"orders": {"short_stock_by_channel": {"shopify": "partial"}}})
    assert settings.short_stock_policy("shopify") == "partial"
    assert settings.short_stock_policy("manual") == "backorder"


@pytest.mark.parametrize("raw, named", [
    ({"orders": {"pack_from": "shelf"}}, "pack_from"),
    ({"orders": {"short_stock": "later"}}, "short_stock"),
    ({"validation": {"high_value": "lots"}}, "high_value"),
    ({"validation": {"review_international": "yes"}}, "review_international"),
    ({"validation": {"colour": "red"}}, "validation.colour"),
])
def test_a_bad_setting_is_refused_with_its_name(raw: dict, named: str) -> None:
    with pytest.raises(ConfigError, match=named):
        OrderSettings.from_raw(raw, "station.toml")


def test_amounts_in_reasons_read_in_cents() -> None:
    """The database keeps amounts with four places; a reason says 99.00, not 99.0000."""
    stored = [LineToValidate(10, 1, MUG.id, MUG.sku, 2, unit_price=Decimal("99.0000"))]
    verdict = review(order(total=Decimal("30.0000")), stored, {MUG.id: replace(MUG, price=Decimal("12.5000"))},
                     ValidationRules())
    said = [str(r.detail) for r in verdict.reasons]
    assert said == ["line 1: MUG-BLUE-350 at 99.00 EUR, the catalogue says 12.50 (tolerance 1%)",
                    "total 30.00 EUR but lines, shipping, tax and discount add up to 202.90"], said
    assert str(amount(Decimal("0.1250"))) == "0.125" and str(amount(Decimal("1000"))) == "1000.00"

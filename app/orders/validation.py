"""Validation: the checks a captured order passes before it may take stock (pure rules).

An order either passes, is held for a supervisor with typed reasons (a `HoldReason` per
problem), or is not work at all (its payment was refunded or voided). The use cases that act
on the verdict are in app.orders.pipeline."""
from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from app.orders import hold_words as W
from app.orders.addresses import address_problems
from app.orders.settings import ValidationRules
from app.unit_of_work import LineToValidate, OrderRecord, OrderToValidate, ProductRecord

log = logging.getLogger(__name__)

CENT = Decimal("0.01")
Reviewed = OrderRecord | OrderToValidate  # a batch reads its orders light (OrderToValidate)


class HoldKind(str, enum.Enum):
    """Why an order is held: each kind is a question a supervisor answers."""

    ADDRESS = "address"
    UNKNOWN_SKU = "unknown_sku"
    PRICE = "price"
    TOTAL = "total"
    PAYMENT = "payment"
    HIGH_VALUE = "high_value"
    INTERNATIONAL = "international"
    ADDRESS_MISMATCH = "address_mismatch"
    FIRST_ORDER = "first_order"
    SUPERVISOR = "supervisor"  # held by hand
    SHORT_PICK = "short_pick"  # a picker found too few units and no other bin has them


@dataclass(frozen=True)
class HoldReason:
    """One reason to hold an order, with the details a supervisor needs."""

    kind: HoldKind
    detail: str


@dataclass(frozen=True)
class Verdict:
    """What validation says about an order: held (reasons), not work (why), or good to allocate."""

    reasons: list[HoldReason] = field(default_factory=list)
    not_work: str | None = None

    @property
    def passed(self) -> bool:
        """Neither held nor cancelled."""
        return not self.reasons and self.not_work is None


# Payment statuses from the channel (Shopify's words; ours are the same). No status at all is
# an order whose channel does not say (a manual order): not a reason to hold it.
PAID = frozenset({"", "paid", "authorized", "authorised"})
NOT_WORK = frozenset({"refunded", "voided"})
# the billing address's parts that differ from the shipping address's, as one reason
BILLING_DIFFERS = {("country",): W.BILLING_COUNTRY, ("postcode",): W.BILLING_POSTCODE,
                   ("country", "postcode"): W.BILLING_BOTH}


def review(order: Reviewed, lines: list[LineToValidate], products: dict[int, ProductRecord],
           rules: ValidationRules, orders_of_customer: int = 1) -> Verdict:
    """Checks an order's address, SKUs, prices, total and payment, then the review rules;
    `orders_of_customer` counts this customer's orders, this one included."""
    payment = (order.financial_status or "").strip().lower()
    if payment in NOT_WORK:
        return Verdict(not_work=W.reason(W.PAYMENT_GONE, payment=payment))
    reasons = [HoldReason(HoldKind.ADDRESS, why) for why in address_problems(order.ship_to)]
    if payment not in PAID:
        reasons.append(HoldReason(HoldKind.PAYMENT, W.reason(W.NOT_PAID, payment=payment)))
    reasons += _line_problems(order, lines, products, rules)
    reasons += _total_problems(order, lines, rules)
    reasons += _review_rules(order, rules, orders_of_customer)
    return Verdict(reasons)


def _line_problems(order: Reviewed, lines: list[LineToValidate], products: dict[int, ProductRecord],
                   rules: ValidationRules) -> list[HoldReason]:
    reasons = []
    for line in lines:
        product = products.get(line.product_id) if line.product_id is not None else None
        if product is None:
            reasons.append(HoldReason(HoldKind.UNKNOWN_SKU, W.reason(W.UNKNOWN_SKU, line=line.line_no, sku=line.sku)))
            continue
        if product.currency != order.currency or product.price <= 0:
            continue  # nothing to compare with
        allowed = product.price * rules.price_tolerance_percent / 100
        if abs(line.unit_price - product.price) > allowed:
            reasons.append(HoldReason(HoldKind.PRICE, W.reason(
                W.PRICE, line=line.line_no, sku=line.sku, price=amount(line.unit_price), currency=order.currency,
                catalogue_price=amount(product.price), tolerance=rules.price_tolerance_percent)))
    return reasons


def expected_total(order: Reviewed, lines: list[LineToValidate], prices_include_tax: bool) -> Decimal:
    """Lines less their discounts, plus shipping and tax (unless prices include it), less the discount."""
    goods = sum((line.unit_price * line.quantity - line.discount for line in lines), Decimal(0))
    tax = Decimal(0) if prices_include_tax else order.tax_total
    return goods + order.shipping_total + tax - order.discount_total


def _total_problems(order: Reviewed, lines: list[LineToValidate], rules: ValidationRules) -> list[HoldReason]:
    expected = expected_total(order, lines, rules.prices_include_tax)
    if abs(order.total - expected) > rules.total_tolerance:
        return [HoldReason(HoldKind.TOTAL, W.reason(W.TOTAL, total=amount(order.total), currency=order.currency,
                                                    expected=amount(expected)))]
    return []


def _review_rules(order: Reviewed, rules: ValidationRules, orders_of_customer: int) -> list[HoldReason]:
    reasons = []
    if rules.high_value is not None and order.total > rules.high_value:
        reasons.append(HoldReason(HoldKind.HIGH_VALUE, W.reason(
            W.HIGH_VALUE, total=amount(order.total), currency=order.currency, limit=amount(rules.high_value))))
    country = (order.ship_to.country if order.ship_to else "").upper()
    if rules.review_international and country and country != rules.home_country:
        reasons.append(HoldReason(HoldKind.INTERNATIONAL, W.reason(W.INTERNATIONAL, country=country,
                                                                      home=rules.home_country)))
    if rules.review_address_mismatch and order.ship_to is not None:
        differs = [what for what, billing, shipping in (
            ("country", order.billing_country, order.ship_to.country),
            ("postcode", order.billing_postcode, order.ship_to.postcode))
            if billing and _plain(billing) != _plain(shipping)]
        if differs:
            reasons.append(HoldReason(HoldKind.ADDRESS_MISMATCH, BILLING_DIFFERS[tuple(differs)]))
    if rules.review_first_order and order.email and orders_of_customer <= 1:
        reasons.append(HoldReason(HoldKind.FIRST_ORDER, W.reason(W.FIRST_ORDER, email=order.email)))
    return reasons


def amount(value: Decimal) -> Decimal:
    """An amount as a supervisor reads it: in cents when it is a whole number of cents (the
    database keeps four places: 99.0000 reads 99.00), else with the places it has."""
    cents = value.quantize(CENT)
    return cents if cents == value else value.normalize()


def _plain(text: str) -> str:
    return "".join(text.split()).upper()

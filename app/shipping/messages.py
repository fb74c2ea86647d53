"""The customer messages, as templates: a subject, a plain-text body and an HTML body per kind.
Values are escaped in the HTML body; the templates name them as $number, $name, ..."""
from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from string import Template

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MessageTemplate:
    subject: str
    text: str
    html: str


_FOOT_TEXT = "\n\nKind regards\n$shop\n"
_FOOT_HTML = "<p>Kind regards<br>$shop</p>"

TEMPLATES: dict[str, MessageTemplate] = {
    "confirmation": MessageTemplate(
        "Your order $number is confirmed",
        "Hello $name,\n\nthank you for your order $number. We expect to deliver it by $expected." + _FOOT_TEXT,
        "<p>Hello $name,</p><p>thank you for your order <b>$number</b>. We expect to deliver it by "
        "<b>$expected</b>.</p>" + _FOOT_HTML),
    "backorder": MessageTemplate(
        "Part of your order $number is on backorder",
        "Hello $name,\n\npart of your order $number is not in stock: $items. We expect it back on $restock "
        "and send it then." + _FOOT_TEXT,
        "<p>Hello $name,</p><p>part of your order <b>$number</b> is not in stock: $items. We expect it back "
        "on <b>$restock</b> and send it then.</p>" + _FOOT_HTML),
    "shipped": MessageTemplate(
        "Your order $number is on its way",
        "Hello $name,\n\nyour order $number has left our warehouse.\n\n$tracking\n\nExpected delivery: "
        "$expected." + _FOOT_TEXT,
        "<p>Hello $name,</p><p>your order <b>$number</b> has left our warehouse.</p><p>$tracking</p>"
        "<p>Expected delivery: <b>$expected</b>.</p>" + _FOOT_HTML),
    "delay": MessageTemplate(
        "Your order $number is delayed",
        "Hello $name,\n\nwe are sorry: your order $number did not leave our warehouse by $due as promised. "
        "We are working on it and will write again when it ships." + _FOOT_TEXT,
        "<p>Hello $name,</p><p>we are sorry: your order <b>$number</b> did not leave our warehouse by "
        "$due as promised. We are working on it and will write again when it ships.</p>" + _FOOT_HTML),
    "delivered": MessageTemplate(
        "Your order $number was delivered",
        "Hello $name,\n\nthe carrier reports your order $number delivered on $delivered." + _FOOT_TEXT,
        "<p>Hello $name,</p><p>the carrier reports your order <b>$number</b> delivered on $delivered.</p>"
        + _FOOT_HTML),
    "return_received": MessageTemplate(
        "We received your return $rma",
        "Hello $name,\n\nwe received your return $rma of order $number: $items. We inspect it and refund "
        "you after that." + _FOOT_TEXT,
        "<p>Hello $name,</p><p>we received your return <b>$rma</b> of order <b>$number</b>: $items. We "
        "inspect it and refund you after that.</p>" + _FOOT_HTML),
    "refunded": MessageTemplate(
        "Your refund for return $rma",
        "Hello $name,\n\nwe refunded $amount for your return $rma of order $number." + _FOOT_TEXT,
        "<p>Hello $name,</p><p>we refunded <b>$amount</b> for your return <b>$rma</b> of order "
        "<b>$number</b>.</p>" + _FOOT_HTML),
}
KINDS = tuple(TEMPLATES)


def render(kind: str, values: dict[str, str]) -> tuple[str, str, str]:
    """(subject, text, html) of a kind with its values (a missing value stays as $name)."""
    template = TEMPLATES[kind]
    escaped = {k: html.escape(v).replace("\n", "<br>") for k, v in values.items()}
    return (Template(template.subject).safe_substitute(values).replace("\n", " "),
            Template(template.text).safe_substitute(values),
            Template(template.html).safe_substitute(escaped))

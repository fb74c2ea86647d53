"""Memorable sample data for every document: used by the demo, docs previews and benchmarks."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.identifiers import s10, sscc
from printing.model import (
    Address, Badge, Company, InvoiceData, InvoiceLine, LabelData, ManifestData, ManifestParcel,
    PickLine, PickListData, SlipData, SlipLine,
)

WAREHOUSE = Address(
    name="Packdesk Fulfilment", company="Northwind Traders GmbH",
    address_lines=("Hafenstraße 12", "Halle 3"), postcode="20457", city="Hamburg",
    country="DE", phone="+49 40 1234567",
)
COMPANY = Company(name="Northwind Traders", address=WAREHOUSE, vat_id="DE123456789",
                  website="northwind.example", email="orders@northwind.example",
                  phone="+49 40 1234567")
CUSTOMER = Address(
    name="Zoë Papadopoulou", company="Ακρόπολη Βιβλία",
    address_lines=("Odos Ermou 42", "2nd floor"), postcode="105 63", city="Athens",
    country="GR", phone="+30 21 0123 4567",
)
DAY = date(2026, 3, 14)


def sample_label(**changes) -> LabelData:
    """A 4x6 label for parcel 2 of 3 of order SO-1001."""
    values = dict(
        ship_from=WAREHOUSE, ship_to=CUSTOMER, carrier="Packdesk Post", service="Priority",
        weight_g=1250, tracking_number=s10("RA", "12345678", "DE"),
        sscc=sscc(0, "4012345", 1001), order_number="SO-1001", parcel_index=2, parcel_count=3,
        dimensions_mm=(300, 200, 150), reference="PO 7788", ship_date=DAY,
    )
    values.update(changes)
    return LabelData(**values)


def sample_slip(lines: int = 4, **changes) -> SlipData:
    """A packing slip with lines, one of them backordered."""
    names = ["Espresso cups, set of 6", "Moka pot 3 cups", "Coffee beans 1 kg",
             "Milk frother", "Café au lait bowl", "Грузинский чай 100 г"]
    items = tuple(
        SlipLine(sku=f"SKU-{100 + i}", name=names[i % len(names)], ordered=2 + i % 3,
                 in_parcel=2 + i % 3 - (1 if i % 4 == 3 else 0),
                 backordered=1 if i % 4 == 3 else 0,
                 unit_price=Decimal("12.50") + i)
        for i in range(lines))
    values = dict(company=COMPANY, order_number="SO-1001", order_date=DAY, ship_to=CUSTOMER,
                  lines=items, return_instructions=(
                      "Return within 30 days: scan the code on this slip at any Packdesk Post "
                      "counter or visit northwind.example/returns with your order number."))
    values.update(changes)
    return SlipData(**values)


def sample_invoice(**changes) -> InvoiceData:
    """An invoice with a discount and two tax rates."""
    lines = (
        InvoiceLine("SKU-100", "Espresso cups, set of 6", 2, Decimal("24.90"), Decimal("0.19")),
        InvoiceLine("SKU-102", "Coffee beans 1 kg", 3, Decimal("18.00"), Decimal("0.07"),
                    discount=Decimal("5.40")),
        InvoiceLine("SKU-103", "Milk frother", 1, Decimal("39.00"), Decimal("0.19")),
    )
    values = dict(invoice_number="INV-2026-000042", invoice_date=DAY, order_number="SO-1001",
                  seller=COMPANY, buyer=CUSTOMER, lines=lines, shipping=Decimal("4.90"),
                  shipping_tax_rate=Decimal("0.19"), due_date=date(2026, 3, 28))
    values.update(changes)
    return InvoiceData(**values)


def sample_picklist(**changes) -> PickListData:
    """A batch pick list for three orders, deliberately given out of walking order."""
    lines = (
        PickLine("B-02-03", "SKU-102", "Coffee beans 1 kg", 3, "SO-1002", barcode="4006381333931"),
        PickLine("A-01-01", "SKU-100", "Espresso cups, set of 6", 2, "SO-1001"),
        PickLine("A-10-02", "SKU-101", "Moka pot 3 cups", 1, "SO-1003"),
        PickLine("A-02-05", "SKU-103", "Milk frother", 1, "SO-1001"),
        PickLine("C-01-01", "SKU-104", "Café au lait bowl", 4, "SO-1002"),
    )
    values = dict(pick_list_id="PL-000314", created=DAY, lines=lines, picker="Ana",
                  totes={"SO-1001": "T-01", "SO-1002": "T-02", "SO-1003": "T-03"})
    values.update(changes)
    return PickListData(**values)


def sample_manifest(parcels: int = 6, **changes) -> ManifestData:
    """An end-of-day manifest for Packdesk Post."""
    items = tuple(
        ManifestParcel(tracking_number=s10("RA", 12345678 + i, "DE"), order_number=f"SO-{1001 + i}",
                       weight_g=850 + 230 * i, destination=f"{10115 + i} Berlin, DE",
                       service="Priority", sscc=sscc(0, "4012345", 1001 + i))
        for i in range(parcels))
    values = dict(manifest_id="MF-20260314-PDP", carrier="Packdesk Post", ship_date=DAY,
                  shipper=COMPANY, parcels=items, account_number="4711-0815")
    values.update(changes)
    return ManifestData(**values)


SAMPLE_BADGES = (Badge("Ana Lima", "PD-USER-ANA", "packer"),
                 Badge("Bogdan Ivanov", "PD-USER-BOGDAN", "packer"),
                 Badge("Chloé Martin", "PD-USER-CHLOE", "supervisor"))

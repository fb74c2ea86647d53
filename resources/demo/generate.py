"""Writes the demo data set: catalogue, boxes, locations, stock, users, orders, product pictures.

Run `python resources/demo/generate.py` after changing it and commit the outputs; the
files are the same on every run (a fixed random seed, fixed dates). `packdesk demo` loads
them with the ordinary import code.
"""
from __future__ import annotations

import csv
import json
import random
import unicodedata
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
COMPANY_PREFIX = "5012345"  # made up; GS1 prefixes 50x are the UK's
START = datetime(2026, 11, 19, 7, 30, tzinfo=timezone.utc)


def check_digit(digits: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def gtin13(item: int) -> str:
    body = f"{COMPANY_PREFIX}{item:05d}"
    return body + check_digit(body)


def case_gtin14(unit: str, indicator: int = 1) -> str:
    body = f"{indicator}{unit[:-1]}"
    return body + check_digit(body)


# sku, name, (l, w, h) mm, weight g, price, flags, case quantity, colour for the picture
PRODUCTS = [
    ("MUG-350-WHT", "Stoneware mug 350 ml, white", (120, 90, 100), 340, "12.90", "", 6, "#f2f2f2"),
    ("MUG-350-BLU", "Stoneware mug 350 ml, indigo", (120, 90, 100), 340, "12.90", "", 6, "#2b4c8c"),
    ("CUP-ESP-2", "Espresso cups, set of 2", (160, 80, 70), 280, "16.50", "", 0, "#c97b4a"),
    ("COF-ETH-250", "Coffee beans Ethiopia Yirgacheffe 250 g", (130, 80, 190), 265, "9.80", "lot food", 12, "#6b3e26"),
    ("COF-BRA-1K", "Coffee beans Brazil Santos 1 kg", (180, 110, 260), 1040, "29.00", "lot food", 6, "#4a2c1d"),
    ("TEA-EARL-100", "Earl Grey loose tea, tin 100 g", (80, 80, 110), 190, "7.40", "lot food", 12, "#37507a"),
    ("TEA-GRN-100", "Sencha green tea, tin 100 g", (80, 80, 110), 185, "8.20", "lot food", 12, "#5f8f3e"),
    ("OIL-OLV-500", "Extra virgin olive oil 500 ml", (70, 70, 290), 920, "14.50", "lot food upright", 6, "#9aa83a"),
    ("HNY-WLD-450", "Wildflower honey 450 g", (85, 85, 120), 610, "11.20", "lot food upright", 12, "#e0a526"),
    ("CND-FIG-180", "Scented candle fig & cedar 180 g", (85, 85, 95), 420, "18.00", "upright", 6, "#7d5a7b"),
    ("VAS-GLS-25", "Glass vase 25 cm", (130, 130, 250), 780, "34.00", "fragile", 0, "#9fd3d9"),
    ("NBK-A5-DOT", "Notebook A5 dotted, 192 pages", (215, 150, 18), 330, "15.90", "", 12, "#1f1f1f"),
    ("NBK-A6-LIN", "Pocket notebook A6 lined", (150, 108, 12), 140, "8.90", "", 12, "#b23a3a"),
    ("PEN-FNT-BLK", "Fountain pen, black, medium nib", (160, 40, 30), 60, "42.00", "", 0, "#222222"),
    ("INK-BLU-50", "Bottled ink royal blue 50 ml", (60, 60, 75), 170, "9.50", "upright", 12, "#1d3fbf"),
    ("PCL-HB-12", "Graphite pencils HB, box of 12", (185, 60, 12), 110, "6.90", "", 12, "#f0c419"),
    ("ERS-WHT", "White eraser", (60, 22, 12), 20, "1.20", "", 0, "#fafafa"),
    ("CBL-USBC-1M", "USB-C cable 1 m, braided", (120, 90, 20), 45, "11.90", "", 12, "#3c3c3c"),
    ("CHR-65W-EU", "65 W USB-C charger, EU plug", (70, 60, 35), 160, "39.00", "serial", 0, "#e6e6e6"),
    ("SPK-BT-MINI", "Bluetooth speaker mini", (95, 95, 50), 260, "49.00", "serial", 0, "#d9453b"),
    ("MSE-WRL-GRY", "Wireless mouse, grey", (115, 65, 40), 90, "24.90", "serial", 0, "#8a8a8a"),
    ("KBD-TKL-DE", "Mechanical keyboard TKL, German layout", (370, 140, 45), 880, "89.00", "serial", 0, "#30343a"),
    ("HDP-OVR-BLK", "Over-ear headphones, black", (210, 180, 90), 290, "79.00", "serial", 0, "#101010"),
    ("BAT-AA-8", "AA batteries, pack of 8", (90, 60, 15), 190, "6.40", "lot chemical", 12, "#f28c28"),
    ("SOC-WOOL-39", "Merino socks, size 39-42", (200, 90, 20), 70, "14.00", "", 0, "#7f6a93"),
    ("SOC-WOOL-43", "Merino socks, size 43-46", (210, 95, 20), 75, "14.00", "", 0, "#55708a"),
    ("TSH-ORG-M", "Organic cotton T-shirt, M", (300, 220, 20), 180, "24.00", "", 0, "#f7f1e3"),
    ("TSH-ORG-L", "Organic cotton T-shirt, L", (310, 230, 20), 195, "24.00", "", 0, "#e9d8b4"),
    ("BAG-TOTE-NAT", "Canvas tote bag, natural", (380, 330, 10), 160, "12.00", "", 0, "#d8c8a8"),
    ("YOG-MAT-6", "Yoga mat 6 mm, rolled", (610, 150, 150), 1200, "32.00", "own", 0, "#5aa89a"),
    ("BTL-STL-750", "Steel water bottle 750 ml", (75, 75, 265), 340, "22.50", "upright", 6, "#9db4c0"),
    ("LMP-DSK-LED", "LED desk lamp", (420, 160, 120), 1350, "59.00", "serial fragile", 0, "#ededed"),
    ("PLT-CER-26", "Ceramic dinner plate 26 cm", (265, 265, 30), 650, "13.50", "fragile", 6, "#f5efe6"),
    ("SOP-OLV-100", "Olive oil soap bar 100 g", (80, 55, 30), 110, "5.20", "lot", 12, "#b8c46b"),
    ("PZL-1000", "Jigsaw puzzle 1000 pieces", (270, 190, 60), 620, "21.00", "", 0, "#4f9d69"),
    ("GFT-CARD", "Gift card in envelope", (165, 115, 5), 15, "25.00", "", 0, "#c0392b"),
]
PICTURED = {"MUG-350-WHT", "MUG-350-BLU", "COF-ETH-250", "OIL-OLV-500", "CND-FIG-180", "VAS-GLS-25",
            "NBK-A5-DOT", "PEN-FNT-BLK", "SPK-BT-MINI", "KBD-TKL-DE", "YOG-MAT-6", "BTL-STL-750"}

BOXES = [
    # code, name, inner (l, w, h), wall mm, tare g, max load g, cost
    ("MAILER-S", "Mailer box S", (220, 160, 60), 3, 85, 2000, "0.38"),
    ("BOX-M", "Shipping box M", (310, 220, 150), 4, 210, 8000, "0.62"),
    ("BOX-L", "Shipping box L", (400, 300, 220), 4, 340, 15000, "0.89"),
    ("BOX-XL", "Shipping box XL", (600, 400, 300), 6, 620, 25000, "1.45"),
    ("TUBE-LONG", "Long box for rolled items", (650, 170, 170), 4, 260, 6000, "0.95"),
]

FIRST = ["Anna", "Lukas", "Marie", "Jonas", "Sophie", "Élodie", "Théo", "Inès", "Søren", "Zoë", "Javier",
         "Lucía", "Giulia", "Matteo", "Agnieszka", "Paweł", "Hannah", "Oliver", "Emily", "Jack", "Noor", "Bram"]
LAST = ["Müller", "Schmidt", "Dubois", "Lefèvre", "Jansen", "de Vries", "García", "Martínez", "Rossi",
        "Bianchi", "Kowalski", "Nowak", "Smith", "Taylor", "O'Brien", "Nielsen", "Peeters", "Weiß"]
SPECIAL_NAMES = ["Дмитрий Волков", "Анастасия Смирнова", "Γιώργος Παπαδόπουλος", "Ελένη Κωνσταντίνου",
                 "Zoë Ångström", "François Lemaître", "Łukasz Żółkiewski", "Björn Ødegård"]
CITIES = [  # country, city, postcode, street, region
    ("DE", "Berlin", "10115", "Invalidenstraße", None), ("DE", "München", "80331", "Sendlinger Straße", "BY"),
    ("DE", "Köln", "50667", "Hohe Straße", "NW"), ("FR", "Paris", "75011", "Rue de la Roquette", None),
    ("FR", "Lyon", "69002", "Rue de la République", None), ("NL", "Utrecht", "3511 AB", "Oudegracht", None),
    ("NL", "Amsterdam", "1015 CJ", "Prinsengracht", None), ("BE", "Gent", "9000", "Veldstraat", None),
    ("ES", "Sevilla", "41004", "Calle Sierpes", None), ("IT", "Bologna", "40126", "Via dell'Indipendenza", "BO"),
    ("AT", "Wien", "1070", "Mariahilfer Straße", None), ("PL", "Kraków", "31-008", "ulica Floriańska", None),
    ("GR", "Αθήνα", "105 58", "Οδός Αδριανού", None), ("GB", "Bristol", "BS1 4DJ", "Park Street", None),
    ("DK", "København", "1160", "Strøget", None), ("US", "Portland", "97205", "SW Morrison St", "OR"),
]
CARRIERS = [("dhl", "standard", "DHL Paket"), ("dhl", "express", "DHL Express"), ("ups", "standard", "UPS Standard"),
            ("ups", "express", "UPS Express Saver"), ("postnl", "standard", "PostNL Pakket"),
            ("dpd", "standard", "DPD Classic"), ("gls", "standard", "GLS BusinessParcel")]
MESSAGES = ["Happy birthday! With love from Oma and Opa.", "Joyeux anniversaire, ma chérie !",
            "Congratulations on the new flat - enjoy the coffee.", "С днём рождения! Обнимаю.",
            "Χρόνια πολλά! Με αγάπη, Ελένη", "Thank you for everything this year."]


def write_csv(name: str, header: list[str], rows: list[dict[str, object]]) -> None:
    with (HERE / name).open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if v is None else v) for k, v in row.items()})


# the carriers the demo's orders ship with, each to every country the orders go to: a small rate
# table (imported with `packdesk import carriers|zones|rates`) so the choice of carrier is real
CARRIERS = (("dhl", "DHL", "DE", "GD", (4.99, 9.49, 19.90)), ("dpd", "DPD", "DE", "DP", (4.59, 8.99, 21.50)),
            ("gls", "GLS", "DE", "GL", (4.79, 8.49, 22.90)), ("postnl", "PostNL", "NL", "PN", (5.49, 7.95, 18.50)),
            ("ups", "UPS", "US", "UP", (6.90, 10.90, 17.90)))
ZONES = {"DE": ("DE",), "EU": ("AT", "BE", "DK", "ES", "FR", "GR", "IT", "NL", "PL"), "WORLD": ("GB", "US")}
SERVICES = (("standard", "Standard", 2, "17:00", 0), ("express", "Express", 1, "15:00", 8))


def carriers() -> list[dict[str, object]]:
    return [dict(carrier=code, carrier_name=name, dim_divisor=5000, s10_service_indicator=s10, s10_country=country,
                 service=service, service_name=label, level=service, transit_days=days, cutoff=cutoff)
            for code, name, country, s10, _ in CARRIERS for service, label, days, cutoff, _ in SERVICES]


def zones() -> list[dict[str, object]]:
    return [dict(carrier=code, zone=zone, country=c, postcode_prefix="")
            for code, *_ in CARRIERS for zone, countries in ZONES.items() for c in countries]


def rates() -> list[dict[str, object]]:
    return [dict(carrier=code, service=service, zone=zone, max_weight_g=grams, price=f"{price + extra + more:.2f}",
                 currency="EUR")
            for code, _, _, _, prices in CARRIERS for zone, price in zip(ZONES, prices)
            for service, _, _, _, extra in SERVICES for grams, more in ((5000, 0), (31500, 6))]


def products() -> list[dict[str, object]]:
    rows = []
    for i, (sku, name, (l, w, h), grams, price, flags, case_qty, _colour) in enumerate(PRODUCTS, start=1):
        unit = gtin13(100 + i)
        words = flags.split()
        rows.append({
            "sku": sku, "name": name, "gtin": unit,
            "case_gtin": case_gtin14(unit) if case_qty else "", "case_quantity": case_qty or "",
            "length_mm": l, "width_mm": w, "height_mm": h, "weight_g": grams, "price": price,
            "currency": "EUR", "lot_tracked": "lot" in words, "serial_tracked": "serial" in words,
            "image": f"demo/images/{sku}.png" if sku in PICTURED else "",
            "upright": "upright" in words, "own_container": "own" in words,
            "padding_mm": 20 if "fragile" in words else 0,
            "compat_class": "food" if "food" in words else ("chemical" if "chemical" in words else ""),
            "active": True,
        })
    return rows


def boxes() -> list[dict[str, object]]:
    rows = []
    for i, (code, name, (l, w, h), wall, tare, load, cost) in enumerate(BOXES, start=1):
        rows.append({"code": code, "name": name, "inner_length_mm": l, "inner_width_mm": w,
                     "inner_height_mm": h, "outer_length_mm": l + 2 * wall, "outer_width_mm": w + 2 * wall,
                     "outer_height_mm": h + 2 * wall, "tare_g": tare, "max_load_g": load, "cost": cost,
                     "currency": "EUR", "barcode": f"PDBOX{i:04d}", "enabled": True, "stock": 200})
    return rows


def locations() -> list[dict[str, object]]:
    rows, seq = [], 0
    for a, aisle in enumerate("ABC"):
        bays = range(1, 7) if a % 2 == 0 else range(6, 0, -1)  # serpentine walk
        for bay in bays:
            for level in (1, 2):
                seq += 10
                rows.append({"code": f"{aisle}-{bay:02d}-{level}", "zone": "ambient" if aisle != "C" else "tech",
                             "walk_sequence": seq})
    return rows


def stock(rng: random.Random, locs: list[dict[str, object]]) -> list[dict[str, object]]:
    rows = []
    for i, (sku, *_rest) in enumerate(PRODUCTS):
        places = [locs[i % len(locs)]["code"]] + ([locs[(i * 7 + 3) % len(locs)]["code"]] if i % 4 == 0 else [])
        for place in dict.fromkeys(places):
            rows.append({"sku": sku, "location": place, "quantity": rng.randint(12, 140)})
    return rows


def users() -> list[dict[str, object]]:
    return [
        {"username": "ana", "display_name": "Ana Kovač", "role": "packer", "badge_code": "PDU-1001", "pin": "", "active": True},
        {"username": "ben", "display_name": "Ben Okafor", "role": "packer", "badge_code": "PDU-1002", "pin": "", "active": True},
        {"username": "chloe", "display_name": "Chloé Martin", "role": "packer", "badge_code": "PDU-1003", "pin": "", "active": True},
        {"username": "dmitri", "display_name": "Дмитрий Орлов", "role": "picker", "badge_code": "PDU-2001", "pin": "", "active": True},
        {"username": "sofia", "display_name": "Sofia Lindqvist", "role": "supervisor", "badge_code": "PDU-3001", "pin": "2468", "active": True},
        {"username": "admin", "display_name": "Office admin", "role": "admin", "badge_code": "PDU-9001", "pin": "1357", "active": True},
    ]


def orders(rng: random.Random) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    catalogue = {p[0]: Decimal(p[4]) for p in PRODUCTS}
    skus = list(catalogue)
    ours, shopify = [], []
    for n in range(56):
        name = SPECIAL_NAMES[n // 7] if n % 7 == 3 else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        country, city, postcode, street, region = rng.choice(CITIES)
        if name in SPECIAL_NAMES[:2]:
            country, city, postcode, street, region = "DE", "Berlin", "10243", "Karl-Marx-Allee", None
        created = START + timedelta(minutes=17 * n)
        carrier, level, method = rng.choice(CARRIERS)
        units = rng.randint(1, 12)
        lines: dict[str, int] = {}
        while sum(lines.values()) < units:
            sku = rng.choice(skus)
            lines[sku] = lines.get(sku, 0) + min(rng.randint(1, 3), units - sum(lines.values()))
        gift = n % 6 == 2
        plain = unicodedata.normalize("NFKD", name.split()[0].lower())
        local = plain.encode("ascii", "ignore").decode() or "customer"
        email = f"{local}.{n}@example.com"
        order = {
            "number": f"PD-{10001 + n}", "channel": "webshop", "created_at": created.isoformat(),
            "priority": 2 if level == "express" else (1 if n % 9 == 0 else 0),
            "sla_due_at": (created + timedelta(hours=8 if level == "express" else 32)).isoformat(),
            "email": email, "customer_name": name, "carrier": carrier, "service_level": level,
            "shipping_method": method, "gift_wrap": gift,
            "gift_message": MESSAGES[n % len(MESSAGES)] if gift else None,
            "special_packaging": "Fragile: wrap glass separately" if any("VAS" in s or "PLT" in s for s in lines) else None,
            "financial_status": "paid", "currency": "EUR",
            "shipping_total": "4.90" if level == "standard" else "12.90", "tax_total": "0", "discount_total": "0",
            "tote": f"T-{n + 1:03d}",
            "ship_to": {"name": name, "address1": f"{street} {rng.randint(1, 120)}",
                        "address2": "2. OG" if n % 5 == 0 and country == "DE" else None,
                        "postcode": postcode, "city": city, "region": region, "country": country,
                        "phone": f"+49 30 {rng.randint(1000000, 9999999)}" if country == "DE" else None},
            "lines": [{"sku": s, "quantity": q, "unit_price": str(catalogue[s])} for s, q in lines.items()],
        }
        if n < 48:
            ours.append({k: v for k, v in order.items() if v is not None})
        else:
            shopify.extend(_shopify_rows(order, 1041 + n - 48))
    return ours, shopify


SHOPIFY_HEADER = ["Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Currency", "Subtotal",
                  "Shipping", "Taxes", "Total", "Discount Code", "Discount Amount", "Shipping Method", "Created at",
                  "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem sku", "Lineitem discount",
                  "Billing Name", "Shipping Name", "Shipping Street", "Shipping Address1", "Shipping Address2",
                  "Shipping Company", "Shipping City", "Shipping Zip", "Shipping Province", "Shipping Country",
                  "Shipping Phone", "Notes", "Note Attributes", "Vendor", "Id", "Tags", "Phone"]


def _shopify_rows(order: dict[str, object], number: int) -> list[dict[str, object]]:
    ship = order["ship_to"]
    lines = order["lines"]
    subtotal = sum(Decimal(l["unit_price"]) * l["quantity"] for l in lines)  # type: ignore[index]
    created = datetime.fromisoformat(str(order["created_at"])).astimezone(timezone(timedelta(hours=1)))
    rows = []
    for i, line in enumerate(lines):  # type: ignore[arg-type]
        row = {k: "" for k in SHOPIFY_HEADER}
        row.update({"Name": f"#{number}", "Lineitem quantity": line["quantity"], "Lineitem price": line["unit_price"],
                    "Lineitem sku": line["sku"], "Lineitem discount": "0.00",
                    "Lineitem name": next(p[1] for p in PRODUCTS if p[0] == line["sku"]), "Vendor": "Packdesk Demo"})
        if i == 0:
            shipping = Decimal(str(order["shipping_total"]))
            row.update({
                "Email": order["email"], "Financial Status": "paid", "Paid at": created.strftime("%Y-%m-%d %H:%M:%S %z"),
                "Fulfillment Status": "unfulfilled", "Currency": "EUR", "Subtotal": f"{subtotal:.2f}",
                "Shipping": f"{shipping:.2f}", "Taxes": "0.00", "Total": f"{subtotal + shipping:.2f}",
                "Discount Amount": "0.00", "Shipping Method": order["shipping_method"],
                "Created at": created.strftime("%Y-%m-%d %H:%M:%S %z"), "Billing Name": ship["name"],
                "Shipping Name": ship["name"], "Shipping Street": ship["address1"],
                "Shipping Address1": ship["address1"], "Shipping Address2": ship.get("address2") or "",
                "Shipping City": ship["city"], "Shipping Zip": f"'{ship['postcode']}",
                "Shipping Province": ship.get("region") or "", "Shipping Country": ship["country"],
                "Shipping Phone": ship.get("phone") or "", "Id": 5200000000 + number,
                "Note Attributes": "gift_wrap: true\ngift_message: " + str(order["gift_message"]) if order["gift_wrap"] else "",
                "Tags": "demo",
            })
        rows.append(row)
    return rows


def pictures() -> None:
    from PIL import Image, ImageDraw, ImageFont

    folder = HERE / "images"
    folder.mkdir(exist_ok=True)
    font_path = HERE.parent / "fonts" / "DejaVuSans-Bold.ttf"
    font = ImageFont.truetype(str(font_path), 22)
    for sku, name, (l, w, h), *_rest, colour in PRODUCTS:
        if sku not in PICTURED:
            continue
        image = Image.new("RGB", (200, 200), "white")
        draw = ImageDraw.Draw(image)
        scale = 150 / max(l, w, h)
        bw, bh = max(int(max(l, w) * scale), 20), max(int(h * scale), 12)
        box = (100 - bw // 2, 150 - bh, 100 + bw // 2, 150)
        if sku.startswith(("MUG", "BTL", "OIL", "VAS", "CND", "COF")):
            draw.rounded_rectangle(box, radius=min(bw, bh) // 5, fill=colour, outline="#333333", width=2)
        else:
            draw.rectangle(box, fill=colour, outline="#333333", width=2)
        draw.ellipse((box[0], box[3] + 4, box[2], box[3] + 14), fill="#dddddd")
        draw.text((100, 178), sku.split("-")[0], fill="#222222", font=font, anchor="mm")
        image.save(folder / f"{sku}.png", optimize=True)


def main() -> None:
    rng = random.Random(20261119)
    write_csv("products.csv", list(products()[0]), products())
    write_csv("boxes.csv", list(boxes()[0]), boxes())
    locs = locations()
    write_csv("locations.csv", list(locs[0]), locs)
    write_csv("stock.csv", ["sku", "location", "quantity"], stock(rng, locs))
    write_csv("users.csv", list(users()[0]), users())
    for name, rows in (("carriers.csv", carriers()), ("zones.csv", zones()), ("rates.csv", rates())):
        write_csv(name, list(rows[0]), rows)
    ours, shopify = orders(rng)
    (HERE / "orders.json").write_text(json.dumps(ours, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_csv("shopify_orders.csv", SHOPIFY_HEADER, shopify)
    pictures()


if __name__ == "__main__":
    main()

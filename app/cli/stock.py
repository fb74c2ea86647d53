"""`packdesk stock show SKU [--json]`: on hand, held for orders, available, per bin."""
from __future__ import annotations

import argparse
import json
import logging
from dataclasses import asdict

from app.cli.db import add_database_options, open_database
from app.cli.orders import shown
from app.store.stock_queries import stock_of
from app.messages import _

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `stock show`."""
    parser = subparsers.add_parser("stock", help=_("show stock: on hand, held, available per bin"))
    sub = parser.add_subparsers(dest="stock_command", metavar="ACTION", required=True)
    show = sub.add_parser("show", help=_("one SKU's stock, bin by bin in walking order"))
    show.add_argument("sku", help=_("the product's SKU"))
    show.add_argument("--json", action="store_true", help=_("a JSON object instead of a table"))
    add_database_options(show)
    show.set_defaults(func=run_show)


def run_show(args: argparse.Namespace) -> int:
    """packdesk stock show"""
    with open_database(args) as db:
        stock = stock_of(db, args.sku)
    if args.json:
        print(json.dumps(asdict(stock), ensure_ascii=False, indent=1))
        return 0
    print(shown(f"{stock.sku}  {stock.name}"))
    heads = (_("BIN"), _("ZONE"), _("ON HAND"), _("HELD"), _("AVAIL"), _("LOT (EXPIRY)"))
    print(f"{heads[0]:<12} {heads[1]:<6} {heads[2]:>7} {heads[3]:>5} {heads[4]:>5}  {heads[5]}")
    for b in stock.bins:
        lot = f"{b.lot} ({b.expiry or '-'})" if b.lot else ""
        print(shown(f"{b.location:<12} {b.zone:<6} {b.on_hand:>7} {b.held:>5} {b.available:>5}  {lot}"))
    total = _("total")
    print(f"{total:<19} {stock.on_hand:>7} {stock.held:>5} {stock.available:>5}")
    if stock.restock_date:
        print(_("next delivery expected %(date)s") % {"date": stock.restock_date})
    return 0

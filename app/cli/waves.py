"""`packdesk waves create` and `packdesk picks confirm`: allocated orders onto pick lists in
walking order, and a whole pick list confirmed as picked (for warehouses that pick outside
Packdesk; the picker screen picks line by line)."""
from __future__ import annotations

import argparse
import getpass
import json
import logging
from dataclasses import asdict

from app.cli.db import add_database_options, open_database
from app.cli.orders import shown
from app.orders import picking, waves
from app.store.uow import SqlUnitOfWork
from app.messages import _

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `waves create` and `picks confirm`."""
    parser = subparsers.add_parser("waves", help=_("put allocated orders on pick lists"))
    sub = parser.add_subparsers(dest="waves_command", metavar="ACTION", required=True)
    create = sub.add_parser("create", help=_("pick lists in walking order for the allocated orders"))
    create.add_argument("--strategy", required=True, choices=waves.STRATEGIES,
                        help=_("single: a list per order; batch: N orders a list, a tote each; zone: a list per "
                             "zone; wave: grouped by carrier and cut-off (SLA)"))
    create.add_argument("--max-orders", type=int, metavar="N",
                        help=_("orders on one list (batch, zone, wave; default %(default)s); single: at most N "
                               "lists") % {"default": waves.DEFAULT_MAX_ORDERS})
    create.add_argument("--carrier", metavar="C", help=_("only orders of this carrier"))
    create.add_argument("--user", default=None, help=_("who makes the wave (default: your login name)"))
    create.add_argument("--json", action="store_true", help=_("the lists as a JSON array"))
    add_database_options(create)
    create.set_defaults(func=run_create)

    picks = subparsers.add_parser("picks", help=_("confirm pick lists picked outside Packdesk"))
    sub = picks.add_subparsers(dest="picks_command", metavar="ACTION", required=True)
    confirm = sub.add_parser("confirm", help=_("every open line of a pick list picked in full"))
    confirm.add_argument("code", metavar="LIST", help=_("the pick list's code (PL-..., as in its barcode)"))
    confirm.add_argument("--user", default=None, help=_("who picked (default: your login name)"))
    confirm.add_argument("--json", action="store_true", help=_("a JSON object instead of text"))
    add_database_options(confirm)
    confirm.set_defaults(func=run_confirm)


def run_create(args: argparse.Namespace) -> int:
    """packdesk waves create"""
    with open_database(args) as db:
        made = waves.create(SqlUnitOfWork(db), args.strategy, max_orders=args.max_orders, carrier=args.carrier,
                            user=args.user or getpass.getuser())
    if args.json:
        print(json.dumps([asdict(m) for m in made], ensure_ascii=False, indent=1))
        return 0
    if not made:
        print(_("no allocated order to pick for carrier %(carrier)s") % {"carrier": args.carrier} if args.carrier
              else _("no allocated order to pick"))
        return 0
    print(_("wave %(wave)s: %(count)s pick list(s)") % {"wave": made[0].wave.split(" ")[0], "count": len(made)})
    for m in made:
        where = f" zone {m.zone}" if m.zone else ""
        group = f"  ({' '.join(m.wave.split(' ')[1:])})" if " " in m.wave else ""
        print(shown(f"  {m.code}{where}: " + _("%(orders)s order(s), %(lines)s line(s), %(units)s unit(s)")
                    % {"orders": len(m.orders), "lines": m.lines, "units": m.units} + group))
        for o in m.orders:
            print(shown(f"    {o['number']}" + ("  " + _("tote %(tote)s") % {"tote": o["tote"]} if o["tote"] else "")))
    return 0


def run_confirm(args: argparse.Namespace) -> int:
    """packdesk picks confirm"""
    with open_database(args) as db:
        done = picking.confirm(SqlUnitOfWork(db), args.code, user=args.user or getpass.getuser())
    if args.json:
        print(json.dumps(asdict(done), ensure_ascii=False, indent=1))
        return 0
    print(shown(_("pick list %(code)s: %(lines)s line(s), %(units)s unit(s) confirmed picked")
                % {"code": done.code, "lines": done.lines, "units": done.units}))
    if done.picked_orders:
        print(shown(_("picked, ready to pack: %(orders)s") % {"orders": ", ".join(done.picked_orders)}))
    return 0

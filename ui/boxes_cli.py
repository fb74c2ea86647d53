"""`packdesk boxes`: the box suggestion from the command line (JSON files or an order in the database),
and the catalogue's list, add, edit and retire (app/cli/box_catalogue.py)."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from app.boxing import BoxingError, Objective, Suggestion, suggest_boxes, validate_suggestion
from app.boxing.files import DEFAULT_BOXES, load_boxes, load_items
from app.boxing.model import BoxType, Goal, Unit
from app.cli.box_catalogue import register_commands
from app.cli.db import add_database_options
from app.errors import PackdeskError
from app.messages import _, say
from app.translator import phrase

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `boxes` command group."""
    group = subparsers.add_parser("boxes", help=_("box suggestion (3-D cartonization) and the box catalogue"))
    sub = group.add_subparsers(dest="boxes_command", metavar="SUBCOMMAND", required=True)
    p = sub.add_parser("suggest", help=_("suggest the box(es) for items or an order, with every unit's placement"),
                       description=_("Suggest the box(es) for a set of items (--items) or an order in the "
                                     "database (--order). File formats: docs/boxing.md."))
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--items", metavar="FILE", type=Path, help=_("items JSON file"))
    source.add_argument("--order", metavar="ORDER", help=_("order number in the database"))
    p.add_argument("--boxes", metavar="FILE", type=Path,
                   help=_("boxes JSON file (default: the database's catalogue with --order, else a demo catalogue)"))
    p.add_argument("--objective", choices=[g.value for g in Goal], default=Goal.CHEAPEST_BOXES.value,
                   help=_("cost: cheapest boxes; parcels: fewest parcels; dim-weight: lowest billable weight"))
    p.add_argument("--divisor", type=int, default=5000, metavar="N",
                   help=_("dimensional-weight divisor in cm3/kg (default 5000)"))
    p.add_argument("--json", action="store_true", help=_("print exactly one JSON object"))
    p.add_argument("--png", metavar="FILE", type=Path, help=_("write an isometric picture of the parcels"))
    add_database_options(p)  # no defaults of its own: `packdesk --database URL boxes suggest` keeps URL
    p.set_defaults(func=suggest)
    register_commands(sub)  # list, add, edit, retire: the catalogue (app/cli/box_catalogue.py)


def suggest(args: argparse.Namespace) -> int:
    """Run the suggestion; with --json errors become {"error": ...} and exit 2."""
    try:
        units, boxes = _inputs(args)
        if args.divisor <= 0:
            raise BoxingError(phrase("--divisor must be a positive number, not %(divisor)s", divisor=args.divisor))
        suggestion = suggest_boxes(units, boxes, Objective(Goal(args.objective), args.divisor))
        validate_suggestion(suggestion)
        if args.png:
            from ui.placement_view import save_png

            save_png(suggestion.parcels, args.png)
    except PackdeskError as exc:
        if args.json:
            print(json.dumps({"error": say(str(exc))}))
            return 2
        raise
    if args.json:
        print(json.dumps(suggestion.to_json()))
    else:
        _print_text(suggestion)
        if args.png:
            print(_("picture: %(path)s") % {"path": args.png})
    return 0


def _inputs(args: argparse.Namespace) -> tuple[list[Unit], list[BoxType]]:
    boxes = load_boxes(args.boxes) if args.boxes else None
    if args.items:
        return load_items(args.items), boxes or list(DEFAULT_BOXES)
    units, db_boxes = _order_from_database(args)
    return units, boxes or db_boxes


def _order_from_database(args: argparse.Namespace) -> tuple[list[Unit], list[BoxType]]:
    """The order's units and the box catalogue, read from the database."""
    from app.cli.boxing import order_and_boxes

    return order_and_boxes(getattr(args, "config", None), getattr(args, "database", None), args.order)


def _print_text(s: Suggestion) -> None:
    print(say(s.explanation))
    for n, p in enumerate(s.parcels, 1):
        if p.box is None:
            print(_("parcel %(n)s: %(sku)s in its own container") % {"n": n, "sku": p.placements[0].sku})
            continue
        proof = _(" (proved cheapest)") if p.proved_cheapest else ""
        print(_("parcel %(n)s: %(box)s %(l)sx%(w)sx%(h)s mm, %(cost)s%(proof)s") % {
            "n": n, "box": p.box.id, "l": p.box.length, "w": p.box.width, "h": p.box.height, "cost": p.box.cost,
            "proof": proof})
        for q in sorted(p.placements, key=lambda q: (q.z, q.y, q.x)):
            print(_("  %(sku)-16s at x=%(x)4d y=%(y)4d z=%(z)4d  size %(dx)sx%(dy)sx%(dz)s mm") % {
                "sku": q.sku, "x": q.x, "y": q.y, "z": q.z, "dx": q.dx, "dy": q.dy, "dz": q.dz})
    print(_("box cost: %(cost)s") % {"cost": s.cost})
    sys.stdout.flush()

"""`packdesk boxes list|add|edit|retire`: the box catalogue from the command line, over the
same use cases as the BOXES admin page (app/admin/boxes.py; every change audited). Added to the
`boxes` group beside `boxes suggest` (ui/boxes_cli.py)."""
from __future__ import annotations

import argparse
import getpass
import json
import logging
from dataclasses import replace

from app.admin.boxes import BoxForm, shown
from app.admin.errors import FieldProblem, NotFound
from app.cli.db import add_database_options, open_database
from app.floor.admin_desk import open_admin
from app.unit_of_work import BoxRecord
from app.translator import phrase
from app.messages import _

log = logging.getLogger(__name__)

SIZES = "LxWxH"  # millimetres, e.g. 300x200x150


def register_commands(sub: argparse._SubParsersAction) -> None:
    """Adds list, add, edit and retire to the `boxes` group's subcommands."""
    listing = sub.add_parser("list", help=_("the box catalogue (retired boxes with --all)"))
    listing.add_argument("--all", action="store_true", help=_("retired boxes too"))
    listing.add_argument("--json", action="store_true", help=_("print one JSON list"))
    add = sub.add_parser("add", help=_("add a box to the catalogue (audited)"))
    edit = sub.add_parser("edit", help=_("change a box's name, barcode, sizes, tare, maximum load or cost (audited)"))
    retire = sub.add_parser("retire", help=_("no longer offer a box at the pack; parcels keep it (audited)"))
    for p in (add, edit):
        required = p is add
        p.add_argument("code", help=_("the box's code, e.g. M or BOX-40"))
        p.add_argument("--name", required=required, help=_("its name"))
        p.add_argument("--inner", metavar=SIZES, required=required, help=_("inside length x width x height in mm"))
        p.add_argument("--outer", metavar=SIZES, required=required, help=_("outside length x width x height in mm"))
        p.add_argument("--tare", metavar="GRAMS", required=required, help=_("the empty box's weight"))
        p.add_argument("--max-load", metavar="GRAMS", required=required, help=_("the most it may carry"))
        p.add_argument("--cost", metavar="AMOUNT", required=required, help=_("what one box costs, e.g. 0.85"))
        p.add_argument("--barcode", help=_("the box's barcode (default: BOX-<code>)"))
    retire.add_argument("code")
    for p, func in ((listing, run_list), (add, run_add), (edit, run_edit), (retire, run_retire)):
        if p is not listing:
            p.add_argument("--user", help=_("who makes the change (default: your login name)"))
        add_database_options(p)
        p.set_defaults(func=func)


def sizes(option: str, text: str) -> tuple[str, str, str]:
    """The three sides of a size such as "300x200x150" (checked as numbers by the use case)."""
    parts = tuple(p.strip() for p in str(text).lower().replace("*", "x").split("x"))
    if len(parts) != 3:
        raise FieldProblem(option, phrase("%(text)s: give length x width x height in millimetres, e.g. 300x200x150.",
                                          text=repr(text)))
    return parts  # type: ignore[return-value]


def form_of(box: BoxRecord) -> BoxForm:
    """A stored box as the form that would make it."""
    return BoxForm(box.code, box.name, box.barcode,
                   (str(box.inner_length_mm), str(box.inner_width_mm), str(box.inner_height_mm)),
                   (str(box.outer_length_mm), str(box.outer_width_mm), str(box.outer_height_mm)),
                   str(box.tare_g), str(box.max_load_g), str(box.cost))


def _changed(form: BoxForm, args: argparse.Namespace) -> BoxForm:
    given = {"name": args.name, "barcode": args.barcode, "tare_g": args.tare, "max_load_g": args.max_load,
             "cost": args.cost}
    form = replace(form, **{k: v for k, v in given.items() if v is not None})
    if args.inner is not None:
        form = replace(form, inner_mm=sizes("--inner", args.inner))
    if args.outer is not None:
        form = replace(form, outer_mm=sizes("--outer", args.outer))
    return form


def _line(box: BoxRecord) -> str:
    inner = f"{box.inner_length_mm}x{box.inner_width_mm}x{box.inner_height_mm}"
    outer = f"{box.outer_length_mm}x{box.outer_width_mm}x{box.outer_height_mm}"
    return (f"{box.code:<10} {box.name[:24]:<24} {inner:>14} {outer:>14} {box.tare_g:>7} {box.max_load_g:>9} "
            f"{box.cost:>9.2f} {box.barcode:<16} {'active' if box.enabled else 'retired'}")


def run_list(args: argparse.Namespace) -> int:
    """packdesk boxes list"""
    with open_database(args) as db:
        boxes = [b for b in open_admin(db, getattr(args, "config", None)).boxes() if args.all or b.enabled]
    if args.json:
        print(json.dumps([{**shown(b), "enabled": b.enabled} for b in boxes]))
        return 0
    print(f"{'CODE':<10} {'NAME':<24} {'INNER MM':>14} {'OUTER MM':>14} {'TARE G':>7} {'MAX LOAD':>9} "
          f"{'COST':>9} {'BARCODE':<16} STATE")
    for box in boxes:
        print(_line(box))
    return 0


def run_add(args: argparse.Namespace) -> int:
    """packdesk boxes add"""
    form = _changed(BoxForm(args.code, "", "", ("", "", ""), ("", "", ""), "", "", ""), args)
    with open_database(args) as db:
        box = open_admin(db, getattr(args, "config", None)).add_box(form, args.user or getpass.getuser())
    print(_("box %(code)s added") % {"code": box.code})
    return 0


def run_edit(args: argparse.Namespace) -> int:
    """packdesk boxes edit"""
    with open_database(args) as db:
        desk = open_admin(db, getattr(args, "config", None))
        box = next((b for b in desk.boxes() if b.code == args.code.strip()), None)
        if box is None:
            raise NotFound(phrase("box"), args.code, phrase("`packdesk boxes list --all` lists them."))
        box = desk.edit_box(box.code, _changed(form_of(box), args), args.user or getpass.getuser())
    print(_("box %(code)s changed") % {"code": box.code})
    return 0


def run_retire(args: argparse.Namespace) -> int:
    """packdesk boxes retire"""
    with open_database(args) as db:
        box = open_admin(db, getattr(args, "config", None)).retire_box(args.code, args.user or getpass.getuser())
    print(_("box %(code)s retired") % {"code": box.code})
    return 0

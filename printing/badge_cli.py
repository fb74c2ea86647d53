"""`packdesk badges print USER --out FILE`: one user's badge (name, role, Code 128 of the badge
code) as PDF or, with --zpl or a .zpl file, as ZPL for a label printer."""
from __future__ import annotations

import argparse
import logging
from pathlib import Path

from app.cli.db import add_database_options, open_database
from app.floor.admin_desk import AdminDesk
from app.messages import _, say
from app.translator import phrase
from printing.badge import badge_job
from printing.model import Badge

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `badges print`."""
    group = subparsers.add_parser("badges", help=_("print a user's badge"))
    sub = group.add_subparsers(dest="badges_command", metavar="ACTION", required=True)
    p = sub.add_parser("print", help=_("one user's badge to a file (PDF, or ZPL with --zpl or a .zpl name)"))
    p.add_argument("user", metavar="USER", help=_("the user name or the badge code"))
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help=_("where to write the badge"))
    p.add_argument("--zpl", action="store_true", help=_("ZPL for a label printer instead of PDF"))
    p.add_argument("--dpi", type=int, default=203, choices=(203, 300), help=_("the label printer's resolution"))
    add_database_options(p)
    p.set_defaults(func=run_print)


def run_print(args: argparse.Namespace) -> int:
    """packdesk badges print"""
    with open_database(args) as db:
        user = AdminDesk(db).find_user(args.user)
    zpl = args.zpl or args.out.suffix.lower() == ".zpl"
    job = badge_job(Badge(user.display_name, user.badge_code, user.role), zpl, args.dpi)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(job.data)
    if user.active:
        said = phrase("badge of %(user)s (%(badge)s) written to %(path)s", user=user.username, badge=user.badge_code,
                      path=str(args.out))
    else:
        said = phrase("badge of %(user)s (%(badge)s) written to %(path)s (the user is deactivated: the badge will "
                      "not log in)", user=user.username, badge=user.badge_code, path=str(args.out))
    print(say(said))
    return 0

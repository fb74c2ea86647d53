"""`packdesk users list|add|change|deactivate|activate|roles`: users and their badges from the
command line (the same use cases as the admin screens; every change audited)."""
from __future__ import annotations

import argparse
import getpass
import json
import logging

from app.admin.people import UserForm
from app.admin.roles import DUTIES
from app.cli.db import add_database_options, open_database
from app.cli.orders import shown
from app.floor.admin_desk import AdminDesk
from app.messages import _, say
from app.station.roles import ROLES

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the `users` command group."""
    parser = subparsers.add_parser("users", help=_("users and their badges (add, change, deactivate; audited)"))
    sub = parser.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help=_("the users (deactivated ones too with --all)"))
    listing.add_argument("--all", action="store_true", help=_("deactivated users as well"))
    listing.add_argument("--json", action="store_true", help=_("a JSON array instead of a table"))
    add = sub.add_parser("add", help=_("add a user with a badge (a supervisor or admin needs --pin)"))
    add.add_argument("username")
    add.add_argument("--name", required=True, help=_("the name shown at the station and printed on the badge"))
    add.add_argument("--role", required=True, help=_("one of: %(choices)s") % {"choices": ", ".join(ROLES)})
    add.add_argument("--badge", required=True, help=_("the badge code (what the badge's barcode reads)"))
    add.add_argument("--pin", help=_("4 to 8 digits (stored only as a hash)"))
    add.add_argument("--language", help=_("en or de (default: the station's)"))
    change = sub.add_parser("change", help=_("change a user's name, role, badge, PIN or language"))
    change.add_argument("username")
    change.add_argument("--name")
    change.add_argument("--role", help=_("one of: %(choices)s") % {"choices": ", ".join(ROLES)})
    change.add_argument("--badge")
    change.add_argument("--pin")
    change.add_argument("--language", help=_("en or de; 'station' for the station's"))
    deactivate = sub.add_parser("deactivate", help=_("the user can no longer log in (never deleted)"))
    deactivate.add_argument("username")
    activate = sub.add_parser("activate", help=_("a deactivated user may log in again"))
    activate.add_argument("username")
    roles = sub.add_parser("roles", help=_("the roles (fixed) and what each may do"))
    for p, func in ((listing, run_list), (add, run_add), (change, run_change), (deactivate, run_deactivate),
                    (activate, run_activate), (roles, run_roles)):
        if p is not roles and p is not listing:
            p.add_argument("--user", help=_("who makes the change (default: your login name)"))
        add_database_options(p)
        p.set_defaults(func=func)


def _by(args: argparse.Namespace) -> str:
    return args.user or getpass.getuser()


def run_list(args: argparse.Namespace) -> int:
    """packdesk users list"""
    with open_database(args) as db:
        users = AdminDesk(db).users(include_inactive=args.all)
    if args.json:
        print(json.dumps([{"username": u.username, "display_name": u.display_name, "role": u.role,
                           "badge_code": u.badge_code, "active": u.active, "language": u.language,
                           "has_pin": bool(u.pin_hash)} for u in users], ensure_ascii=False, indent=1))
        return 0
    print(f"{'USER':<16} {'ROLE':<11} {'BADGE':<16} {'LANG':<5} {'PIN':<4} {'STATE':<12} NAME")
    for u in users:
        print(shown(f"{u.username:<16} {u.role:<11} {u.badge_code:<16} {u.language or '-':<5} "
                    f"{'yes' if u.pin_hash else '-':<4} {'active' if u.active else 'deactivated':<12} "
                    f"{u.display_name}"))
    print(_("%(n)s user(s)") % {"n": len(users)})
    return 0


def run_add(args: argparse.Namespace) -> int:
    """packdesk users add"""
    with open_database(args) as db:
        user = AdminDesk(db).add_user(UserForm(args.username, args.name, args.role, args.badge, args.pin,
                                               args.language), _by(args))
    print(shown(_("user %(username)s added (%(role)s, badge %(badge)s)")
                % {"username": user.username, "role": user.role, "badge": user.badge_code}))
    return 0


def run_change(args: argparse.Namespace) -> int:
    """packdesk users change"""
    changes = {key: value for key, value in (("display_name", args.name), ("role", args.role),
                                             ("badge_code", args.badge), ("pin", args.pin)) if value is not None}
    if args.language is not None:
        changes["language"] = None if args.language == "station" else args.language
    with open_database(args) as db:
        user = AdminDesk(db).change_user(args.username, _by(args), **changes)
    language = user.language or _("the station's")
    print(shown(_("user %(username)s changed: %(name)s, %(role)s, badge %(badge)s, language %(language)s")
                % {"username": user.username, "name": user.display_name, "role": user.role,
                   "badge": user.badge_code, "language": language}))
    return 0


def run_deactivate(args: argparse.Namespace) -> int:
    """packdesk users deactivate"""
    with open_database(args) as db:
        user = AdminDesk(db).set_active(args.username, False, _by(args))
    print(_("user %(username)s deactivated (kept for the history; `users activate` undoes it)")
          % {"username": user.username})
    return 0


def run_activate(args: argparse.Namespace) -> int:
    """packdesk users activate"""
    with open_database(args) as db:
        user = AdminDesk(db).set_active(args.username, True, _by(args))
    print(_("user %(username)s may log in again") % {"username": user.username})
    return 0


def run_roles(args: argparse.Namespace) -> int:
    """packdesk users roles"""
    with open_database(args) as db:
        users = AdminDesk(db).users(include_inactive=False)
    for role in ROLES:
        holders = [u.username for u in users if u.role == role]
        print(f"{role}: {', '.join(holders) or _('(nobody)')}")
        for duty in DUTIES[role]:
            print(f"  - {say(duty)}")
    return 0

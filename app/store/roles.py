"""Least privilege on PostgreSQL (issue 17): the three group roles a migration creates and
what each may do. Roles are cluster-wide, so their names start with a prefix
($PACKDESK_ROLE_PREFIX, default "packdesk") that several Packdesk databases on one server can
share or keep apart; the grants are per database.

- `<prefix>_station`: what a packing station does: claim, scan, close parcels, print labels,
  report problems. It reads the catalogue, users and boxes but cannot change them, and it can
  only append to the audit logs (order_events, station_events).
- `<prefix>_admin`: the CLI (imports, users, orders, migrations' data): everything on the tables.
- `<prefix>_reporting`: reads everything, writes nothing (the board, reports, a standby).

They are NOLOGIN groups: an administrator creates a login role per station or person in one of
them (docs/operations.md, "Database roles").
"""
from __future__ import annotations

import logging
import os
import re

from app.errors import PackdeskError
from app.translator import phrase

log = logging.getLogger(__name__)

ROLE_PREFIX_ENV = "PACKDESK_ROLE_PREFIX"  # configuration: the prefix of the three roles' names
DEFAULT_ROLE_PREFIX = "packdesk"
_PREFIX = re.compile(r"[a-z_][a-z0-9_]{0,40}")

# what a station may write (every table may be read); SELECT ... FOR UPDATE needs UPDATE
STATION_WRITES: dict[str, tuple[str, ...]] = {
    "orders": ("UPDATE",),
    "order_lines": ("UPDATE",),
    "order_holds": ("INSERT", "UPDATE"),
    "stock": ("UPDATE",),
    "stock_holds": ("INSERT", "UPDATE"),
    "parcels": ("INSERT", "UPDATE", "DELETE"),
    "parcel_items": ("INSERT", "UPDATE", "DELETE"),
    "serial_numbers": ("INSERT", "DELETE"),
    "scans": ("INSERT",),
    "labels": ("INSERT", "UPDATE"),
    "pack_exceptions": ("INSERT", "UPDATE"),
    "order_events": ("INSERT",),
    "station_events": ("INSERT",),
    "stations": ("INSERT", "UPDATE"),
    "counters": ("INSERT", "UPDATE"),
    "pick_lists": ("UPDATE",),
    "pick_list_orders": ("UPDATE",),
    "journal_receipts": ("INSERT",),
    # tables of the migrations before this one that a station's screens write
    "pick_lines": ("INSERT", "UPDATE"),  # the picker screen: picks, short picks re-allocated
    "audit_log": ("INSERT",),  # a person's change at a station (triggers refuse UPDATE/DELETE)
    "exception_reviews": ("INSERT", "UPDATE"),  # a supervisor's decision on the review screen
    "outbox_messages": ("INSERT", "UPDATE"),  # the dock: the "shipped" message queued at hand-over
    "payments": ("INSERT", "UPDATE"),  # the dock: the capture at shipping
    "capture_requests": ("INSERT", "UPDATE"),  # the dock queues the capture at hand-over (0013)
    "order_documents": ("INSERT",),  # documents printed at a station are kept (the archive)
    "returns": ("UPDATE",),  # the returns station: received, inspected, refunded (migration 0012 grants it)
    "return_lines": ("UPDATE",),  # the returns station: items scanned, each line's outcome
}


class BadRolePrefix(PackdeskError):
    """The configured role prefix cannot start a PostgreSQL role name."""


def role_prefix() -> str:
    """The prefix of the roles' names, from $PACKDESK_ROLE_PREFIX."""
    prefix = os.environ.get(ROLE_PREFIX_ENV, DEFAULT_ROLE_PREFIX)
    if not _PREFIX.fullmatch(prefix):
        raise BadRolePrefix(phrase("%(variable)s=%(prefix)s cannot start a database role's name; use lower-case "
                                   "letters, digits and underscores (at most 41), not starting with a digit.",
                                   variable=ROLE_PREFIX_ENV, prefix=repr(prefix)))
    return prefix


def role_names(prefix: str) -> dict[str, str]:
    """kind -> role name, for kinds station, admin, reporting."""
    return {kind: f"{prefix}_{kind}" for kind in ("station", "admin", "reporting")}


def create_statements(prefix: str, tables: list[str]) -> list[str]:
    """The SQL that creates the roles if missing (several databases and helpers may race to)
    and grants each its rights on `tables` of this database. Safe to run again."""
    names = role_names(prefix)
    sql = []
    for name in names.values():
        sql.append(
            "DO $$ BEGIN "
            f"IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '{name}') THEN "
            f'CREATE ROLE "{name}" NOLOGIN; END IF; '
            "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$")
    station, admin, reporting = (f'"{names[k]}"' for k in ("station", "admin", "reporting"))
    sql.append(f"DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO {station}, {admin}, {reporting}', "
               "current_database()); END $$")
    sql.append(f"GRANT USAGE ON SCHEMA public TO {station}, {admin}, {reporting}")
    every = ", ".join(f'"{t}"' for t in tables)
    sql.append(f"GRANT SELECT ON {every} TO {station}, {reporting}")
    sql.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {every} TO {admin}")
    for table, rights in STATION_WRITES.items():
        if table in tables:
            sql.append(f'GRANT {", ".join(rights)} ON "{table}" TO {station}')
    sql.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {station}, {admin}")
    sql.append(f"GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO {reporting}")
    # tables later migrations create: read by reporting, written by the CLI; a station gets
    # its rights on a new table in the migration that creates it
    sql.append(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {reporting}")
    sql.append(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {admin}")
    sql.append(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {station}, {admin}")
    return sql


def revoke_statements(prefix: str) -> list[str]:
    """Takes the three roles' rights on this database away (the roles stay: other databases
    of the server may use them)."""
    names = role_names(prefix)
    sql = []
    for name in names.values():
        sql.append(f"DO $$ BEGIN IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '{name}') THEN "
                   f'EXECUTE \'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{name}"\'; '
                   f'EXECUTE \'REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM "{name}"\'; '
                   f'EXECUTE \'ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM "{name}"\'; '
                   f'EXECUTE \'ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM "{name}"\'; '
                   f'EXECUTE \'REVOKE USAGE ON SCHEMA public FROM "{name}"\'; '
                   f"EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM \"{name}\"', current_database()); "
                   "END IF; END $$")
    return sql

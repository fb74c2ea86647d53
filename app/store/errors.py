"""What the database's own errors mean for a person: the server cannot be reached, the
database or role does not exist, the schema was never upgraded, the file is read-only. Each
becomes one sentence naming the database and what to do (app.errors' family); anything else
is left alone, as it is a bug to be seen."""
from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from app.errors import ConfigError, DatabaseNotReady, DatabaseUnavailable, PackdeskError
from app.translator import phrase

log = logging.getLogger(__name__)

# Substrings of the drivers' messages (sqlite3, psycopg), lower case.
UNREACHABLE = ("connection refused", "could not connect", "unable to open database", "server closed the connection",
               "connection timed out", "terminating connection", "connection failed", "connection is bad",
               "could not translate host name", "name or service not known", "no route to host")
NOT_UPGRADED = ("no such table", "no such column", "undefinedtable", "undefinedcolumn")
READ_ONLY = ("readonly database", "read-only transaction", "read-only file system", "permission denied",
             "insufficient privilege")
UPGRADE = phrase("Run `packdesk db upgrade` (with the same --database or configuration) first.")


def database_problem(exc: BaseException, safe_url: str | None = None) -> PackdeskError | None:
    """The PackdeskError that explains `exc` (raised on the database at `safe_url`), or None
    when it is not one of the database's known troubles."""
    if not isinstance(exc, DBAPIError):
        return None
    the_database = phrase("The database at %(url)s", url=safe_url) if safe_url else phrase("The database")
    text = f"{type(exc.orig).__name__}: {exc.orig}".lower()
    first = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else type(exc.orig).__name__
    if any(needle in text for needle in NOT_UPGRADED):
        return DatabaseNotReady(phrase("%(database)s has no Packdesk tables or an old schema (%(error)s): it was "
                                       "never upgraded. %(upgrade)s", database=the_database, error=first,
                                       upgrade=UPGRADE))
    if any(needle in text for needle in READ_ONLY):
        return DatabaseNotReady(phrase("%(database)s is read-only for this user (%(error)s). Give the user write "
                                       "access (for SQLite: to the file and its folder) or name a writable database.",
                                       database=the_database, error=first))
    if 'database "' in text and "does not exist" in text:
        return DatabaseUnavailable(phrase("%(database)s does not exist on its server (%(error)s). Create it "
                                          "(`createdb %(name)s` on the server, as in docs/install.md), then run "
                                          "`packdesk db upgrade`.", database=the_database, error=first,
                                          name=_name(safe_url)))
    if ("role \"" in text and "does not exist" in text) or "authentication failed" in text:
        return DatabaseUnavailable(phrase("%(database)s refuses the user (%(error)s). Check the user name and "
                                          "password in the URL, or create the role on the server.",
                                          database=the_database, error=first))
    if exc.connection_invalidated or any(needle in text for needle in UNREACHABLE):
        return DatabaseUnavailable(phrase("%(database)s cannot be reached (%(error)s). %(check)s",
                                          database=the_database, error=first, check=_what_to_check(safe_url or "")))
    return None


def _name(safe_url: str | None) -> str:
    return (make_url(safe_url).database if safe_url else None) or "NAME"


def _what_to_check(safe_url: str) -> str:
    url = make_url(safe_url) if safe_url else None
    if url is not None and url.get_backend_name() == "sqlite" and url.database:
        folder = Path(url.database).parent
        if not folder.is_dir():
            return phrase("Its folder %(folder)s does not exist: create it, or correct the path in the URL.",
                          folder=str(folder))
        return phrase("Check that %(file)s is a database file this user may open and write.", file=url.database)
    return phrase("Check that the server is running and reachable, and that the configuration names it.")


def check_url(url: object) -> str:
    """`url` if it is a database URL Packdesk can use, else ConfigError saying what to write."""
    example = "sqlite:////var/lib/packdesk/packdesk.sqlite3 or postgresql://USER@HOST/DATABASE"
    if not isinstance(url, str) or not url.strip():
        raise ConfigError(phrase("The database URL %(url)s is not a URL; write %(example)s.",
                                 url=repr(url), example=example))
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise ConfigError(phrase("The database URL %(url)s is not a URL; write %(example)s.",
                                 url=repr(url), example=example)) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ConfigError(phrase("The database URL %(url)s names a %(backend)s database; Packdesk runs on SQLite "
                                 "or PostgreSQL: write %(example)s.", url=repr(parsed.render_as_string(hide_password=True)),
                                 backend=parsed.get_backend_name(), example=example))
    if parsed.get_backend_name() == "postgresql" and parsed.drivername not in ("postgresql", "postgresql+psycopg"):
        raise ConfigError(phrase("The database URL uses the driver %(driver)s; write postgresql:// "
                                 "(Packdesk uses psycopg 3).", driver=repr(parsed.drivername)))
    return url

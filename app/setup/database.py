"""The wizard's database test: can this station reach the database, and is its schema ready?
The same check as `packdesk doctor`'s; creating or upgrading the schema is `packdesk db upgrade`'s."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from app.config import StationConfig, default_sqlite_url
from app.doctor.checks import check_database
from app.store import migrate
from app.store.session import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DatabaseTest:
    """The answer of a connection test."""

    url: str
    reachable: bool
    ready: bool  # reachable and at this Packdesk's newest schema
    found: str  # what the test saw, naming the database
    fix: str = ""  # for a problem: what to do

    @property
    def can_prepare(self) -> bool:
        """True when `prepare_database` would help (a new or older schema, or no SQLite file yet)."""
        return not self.ready and ("never upgraded" in self.found or "this Packdesk needs" in self.found
                                   or "no database file" in self.found)


def test_database(url: str) -> DatabaseTest:
    """Connect (with a timeout) and read the schema revision; blocks: run it off the GUI thread."""
    url = url.strip() or default_sqlite_url()
    finding = check_database(StationConfig(database_url=url, code="setup"))[0]
    reachable = finding.ok or "cannot connect" not in finding.found
    log.info("database test %s: %s", finding.ok, finding.found)
    return DatabaseTest(url, reachable, finding.ok, finding.found, finding.fix)


def prepare_database(url: str) -> DatabaseTest:
    """Create or upgrade the schema (`packdesk db upgrade`), then test again."""
    url = url.strip() or default_sqlite_url()
    with Database(url) as db:
        migrate.upgrade(db)
    return test_database(url)


test_database.__test__ = False  # type: ignore[attr-defined]  # a test for people, not pytest

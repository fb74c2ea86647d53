"""`SqlUnitOfWork`: the unit-of-work port (app.unit_of_work) on SQLite or PostgreSQL.

One ORM session per unit of work; the repositories (app.store.repositories) read and write
through it and hand out plain records. A write transaction (BEGIN IMMEDIATE on SQLite) that
is not committed is rolled back; a unique key the database refuses becomes `Conflict`, and a
lost connection `DatabaseUnavailable`, both when the block ends.
"""
from __future__ import annotations

import logging
from types import TracebackType

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from app.errors import DatabaseUnavailable
from app.store.errors import database_problem
from app.store import repositories as r
from app.store.audit_log import SqlAuditLog
from app.store.review_repositories import SqlReviews
from app.store.picking_repositories import SqlPicks
from app.store.carriers import SqlCarriers
from app.store.outbox import SqlOutbox
from app.store.payments import SqlCaptures, SqlPayments
from app.store.returns import SqlReturns
from app.store.archive import SqlArchive
from app.store.admin_repositories import SqlAdmin
from app.store.order_writes import OrderEvents, Orders
from app.store.stock_repositories import SqlHolds, SqlStock
from app.store.session import Database, is_connection_problem
from app.unit_of_work import Conflict
from app.translator import phrase

log = logging.getLogger(__name__)


class SqlUnitOfWork:
    """A unit of work on the central database; `with uow:` ... `uow.commit()`."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.session: Session | None = None
        self._joined = False

    @classmethod
    def joining(cls, session: Session) -> SqlUnitOfWork:
        """The repositories on a session a caller already holds (its transaction, its commit)."""
        uow = cls.__new__(cls)
        uow.session, uow._joined = session, True
        uow._attach(session)
        return uow

    def _attach(self, session: Session) -> None:
        self.orders = Orders(session)  # batched writes as driver tuples (app/store/order_writes.py)
        self.products = r.SqlProducts(session)
        self.boxes = r.SqlBoxes(session)
        self.parcels = r.SqlParcels(session)
        self.serials = r.SqlSerials(session)
        self.labels = r.SqlLabels(session)
        self.scans = r.SqlScans(session)
        self.events = OrderEvents(session)
        self.station_log = r.SqlStationLog(session)
        self.users = r.SqlUsers(session)
        self.exceptions = r.SqlExceptions(session)
        self.counters = r.SqlCounters(session)
        self.stock = SqlStock(session)
        self.holds = SqlHolds(session)
        self.audit = SqlAuditLog(session)
        self.reviews = SqlReviews(session)
        self.picks = SqlPicks(session)
        self.carriers = SqlCarriers(session)
        self.outbox = SqlOutbox(session)
        self.payments = SqlPayments(session)
        self.captures = SqlCaptures(session)
        self.returns = SqlReturns(session)
        self.archive = SqlArchive(session)
        self.admin = SqlAdmin(session)

    def __enter__(self) -> SqlUnitOfWork:
        assert self.session is None, "a unit of work is entered once at a time (use the *_in functions inside)"
        try:
            self.session = self.database.session()
            self.session.begin()
            self.session.connection()  # BEGIN IMMEDIATE now, so a write never fails half-way on a lock
        except DBAPIError as exc:
            self._close()
            raise (database_problem(exc, self.database.safe_url) or self._unavailable(exc)) from exc
        self._attach(self.session)
        return self

    def commit(self) -> None:
        """Makes the unit's writes durable."""
        assert self.session is not None and not self._joined
        self.session.commit()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            self._close()
        except OperationalError:  # the connection is gone: the error in flight says why
            log.debug("closing a unit of work on a lost connection failed", exc_info=True)
        if isinstance(exc, IntegrityError):
            raise Conflict(str(exc.orig)) from exc
        if isinstance(exc, OperationalError) and is_connection_problem(exc):
            raise self._unavailable(exc) from exc
        if isinstance(exc, DBAPIError) and (problem := database_problem(exc, self.database.safe_url)):
            raise problem from exc

    def _close(self) -> None:
        if self.session is not None:
            session, self.session = self.session, None
            session.close()  # rolls back what was not committed

    def _unavailable(self, exc: OperationalError) -> DatabaseUnavailable:
        return DatabaseUnavailable(phrase(
            "The database at %(url)s cannot be reached (%(error)s). Check that it is running and that the "
            "station's configuration names it.", url=self.database.safe_url, error=str(exc.orig)))

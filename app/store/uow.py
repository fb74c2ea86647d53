"""`SqlUnitOfWork`: the unit-of-work port (app.unit_of_work) on SQLite or PostgreSQL.

A unit of work is one pooled connection and one database transaction (BEGIN IMMEDIATE on
SQLite, taken at the start) that is rolled back unless committed; a unique key the database
refuses becomes `Conflict`, and a lost connection `DatabaseUnavailable`, both when the block
ends. The repositories (app.store.repositories) read and write through the unit's ORM session,
which is bound to that connection and joins its transaction: a new session each time (nothing
read in one unit is seen by the next), its repositories made on first use. Core statements reach
the connection without starting the session's own transaction machinery (`UnitSession`), which
cost a station more CPU than its SQL (docs/scaling.md, "CPU per packed order"); the session
takes part only when an ORM object is loaded, added or changed, and its work is flushed before
the connection commits.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from types import TracebackType
from typing import Any, Generic, TypeVar, overload

from sqlalchemy import Connection
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
from app.store.event_log import EventLog
from app.store.order_writes import Orders
from app.store.stock_repositories import SqlHolds, SqlStock
from app.store.session import Database, is_connection_problem
from app.unit_of_work import Conflict
from app.translator import phrase

log = logging.getLogger(__name__)


R = TypeVar("R")


class UnitSession(Session):
    """The ORM session of one unit of work, on the unit's connection and in its transaction.

    `connection()` hands out that connection as it is: the Core statements of the repositories
    (a scan, a claim, a parcel's row) run in the unit's transaction without the session
    beginning its own. Anything ORM (a query, an object added or changed) begins the session's
    transaction as usual, joining the connection's ("rollback_only": the unit of work, not the
    session, commits the connection)."""

    def __init__(self, connection: Connection) -> None:
        super().__init__(bind=connection, expire_on_commit=False, join_transaction_mode="rollback_only")
        self.unit_connection = connection

    def connection(self, bind_arguments: Any = None, execution_options: Any = None) -> Connection:
        if bind_arguments is None and execution_options is None:
            return self.unit_connection
        return super().connection(bind_arguments, execution_options)

    def has_work(self) -> bool:
        """True when the session began a transaction or holds objects to write."""
        # (objects changed or deleted were loaded, which began the session's transaction)
        return self.in_transaction() or bool(self.new) or bool(self.identity_map and (self.deleted or self.dirty))

    def used(self) -> bool:
        """True when the session holds anything that closing it must let go of."""
        return self.has_work() or bool(self.identity_map)


class _Repository(Generic[R]):
    """A repository made on first use in a unit of work: a use case touches a few of the two
    dozen, and making them all for every scan cost more than the scan's SQL."""

    def __init__(self, make: Callable[[Session], R]) -> None:
        self.make = make
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, uow: None, owner: type) -> _Repository[R]: ...

    @overload
    def __get__(self, uow: SqlUnitOfWork, owner: type) -> R: ...

    def __get__(self, uow: SqlUnitOfWork | None, owner: type) -> R | _Repository[R]:
        if uow is None:
            return self
        assert uow.session is not None, "a unit of work's repositories are used inside its with block"
        repository = uow.__dict__[self.name] = self.make(uow.session)  # kept until the unit ends
        return repository


class SqlUnitOfWork:
    """A unit of work on the central database; `with uow:` ... `uow.commit()`."""

    orders = _Repository(Orders)  # batched writes as driver tuples (app/store/order_writes.py)
    products = _Repository(r.SqlProducts)
    boxes = _Repository(r.SqlBoxes)
    parcels = _Repository(r.SqlParcels)
    serials = _Repository(r.SqlSerials)
    labels = _Repository(r.SqlLabels)
    scans = _Repository(r.SqlScans)
    events = _Repository(EventLog)  # one event as one INSERT, batches as arrays
    station_log = _Repository(r.SqlStationLog)
    users = _Repository(r.SqlUsers)
    exceptions = _Repository(r.SqlExceptions)
    counters = _Repository(r.SqlCounters)
    stock = _Repository(SqlStock)
    holds = _Repository(SqlHolds)
    audit = _Repository(SqlAuditLog)
    reviews = _Repository(SqlReviews)
    picks = _Repository(SqlPicks)
    carriers = _Repository(SqlCarriers)
    outbox = _Repository(SqlOutbox)
    payments = _Repository(SqlPayments)
    captures = _Repository(SqlCaptures)
    returns = _Repository(SqlReturns)
    archive = _Repository(SqlArchive)
    admin = _Repository(SqlAdmin)
    _REPOSITORIES = frozenset(name for name, value in list(locals().items()) if isinstance(value, _Repository))

    def __init__(self, database: Database) -> None:
        self.database = database
        self.session: Session | None = None
        self._connection: Connection | None = None
        self._joined = False

    @classmethod
    def joining(cls, session: Session) -> SqlUnitOfWork:
        """The repositories on a session a caller already holds (its transaction, its commit)."""
        uow = cls.__new__(cls)
        uow.session, uow._connection, uow._joined = session, None, True
        return uow

    def _forget_repositories(self) -> None:
        for name in self._REPOSITORIES & self.__dict__.keys():
            del self.__dict__[name]

    def __enter__(self) -> SqlUnitOfWork:
        assert self.session is None, "a unit of work is entered once at a time (use the *_in functions inside)"
        self._forget_repositories()  # (a unit of work entered again starts with new ones)
        try:
            self._connection = self.database.unit_connection()
            self._connection.begin()  # BEGIN IMMEDIATE now on SQLite, so a write never fails half-way on a lock
        except DBAPIError as exc:
            self._close()
            raise (database_problem(exc, self.database.safe_url) or self._unavailable(exc)) from exc
        self.session = UnitSession(self._connection)
        return self

    def commit(self) -> None:
        """Makes the unit's writes durable."""
        assert self.session is not None and not self._joined and self._connection is not None
        session = self.session
        if isinstance(session, UnitSession) and not session.has_work():
            self._connection.commit()
            return
        session.commit()  # flushes what the session holds; its transaction joined the connection's
        self._connection.commit()

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
        session, self.session = self.session, None
        connection, self._connection = self._connection, None
        try:
            if session is not None and (not isinstance(session, UnitSession) or session.used()):
                session.close()
        finally:
            if connection is not None:
                self.database.give_back(connection)  # rolled back unless committed; kept for the next unit

    def _unavailable(self, exc: OperationalError) -> DatabaseUnavailable:
        return DatabaseUnavailable(phrase(
            "The database at %(url)s cannot be reached (%(error)s). Check that it is running and that the "
            "station's configuration names it.", url=self.database.safe_url, error=str(exc.orig)))

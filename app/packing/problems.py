"""PROBLEM and partial shipments: the order goes to a supervisor, or ships short with approval."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from app.store.models import OrderLine, PackException, Parcel, ParcelItem
from app.orders.lifecycle import change_status, record_event
from app.packing.api import PROBLEM_KINDS, Packer, PartialShipment, ProblemReported
from app.packing.errors import NotAllowed, PackingError
from app.packing.packs import find_order
from app.packing.supervisor import PARTIAL_SHIPMENT, SupervisorNotRecognised, authorise_in, record_refusal

if TYPE_CHECKING:
    from app.packing.service import PackingService

log = logging.getLogger(__name__)



class ProblemDesk:
    """report_problem and ship_partial (mixed into PackingService)."""

    def report_problem(self: PackingService, order: str, kind: str, reason: str, user: Packer) -> ProblemReported:
        """PROBLEM: the order goes on hold with a PackException; the station is free."""
        if kind not in PROBLEM_KINDS:
            raise PackingError(f"Problem kind {kind!r} is unknown; choose one of {', '.join(PROBLEM_KINDS)}.")
        if not reason or not reason.strip():
            raise PackingError("A problem needs a reason the supervisor can act on.")
        with self._lock:
            with self.db.write() as session:
                o = find_order(session, order)
                if o.status != "packing" or o.claimed_by_station != self.station_code:
                    raise NotAllowed(f"Station {self.station_code} does not hold order {order}.")
                exc = PackException(order_id=o.id, kind=kind, reason=reason.strip(), station=self.station_code,
                                    username=user.username, at=self.clock.now())
                session.add(exc)
                session.flush()
                record_event(session, o, "ProblemReported", station=self.station_code, user=user.username,
                             problem=kind, reason=reason.strip(), exception=exc.id)
                change_status(session, o, "on_hold", station=self.station_code, user=user.username,
                              reason=f"{kind}: {reason.strip()}")
                o.claimed_by_station = o.claimed_by_user = None
                o.lease_expires_at = None
                exception_id = exc.id
            self._packs.pop(order, None)
        log.info("order %s on hold at %s: %s", order, self.station_code, kind)
        return ProblemReported(order, kind, exception_id, f"Order {order} is on hold for a supervisor "
                               f"({kind.replace('_', ' ')}). Put the tote aside; the station is free.")

    def ship_partial(self: PackingService, order: str, supervisor_badge: str, user: Packer) -> PartialShipment:
        """A supervisor's badge or PIN approves shipping what is packed; the rest is backordered."""
        with self._lock:
            try:
                return self._ship_partial(order, supervisor_badge, user)
            except SupervisorNotRecognised as refused:
                record_refusal(self.db, self.station_code, PARTIAL_SHIPMENT, refused, order)
                raise

    def _ship_partial(self: PackingService, order: str, supervisor_badge: str, user: Packer) -> PartialShipment:
        """The partial shipment itself, in one transaction with its approval."""
        with self.db.write() as session:
            # badge or PIN; the approval's audit row commits with the partial shipment
            boss = authorise_in(session, supervisor_badge, self.station_code, PARTIAL_SHIPMENT, order)
            o = find_order(session, order)
            if o.status != "packing" or o.claimed_by_station != self.station_code:
                raise NotAllowed(f"Station {self.station_code} does not hold order {order}.")
            lines = session.scalars(select(OrderLine).where(OrderLine.order_id == o.id)
                                    .order_by(OrderLine.line_no)).all()
            if not any(x.packed_quantity for x in lines):
                raise NotAllowed(f"Nothing of order {order} is packed yet; report a PROBLEM instead.")
            short: list[tuple[str, int]] = []
            for line in lines:
                rest = line.quantity - line.packed_quantity - line.backordered_quantity
                if rest > 0:
                    line.backordered_quantity += rest
                    short.append((line.sku, rest))
            for p in session.scalars(select(Parcel).where(Parcel.order_id == o.id, Parcel.status == "open")):
                if not session.scalar(select(func.count()).select_from(ParcelItem).where(ParcelItem.parcel_id == p.id)):
                    session.delete(p)
            text = ", ".join(f"{q} x {sku}" for sku, q in short) or "nothing"
            session.add(PackException(
                order_id=o.id, kind="partial", reason=f"Shipped short, backordered: {text}",
                station=self.station_code, username=user.username, at=self.clock.now(),
                resolved_at=self.clock.now(), resolved_by=boss.username, resolution="partial shipment approved"))
            record_event(session, o, "PartialShipmentApproved", station=self.station_code, user=user.username,
                         approved_by=boss.username, backordered=dict(short))
            session.flush()
            done = self._finish_if_complete(session, o, user.username)
            approved_by = boss.username
        self._packs.pop(order, None)
        snap = None if done else self._pack(order).snapshot
        message = (f"Partial shipment of {order} approved by {approved_by}; backordered: {text}."
                   + (" The order is packed." if done else " Close the open parcel and print its label."))
        return PartialShipment(order, approved_by, tuple(short), message, snap)

"""The few reads the station needs outside the packing use cases."""
from __future__ import annotations

import logging

from sqlalchemy import select

from app.store.models import User
from app.store.session import Database

log = logging.getLogger(__name__)


def demo_badges(db: Database, limit: int = 8) -> list[tuple[str, str]]:
    """(caption, badge) of the active users, supervisors after packers, for the demo panel."""
    with db.read() as session:
        users = session.scalars(select(User).where(User.active.is_(True)).order_by(User.role, User.id)).all()
        return [(f"{u.display_name} ({u.role})", u.badge_code) for u in users[:limit]]

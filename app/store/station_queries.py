"""The few reads the station needs outside the packing use cases."""
from __future__ import annotations

import logging

from sqlalchemy import select, text

from app.errors import DatabaseNotReady, PackdeskError
from app.store.migrate import head_revision
from app.store.models import User
from app.store.session import Database
from app.translator import phrase

log = logging.getLogger(__name__)


def demo_badges(db: Database, limit: int = 8) -> list[tuple[str, str]]:
    """(caption, badge) of the active users, supervisors after packers, for the demo panel."""
    with db.read() as session:
        users = session.scalars(select(User).where(User.active.is_(True)).order_by(User.role, User.id)).all()
        return [(f"{u.display_name} ({u.role})", u.badge_code) for u in users[:limit]]


def database_trouble(db: Database) -> PackdeskError | None:
    """Why the station cannot work on its database now (cannot be reached, never upgraded,
    read-only, an older schema), or None when it can. One short read."""
    try:
        with db.read() as session:
            revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except PackdeskError as exc:
        return exc
    if revision != head_revision():
        return DatabaseNotReady(phrase("The database at %(url)s has the schema of revision %(revision)s; this "
                                       "station needs %(head)s. Run `packdesk db upgrade`.",
                                       url=db.safe_url, revision=revision, head=head_revision()))
    return None

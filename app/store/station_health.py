"""What a station reports about itself for the live board: last seen, and its devices' states."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

from sqlalchemy import select, update

from app.store.models import Station
from app.store.session import Database

log = logging.getLogger(__name__)


def report_station(db: Database, code: str, devices: dict[str, str], at: datetime | None = None) -> None:
    """Records the station as seen now with its devices' states (the row is made on first report)."""
    moment = at or datetime.now(timezone.utc)
    text = json.dumps(devices, sort_keys=True)
    with db.write() as s:
        found = s.execute(update(Station).where(Station.code == code)
                          .values(last_seen_at=moment, devices=text).returning(Station.id)).first()
        if found is None:
            s.add(Station(code=code, name=code, last_seen_at=moment, devices=text))
    log.debug("station %s reported %s", code, text)


def station_devices(db: Database, code: str) -> dict[str, str]:
    """The devices' states a station last reported."""
    with db.read() as s:
        text = s.scalar(select(Station.devices).where(Station.code == code))
    return json.loads(text) if text else {}

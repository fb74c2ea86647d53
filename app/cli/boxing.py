"""What `packdesk boxes suggest --order` (ui/boxes_cli.py) reads from the database, for a
command group above app/ that never imports the store."""
from __future__ import annotations

import logging

from app.boxing import BoxingError
from app.boxing.model import BoxType, Unit
from app.cli.db import open_database_at
from app.store.boxing_queries import box_catalogue, order_units
from app.translator import phrase

log = logging.getLogger(__name__)


def order_and_boxes(config: str | None, database: str | None, number: str) -> tuple[list[Unit], list[BoxType]]:
    """The units of order `number` still to pack and the box catalogue, from the configured database."""
    with open_database_at(config, database) as db:
        units = order_units(db, number)
        boxes = box_catalogue(db)
    if not boxes:
        raise BoxingError(phrase("the database has no boxes; import a box catalogue or pass --boxes FILE"))
    return units, boxes

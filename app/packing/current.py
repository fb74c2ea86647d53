"""The desk's open pack: the copy in memory, or loaded afresh with its box suggestion."""
from __future__ import annotations

import logging
from dataclasses import replace

from app.packing.boxes import chosen, suggest
from app.packing.desk import Desk
from app.packing.packs import OpenPack, load_pack
from app.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


def reload_in(uow: UnitOfWork, desk: Desk, number: str) -> OpenPack:
    """Loads the pack in the caller's unit of work and keeps it as the desk's copy."""
    pack = load_pack(uow, desk.station, number)
    suggestion = suggest(uow, desk, pack)
    pack.base = replace(pack.base, suggested_box=suggestion, chosen_box=chosen(uow, desk, pack, suggestion))
    pack.render()
    desk.packs[number] = pack
    return pack


def reload(uow: UnitOfWork, desk: Desk, number: str) -> OpenPack:
    """Loads the pack in a unit of work of its own."""
    with uow:
        return reload_in(uow, desk, number)


def open_pack(uow: UnitOfWork, desk: Desk, number: str) -> OpenPack:
    """The desk's copy of the pack, loaded if it has none."""
    pack = desk.packs.get(number)
    return pack if pack is not None else reload(uow, desk, number)


def forget(desk: Desk, number: str | None = None) -> None:
    """Drops the copy of one pack (or of all): the next use case reads it from the database."""
    if number is None:
        desk.packs.clear()
    else:
        desk.packs.pop(number, None)

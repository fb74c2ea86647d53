"""The packing desk: what every packing use case needs to know about the station it runs for."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.packing.settings import PackingSettings
from app.ports import Clock, SystemClock

if TYPE_CHECKING:
    from app.packing.api import BoxSuggestion
    from app.packing.packs import OpenPack

log = logging.getLogger(__name__)


@dataclass
class Desk:
    """A station's code, settings and clock, and what it keeps in memory between use cases: the
    open pack (the database stays the truth; a use case that changes more than a scan drops it)
    and the box suggestions, keyed by the units to pack and the boxes on offer."""

    station: str
    settings: PackingSettings
    clock: Clock = field(default_factory=SystemClock)
    packs: dict[str, OpenPack] = field(default_factory=dict)
    suggestions: dict[object, BoxSuggestion | None] = field(default_factory=dict)
    # orders leased to this station for an outage (issue 17) and not opened: never "resumed"
    offline_buffer: frozenset[str] = frozenset()

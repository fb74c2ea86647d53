"""Units, box types, placements, parcels and suggestions: plain frozen records.

Axes: x runs along a box's length, y along its width, z up along its height. Lengths are
integer millimetres, weights integer grams, money Decimal.
"""
from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rules:
    """How one product may be packed."""

    upright: bool = False  # its height must stay vertical (it may still turn on the spot)
    own_container: bool = False  # ships as it is, in no box, with its own label
    padding: int = 0  # mm of clearance on every side (to walls and to other units)
    hazard_class: str | None = None  # e.g. "hazmat-3", "food"
    incompatible_with: frozenset[str] = frozenset()  # classes that never share its box


@dataclass(frozen=True)
class Unit:
    """One physical unit of an order line (a line with qty 3 gives three units)."""

    sku: str
    length: int
    width: int
    height: int
    weight: int
    rules: Rules = Rules()
    # worked out once when the unit is made (the search reads them for every box it tries):
    dims: tuple[int, int, int] = field(init=False, repr=False, compare=False)  # (length, width, height) in mm
    volume: int = field(init=False, repr=False, compare=False)  # mm^3, padding envelope included
    # what decides its orientations: (length, width, height, upright, padding)
    shape: tuple[int, int, int, bool, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        r = self.rules
        p = 2 * r.padding
        object.__setattr__(self, "dims", (self.length, self.width, self.height))
        object.__setattr__(self, "volume", (self.length + p) * (self.width + p) * (self.height + p))
        object.__setattr__(self, "shape", (self.length, self.width, self.height, r.upright, r.padding))

    def conflicts_with(self, other: Unit) -> bool:
        """True when the two may never share a box (incompatible classes)."""
        a, b = self.rules, other.rules
        return bool(
            (a.hazard_class is not None and a.hazard_class in b.incompatible_with)
            or (b.hazard_class is not None and b.hazard_class in a.incompatible_with)
        )


@dataclass(frozen=True)
class BoxType:
    """A box of the catalogue; dimensions are inside dimensions."""

    id: str
    length: int
    width: int
    height: int
    max_weight: int  # grams of contents the box may carry
    tare: int = 0
    cost: Decimal = Decimal("0")
    enabled: bool = True
    stock: int | None = None  # None: unlimited / not tracked
    # worked out once when the record is made (the search reads them for every order):
    dims: tuple[int, int, int] = field(init=False, repr=False, compare=False)  # (length, width, height) in mm
    volume: int = field(init=False, repr=False, compare=False)  # inner volume in mm^3

    def __post_init__(self) -> None:
        object.__setattr__(self, "dims", (self.length, self.width, self.height))
        object.__setattr__(self, "volume", self.length * self.width * self.height)


class Placement(NamedTuple):
    """Where one unit goes: its corner nearest the box's origin and its extent per axis.

    A NamedTuple rather than a frozen dataclass: one is built per unit of every answer, and
    this builds three times faster (measured), with the same read-only fields.
    """

    unit: int  # index of the unit in the order's unit list
    sku: str
    x: int
    y: int
    z: int
    dx: int
    dy: int
    dz: int


@dataclass(frozen=True)
class Parcel:
    """One box (or, for an own-container unit, no box) and what goes in it."""

    box: BoxType | None
    placements: tuple[Placement, ...]
    proved_cheapest: bool = False  # the exact path proved no cheaper box holds these units

    @property
    def box_id(self) -> str:
        """The box's id, or "OWN" for a unit that ships in its own container."""
        return self.box.id if self.box is not None else "OWN"


class Goal(enum.Enum):
    CHEAPEST_BOXES = "cost"
    FEWEST_PARCELS = "parcels"
    CARRIER_COST = "dim-weight"


@dataclass(frozen=True)
class Objective:
    """What "best" means. Dimensional weight: volume (mm^3) / divisor = grams."""

    goal: Goal = Goal.CHEAPEST_BOXES
    # cm^3 per kg is numerically the same as mm^3 per g; 5000 is the common carrier divisor.
    dim_divisor: int = 5000


@dataclass(frozen=True)
class Suggestion:
    """The answer: parcels, the total box cost, and a one-line explanation for the packer."""

    parcels: tuple[Parcel, ...]
    cost: Decimal
    explanation: str
    units: tuple[Unit, ...] = field(default=(), repr=False)

    def to_json(self) -> dict:
        """The `packdesk boxes suggest --json` shape."""
        return {
            "parcels": [
                {
                    "box": p.box_id,
                    "placements": [
                        {"sku": q.sku, "x": q.x, "y": q.y, "z": q.z, "dx": q.dx, "dy": q.dy, "dz": q.dz}
                        for q in p.placements
                    ],
                }
                for p in self.parcels
            ],
            "cost": float(self.cost),
            "explanation": self.explanation,
        }

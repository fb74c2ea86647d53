"""evolve() copies a frozen dataclass as dataclasses.replace does."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest

from app.evolve import evolve


@dataclass(frozen=True)
class Tally:
    sku: str
    expected: int
    scanned: int = 0
    notes: tuple[str, ...] = field(default=())


def test_evolve_gives_what_replace_gives_and_leaves_the_original_alone() -> None:
    mugs = Tally("MUG-BLUE", 6, 2, ("fragile",))
    more = evolve(mugs, scanned=3)
    assert more == dataclasses.replace(mugs, scanned=3) == Tally("MUG-BLUE", 6, 3, ("fragile",))
    assert mugs.scanned == 2 and more is not mugs
    assert hash(more) == hash(Tally("MUG-BLUE", 6, 3, ("fragile",)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        more.scanned = 4  # type: ignore[misc]


def test_evolve_refuses_a_field_the_class_does_not_have() -> None:
    with pytest.raises(TypeError, match="Tally has no field scaned"):
        evolve(Tally("PEN-RED", 1), scaned=1)


def test_evolve_refuses_classes_whose_init_does_more_than_store_fields() -> None:
    @dataclass(frozen=True)
    class Checked:
        grams: int

        def __post_init__(self) -> None:
            if self.grams < 0:
                raise ValueError("negative weight")

    with pytest.raises(TypeError, match="plain frozen dataclasses"):
        evolve(Checked(5), grams=-1)

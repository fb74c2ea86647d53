"""The packing tests' small warehouse (mugs, vitamins, boxes S/M/L, Pat the packer, Sam the
supervisor, order PD-1042 picked in TOTE-07), for the supervisors' tests."""
from tests.integration.packing.conftest import warehouse  # noqa: F401  (the fixture)

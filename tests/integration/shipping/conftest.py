"""The packing tests' small warehouse, for the stages after packing."""
from tests.integration.packing.conftest import warehouse  # noqa: F401

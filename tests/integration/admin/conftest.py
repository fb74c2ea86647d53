"""The packing tests' small warehouse (boxes S/M/L, Pat the packer, Sam the supervisor) for the
admin use cases, with the desk the admin screens use."""
import pytest

from app.floor.admin_desk import AdminDesk
from tests.integration.packing.conftest import Warehouse, warehouse  # noqa: F401  (the fixture)


@pytest.fixture
def desk(warehouse: Warehouse) -> AdminDesk:  # noqa: F811
    return AdminDesk(warehouse.db)

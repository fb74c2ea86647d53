"""Least privilege (issue 17) and the admin pages, on PostgreSQL: a station's login role reads
the reason codes an admin changed (its review offers them) but cannot change users, boxes or
reason codes itself: the database refuses and the message names what to do; an admin login
role may."""
from __future__ import annotations

import pytest

from app.admin.people import UserForm
from app.errors import PackdeskError
from app.floor.admin_desk import AdminDesk
from app.store.session import Database
from tests.integration.db.test_roles import login  # noqa: F401  (the fixture)

pytestmark = pytest.mark.postgres


def test_a_station_reads_the_codes_but_only_an_admin_role_changes_them(db: Database, login) -> None:  # noqa: F811
    if db.is_sqlite:
        pytest.skip("roles are PostgreSQL's")
    with Database(login("packdesk_admin")) as admin_db:
        admin = AdminDesk(admin_db)
        admin.add_reason("wrong_address", "ada")
        admin.add_user(UserForm("kim", "Kim", "packer", "PDU-7001"), "ada")
    with Database(login("packdesk_station")) as station_db:
        station = AdminDesk(station_db)
        assert "wrong_address" in station.reason_codes()
        assert [u.username for u in station.users()] == ["kim"]
        for change in (lambda: station.add_reason("lost", "ada"), lambda: station.set_active("kim", False, "ada"),
                       lambda: station.add_user(UserForm("eve", "Eve", "admin", "PDU-7002", "1234"), "ada")):
            with pytest.raises(PackdeskError, match="read-only for this user .*permission denied"):
                change()
        assert [u.active for u in station.users()] == [True]

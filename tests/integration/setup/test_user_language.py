"""A user's language: imported with the users, stored on the user, and brought to the station
by their badge."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.imports import ImportRejected, import_file
from app.packing.desk import Desk
from app.packing.people import login
from app.store.session import Database
from app.packing.settings import PackingSettings
from app.store.uow import SqlUnitOfWork

HEADER = "username,display_name,role,badge_code,pin,language\n"


def test_the_badge_brings_the_language_the_users_file_gave(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "users.csv"
    path.write_text(HEADER + "jonas,Jonas,packer,B-DE,,DE\n" + "ana,Ana,packer,B-X,,\n")
    import_file(db, "users", path)
    desk = Desk("BENCH-3", PackingSettings())
    assert login(SqlUnitOfWork(db), desk, "B-DE").language == "de"
    assert login(SqlUnitOfWork(db), desk, "B-X").language is None  # the station's language


def test_a_language_packdesk_does_not_speak_is_refused_with_the_line(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "users.csv"
    path.write_text(HEADER + "jonas,Jonas,packer,B-DE,,klingon\n")
    with pytest.raises(ImportRejected) as caught:
        import_file(db, "users", path)
    assert [str(p) for p in caught.value.problems] == [
        "line 2: the language 'klingon' is not one Packdesk speaks; use one of: en, de"]

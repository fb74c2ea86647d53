"""Users and badges through the admin use cases, on SQLite and PostgreSQL: every change is in
the chained audit log with who, what, before and after; a refused change writes nothing."""
from __future__ import annotations

import json

import pytest

from app.admin.errors import AdminError, FieldProblem, NotFound
from app.admin.people import UserForm
from app.floor.admin_desk import AdminDesk
from app.pins import pin_matches
from app.store.audit_log import audit_entries, verify_audit


def _audit(desk: AdminDesk) -> list[tuple[str, str, str, dict]]:
    return [(e.actor, e.action, e.subject, json.loads(e.detail or "null")) for e in audit_entries(desk.db)]


def test_adding_a_user_stores_a_hashed_pin_and_audits_without_it(desk: AdminDesk) -> None:
    added = desk.add_user(UserForm("Kim", "Kim Lead", "supervisor", "PDU-2001", "4711", "de"), "ada")
    assert (added.username, added.role, added.language, added.active) == ("kim", "supervisor", "de", True)
    assert added.pin_hash and added.pin_hash != "4711" and pin_matches(added.pin_hash, "4711")
    [(actor, action, subject, detail)] = _audit(desk)
    assert (actor, action, subject) == ("ada", "UserAdded", "user kim")
    assert detail["before"] is None
    assert detail["after"] == {"username": "kim", "display_name": "Kim Lead", "role": "supervisor",
                               "badge_code": "PDU-2001", "active": True, "language": "de", "has_pin": True}
    assert "4711" not in json.dumps(detail) and added.pin_hash not in json.dumps(detail)
    assert desk.find_user("PDU-2001").username == "kim"  # a scanned badge finds the user
    assert verify_audit(desk.db) == (1, None)


@pytest.mark.parametrize("form, field", [
    (UserForm("bad name", "X", "packer", "PDU-9"), "username"),
    (UserForm("kim", " ", "packer", "PDU-9001"), "display name"),
    (UserForm("kim", "Kim", "boss", "PDU-9001"), "role"),
    (UserForm("kim", "Kim", "packer", "has space"), "badge code"),
    (UserForm("kim", "Kim", "packer", "BADGE-PAT"), "badge code"),  # Pat's
    (UserForm("kim", "Kim", "admin", "PDU-9001"), "PIN"),  # an admin needs one
    (UserForm("kim", "Kim", "packer", "PDU-9001", "12a4"), "PIN"),
    (UserForm("kim", "Kim", "packer", "PDU-9001", None, "fr"), "language"),
    (UserForm("pat", "Pat again", "packer", "PDU-9001"), "username"),  # exists
])
def test_a_wrong_field_is_named_and_nothing_is_written(desk: AdminDesk, form: UserForm, field: str) -> None:
    before = desk.users()
    with pytest.raises(FieldProblem) as refused:
        desk.add_user(form, "ada")
    assert refused.value.field == field and str(refused.value).startswith(field + ":")
    assert desk.users() == before and _audit(desk) == []


def test_changing_role_language_pin_and_badge_is_audited_with_before_and_after(desk: AdminDesk) -> None:
    changed = desk.change_user("pat", "ada", role="supervisor", pin="2468", language="de", badge_code="PDU-1111")
    assert (changed.role, changed.language, changed.badge_code) == ("supervisor", "de", "PDU-1111")
    assert pin_matches(changed.pin_hash, "2468")
    [(actor, action, subject, detail)] = _audit(desk)
    assert (actor, action, subject) == ("ada", "UserChanged", "user pat")
    assert detail["changed"] == ["badge_code", "has_pin", "language", "pin", "role"]
    assert detail["before"] == {"badge_code": "BADGE-PAT", "has_pin": False, "language": None, "role": "packer"}
    assert detail["after"] == {"badge_code": "PDU-1111", "has_pin": True, "language": "de", "role": "supervisor"}
    with pytest.raises(FieldProblem, match="PIN"):  # a supervisor without a PIN is refused
        desk.change_user("sam", "ada", role="admin")
    with pytest.raises(AdminError, match="Nothing to change"):
        desk.change_user("pat", "ada", role="supervisor")
    with pytest.raises(NotFound, match="no user 'nobody'"):
        desk.change_user("nobody", "ada", role="packer")
    assert len(_audit(desk)) == 1


def test_a_user_is_deactivated_never_deleted_and_keeps_the_badge(desk: AdminDesk) -> None:
    desk.set_active("pat", False, "ada")
    assert [u.username for u in desk.users(include_inactive=False)] == ["sam"]
    assert {u.username: u.active for u in desk.users()} == {"pat": False, "sam": True}
    with pytest.raises(FieldProblem, match="BADGE-PAT already belongs to pat \\(deactivated"):
        desk.add_user(UserForm("kim", "Kim", "packer", "BADGE-PAT"), "ada")
    with pytest.raises(AdminError, match="already"):
        desk.set_active("pat", False, "ada")
    with pytest.raises(AdminError, match="yourself"):
        desk.set_active("sam", False, "sam")
    assert [(a, s, d) for _, a, s, d in _audit(desk)] == [
        ("UserDeactivated", "user pat", {"before": {"active": True}, "after": {"active": False}})]

"""Each role's home: supervisors and admins land on the review, packers and pickers on the
packer's home; an open question or a pack still takes the screen."""
from __future__ import annotations

from app.packing.api import Packer
from app.station.roles import home_screen, may_supervise
from app.station.state import Question, QuestionKind, StationSnapshot, Step


def snapshot(role: str, step: Step = Step.HOME, question: Question | None = None) -> StationSnapshot:
    return StationSnapshot("ST-1", step, Packer(1, "x", "X", role), question=question)


def test_supervisors_and_admins_land_on_the_review() -> None:
    assert [snapshot(r).screen for r in ("packer", "picker", "supervisor", "admin")] == [
        "home", "home", "review", "review"]


def test_a_supervisor_packing_or_answering_sees_the_packing_screens() -> None:
    assert snapshot("supervisor", Step.PACK).screen == "pack"
    assert snapshot("supervisor", question=Question(QuestionKind.EXIT)).screen == "exit"


def test_nobody_logged_in_sees_the_login_and_only_supervisors_supervise() -> None:
    assert StationSnapshot("ST-1").screen == "login"
    assert home_screen(None) == "home" and home_screen("visitor") == "home"
    assert [may_supervise(r) for r in ("packer", "picker", "supervisor", "admin", None)] == [
        False, False, True, True, False]

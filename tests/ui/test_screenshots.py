"""`make screenshots` walks a whole shift on the demo data and saves every screen (issue 13)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from ui import screenshots

SCREENS = ("01-login", "02-home", "03-pack", "04-wrong-item-lock", "05-problem", "06-box-reason",
           "07-box-chosen", "08-weigh-out-of-tolerance", "09-confirm-label", "10-print-failed",
           "11-partial-supervisor", "12-devices", "13-close-station")


def test_every_screen_is_saved_at_1920x1080(qapp, tmp_path: Path) -> None:
    assert screenshots.main([str(tmp_path)]) == 0
    assert sorted(p.stem for p in tmp_path.glob("*.png")) == list(SCREENS)
    for name in SCREENS:
        image = QImage(str(tmp_path / f"{name}.png"))
        assert (image.width(), image.height()) == (1920, 1080), name


def test_the_docs_show_every_screen() -> None:
    root = Path(__file__).resolve().parents[2]
    station, readme = (root / "docs" / "station.md").read_text(), (root / "README.md").read_text()
    for name in SCREENS:
        assert f"screenshots/{name}.png" in station and f"docs/screenshots/{name}.png" in readme, name
        assert (root / "docs" / "screenshots" / f"{name}.png").exists(), name


SUPERVISOR_SCREENS = ("20-review", "21-board", "22-figures")


def test_the_supervisors_screens_are_saved_at_1920x1080(qapp, tmp_path: Path) -> None:
    from ui import supervisor_screenshots

    assert supervisor_screenshots.main([str(tmp_path)]) == 0
    for name in SUPERVISOR_SCREENS:
        image = QImage(str(tmp_path / f"{name}.png"))
        assert (image.width(), image.height()) == (1920, 1080), name


def test_the_readme_shows_the_review_screen_and_the_board() -> None:
    """Issue 16: docs/supervisors.md with screenshots; the README shows the review and the board."""
    root = Path(__file__).resolve().parents[2]
    supervisors, readme = (root / "docs" / "supervisors.md").read_text(), (root / "README.md").read_text()
    for name in SUPERVISOR_SCREENS:
        assert f"(screenshots/{name}.png)" in supervisors, name
        assert (root / "docs" / "screenshots" / f"{name}.png").exists(), name
    for name in ("20-review", "21-board"):
        assert f"(docs/screenshots/{name}.png)" in readme, name

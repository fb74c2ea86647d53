"""The doctor's checks of the machine itself: the clock, the display, disk space."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from app.config import Settings, station_config
from app.doctor import Finding, all_well, examine
from app.doctor.checks import check_clock, check_disk_space, check_display


def test_a_clock_reset_to_the_year_2000_is_a_problem_saying_set_the_time() -> None:
    [clock] = check_clock(datetime(2000, 1, 1, 0, 5, tzinfo=timezone.utc), synchronised=None)
    assert clock.ok is False
    assert "2000-01-01 00:05" in clock.found
    assert "timedatectl set-ntp true" in clock.fix


def test_a_clock_that_is_not_synchronised_is_a_problem() -> None:
    [clock] = check_clock(datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc), synchronised=False)
    assert (clock.ok, clock.found) == (False, "the clock says 2026-12-05 09:00 UTC but is not synchronised (NTP)")


def test_a_synchronised_clock_is_well() -> None:
    [clock] = check_clock(datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc), synchronised=True)
    assert (clock.ok, clock.found) == (True, "2026-12-05 09:00 UTC, synchronised (NTP)")


def test_no_display_at_all_is_a_problem_pointing_at_the_kiosk_unit() -> None:
    [display] = check_display({})
    assert display.ok is False
    assert "systemctl start packdesk-kiosk" in display.fix


def test_an_x_display_without_its_server_is_a_problem() -> None:
    [display] = check_display({"DISPLAY": ":93"})
    assert display.ok is False
    assert "/tmp/.X11-unix/X93 is missing" in display.found


def test_a_wayland_display_without_its_socket_is_a_problem(tmp_path: Path) -> None:
    [display] = check_display({"WAYLAND_DISPLAY": "wayland-7", "XDG_RUNTIME_DIR": str(tmp_path)})
    assert (display.ok, display.found) == (False, f"WAYLAND_DISPLAY=wayland-7 but there is no socket {tmp_path}/wayland-7")


def test_the_wayland_socket_cage_made_is_a_display(tmp_path: Path) -> None:
    (tmp_path / "wayland-0").touch()
    [display] = check_display({"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": str(tmp_path)})
    assert display.ok is True


def test_offscreen_needs_no_display() -> None:
    [display] = check_display({"QT_QPA_PLATFORM": "offscreen"})
    assert display.ok is True


def test_a_disk_with_less_free_space_than_needed_is_a_problem_naming_the_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("PACKDESK_LOG_DIR", str(tmp_path / "logs"))
    config = station_config(Settings(database_url=f"sqlite:///{tmp_path}/db.sqlite3",
                                     raw={"demo": {"output_dir": str(tmp_path / "printed")}}))
    findings = {f.check: f for f in check_disk_space(config, min_free=1 << 62)}  # more than any disk
    documents = findings["disk: documents"]
    assert documents.ok is False
    assert documents.found.startswith(f"{tmp_path / 'printed'}: ")
    assert f"delete old files under {tmp_path}" in documents.fix
    assert set(findings) == {"disk: data directory", "disk: database", "disk: documents", "disk: logs"}


def test_a_check_that_fails_unexpectedly_is_itself_a_problem() -> None:
    def flaky_check(config: object) -> list[Finding]:
        raise RuntimeError("lpstat crashed")

    findings = examine(station_config(Settings(database_url="sqlite://")), [flaky_check])
    assert all_well(findings) is False
    assert findings[0].check == "flaky_check" and "lpstat crashed" in findings[0].found

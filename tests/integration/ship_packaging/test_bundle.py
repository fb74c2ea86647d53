"""The bundle `make dist` built starts offscreen and runs a station; the .deb holds it with
the kiosk unit, the udev rules and the desktop file, at pyproject.toml's version.

Skipped when dist/ holds no build (run `make dist`); .ci/run builds it and sets
PACKDESK_REQUIRE_BUNDLE=1, so there a missing bundle fails."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
BUNDLE = ROOT / "dist" / "packdesk" / "packdesk"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
DEB = ROOT / "dist" / f"packdesk_{VERSION}_amd64.deb"


def _need(path: Path) -> None:
    if path.exists():
        return
    if os.environ.get("PACKDESK_REQUIRE_BUNDLE") == "1":
        pytest.fail(f"{path} is missing: `make dist` should have built it")
    pytest.skip(f"{path} is not built (run `make dist`)")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """Offscreen, with the bundle's data, configuration and logs in tmp_path."""
    _need(BUNDLE)
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path / "home"),
            "QT_QPA_PLATFORM": "offscreen", "PACKDESK_LOG_DIR": str(tmp_path / "log"),
            "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}


def packdesk(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BUNDLE), *args], env=env, capture_output=True, text=True, timeout=timeout)


def test_the_bundle_has_every_command_of_the_installed_packdesk(env: dict[str, str]) -> None:
    usage = packdesk(env, "--help").stdout
    for command in ("db", "demo", "import", "orders", "export", "doctor", "logs", "boxes", "devices",
                    "documents", "run"):
        assert f"\n    {command} " in usage, usage


def test_the_bundle_runs_a_demo_station_offscreen_until_sigterm(env: dict[str, str], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'station.sqlite3'}"
    assert packdesk(env, "db", "upgrade", "--database", url).returncode == 0
    loaded = packdesk(env, "demo", "--database", url)  # the demo data comes from the bundle's resources
    assert loaded.returncode == 0, loaded.stderr
    station = subprocess.Popen([str(BUNDLE), "run", "--demo", "--windowed", "--database", url], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    log = tmp_path / "log" / "packdesk.log"
    try:
        deadline = time.monotonic() + 60
        while "Packdesk starting" not in (log.read_text() if log.exists() else ""):
            assert station.poll() is None, station.communicate()
            assert time.monotonic() < deadline, "the station did not start within 60 s"
            time.sleep(0.2)
        time.sleep(2)  # up and drawing: it must still be running
        assert station.poll() is None, station.communicate()
    finally:
        station.send_signal(signal.SIGTERM)
        out, err = station.communicate(timeout=30)
    assert station.returncode == 0, err
    assert "Packdesk station" in log.read_text() and "closed" in log.read_text()
    assert not list((tmp_path / "log").glob("crash-*.txt"))


def test_the_bundled_doctor_finds_all_well_on_a_migrated_database(env: dict[str, str], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'station.sqlite3'}"
    assert packdesk(env, "db", "upgrade", "--database", url).returncode == 0
    done = packdesk(env, "doctor", "--json", "--database", url)
    report = json.loads(done.stdout)
    assert [f for f in report["findings"] if not f["ok"]] == []
    assert done.returncode == 0
    checks = {f["check"] for f in report["findings"]}
    assert {"database", "Qt platform offscreen", "scanner", "label printer", "clock", "display"} <= checks


def test_the_debian_package_holds_the_bundle_unit_rules_and_desktop_file_at_the_pyproject_version() -> None:
    _need(DEB)
    info = subprocess.run(["dpkg-deb", "--field", str(DEB), "Package", "Version", "Architecture"],
                          capture_output=True, text=True, check=True).stdout
    assert info.splitlines() == ["Package: packdesk", f"Version: {VERSION}", "Architecture: amd64"]
    contents = subprocess.run(["dpkg-deb", "--contents", str(DEB)], capture_output=True, text=True, check=True).stdout
    for path in ("./opt/packdesk/packdesk", "./usr/bin/packdesk -> /opt/packdesk/packdesk",
                 "./lib/systemd/system/packdesk-kiosk.service", "./lib/udev/rules.d/60-packdesk.rules",
                 "./usr/share/applications/packdesk.desktop", "./usr/share/doc/packdesk/install.md"):
        assert f" {path}\n" in contents, path
    assert "root/root" in contents.splitlines()[0]

"""The packaging files agree with each other and pass their own tools, without a build:
systemd-analyze verify on the kiosk unit, desktop-file-validate on the desktop file, a parser
(and `udevadm verify` where udev has it) on the udev rules, and the spec, the build script,
the Debian control file and bootstrap.sh naming the same things."""
from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PACKAGING = ROOT / "packaging"
UNIT = PACKAGING / "packdesk-kiosk.service"
RULES = PACKAGING / "60-packdesk.rules"
DESKTOP = PACKAGING / "packdesk.desktop"
BUILD = (PACKAGING / "build-dist.sh").read_text()
POSTINST = (PACKAGING / "debian" / "postinst").read_text()


def unit_settings(path: Path) -> dict[str, list[str]]:
    """Every `Key=value` of a unit file, a key's values in order (Environment= repeats)."""
    settings: dict[str, list[str]] = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def need(tool: str, package: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} is not installed (Debian package {package}; packaging/bootstrap.sh dev installs it)")
    return found


def verify_unit(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([need("systemd-analyze", "systemd"), "verify", str(path)],
                          capture_output=True, text=True, timeout=60)


def test_systemd_analyze_verify_passes_the_kiosk_unit() -> None:
    done = verify_unit(UNIT)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_systemd_analyze_verify_catches_a_broken_copy_of_the_unit(tmp_path: Path) -> None:
    broken = tmp_path / "packdesk-kiosk.service"
    broken.write_text(UNIT.read_text().replace("/usr/bin/cage", "/usr/bin/no-such-compositor"))
    done = verify_unit(broken)
    assert "/usr/bin/no-such-compositor is not executable" in done.stderr


def test_the_kiosk_runs_packdesk_full_screen_under_cage_as_the_station_user_and_restarts_it() -> None:
    unit = unit_settings(UNIT)
    assert unit["ExecStart"] == ["/usr/bin/cage -s -- /usr/bin/packdesk run"]
    assert unit["User"] == ["packdesk"]
    assert unit["Restart"] == ["always"]
    assert "QT_QPA_PLATFORM=wayland" in unit["Environment"]
    assert "PACKDESK_CONFIG=/etc/packdesk/station.toml" in unit["Environment"]
    assert "adduser --system --ingroup packdesk" in POSTINST  # the user the unit runs as
    assert "ln -s /opt/packdesk/packdesk \"$root/usr/bin/packdesk\"" in BUILD  # the program it starts
    assert 'lib/systemd/system/packdesk-kiosk.service"' in BUILD


def test_desktop_file_validate_passes_the_desktop_file() -> None:
    done = subprocess.run([need("desktop-file-validate", "desktop-file-utils"), str(DESKTOP)],
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")
    assert "\nExec=packdesk run --windowed\n" in DESKTOP.read_text()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert "packdesk" in scripts  # the command Exec= names
    assert 'usr/share/pixmaps/packdesk.png"' in BUILD  # the Icon= it names


RULE = re.compile(r'^(?P<key>[A-Z_]+)(\{(?P<attr>[^}]+)\})?\s*(?P<op>==|!=|\+=|-=|:=|=)\s*"(?P<value>[^"]*)"$')
MATCH_KEYS = {"SUBSYSTEM", "KERNEL", "ATTRS", "ENV", "ACTION", "SUBSYSTEMS", "DRIVERS"}
ASSIGN_KEYS = {"SYMLINK", "GROUP", "MODE", "OWNER", "ENV", "TAG"}


def parse_rules(text: str) -> list[dict[str, str]]:
    """udev rules as {KEY or KEY{attr}: "op value"}; AssertionError naming a malformed line."""
    rules = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        rule = {}
        for part in (p.strip() for p in line.split(",")):
            m = RULE.match(part)
            assert m, f"line {number}: cannot parse {part!r}"
            key, op = m["key"], m["op"]
            if op in ("==", "!="):
                assert key in MATCH_KEYS, f"line {number}: {key} cannot be matched"
            else:
                assert key in ASSIGN_KEYS, f"line {number}: {key} cannot be assigned"
            name = f"{key}{{{m['attr']}}}" if m["attr"] else key
            rule[name] = f"{op} {m['value']}"
        rules.append(rule)
    return rules


def test_the_udev_rules_parse_and_give_each_device_a_stable_name_and_the_station_group() -> None:
    rules = parse_rules(RULES.read_text())
    assert len(rules) == 10  # 3 serial scanners, 3 HID scanners, 1 scale, 3 serial adapters
    for rule in rules:
        assert re.fullmatch(r"== [0-9a-f]{4}", rule["ATTRS{idVendor}"]), rule
        assert "ATTRS{idProduct}" not in rule or re.fullmatch(r"== [0-9a-f]{4}", rule["ATTRS{idProduct}"]), rule
        assert rule["SUBSYSTEM"] in ("== tty", "== input"), rule
        assert rule["SYMLINK"] in ("+= packdesk/scanner", "+= packdesk/hid-scanner", "+= packdesk/scale"), rule
        assert (rule["GROUP"], rule["MODE"]) == ("= packdesk", "= 0660"), rule
    assert "addgroup --system packdesk" in POSTINST  # the group the rules name
    assert 'lib/udev/rules.d/60-packdesk.rules"' in BUILD


def test_the_rules_parser_refuses_a_malformed_rule() -> None:
    with pytest.raises(AssertionError, match="cannot parse"):
        parse_rules('SUBSYSTEM=="tty", ATTRS{idVendor}=="0c2e" SYMLINK+="packdesk/scanner"')


def test_udevadm_verify_passes_the_rules_where_udev_has_it() -> None:
    udevadm = need("udevadm", "udev")
    if subprocess.run([udevadm, "verify", "--help"], capture_output=True).returncode != 0:
        pytest.skip("this udevadm has no `verify` (systemd 254 added it; Debian 12 has 252): the parser test stands in")
    done = subprocess.run([udevadm, "verify", str(RULES)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_package_depends_on_every_station_library_bootstrap_installs() -> None:
    control = (PACKAGING / "debian" / "control.in").read_text()
    depends = {d.strip() for d in re.search(r"^Depends: (.*)$", control, re.M)[1].split(",")}
    bootstrap = (PACKAGING / "bootstrap.sh").read_text()
    station = re.search(r'^DEBS="(.*?)"', bootstrap, re.M | re.S)[1].split()
    build_only = {"python3-venv", "gcc", "libc6-dev", "python3-dev"}
    assert set(station) - build_only <= depends
    assert {"cage", "adduser"} <= depends


def test_the_spec_bundles_the_migrations_and_every_resource_folder() -> None:
    spec = (PACKAGING / "packdesk.spec").read_text()
    bundled = set(re.findall(r'\(str\(ROOT / ([^)]*)\), "([^"]+)"\)', spec))
    targets = {target for _, target in bundled}
    assert "app/store/migrations" in targets
    resources = {f"resources/{p.name}" for p in (ROOT / "resources").iterdir() if p.is_dir()}
    assert resources <= targets
    for source, target in bundled:
        assert (ROOT / target).is_dir(), f"{target} named in the spec does not exist"
    assert 'copy_metadata("packdesk")' in spec  # the entry points below are read from it


def test_every_entry_point_module_is_in_a_package_the_spec_collects() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    spec = (PACKAGING / "packdesk.spec").read_text()
    collected = re.search(r'for package in \(([^)]*)\)', spec)[1].replace('"', "").replace(" ", "").split(",")
    targets = [project["scripts"]["packdesk"]]
    for group in project["entry-points"].values():
        targets += group.values()
    for target in targets:
        assert target.split(".")[0] in collected, target


def test_the_version_comes_from_pyproject_only() -> None:
    assert "@VERSION@" in (PACKAGING / "debian" / "control.in").read_text()
    assert '["project"]["version"]' in BUILD
    assert 'packdesk_${VERSION}_amd64.deb' in BUILD

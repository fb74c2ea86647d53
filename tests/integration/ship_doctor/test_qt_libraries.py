"""The doctor's Qt check: ldd on the platform plugin names each missing library and its
Debian package. A missing library is made for real: a plugin linked against a library that
is then deleted."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ui.doctor import DEBIAN_PACKAGES, check_platform_plugin, missing_libraries, platforms_to_check, plugins_dir


def test_the_offscreen_plugin_of_this_qt_has_every_library() -> None:
    finding = check_platform_plugin("offscreen", plugins_dir())
    assert (finding.ok, finding.found) == (True, "libqoffscreen.so: every library it needs is installed")


@pytest.fixture
def plugin_missing_a_library(tmp_path: Path) -> Path:
    """plugins/platforms/libqkiosk.so, needing libpackdesk-lost.so.0 and libpackdesk-gone.so, neither there."""
    if shutil.which("cc") is None:
        pytest.skip("needs a C compiler to build a stand-in Qt plugin (install gcc)")
    (tmp_path / "gone.c").write_text("int gone(void) { return 1; }\n")
    (tmp_path / "plugin.c").write_text("int gone(void);\nint plugin(void) { return gone(); }\n")
    for name in ("libpackdesk-gone.so", "libpackdesk-lost.so.0"):
        subprocess.run(["cc", "-shared", "-fPIC", f"-Wl,-soname,{name}", "-o", tmp_path / name, tmp_path / "gone.c"],
                       check=True)
    platforms = tmp_path / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    subprocess.run(["cc", "-shared", "-fPIC", "-o", platforms / "libqkiosk.so", tmp_path / "plugin.c",
                    f"-L{tmp_path}", "-Wl,--no-as-needed", "-l:libpackdesk-gone.so", "-l:libpackdesk-lost.so.0"], check=True)
    (tmp_path / "libpackdesk-lost.so.0").unlink()
    (tmp_path / "libpackdesk-gone.so").unlink()
    return tmp_path / "plugins"


def test_a_missing_library_is_a_problem_naming_it_and_its_debian_package(plugin_missing_a_library: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # as if libpackdesk-lost.so.0 were one of the libraries Qt misses on a fresh Debian
    monkeypatch.setitem(DEBIAN_PACKAGES, "libpackdesk-lost.so.0", "libpackdesk-lost0")
    assert missing_libraries(plugin_missing_a_library / "platforms" / "libqkiosk.so") == [
        "libpackdesk-gone.so", "libpackdesk-lost.so.0"]
    finding = check_platform_plugin("kiosk", plugin_missing_a_library)
    assert finding.ok is False
    assert finding.found == "libqkiosk.so needs libpackdesk-gone.so, libpackdesk-lost.so.0, not on this machine"
    assert finding.fix == ("Install them: apt-get install libpackdesk-lost0; find the package of "
                           "libpackdesk-gone.so with `apt-file search NAME`.")


def test_a_platform_qt_does_not_have_is_a_problem(tmp_path: Path) -> None:
    finding = check_platform_plugin("eglfs-kms-nonesuch", plugins_dir())
    assert finding.ok is False and "no plugin for the 'eglfs-kms-nonesuch' platform" in finding.found


def test_without_qt_qpa_platform_both_xcb_and_wayland_are_checked() -> None:
    assert platforms_to_check({}) == ["xcb", "wayland"]
    assert platforms_to_check({"QT_QPA_PLATFORM": "wayland"}) == ["wayland"]

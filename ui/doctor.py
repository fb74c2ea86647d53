"""The doctor's look at Qt: the platform plugin the station will use loads, because every
library it needs is on this machine (`ldd` says which are not)."""
from __future__ import annotations

import logging
import os
import re
import subprocess
from pathlib import Path

from app.config import StationConfig
from app.doctor import Finding, ok, problem

log = logging.getLogger(__name__)

# The libraries Qt's platform plugins most often miss on a fresh Debian, and their packages.
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1", "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0", "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0", "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0", "libfontconfig.so.1": "libfontconfig1", "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0", "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0", "libwayland-egl.so.1": "libwayland-egl1",
    "libX11-xcb.so.1": "libx11-xcb1", "libxcb.so.1": "libxcb1",
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def missing_libraries(library: Path) -> list[str]:
    """The shared libraries `library` needs that the dynamic linker cannot find (per ldd)."""
    answer = subprocess.run(["ldd", str(library)], capture_output=True, text=True, timeout=30)
    return sorted(set(_NOT_FOUND.findall(answer.stdout)))


def platforms_to_check(env: dict[str, str] | None = None) -> list[str]:
    """QT_QPA_PLATFORM's platform when set; else both a station may use: xcb and wayland (cage)."""
    env = dict(os.environ if env is None else env)
    chosen = env.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0]
    return [chosen] if chosen else ["xcb", "wayland"]


def plugins_dir() -> Path:
    """Qt's plugin folder (inside PySide6, or inside the bundle)."""
    from PySide6.QtCore import QLibraryInfo

    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))


def check_platform_plugin(platform: str, plugins: Path) -> Finding:
    """One platform plugin: present, and every library it needs found."""
    name = f"Qt platform {platform}"
    found = sorted((plugins / "platforms").glob(f"libq{platform}*.so"))
    if not found:
        return problem(name, f"no plugin for the {platform!r} platform in {plugins / 'platforms'}",
                       "Reinstall Packdesk (the plugin belongs to its Qt), or set QT_QPA_PLATFORM to one of "
                       "xcb, wayland, offscreen.")
    missing = missing_libraries(found[0])
    if not missing:
        return ok(name, f"{found[0].name}: every library it needs is installed")
    packages = sorted({DEBIAN_PACKAGES.get(lib, "") for lib in missing} - {""})
    unknown = [lib for lib in missing if lib not in DEBIAN_PACKAGES]
    fix = f"Install them: apt-get install {' '.join(packages)}" if packages else ""
    if unknown:
        fix += ("; " if fix else "") + f"find the package of {', '.join(unknown)} with `apt-file search NAME`"
    return problem(name, f"{found[0].name} needs {', '.join(missing)}, not on this machine", fix + ".")


def doctor_checks(config: StationConfig) -> list[Finding]:
    """`packdesk doctor`'s Qt check: the platform plugins this station may use can load."""
    from PySide6 import __version__ as pyside_version

    plugins = plugins_dir()
    findings = [check_platform_plugin(platform, plugins) for platform in platforms_to_check()]
    log.debug("PySide6 %s, plugins in %s", pyside_version, plugins)
    return findings

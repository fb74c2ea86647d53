#!/usr/bin/env bash
# Creates .venv and installs Packdesk with what it needs; when run as root on Debian/Ubuntu
# it also installs the system libraries Qt and the tests need. Safe to run again: it only
# does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}
EXTRAS=${1:-dev}

# Debian packages: Qt's xcb/Wayland/EGL/font/audio libraries for the station (the same list the
# .deb depends on: packaging/debian/control.in); Xvfb with xdotool and setxkbmap (real key
# events for the keyboard-wedge tests), CUPS with the PDF printer, socat and poppler for the
# tests; systemd-analyze (systemd), cage, udev and desktop-file-utils to check the kiosk unit,
# the udev rules and the desktop file. No C compiler: everything Packdesk needs comes as wheels.
# fonts-wqy-zenhei and fonts-symbola: the documents' fallback faces for Chinese, Japanese and
# Korean, and for emoji (printing/fonts.py; TrueType outlines, which reportlab can embed).
DEBS="libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-randr0
libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libwayland-client0 libwayland-cursor0 libwayland-egl1 libopengl0
libpulse0 libasound2 fonts-wqy-zenhei fonts-symbola python3-venv"
# dev: Xvfb and xdotool for the UI tests, CUPS, cage and systemd for the kiosk checks, debootstrap
# for the .deb on a clean machine (packaging/test-clean-install.sh).
if [ "$EXTRAS" = dev ]; then
  DEBS="$DEBS xvfb xauth xdotool x11-xkb-utils cups cups-client cups-bsd printer-driver-cups-pdf socat poppler-utils
systemd cage udev desktop-file-utils pgbouncer debootstrap"
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  missing=""
  for d in $DEBS; do
    dpkg-query -W -f='${Status}' "$d" 2>/dev/null | grep -q "install ok installed" || missing="$missing $d"
  done
  if [ -n "$missing" ]; then
    echo "bootstrap: installing Debian packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "bootstrap: creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.installed-$EXTRAS"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "bootstrap: installing Packdesk and its dependencies into $VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e ".[$EXTRAS]"
  # python-evdev (HID scanners grabbed exclusively, optional) builds from source: only where a
  # C compiler happens to be installed; bootstrap does not install one for it.
  if command -v cc >/dev/null; then
    "$VENV/bin/python" -m pip install -q -e ".[$EXTRAS,hid]" || echo "bootstrap: python-evdev did not build; HID scanners are unavailable"
  fi
  touch "$stamp"
fi
# Qt's translations: the committed .ts sources compiled to .qm by the wheel's pyside6-lrelease
# (only those that changed).
"$VENV/bin/python" -c "from ui.translations import compile_translations; compile_translations()"
# The command line's gettext catalogues: the committed .po files compiled to .mo with Babel.
"$VENV/bin/python" -c "from app.messages import compile_catalogues; compile_catalogues()"


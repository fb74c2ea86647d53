#!/usr/bin/env bash
# `make dist`: the PyInstaller one-folder bundle (dist/packdesk/) and the Debian package
# dist/packdesk_VERSION_amd64.deb (the version from pyproject.toml, nowhere else).
# About a minute on a 2-core machine (docs/install.md, "Building the package").
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
start=$(date +%s)

"$PY" -m pip install -q -r packaging/requirements-dist.txt
# The bundle carries the box search as plain Python, like every station.
PACKDESK_INTERPRETED=1 "$PY" -m PyInstaller --noconfirm --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/packdesk.spec

root=build/deb/packdesk_${VERSION}_amd64
rm -rf "$root"
install -d "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/usr/share/pixmaps" "$root/lib/systemd/system" "$root/lib/udev/rules.d" "$root/usr/share/doc/packdesk"
cp -a dist/packdesk "$root/opt/packdesk"
ln -s /opt/packdesk/packdesk "$root/usr/bin/packdesk"
install -m 0644 packaging/packdesk.desktop "$root/usr/share/applications/packdesk.desktop"
install -m 0644 resources/images/logo.png "$root/usr/share/pixmaps/packdesk.png"
install -m 0644 packaging/packdesk-kiosk.service "$root/lib/systemd/system/packdesk-kiosk.service"
install -m 0644 packaging/60-packdesk.rules "$root/lib/udev/rules.d/60-packdesk.rules"
install -m 0644 docs/install.md docs/configuration.md docs/devices.md "$root/usr/share/doc/packdesk/"
install -m 0755 packaging/debian/postinst packaging/debian/prerm "$root/DEBIAN/"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@INSTALLED_SIZE@/$size/" packaging/debian/control.in > "$root/DEBIAN/control"
dpkg-deb --root-owner-group -Zxz -z1 --build "$root" "dist/packdesk_${VERSION}_amd64.deb" >/dev/null
echo "dist: dist/packdesk/ and dist/packdesk_${VERSION}_amd64.deb in $(( $(date +%s) - start )) s"

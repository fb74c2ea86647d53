#!/usr/bin/env bash
# The .deb on a clean machine: a fresh Debian bookworm (debootstrap --variant=minbase, nothing
# else installed) in a chroot; `apt-get install ./packdesk_VERSION_amd64.deb` there must pull
# every dependency the bundle needs from the Debian archive, then the installed package must
# answer --version, migrate a database, find all well with `doctor --json` and run a demo station
# offscreen until SIGTERM, as the station user `packdesk` the package creates.
#
#   sudo packaging/test-clean-install.sh [path/to/packdesk_VERSION_amd64.deb]
#
# Needs root (debootstrap, chroot, mount), debootstrap and the Debian mirror ($DEBIAN_MIRROR,
# default http://deb.debian.org/debian). PACKDESK_CLEAN_TARBALL=file.tar: start from a saved
# fresh minbase root (made by this script the first time, beside the work folder) instead of
# running debootstrap again. PACKDESK_CLEAN_APT_ARCHIVES=DIR: keep the .deb files apt downloads
# in DIR for the next run (apt still resolves every dependency from the archive's index, which it
# fetches afresh; only a file it already has is not downloaded again). About 2 min 15 s here,
# 1 min from the saved root (docs/install.md, "A clean machine");
# tests/integration/ship_packaging/test_clean_install.py runs it in .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
VERSION=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
DEB=$(realpath "${1:-dist/packdesk_${VERSION}_amd64.deb}")
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
WORK=${PACKDESK_CLEAN_WORK:-$(mktemp -d /tmp/packdesk-clean.XXXXXX)}
ROOT_DIR=$WORK/root
TARBALL=${PACKDESK_CLEAN_TARBALL:-$WORK/../packdesk-bookworm-minbase.tar}

say() { echo "clean-install: $*"; }
fail() { echo "clean-install: FAILED: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root (debootstrap, chroot and mount need it)"
[ -f "$DEB" ] || fail "$DEB is missing: build it with \`make dist\`"
command -v debootstrap >/dev/null || fail "debootstrap is missing: apt-get install debootstrap"

mounted=()
cleanup() {
    for ((i=${#mounted[@]}-1; i>=0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
    [ -n "${PACKDESK_CLEAN_KEEP:-}" ] || rm -rf "$ROOT_DIR"
}
trap cleanup EXIT

mkdir -p "$ROOT_DIR"
if [ -f "$TARBALL" ]; then
    say "a fresh bookworm minbase from $TARBALL"
    tar -xf "$TARBALL" -C "$ROOT_DIR"
else
    say "debootstrap --variant=minbase bookworm from $MIRROR"
    debootstrap --variant=minbase bookworm "$ROOT_DIR" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
        || { tail -20 "$WORK/debootstrap.log"; fail "debootstrap"; }
    mkdir -p "$(dirname "$TARBALL")"
    tar -cf "$TARBALL" -C "$ROOT_DIR" . && say "saved $TARBALL for the next run (PACKDESK_CLEAN_TARBALL)"
fi
for fs in proc sys dev dev/pts; do
    mkdir -p "$ROOT_DIR/$fs"
    mount --bind "/$fs" "$ROOT_DIR/$fs"
    mounted+=("$ROOT_DIR/$fs")
done
if [ -n "${PACKDESK_CLEAN_APT_ARCHIVES:-}" ]; then
    mkdir -p "$PACKDESK_CLEAN_APT_ARCHIVES/partial" "$ROOT_DIR/var/cache/apt/archives"
    mount --bind "$PACKDESK_CLEAN_APT_ARCHIVES" "$ROOT_DIR/var/cache/apt/archives"
    mounted+=("$ROOT_DIR/var/cache/apt/archives")
fi
cp /etc/resolv.conf "$ROOT_DIR/etc/resolv.conf"
cp "$DEB" "$ROOT_DIR/tmp/"
in_root() { chroot "$ROOT_DIR" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
station_env=(/usr/bin/env -i PATH=/usr/bin:/bin HOME=/var/lib/packdesk QT_QPA_PLATFORM=offscreen
             PACKDESK_LOG_DIR=/var/lib/packdesk/log)
as_station() { chroot --userspec=packdesk:packdesk "$ROOT_DIR" "${station_env[@]}" "$@"; }
# In the background: exec, so that $! is the station itself and SIGTERM reaches it
start_station() { exec chroot --userspec=packdesk:packdesk "$ROOT_DIR" "${station_env[@]}" "$@"; }

say "apt-get install ./$(basename "$DEB") (its dependencies from the Debian archive)"
in_root apt-get update -q >"$WORK/apt.log" 2>&1 || { tail -20 "$WORK/apt.log"; fail "apt-get update"; }
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "/tmp/$(basename "$DEB")" >>"$WORK/apt.log" 2>&1 || { tail -30 "$WORK/apt.log"; fail "apt-get install"; }
# the kept downloads: only what the archive still offers
[ -z "${PACKDESK_CLEAN_APT_ARCHIVES:-}" ] || in_root apt-get autoclean -q >>"$WORK/apt.log" 2>&1 || true
say "installed: $(in_root dpkg-query -W -f '${Package} ${Version} ${Status}' packdesk)"
in_root getent passwd packdesk >/dev/null || fail "the package did not create the station user packdesk"

version=$(as_station packdesk --version) || fail "packdesk --version"
say "packdesk --version: $version"
[[ "$version" == *"$VERSION"* ]] || fail "--version says $version, not $VERSION"

url=sqlite:////var/lib/packdesk/station.sqlite3
as_station packdesk db upgrade --database "$url" >/dev/null || fail "packdesk db upgrade"
if ! as_station packdesk doctor --json --database "$url" >"$WORK/doctor.json"; then
    cat "$WORK/doctor.json"
    fail "packdesk doctor --json found a problem on the clean machine"
fi
say "packdesk doctor --json: all is well ($(grep -c '"check"' "$WORK/doctor.json") checks)"
as_station env PACKDESK_LANGUAGE=de packdesk doctor --database "$url" | tail -1 | grep -q "Alles in Ordnung" \
    || fail "the doctor does not speak German from the package's catalogue"

as_station packdesk demo --database "$url" >/dev/null || fail "packdesk demo"
# Babel's locale data travels in the bundle: a German manifest's weight, from CLDR, not the system locale
as_station env PACKDESK_LANGUAGE=de packdesk dispatch manifest --database "$url" | grep -q "Paket(e) übergeben, 0,00 kg" \
    || fail "the German manifest (Babel's numbers) does not work from the package"
find "$ROOT_DIR/opt/packdesk" -path "*babel/locale-data/de.dat" | grep -q . || fail "no Babel locale data in the bundle"
start_station packdesk run --demo --windowed --database "$url" >"$WORK/run.out" 2>&1 &
station=$!
log=$ROOT_DIR/var/lib/packdesk/log/packdesk.log
for _ in $(seq 1 300); do
    grep -q "Packdesk starting" "$log" 2>/dev/null && break
    kill -0 "$station" 2>/dev/null || { cat "$WORK/run.out"; fail "the station stopped before it started"; }
    sleep 0.2
done
grep -q "Packdesk starting" "$log" 2>/dev/null || { cat "$WORK/run.out"; fail "the station did not start in 60 s"; }
sleep 3
kill -0 "$station" 2>/dev/null || { cat "$WORK/run.out"; fail "the station died after starting"; }
kill -TERM "$station"
wait "$station" || { cat "$WORK/run.out"; fail "the station did not end cleanly on SIGTERM"; }
! ls "$ROOT_DIR"/var/lib/packdesk/log/crash-*.txt >/dev/null 2>&1 || fail "the station left a crash report"
say "a demo station ran offscreen as user packdesk and ended on SIGTERM"
say "passed in $(( $(date +%s) - start )) s"

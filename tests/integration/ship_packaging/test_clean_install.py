"""The .deb on a clean machine: packaging/test-clean-install.sh installs it on a fresh
`debootstrap --variant=minbase bookworm` chroot (every dependency from the Debian archive) and,
as the station user, runs --version, db upgrade, doctor --json, the German doctor and manifest,
and a demo station offscreen until SIGTERM (docs/install.md, "A clean machine").

Gated like the bundle test: it runs where `make dist` built the package and .ci/run sets
PACKDESK_REQUIRE_BUNDLE=1 (or PACKDESK_CLEAN_INSTALL=1 by hand), and needs root, debootstrap
and the Debian mirror. The fresh root is kept as a tar file in ~/.cache/packdesk/clean-install/
($XDG_CACHE_HOME), outside the checkout so that CI's clean clones share it, so a second run skips
debootstrap (about 1 minute instead of 3); it is made again when the script's debootstrap command
or the mirror changes, and after a week. The packages apt downloads there are kept beside it (apt
still resolves every dependency from the archive's index, fetched afresh each run)."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.integration.ship_packaging.test_bundle import DEB, ROOT, _need

SCRIPT = ROOT / "packaging" / "test-clean-install.sh"
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "packdesk" / "clean-install"
FRESH_FOR_S = 7 * 24 * 3600


def fresh_root_tarball() -> Path:
    """The saved fresh root for this debootstrap command and mirror; a week old, it is dropped
    and the script makes it again."""
    command = [line.strip() for line in SCRIPT.read_text().splitlines()
               if "debootstrap --variant" in line and not line.lstrip().startswith("#")]
    mirror = os.environ.get("DEBIAN_MIRROR", "http://deb.debian.org/debian")
    key = hashlib.sha256("\n".join([mirror, *command]).encode()).hexdigest()[:12]
    tarball = CACHE / f"bookworm-minbase-{key}.tar"
    if tarball.exists() and time.time() - tarball.stat().st_mtime > FRESH_FOR_S:
        tarball.unlink()
    return tarball


def test_the_package_installs_and_runs_on_a_fresh_debian(tmp_path) -> None:
    wanted = os.environ.get("PACKDESK_REQUIRE_BUNDLE") == "1" or os.environ.get("PACKDESK_CLEAN_INSTALL") == "1"
    if not wanted:
        pytest.skip("a fresh Debian takes minutes: set PACKDESK_CLEAN_INSTALL=1 (.ci/run's "
                    "PACKDESK_REQUIRE_BUNDLE=1 runs it too)")
    _need(DEB)
    if os.geteuid() != 0 or shutil.which("debootstrap") is None:
        pytest.fail("the clean install needs root and debootstrap (packaging/bootstrap.sh dev installs it)")
    CACHE.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PACKDESK_CLEAN_WORK": str(tmp_path / "work"),
           "PACKDESK_CLEAN_TARBALL": str(fresh_root_tarball()),
           "PACKDESK_CLEAN_APT_ARCHIVES": str(CACHE / "apt-archives")}
    (tmp_path / "work").mkdir()
    done = subprocess.run([str(SCRIPT), str(DEB)], env=env, capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    for step in ("packdesk --version: packdesk", "doctor --json: all is well",
                 "a demo station ran offscreen as user packdesk and ended on SIGTERM", "passed in"):
        assert step in done.stdout, done.stdout

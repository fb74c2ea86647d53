"""The .deb on a clean machine: packaging/test-clean-install.sh installs it on a fresh
`debootstrap --variant=minbase bookworm` chroot (every dependency from the Debian archive) and,
as the station user, runs --version, db upgrade, doctor --json, the German doctor and manifest,
and a demo station offscreen until SIGTERM (docs/install.md, "A clean machine").

Gated like the bundle test: it runs where `make dist` built the package and .ci/run sets
PACKDESK_REQUIRE_BUNDLE=1 (or PACKDESK_CLEAN_INSTALL=1 by hand), and needs root, debootstrap
and the Debian mirror. The fresh root is kept as build/clean-install/bookworm-minbase.tar, so
a second run skips debootstrap (about 1 minute instead of 3)."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.integration.ship_packaging.test_bundle import DEB, ROOT, _need

SCRIPT = ROOT / "packaging" / "test-clean-install.sh"
CACHE = ROOT / "build" / "clean-install"


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
           "PACKDESK_CLEAN_TARBALL": str(CACHE / "bookworm-minbase.tar")}
    (tmp_path / "work").mkdir()
    done = subprocess.run([str(SCRIPT), str(DEB)], env=env, capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    for step in ("packdesk --version: packdesk", "doctor --json: all is well",
                 "a demo station ran offscreen as user packdesk and ended on SIGTERM", "passed in"):
        assert step in done.stdout, done.stdout

"""docs/cli.md's exit codes, kept by every command (issue 18, item 6): against a database
server that is not there, a database never upgraded and a read-only database file, each
command prints one message naming the database and what to do, and exits 2 (doctor: 1), with
no traceback. The commands are enumerated from the parser (command_sweep.py)."""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.store import migrate
from app.store.session import Database
from tests.integration.cli.command_sweep import NO_DATABASE, commands

# One worker runs this module's tests (xdist's loadgroup), so that its module-scoped fixture,
# the sweep of every command (`swept`), is made once and not on each worker.
pytestmark = pytest.mark.xdist_group("exit_codes")

ROOT = Path(__file__).resolve().parents[3]
# What each command exits with when its database cannot be used (docs/cli.md, "Exit codes").
EXPECTED = {"doctor": 1}
# ... and where the database is fine for it: `db upgrade` is the cure for a database never upgraded.
CURED = {("db upgrade", "never upgraded"): 0}
DROP_OVERRIDE = ["setpriv", "--inh-caps=-dac_override,-dac_read_search,-fowner",
                 "--bounding-set=-dac_override,-dac_read_search,-fowner"]
COMMANDS = [name for name, _ in commands() if name not in NO_DATABASE]


def closed_port() -> int:
    """A TCP port on this machine nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sweep(url: str, work: Path, *extra: str, as_user: list[str] | None = None) -> dict[str, list]:
    done = subprocess.run([*(as_user or []), sys.executable, "-m", "tests.integration.cli.command_sweep", url,
                           str(work), *extra], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PACKDESK_CONFIG": str(work / "none.toml"), "HOME": str(work)})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def swept(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list]]:
    """Every command's (exit code, stdout, stderr) in each of the three cases."""
    unreachable = tmp_path_factory.mktemp("unreachable")
    never = tmp_path_factory.mktemp("never")
    folder = tmp_path_factory.mktemp("read-only")
    database = folder / "packdesk.sqlite3"
    db = Database(f"sqlite:///{database}")
    migrate.upgrade(db)
    db.close()
    database.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    writable = tmp_path_factory.mktemp("read-only-out")
    as_user = None
    if os.geteuid() == 0:  # root writes any file: drop the capability that lets it
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: a read-only file cannot be made read-only")
        as_user = DROP_OVERRIDE
    try:
        return {
            "unreachable": sweep(f"postgresql+psycopg://packdesk@127.0.0.1:{closed_port()}/packdesk", unreachable),
            "never upgraded": sweep("", never, "--fresh-sqlite"),
            "read-only": sweep(f"sqlite:///{database}", writable, as_user=as_user),
        }
    finally:
        folder.chmod(stat.S_IRWXU)


@pytest.mark.parametrize("case", ["unreachable", "never upgraded", "read-only"])
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_keeps_to_the_exit_codes(swept: dict, command: str, case: str) -> None:
    code, out, err = swept[case][command]
    assert "Traceback" not in err, err
    expected = CURED.get((command, case), EXPECTED.get(command, 2))
    assert code == expected, (code, out, err)
    if expected == 2:
        lines = err.strip().splitlines()
        assert lines and lines[-1].startswith("packdesk: ") and "database" in lines[-1].lower(), err
        says = {"unreachable": "cannot be reached", "never upgraded": "packdesk db upgrade",
                "read-only": "read-only"}[case]
        assert says in lines[-1], err
    if command == "doctor":
        assert "database" in out.lower()


def test_the_commands_left_out_of_the_sweep_still_exist() -> None:
    names = {name for name, _ in commands()}
    assert set(NO_DATABASE) <= names


def test_docs_cli_lists_the_exit_codes() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    section = text.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    codes = {int(c) for c in re.findall(r"^\| `(\d+)` \|", section, re.M)}
    assert codes == {0, 1, 2, 130}

"""`packdesk ... | head`: a reader that leaves early stops the command quietly (exit 141, as a
shell reports a tool its pipe stopped), without a traceback or Python's "Exception ignored"."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PACKDESK = Path(sys.executable).with_name("packdesk")


def test_a_reader_that_leaves_stops_the_command_quietly(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    read, write = os.pipe()
    os.close(read)  # nobody reads: the command's first write meets a broken pipe
    try:
        done = subprocess.run([str(PACKDESK), "--database", f"sqlite:///{tmp_path / 'p.sqlite3'}", "db", "upgrade"],
                              stdout=write, stderr=subprocess.PIPE, text=True, timeout=120, env=env)
    finally:
        os.close(write)
    assert done.returncode == 141, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr

"""`packdesk run` takes --config and --database before or after `run`."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.main import build_parser
from ui.cli import config_from_args


@pytest.fixture
def station_file(tmp_path: Path) -> Path:
    path = tmp_path / "bench-7.toml"
    path.write_text(f'[database]\nurl = "sqlite:///{tmp_path}/bench7.sqlite3"\n[station]\ncode = "BENCH-7"\n')
    return path


@pytest.mark.parametrize("where", ["before run", "after run"])
def test_run_reads_the_configuration_named_before_or_after_run(station_file: Path, where: str) -> None:
    argv = ["--config", str(station_file), "run"] if where == "before run" else ["run", "--config", str(station_file)]
    config = config_from_args(build_parser().parse_args(argv))
    assert config.code == "BENCH-7"
    assert config.config_path == station_file
    assert config.database_url.endswith("bench7.sqlite3")


@pytest.mark.parametrize("where", ["before run", "after run"])
def test_run_database_overrides_the_configuration_before_or_after_run(station_file: Path, where: str) -> None:
    url = "sqlite:////tmp/elsewhere.sqlite3"
    argv = (["--config", str(station_file), "--database", url, "run"] if where == "before run"
            else ["--config", str(station_file), "run", "--database", url])
    config = config_from_args(build_parser().parse_args(argv))
    assert (config.code, config.database_url) == ("BENCH-7", url)


def test_run_writes_its_ready_file_once_the_station_shows_and_removes_it_on_exit(tmp_path: Path) -> None:
    """`packdesk run --ready-file` (issue 13, item 17): the file appears once the station is up
    with its scanners open, and goes when the station stops (SIGTERM, as systemd stops it)."""
    import json
    import os
    import signal
    import subprocess
    import sys
    import time

    ready = tmp_path / "ready.json"
    db = tmp_path / "run.sqlite3"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-m", "app.cli.main", "--database", f"sqlite:///{db}", "db", "upgrade"],
                   check=True, env=env, capture_output=True)
    proc = subprocess.Popen([sys.executable, "-m", "app.cli.main", "--database", f"sqlite:///{db}", "run",
                             "--windowed", "--demo", "--ready-file", str(ready)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert ready.exists(), proc.stdout.read().decode() if proc.poll() is not None else "no ready file"
        status = json.loads(ready.read_text())
        assert status["ready"] and status["pid"] == proc.pid and status["scanners_not_open"] == []
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    assert not ready.exists()

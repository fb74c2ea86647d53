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

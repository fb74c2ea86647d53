"""The doctor against real parts: a station's data and logs in tmp_path, `packdesk doctor`
run as a user runs it, its JSON read back."""
from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from app.cli.main import main


@pytest.fixture(autouse=True)
def station_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Data, configuration and logs of this test only; Qt offscreen (no display needed)."""
    home = tmp_path / "home"
    for name, folder in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_STATE_HOME", "state")):
        monkeypatch.setenv(name, str(home / folder))
    monkeypatch.delenv("PACKDESK_CONFIG", raising=False)
    monkeypatch.delenv("PACKDESK_DATABASE_URL", raising=False)
    monkeypatch.delenv("PACKDESK_LOG_DIR", raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    return home


def write_station(tmp_path: Path, database_url: str, **devices: str) -> Path:
    """A station.toml with this database and these [devices] URLs."""
    path = tmp_path / "station.toml"
    lines = ["[database]", f'url = "{database_url}"', "[station]", 'code = "BENCH-3"', "[devices]"]
    lines += [f'{key} = "{value}"' for key, value in devices.items()]
    lines += ["[demo]", f'output_dir = "{tmp_path / "printed"}"']
    path.write_text("\n".join(lines) + "\n")
    return path


def doctor(capsys: pytest.CaptureFixture[str], config: Path) -> tuple[int, dict[str, dict]]:
    """Run `packdesk doctor --json --config FILE`: its exit status and its findings by check."""
    status = main(["doctor", "--json", "--config", str(config)])
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is (status == 0)
    return status, {f["check"]: f for f in report["findings"]}


def closed_port() -> int:
    """A TCP port on 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]

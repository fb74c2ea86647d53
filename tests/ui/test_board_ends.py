"""`packdesk board` on a screen with nobody to press ESC (QT_QPA_PLATFORM=offscreen) has ways to
end: --once (draw the board once: exit 0, or 2 with the database's trouble), --for SECONDS, and
SIGTERM (a service stop: the board closes cleanly, exit 0). Each runs the real command in a
process of its own."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def board(*args: str) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PACKDESK_CONFIG": "/nonexistent/packdesk.toml"}
    return subprocess.Popen([sys.executable, "-m", "app.cli.main", "board", "--windowed", *args],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def ended(process: subprocess.Popen, timeout: float = 120) -> tuple[int, str, str]:
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        pytest.fail(f"packdesk board did not end within {timeout} s: {err}")
    return process.returncode, out, err


def catches(pid: int, number: int) -> bool:
    """Whether the process has a handler of its own for signal `number` (/proc's SigCgt mask)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    mask = next(int(line.split()[1], 16) for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(mask & (1 << (number - 1)))


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_board_once_draws_the_board_and_ends(station_db_url: str) -> None:
    code, _out, err = ended(board("--database", station_db_url, "--once"))
    assert code == 0, err
    assert "Traceback" not in err


def test_board_once_on_a_database_that_is_not_there_ends_with_its_trouble() -> None:
    url = f"postgresql+psycopg://packdesk@127.0.0.1:{closed_port()}/packdesk"
    code, _out, err = ended(board("--database", url, "--once"))
    assert code == 2, err
    last = err.strip().splitlines()[-1]
    assert last.startswith("packdesk: ") and "cannot be reached" in last, err
    assert "Traceback" not in err


def test_board_for_a_while_ends_by_itself(station_db_url: str) -> None:
    code, _out, err = ended(board("--database", station_db_url, "--for", "1"))
    assert code == 0, err


def test_board_for_refuses_a_duration_that_is_not_one(station_db_url: str) -> None:
    code, _out, err = ended(board("--database", station_db_url, "--for", "soon"))
    assert code == 2 and "--for takes a number of seconds above 0" in err, err


@pytest.mark.parametrize("number, exit_code", [(signal.SIGTERM, 0), (signal.SIGINT, 130)])
def test_a_running_board_closes_cleanly_on_a_signal(station_db_url: str, number: int, exit_code: int) -> None:
    process = board("--database", station_db_url)
    try:
        for _ in range(6000):  # up to 2 minutes under load: until the board's handlers are in place
            if catches(process.pid, signal.SIGTERM):
                break
            try:
                process.wait(timeout=0.02)
            except subprocess.TimeoutExpired:
                continue
            pytest.fail(f"the board ended before it was signalled: {process.communicate()}")
        else:
            pytest.fail("the board never took over SIGTERM")
        process.send_signal(number)
        code, _out, err = ended(process)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert code == exit_code, err
    assert "Traceback" not in err

"""Device health with back-off, and the runner's one thread: no database, no Qt."""
from __future__ import annotations

import ast
import threading
import time
from pathlib import Path

from app.ports import DeviceState, Scan
from app.station.core import StationCore
from app.station.devices import StationDevices
from app.station.health import DeviceWatch
from app.station.runner import StationRunner
from tests.unit.station.fakes import FakeClock, FakePackingApi, FakeRecords, RecordingPrinter, probe_of, render

ROOT = Path(__file__).resolve().parents[3]


def test_a_missing_device_is_checked_again_with_doubling_delays_up_to_the_maximum() -> None:
    watch = DeviceWatch(["label printer"], health_s=15, retry_initial_s=0.25, retry_max_s=1.0)
    now, delays = 0.0, []
    for _ in range(4):
        assert watch.due_now(now) == ["label printer"]
        watch.checked("label printer", False, now)
        delays.append(watch.due["label printer"] - now)
        now = watch.due["label printer"]
    assert delays == [0.25, 0.5, 1.0, 1.0]
    watch.checked("label printer", True, now)
    assert watch.due["label printer"] == now + 15 and watch.delay["label printer"] == 0.25


def test_a_device_being_checked_is_not_checked_twice_at_once() -> None:
    watch = DeviceWatch(["scale"])
    assert watch.due_now(0.0) == ["scale"]
    assert watch.due_now(100.0) == []


class CoreOnThread:
    """A StationCore behind a real StationRunner, with the threads the station uses."""

    def __init__(self) -> None:
        self.api, self.printer, self.clock = FakePackingApi(), RecordingPrinter(), FakeClock()
        self.runner = StationRunner(tick_s=0.01)
        devices = StationDevices(label_printer=self.printer, probes={"label printer": probe_of(self.printer)})
        self.core = StationCore(self.api, devices, render, FakeRecords(), self.clock,
                                io=self.runner.executor("devices"), checks=self.runner.executor("device watch"))
        self.seen: list[tuple[str, object]] = []
        self.runner.subscribe(lambda snapshot: self.seen.append((threading.current_thread().name, snapshot)))
        self.runner.start(self.core)

    def settle(self) -> None:
        deadline = time.monotonic() + 5
        while self.runner.pending and time.monotonic() < deadline:
            time.sleep(0.005)
        assert self.runner.pending == 0


def test_inputs_run_in_order_on_the_station_thread_and_snapshots_come_from_it() -> None:
    bench = CoreOnThread()
    try:
        for data in ("BADGE-ALICE", "PD-1001", "4006381333931"):
            bench.runner.post(bench.core.scan, Scan(data))
        bench.settle()
        assert [c for c, _ in bench.api.calls if c != "renew_lease"] == ["login", "start_pack", "record_scan"]
        assert {name for name, _ in bench.seen} == {"packdesk-station"}
        assert bench.seen[-1][1].pack.units_scanned == 1
    finally:
        bench.runner.close()


def test_the_printer_health_reaches_the_snapshot_from_the_watch_thread() -> None:
    bench = CoreOnThread()
    try:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            status = bench.core.snapshot().device("label printer")
            if status is not None and status.state is DeviceState.CONNECTED:
                break
            time.sleep(0.01)
        assert bench.core.snapshot().device("label printer").state is DeviceState.CONNECTED
    finally:
        bench.runner.close()


def test_an_input_that_fails_unexpectedly_is_told_and_the_station_carries_on() -> None:
    bench = CoreOnThread()
    try:
        bench.api.login = lambda badge: (_ for _ in ()).throw(OSError("database is gone"))  # type: ignore[method-assign]
        bench.runner.post(bench.core.scan, Scan("BADGE-ALICE"))
        bench.settle()
        assert bench.core.snapshot().message.text == "The station could not finish that: database is gone"
    finally:
        bench.runner.close()


def imports_of(folder: Path) -> set[str]:
    found: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
    return found


def test_the_station_core_imports_no_qt_database_ui_devices_or_printing() -> None:
    imported = imports_of(ROOT / "app" / "station")
    core_only = {name for name in imported if name.split(".")[0] in ("PySide6", "sqlalchemy", "ui", "devices",
                                                                     "printing")}
    assert core_only == set()
    # backend.py is the one module of app/station that reaches the store: the composition root's factory
    store = {name for name in imports_of(ROOT / "app" / "station") if name.startswith("app.store")}
    assert store == {"app.store.session", "app.store.station_queries", "app.store.journal"}  # journal: issue 17


def test_no_ui_module_but_the_two_cli_tools_imports_the_database() -> None:
    offenders = []
    for path in (ROOT / "ui").rglob("*.py"):
        if path.name in ("boxes_cli.py", "screenshots.py"):  # owned and rewritten by the store's part
            continue
        text = path.read_text()
        if "sqlalchemy" in text or "app.store" in text:
            offenders.append(path.name)
    assert offenders == []


def test_the_database_is_watched_like_a_device_and_its_trouble_told_with_what_to_do() -> None:
    """Issue 18, item 7: the core checks the database at start, on its own thread, and the
    login screen's sentence comes from its state (no badge scan needed)."""
    from app.station.devices import DATABASE, device_problems

    answers = iter([(DeviceState.DISCONNECTED, "The database at postgresql://db/p cannot be reached"),
                    (DeviceState.CONNECTED, "")])
    runner = StationRunner(tick_s=0.01)
    threads: list[str] = []

    def probe():  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return next(answers, (DeviceState.CONNECTED, ""))

    devices = StationDevices(probes={DATABASE: probe}, database_address="postgresql://db/p")
    core = StationCore(FakePackingApi(), devices, render, FakeRecords(), time.monotonic,
                       io=runner.executor("devices"), checks=runner.executor("device watch"),
                       database_checks=runner.executor("database watch"))
    assert [s.message for s in core.snapshot().devices if s.device == DATABASE] == ["checking..."]
    assert device_problems(core.snapshot().devices) == []  # not known yet: nothing to worry about
    runner.start(core)
    try:
        deadline = time.monotonic() + 5
        problems: list[str] = []
        while time.monotonic() < deadline and not problems:
            problems = device_problems(core.snapshot().devices)
            time.sleep(0.005)
        assert problems and problems[0].startswith("Database: The database at postgresql://db/p cannot be reached.")
        assert "network cable" in problems[0]
        while time.monotonic() < deadline and core.snapshot().device(DATABASE).state is not DeviceState.CONNECTED:
            time.sleep(0.005)
        assert device_problems(core.snapshot().devices) == []  # back again: checked with back-off, not once
        assert set(threads) == {"packdesk-database watch"}
    finally:
        runner.close()


def test_device_problems_put_the_database_first_and_skip_what_is_fine() -> None:
    from app.ports import DeviceStatus
    from app.station.devices import device_problems

    problems = device_problems([
        DeviceStatus("scanner", "/dev/ttyACM0", DeviceState.DISCONNECTED, "cannot open /dev/ttyACM0"),
        DeviceStatus("label printer", "tcp://p:9100", DeviceState.CONNECTED),
        DeviceStatus("scale", "", DeviceState.NOT_CONFIGURED),
        DeviceStatus("database", "sqlite:///x", DeviceState.ERROR, "never upgraded"),
    ])
    assert [p.split(":")[0] for p in problems] == ["Database", "Scanner"]
    assert "scanner's cable" in problems[1]


def test_an_input_the_database_let_down_has_the_database_checked_at_once() -> None:
    from app.errors import DatabaseUnavailable
    from app.station.devices import DATABASE

    devices = StationDevices(probes={DATABASE: lambda: (DeviceState.CONNECTED, "")})
    clock = FakeClock()
    runner = StationRunner(tick_s=0.01)
    api = FakePackingApi()
    core = StationCore(api, devices, render, FakeRecords(), clock, io=runner.executor("devices"),
                       checks=runner.executor("device watch"))
    try:
        core.watch.checked(DATABASE, True, clock())  # well: next check in health_s
        assert core.watch.due[DATABASE] > clock()
        api.login = lambda badge: (_ for _ in ()).throw(DatabaseUnavailable("gone"))  # type: ignore[method-assign]
        core.scan(Scan("BADGE-ALICE"))
        assert core.watch.due[DATABASE] == 0.0 and core.snapshot().message.text == "gone"
    finally:
        runner.close()

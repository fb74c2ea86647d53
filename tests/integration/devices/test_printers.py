"""Printer transports against real parts: a fake Zebra on a loopback port, a folder, memory,
and the per-printer job queue through a printer that goes away and comes back."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.ports import DeviceState, Printer, PrintJob, PrintResult
from devices.printers import FolderPrinter, MemoryPrinter, PrintQueue, RawTcpPrinter
from devices.printers.zebra_status import parse_host_status
from tests.integration.devices.fakes import FakeZebra

LABEL = PrintJob("parcel-1-of-2", b"^XA^FO50,50^A0N,40,40^FDParcel 1 of 2^FS^XZ", "application/zpl")


@pytest.fixture
def zebra():
    printer = FakeZebra()
    yield printer
    printer.stop()


def wait_for(condition, timeout: float = 3.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)


def test_every_transport_is_a_printer_port(tmp_path: Path) -> None:
    for printer in (RawTcpPrinter("127.0.0.1"), FolderPrinter(tmp_path), MemoryPrinter()):
        assert isinstance(printer, Printer)


def test_tcp_job_arrives_whole_between_two_status_queries(zebra: FakeZebra) -> None:
    result = RawTcpPrinter("127.0.0.1", zebra.port, timeout_s=1).print_job(LABEL)
    assert result.ok, result.message
    wait_for(lambda: zebra.jobs)
    assert zebra.jobs == [LABEL.data]
    assert zebra.status_queries == 2


@pytest.mark.parametrize("flag,words", [("paper_out", "paper out"), ("head_open", "head open"), ("paused", "paused")])
def test_printer_problem_before_the_job_keeps_the_label_back(zebra: FakeZebra, flag: str, words: str) -> None:
    setattr(zebra, flag, True)
    result = RawTcpPrinter("127.0.0.1", zebra.port, timeout_s=1).print_job(LABEL)
    assert not result.ok and words in result.message and result.details["sent"] == "no"
    time.sleep(0.1)
    assert zebra.jobs == []


def test_problem_after_the_job_is_not_marked_printed(zebra: FakeZebra) -> None:
    original = zebra.host_status
    calls = []

    def paper_runs_out_during_the_job() -> bytes:
        calls.append(1)
        zebra.paper_out = len(calls) > 1
        return original()

    zebra.host_status = paper_runs_out_during_the_job
    result = RawTcpPrinter("127.0.0.1", zebra.port, timeout_s=1).print_job(LABEL)
    assert not result.ok and result.details["sent"] == "yes" and "paper out" in result.message


def test_refused_connection_says_so(zebra: FakeZebra) -> None:
    zebra.stop()
    result = RawTcpPrinter("127.0.0.1", zebra.port, timeout_s=1).print_job(LABEL)
    assert not result.ok and "refused" in result.message and result.details["sent"] == "no"


def test_hanging_printer_times_out_without_marking_printed(zebra: FakeZebra) -> None:
    zebra.mode = "hang"
    started = time.monotonic()
    result = RawTcpPrinter("127.0.0.1", zebra.port, timeout_s=0.3).print_job(LABEL)
    assert not result.ok and "status query" in result.message
    assert time.monotonic() - started < 2


def test_status_reports_flags(zebra: FakeZebra) -> None:
    zebra.head_open = True
    status = RawTcpPrinter("127.0.0.1", zebra.port, timeout_s=1).status()
    assert not status.ok and status.message == "head open" and status.details["head_open"] == "1"


def test_host_status_parser_reads_the_zebra_layout() -> None:
    reply = (b"\x02030,1,0,1218,002,0,0,0,000,0,0,0\x03\r\n"
             b"\x02001,0,1,0,0,2,4,0,00000005,1,000\x03\r\n\x021234,0\x03\r\n")
    hs = parse_host_status(reply)
    assert (hs.paper_out, hs.paused, hs.head_open, hs.formats_in_buffer, hs.labels_remaining) == (
        True, False, True, 2, 5)
    assert hs.problems() == ["paper out", "head open"]
    with pytest.raises(ValueError):
        parse_host_status(b"hello")


def test_folder_printer_writes_unique_complete_files(tmp_path: Path) -> None:
    printer = FolderPrinter(tmp_path / "out")
    pdf = PrintJob("slip/../1", b"%PDF-1.4 fake", "application/pdf")
    results = [printer.print_job(pdf) for _ in range(3)] + [printer.print_job(LABEL)]
    assert all(r.ok for r in results)
    files = sorted((tmp_path / "out").iterdir())
    assert len(files) == 4 and len({f.name for f in files}) == 4
    assert sum(f.suffix == ".pdf" for f in files) == 3 and not any(f.name.startswith(".") for f in files)
    assert all(".." not in f.name for f in files)
    assert Path(results[-1].details["file"]).read_bytes() == LABEL.data


def test_folder_printer_that_cannot_write_says_where(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = FolderPrinter(blocker / "sub").print_job(LABEL)
    assert not result.ok and str(blocker) in result.message


def test_queue_reports_each_job_in_order(zebra: FakeZebra) -> None:
    done: list[tuple[int, PrintResult]] = []
    with PrintQueue(RawTcpPrinter("127.0.0.1", zebra.port, timeout_s=1),
                    on_done=lambda t, r: done.append((t.id, r))) as q:
        tickets = [q.submit(PrintJob(f"label-{i}", f"^XA^FD{i}^FS^XZ".encode(), "application/zpl"))
                   for i in range(5)]
        assert q.wait_idle(5)
    assert [tid for tid, _ in done] == [t.id for t in tickets]
    assert all(r.ok for _, r in done)
    wait_for(lambda: len(zebra.jobs) == 5)
    assert zebra.jobs == [f"^XA^FD{i}^FS^XZ".encode() for i in range(5)]


def test_printer_switched_off_then_on_prints_the_label_exactly_once(zebra: FakeZebra) -> None:
    zebra.stop()
    statuses = []
    done: list[PrintResult] = []
    with PrintQueue(RawTcpPrinter("127.0.0.1", zebra.port, timeout_s=0.5), on_done=lambda t, r: done.append(r),
                    on_status=statuses.append, retry_initial_s=0.05, retry_max_s=0.2) as q:
        q.submit(LABEL)
        wait_for(lambda: statuses and statuses[-1].state is DeviceState.DISCONNECTED)
        assert "refused" in statuses[-1].message
        time.sleep(0.3)
        assert done == []  # still waiting, not lost
        zebra.start()
        assert q.wait_idle(5)
    assert len(done) == 1 and done[0].ok
    wait_for(lambda: zebra.jobs)
    time.sleep(0.2)
    assert zebra.jobs == [LABEL.data]
    assert statuses[-1].state is DeviceState.CONNECTED


def test_paper_out_holds_the_job_until_paper_is_back(zebra: FakeZebra) -> None:
    zebra.paper_out = True
    done: list[PrintResult] = []
    with PrintQueue(RawTcpPrinter("127.0.0.1", zebra.port, timeout_s=0.5), on_done=lambda t, r: done.append(r),
                    retry_initial_s=0.05, retry_max_s=0.1) as q:
        q.submit(LABEL)
        time.sleep(0.3)
        assert done == [] and zebra.jobs == []
        zebra.paper_out = False
        assert q.wait_idle(5)
    assert done[0].ok
    wait_for(lambda: zebra.jobs == [LABEL.data])


def test_job_taken_by_a_printer_that_then_hangs_is_not_resent(zebra: FakeZebra) -> None:
    original = zebra.host_status
    calls = []

    def hang_after_first() -> bytes:
        calls.append(1)
        if len(calls) > 1:
            zebra.mode = "hang"
            return b""
        return original()

    zebra.host_status = hang_after_first
    done: list[PrintResult] = []
    with PrintQueue(RawTcpPrinter("127.0.0.1", zebra.port, timeout_s=0.3), on_done=lambda t, r: done.append(r),
                    retry_initial_s=0.05) as q:
        q.submit(LABEL)
        assert q.wait_idle(5)
    assert len(done) == 1 and not done[0].ok and done[0].details["sent"] == "yes"
    assert len(calls) == 2


def test_closing_the_queue_reports_jobs_not_printed() -> None:
    printer = MemoryPrinter()
    printer.fail_with = "offline"
    done: list[PrintResult] = []
    q = PrintQueue(printer, on_done=lambda t, r: done.append(r), retry_initial_s=5)
    q.submit(LABEL)
    q.submit(LABEL)
    time.sleep(0.1)
    q.close()
    assert len(done) == 2 and not any(r.ok for r in done)
    assert all("closed" in r.message for r in done)


def test_a_fresh_demo_database_never_meets_its_own_old_file_names(tmp_path: Path) -> None:
    """Two demo runs on fresh databases print jobs of the same name (PD-10001-parcel1-label-v1)
    into one folder: each becomes a file of its own, none fails with "File exists"."""
    job = PrintJob("PD-10001-parcel1-label-v1", b"%PDF-1.4 fake", "application/pdf")
    first, second = FolderPrinter(tmp_path), FolderPrinter(tmp_path)
    results = [first.print_job(job), second.print_job(job), first.print_job(job)]
    assert all(r.ok for r in results), [r.message for r in results]
    files = sorted(p.name for p in tmp_path.iterdir())
    assert len(files) == 3 and all(name.endswith("-PD-10001-parcel1-label-v1.pdf") for name in files)

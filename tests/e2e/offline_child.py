"""A packing station process for the offline restart test (tests/e2e/test_offline_restart.py):
the station's PackingApi on its offline journal, as the station core drives it, saying each
step once it is acknowledged.

`python -m tests.e2e.offline_child DATABASE_URL DATA_DIR first`: provisions the journal online
(two orders leased), opens PD-1001 and scans a mug online, then waits for a line on stdin (the
test cuts the network), packs on offline (a mug, a pen, CLOSE BOX, the label printed) and
waits to be killed. `... again`: started while the database is still away, resumes the open pack
from the journal, finishes it and packs PD-1002 offline, waits for a line on stdin (the test
brings the database back) and syncs the journal.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from app.packing.api import Packer
from app.packing.service import PackingService
from app.packing.settings import PackingSettings
from app.ports import PrintJob, Scan
from app.station.offline import OfflineCapable, Provisioning
from app.store.journal import Journal
from app.store.session import Database
from tests.ui.data import ALICE_BADGE as BADGE
from tests.ui.data import MUG, PEN

STATION = "ST-KILL"


def say(line: str) -> None:
    print(line, flush=True)


def label_printed(station: OfflineCapable, order: str, user: Packer) -> str:
    """CLOSE BOX, and the parcel's label printed; its SSCC."""
    closed = station.close_parcel(order, user, 820)  # 2 x 350 g + 20 g + box S 100 g
    assert closed.ok and closed.label is not None, closed.message
    job = PrintJob("label", f"^XA^FD{closed.label.sscc}^FS^XZ".encode(), "application/zpl")
    assert station.record_label_result(closed.label.label_id, True, "tcp://printer-1:9100", printed=(job,)).status \
        == "printed"
    say(f"PRINTED {order} {closed.label.sscc}")
    return closed.label.sscc


def first(station: OfflineCapable) -> None:
    alice = station.login(BADGE)
    station.home_summary(alice)  # provisions: PD-1001 and PD-1002 leased
    assert station.start_next(alice).order_number == "PD-1001"
    station.record_scan("PD-1001", alice, Scan(MUG))
    say("ONLINE")
    sys.stdin.readline()  # the network is cut now
    for code in (MUG, PEN):
        result = station.record_scan("PD-1001", alice, Scan(code))
        say(f"ACK {code} {result.outcome.value}")
    label_printed(station, "PD-1001", alice)
    say(f"WAITING {station.journal.waiting()} offline={station.offline}")
    time.sleep(600)  # the test kills us long before this


def again(station: OfflineCapable) -> None:
    alice = station.login(BADGE)  # the database is still away: from the journal
    pack = station.resume_open_pack(alice)
    assert pack is not None
    parcel = pack.parcels[0]
    say(f"RESUMED {pack.order_number} units={pack.units_scanned} label={parcel.label.status} "
        f"offline={station.offline}")
    assert station.confirm_label(pack.order_number, "00" + (parcel.sscc or ""), alice).all_confirmed
    say(f"PACKED {pack.order_number}")
    nxt = station.start_next(alice)
    assert nxt is not None and nxt.order_number == "PD-1002"
    for code in (MUG, MUG, PEN):
        station.record_scan("PD-1002", alice, Scan(code))
    sscc = label_printed(station, "PD-1002", alice)
    assert station.confirm_label("PD-1002", "00" + sscc, alice).all_confirmed
    say("PACKED PD-1002")
    say(f"WAITING {station.journal.waiting()}")
    sys.stdin.readline()  # the database is back
    for _ in range(240):
        conflicts = station.back_online()
        if conflicts is not None:
            say(f"SYNCED conflicts={','.join(conflicts) or 'none'} waiting={station.journal.waiting()}")
            return
        time.sleep(0.25)
    say(f"NOT SYNCED waiting={station.journal.waiting()}")


def main(url: str, data_dir: str, phase: str) -> None:
    with Database(url) as db:
        service = PackingService(db, STATION, PackingSettings(station_code=STATION))
        station = OfflineCapable(service, db, Journal(Path(data_dir), STATION), Provisioning(buffer=2))
        (first if phase == "first" else again)(station)
        station.journal.close()


if __name__ == "__main__":
    main(*sys.argv[1:4])

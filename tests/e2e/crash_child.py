"""A packing station process for the crash test: packs PD-5001 and says each acknowledged scan.

Run as `python -m tests.e2e.crash_child DATABASE_URL`; the test SIGKILLs it mid-pack.
"""
from __future__ import annotations

import sys
import time

from app.store.session import Database
from app.packing.service import PackingService
from app.packing.settings import PackingSettings
from app.ports import Scan


def main(url: str) -> None:
    db = Database(url)
    station = PackingService(db, "PACK-CRASH", PackingSettings(station_code="PACK-CRASH"))
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, "PD-5001")
    station.record_scan("PD-5001", pat, Scan("5012345678900"))
    closed = station.close_parcel("PD-5001", pat)
    station.record_label_result(closed.label.label_id, True, "memory:")
    print(f"LABEL {closed.label.label_id}", flush=True)
    for n in range(1, 9):
        result = station.record_scan("PD-5001", pat, Scan("4006381333931"))
        print(f"ACK {n} {result.outcome.value}", flush=True)  # the green light: after the commit
        time.sleep(0.05)
    time.sleep(60)  # the test kills us long before this


if __name__ == "__main__":
    main(sys.argv[1])

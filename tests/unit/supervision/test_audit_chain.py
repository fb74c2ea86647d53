"""The audit log's hash chain, in plain Python: any change, deletion or swap is found."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from app.audit.chain import GENESIS, AuditEntry, first_break, record_hash
from app.packing.api import ERROR_OUTCOMES
from app.supervision.model import ACTIONS, Action, ExceptionKind

T0 = datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc)


def chain(n: int) -> list[AuditEntry]:
    out, prev = [], GENESIS
    for seq in range(1, n + 1):
        at, detail = T0 + timedelta(minutes=seq), f'{{"order": "PD-{1000 + seq}"}}'
        digest = record_hash(prev, seq, at, "sam", "OrderReleased", f"order PD-{1000 + seq}", detail)
        out.append(AuditEntry(seq, at, "sam", "OrderReleased", f"order PD-{1000 + seq}", detail, prev, digest))
        prev = digest
    return out


def test_an_untouched_chain_verifies() -> None:
    assert first_break(chain(5)) is None
    assert first_break([]) is None


def test_an_edited_record_is_named() -> None:
    log = chain(5)
    log[2] = replace(log[2], actor="mallory")
    broken = first_break(log)
    assert broken is not None and broken.seq == 3 and "changed" in broken.problem


def test_a_deleted_record_is_named_by_the_gap_it_leaves() -> None:
    log = chain(5)
    del log[1]
    broken = first_break(log)
    assert broken is not None and broken.seq == 3 and "record 2 is missing" in str(broken)


def test_a_deletion_hidden_by_renumbering_the_rest_is_still_found() -> None:
    log = chain(5)
    renumbered = log[:1] + [replace(e, seq=e.seq - 1) for e in log[2:]]
    broken = first_break(renumbered)
    assert broken is not None and broken.seq == 2 and "does not follow" in broken.problem


def test_two_swapped_records_are_found_at_the_first_of_them() -> None:
    log = chain(5)
    a, b = log[1], log[2]
    log[1], log[2] = replace(b, seq=2), replace(a, seq=3)
    broken = first_break(log)
    assert broken is not None and broken.seq == 2


def test_a_naive_time_hashes_as_utc() -> None:
    aware = record_hash(GENESIS, 1, T0, "sam", "x", "y", None)
    assert record_hash(GENESIS, 1, T0.replace(tzinfo=None), "sam", "x", "y", None) == aware


def test_every_kind_has_its_actions_and_every_kind_may_be_resolved() -> None:
    assert set(ACTIONS) == set(ExceptionKind)
    assert all(Action.RESOLVE in actions for actions in ACTIONS.values())


def test_the_queue_counts_the_stations_mis_scan_outcomes() -> None:
    from app.store.exception_queries import MIS_SCAN_OUTCOMES

    assert set(MIS_SCAN_OUTCOMES) == {o.value for o in ERROR_OUTCOMES}


def station_chain(station: str, n: int) -> list[AuditEntry]:
    out, prev = [], GENESIS
    for seq in range(1, n + 1):
        at = T0 + timedelta(seconds=seq)
        digest = record_hash(prev, seq, at, "ana", "StatusChanged", f"order PD-{seq}", None, station)
        out.append(AuditEntry(seq, at, "ana", "StatusChanged", f"order PD-{seq}", None, prev, digest, station))
        prev = digest
    return out


def test_each_station_chain_verifies_on_its_own_and_a_break_names_its_station() -> None:
    log = chain(3) + station_chain("PACK-01", 4) + station_chain("PACK-02", 2)
    assert first_break(log) is None
    log[5] = replace(log[5], actor="mallory")  # PACK-01's record 3
    broken = first_break(log)
    assert broken is not None and (broken.chain, broken.seq) == ("PACK-01", 3)
    assert str(broken).startswith("audit record 3 of station PACK-01: its content was changed")


def test_a_record_moved_to_another_stations_chain_is_found() -> None:
    one, two = station_chain("PACK-01", 2), station_chain("PACK-02", 2)
    # PACK-01's first record relabelled as PACK-02's first: same fields and links, other chain
    moved = [replace(one[0], chain="PACK-02")]
    broken = first_break(one[1:] + moved + two[1:])
    assert broken is not None and broken.chain == "PACK-01" and "record 1 is missing" in str(broken)
    broken = first_break(moved + two[1:])
    assert broken is not None and broken.chain == "PACK-02" and "changed" in broken.problem


def test_the_office_chain_hashes_as_before_there_were_chains() -> None:
    assert record_hash(GENESIS, 1, T0, "sam", "x", "y", None, "") == record_hash(GENESIS, 1, T0, "sam", "x", "y", None)
    assert record_hash(GENESIS, 1, T0, "sam", "x", "y", None, "PACK-01") != record_hash(GENESIS, 1, T0, "sam", "x", "y", None)

"""Orders packed to the end (labels printed and scanned back), ready for the dock."""
from __future__ import annotations

from app.packing.api import LabelRequest
from tests.integration.packing.conftest import TEAPOT_EAN, Warehouse, add_order, scan


def pack_teapots(warehouse: Warehouse, number: str, parcels: int = 2) -> list[LabelRequest]:
    """An order of `parcels` teapots packed one to a parcel; its labels, in parcel order."""
    add_order(warehouse.db, number, [("TEAPOT-RED", parcels)])
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, number)
    labels = []
    for _ in range(parcels):
        station.record_scan(number, pat, scan(TEAPOT_EAN))
        closed = station.close_parcel(number, pat)
        assert closed.ok, closed.message
        station.record_label_result(closed.label.label_id, True, "memory:")
        labels.append(closed.label)
    for label in labels:
        station.confirm_label(number, label.sscc)
    return labels

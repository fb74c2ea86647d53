"""The box catalogue: add, edit (dimensions, maximum load, cost), retire. A retired box is not
suggested nor accepted at the pack any more, but stays for the parcels packed in it."""
from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from app.admin.errors import AdminError, FieldProblem, NotFound
from app.translator import phrase
from app.unit_of_work import BoxRecord, UnitOfWork

log = logging.getLogger(__name__)

CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
CODE_FIELD, BARCODE_FIELD = phrase("code"), phrase("barcode")
SIDES = (  # a side, and the form's fields of it inside and outside the box
    (phrase("length"), phrase("inner length (mm)"), phrase("outer length (mm)")),
    (phrase("width"), phrase("inner width (mm)"), phrase("outer width (mm)")),
    (phrase("height"), phrase("inner height (mm)"), phrase("outer height (mm)")),
)
MAX_MM, MAX_G = 3000, 1_000_000  # 3 m, 1 t: beyond that a number was typed wrong


@dataclass(frozen=True)
class BoxForm:
    """What an administrator types for a box (text as typed; checked by `box_from`)."""

    code: str
    name: str
    barcode: str
    inner_mm: tuple[str, str, str]  # length, width, height
    outer_mm: tuple[str, str, str]
    tare_g: str
    max_load_g: str
    cost: str


def _whole(field: str, text: str, top: int) -> int:
    if not str(text).strip():
        raise FieldProblem(field, phrase("is empty: type a whole number from 1 to %(top)s.", top=top))
    try:
        value = int(str(text).strip())
    except ValueError:
        raise FieldProblem(field, phrase("%(text)s is not a whole number.", text=repr(text))) from None
    if not 0 < value <= top:
        raise FieldProblem(field, phrase("must be between 1 and %(top)s, not %(value)s.", top=top, value=value))
    return value


def _money(text: str) -> Decimal:
    try:
        value = Decimal(str(text).strip().replace(",", "."))
    except InvalidOperation:
        raise FieldProblem(phrase("cost"), phrase("%(text)s is not an amount; type it like 0.85.", text=repr(text))) from None
    if not value.is_finite() or value < 0 or value > 10_000:
        raise FieldProblem(phrase("cost"), phrase("must be an amount between 0 and 10000."))
    return value.quantize(Decimal("0.0001"))


def box_from(form: BoxForm, box_id: int = 0) -> BoxRecord:
    """The box a form describes; FieldProblem naming the first wrong field."""
    code = (form.code or "").strip()
    if not CODE.match(code):
        raise FieldProblem(CODE_FIELD, phrase("%(code)s: use 1 to 32 letters, digits, '.', '_' or '-' (e.g. 'M' or "
                                              "'BOX-40').", code=repr(form.code)))
    name = " ".join((form.name or "").split())
    if not name or len(name) > 100:
        raise FieldProblem(phrase("name"), phrase("type a name of 1 to 100 characters."))
    barcode = (form.barcode or "").strip() or f"BOX-{code}"
    if len(barcode) > 64 or " " in barcode:
        raise FieldProblem(BARCODE_FIELD, phrase("use at most 64 characters without spaces (empty: BOX-<code>)."))
    inner = [_whole(field, v, MAX_MM) for (_side, field, _), v in zip(SIDES, form.inner_mm)]
    outer = [_whole(field, v, MAX_MM) for (_side, _, field), v in zip(SIDES, form.outer_mm)]
    for (side, _, field), i, o in zip(SIDES, inner, outer):
        if o < i:
            raise FieldProblem(field, phrase("is %(outer)s, smaller than the inner %(side)s %(inner)s: the outside "
                                             "of a box is at least its inside.", outer=o, side=side, inner=i))
    tare = _whole(phrase("tare (g)"), form.tare_g, MAX_G)
    load = _whole(phrase("max load (g)"), form.max_load_g, MAX_G)
    return BoxRecord(box_id, code, name, barcode, *inner, *outer, tare, load, _money(form.cost))


def shown(box: BoxRecord) -> dict[str, Any]:
    """A box as the audit log records it."""
    out = asdict(box)
    out.pop("id", None)
    out["cost"] = str(box.cost)
    return out


def add_box(uow: UnitOfWork, form: BoxForm, by: str) -> BoxRecord:
    """Adds an enabled box; FieldProblem (nothing written) when its code or barcode is taken."""
    box = box_from(form)
    with uow:
        _free(uow, box)
        box = replace(box, id=uow.admin.add_box(box))
        uow.audit.append(by, "BoxAdded", f"box {box.code}", {"before": None, "after": shown(box)})
        uow.commit()
    log.info("box %s added by %s", box.code, by)
    return box


def edit_box(uow: UnitOfWork, code: str, form: BoxForm, by: str) -> BoxRecord:
    """Changes a box's name, barcode, dimensions, load and cost (its code stays)."""
    with uow:
        before = _box(uow, code)
        after = replace(box_from(replace(form, code=before.code), before.id), enabled=before.enabled,
                        stock=before.stock)
        _free(uow, after)
        if after == before:
            raise AdminError(phrase("Nothing to change for box %(code)s: the values are the ones it has.", code=before.code))
        uow.admin.save_box(after)
        _audit(uow, by, "BoxChanged", before, after)
        uow.commit()
    return after


def retire_box(uow: UnitOfWork, code: str, by: str) -> BoxRecord:
    """The box is no longer offered at the pack; parcels packed in it keep it."""
    with uow:
        before = _box(uow, code)
        if not before.enabled:
            raise AdminError(phrase("Box %(code)s is retired already.", code=before.code))
        after = replace(before, enabled=False)
        uow.admin.save_box(after)
        _audit(uow, by, "BoxRetired", before, after)
        uow.commit()
    return after


def list_boxes(uow: UnitOfWork) -> list[BoxRecord]:
    with uow:
        return uow.admin.boxes()


def _audit(uow: UnitOfWork, by: str, action: str, before: BoxRecord, after: BoxRecord) -> None:
    old, new = shown(before), shown(after)
    changed = sorted(k for k in new if new[k] != old[k])
    uow.audit.append(by, action, f"box {before.code}", {"changed": changed, "before": {k: old[k] for k in changed},
                                                         "after": {k: new[k] for k in changed}})


def _free(uow: UnitOfWork, box: BoxRecord) -> None:
    same = uow.admin.box(box.code)
    if same is not None and same.id != box.id:
        raise FieldProblem(CODE_FIELD, phrase("box %(code)s exists already; edit it instead.", code=box.code))
    other = uow.admin.box_of_barcode(box.barcode)
    if other is not None and other.id != box.id:
        raise FieldProblem(BARCODE_FIELD, phrase("%(barcode)s is the barcode of box %(code)s; choose another.",
                                                   barcode=box.barcode, code=other.code))


def _box(uow: UnitOfWork, code: str) -> BoxRecord:
    box = uow.admin.box((code or "").strip())
    if box is None:
        raise NotFound(phrase("box"), code, phrase("`packdesk boxes list --all` or the BOXES page lists them."))
    return box

"""An isometric drawing of a parcel: the box and every unit where it goes, for the packer.

`PlacementView` is the widget the pack screen embeds (`show_parcel(parcel)`, `clear()`);
`render_parcels` draws the same picture into a QImage offscreen (the CLI's `--png`).
"""
from __future__ import annotations

import hashlib
import logging
import math
import os
from pathlib import Path
from typing import Sequence

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.boxing.model import Parcel, Placement
from app import words

log = logging.getLogger(__name__)

COS30 = math.cos(math.radians(30))
SIN30 = 0.5
BACKGROUND = QColor("#f6f4ef")
INK = QColor("#2b2b2b")


def sku_colour(sku: str) -> QColor:
    """A stable, pleasant colour per SKU."""
    hue = int(hashlib.sha1(sku.encode()).hexdigest()[:4], 16) % 360
    return QColor.fromHsv(hue, 120, 235)


def _iso(x: float, y: float, z: float) -> tuple[float, float]:
    # viewer above and in front of the box's far corner: +x goes right-down, +y left-down
    return ((x - y) * COS30, (x + y) * SIN30 - z)


def _draw_order(placements: Sequence[Placement]) -> list[Placement]:
    """Back to front: a unit wholly behind, left of or below another is drawn first."""
    n = len(placements)
    before = [[False] * n for _ in range(n)]
    for i, a in enumerate(placements):
        for j, b in enumerate(placements):
            if i != j and (a.x + a.dx <= b.x or a.y + a.dy <= b.y or a.z + a.dz <= b.z):
                before[i][j] = True
    left = set(range(n))
    out: list[Placement] = []
    while left:
        ready = [i for i in left if not any(before[j][i] and not before[i][j] for j in left if j != i)]
        pick = min(ready or left, key=lambda i: (placements[i].x + placements[i].y + placements[i].z, i))
        out.append(placements[pick])
        left.remove(pick)
    return out


def own_container(sku: str) -> str:
    """A product that ships in its own packaging, as the caption says it."""
    return QCoreApplication.translate("PlacementView", "%1: own container").replace("%1", sku)


def paint_parcel(painter: QPainter, rect: QRectF, parcel: Parcel | None, caption: str | None = None) -> None:
    """Draw one parcel into rect: box outline, units as shaded blocks, a caption and a legend."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.fillRect(rect, BACKGROUND)
    if parcel is None:
        painter.setPen(INK)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter,
                         QCoreApplication.translate("PlacementView", "No box suggestion yet"))
        painter.restore()
        return
    if parcel.box is not None:
        L, W, H = parcel.box.length, parcel.box.width, parcel.box.height
    else:
        q = parcel.placements[0]
        L, W, H = q.dx, q.dy, q.dz
    font = QFont(painter.font())
    font.setPixelSize(max(11, int(rect.height() / 28)))
    painter.setFont(font)
    line = font.pixelSize() * 1.4
    skus = sorted({q.sku for q in parcel.placements})
    legend_h = line * min(len(skus), 6)
    area = rect.adjusted(12, line + 12, -12, -(legend_h + 12))
    corners = [_iso(x, y, z) for x in (0, L) for y in (0, W) for z in (0, H)]
    min_u, max_u = min(c[0] for c in corners), max(c[0] for c in corners)
    min_v, max_v = min(c[1] for c in corners), max(c[1] for c in corners)
    scale = min(area.width() / max(max_u - min_u, 1), area.height() / max(max_v - min_v, 1))
    ox = area.left() + (area.width() - (max_u - min_u) * scale) / 2 - min_u * scale
    oy = area.top() + (area.height() - (max_v - min_v) * scale) / 2 - min_v * scale

    def pt(x: float, y: float, z: float) -> QPointF:
        u, v = _iso(x, y, z)
        return QPointF(ox + u * scale, oy + v * scale)

    # the box's back walls and floor, faint, behind everything
    wall = QPen(QColor("#9a8f7a"), 1.2, Qt.PenStyle.DashLine)
    painter.setPen(wall)
    for a, b in (((0, 0, 0), (L, 0, 0)), ((0, 0, 0), (0, W, 0)), ((0, 0, 0), (0, 0, H)),
                 ((L, 0, 0), (L, 0, H)), ((0, W, 0), (0, W, H)), ((0, 0, H), (L, 0, H)), ((0, 0, H), (0, W, H))):
        painter.drawLine(pt(*a), pt(*b))
    painter.setBrush(QColor(0, 0, 0, 12))
    painter.drawPolygon(QPolygonF([pt(0, 0, 0), pt(L, 0, 0), pt(L, W, 0), pt(0, W, 0)]))
    edge = QPen(INK, 1.0)
    for q in _draw_order(parcel.placements):
        base = sku_colour(q.sku)
        x1, y1, z1, x2, y2, z2 = q.x, q.y, q.z, q.x + q.dx, q.y + q.dy, q.z + q.dz
        faces = (
            (base.lighter(112), [pt(x1, y1, z2), pt(x2, y1, z2), pt(x2, y2, z2), pt(x1, y2, z2)]),  # top
            (base.darker(118), [pt(x2, y1, z1), pt(x2, y2, z1), pt(x2, y2, z2), pt(x2, y1, z2)]),  # +x side
            (base.darker(140), [pt(x1, y2, z1), pt(x2, y2, z1), pt(x2, y2, z2), pt(x1, y2, z2)]),  # +y side
        )
        painter.setPen(edge)
        for colour, poly in faces:
            painter.setBrush(colour)
            painter.drawPolygon(QPolygonF(poly))
    # the box's front edges on top, so the outline reads as a box
    painter.setPen(QPen(QColor("#6d5f45"), 2.0))
    for a, b in (((L, W, 0), (L, 0, 0)), ((L, W, 0), (0, W, 0)), ((L, W, 0), (L, W, H)),
                 ((L, W, H), (L, 0, H)), ((L, W, H), (0, W, H)), ((L, 0, 0), (L, 0, H)), ((0, W, 0), (0, W, H))):
        painter.drawLine(pt(*a), pt(*b))
    painter.setPen(INK)
    if caption is None:
        caption = (f"{parcel.box.id}  {L} x {W} x {H} mm  -  {words.count(len(parcel.placements), 'unit')}"
                   if parcel.box is not None else own_container(parcel.placements[0].sku))
    painter.drawText(QRectF(rect.left() + 12, rect.top() + 6, rect.width() - 24, line),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, caption)
    counts = {s: sum(1 for q in parcel.placements if q.sku == s) for s in skus}
    for k, sku in enumerate(skus[:6]):
        top = rect.bottom() - legend_h - 6 + k * line
        painter.setBrush(sku_colour(sku))
        painter.drawRect(QRectF(rect.left() + 12, top + line * 0.2, line * 0.6, line * 0.6))
        more = ("  " + QCoreApplication.translate("PlacementView", "(+%1 more)").replace("%1", str(len(skus) - 6))
                if k == 5 and len(skus) > 6 else "")
        painter.drawText(QRectF(rect.left() + 12 + line, top, rect.width() - 24 - line, line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"{counts[sku]} x {sku}{more}")
    painter.restore()


class PlacementView(QWidget):
    """How the units go into the suggested box, drawn isometrically; redraws on resize."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parcel: Parcel | None = None
        self._caption: str | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 160)

    @property
    def parcel(self) -> Parcel | None:
        """The parcel on show, or None."""
        return self._parcel

    def show_parcel(self, parcel: Parcel | None, caption: str | None = None) -> None:
        """Show this parcel's placement (None clears the picture)."""
        self._parcel = parcel
        self._caption = caption
        self.update()

    def clear(self) -> None:
        """Show nothing (the "no suggestion yet" text)."""
        self.show_parcel(None)

    def paintEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        try:
            paint_parcel(painter, QRectF(self.rect()), self._parcel, self._caption)
        finally:
            painter.end()


def ensure_gui_application() -> QGuiApplication:
    """The running Q(Gui)Application, or a new one (offscreen when there is no display)."""
    app = QGuiApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([])
    return app  # type: ignore[return-value]


def render_parcels(parcels: Sequence[Parcel], cell: tuple[int, int] = (640, 480)) -> QImage:
    """All parcels side by side (up to three per row) in one image."""
    ensure_gui_application()
    cols = max(1, min(3, len(parcels)))
    rows = max(1, math.ceil(len(parcels) / cols))
    image = QImage(cell[0] * cols, cell[1] * rows, QImage.Format.Format_ARGB32)
    image.fill(BACKGROUND)
    painter = QPainter(image)
    try:
        for k, parcel in enumerate(parcels or [None]):  # type: ignore[list-item]
            r, c = divmod(k, cols)
            box = QRectF(c * cell[0], r * cell[1], cell[0], cell[1]).adjusted(4, 4, -4, -4)
            caption = None
            if parcel is not None and len(parcels) > 1:
                label = (f"{parcel.box.id} {parcel.box.length}x{parcel.box.width}x{parcel.box.height} mm"
                         if parcel.box else own_container(parcel.placements[0].sku))
                caption = QCoreApplication.translate("PlacementView", "Parcel %1 of %2: %3").replace(
                    "%1", str(k + 1)).replace("%2", str(len(parcels))).replace("%3", label)
            paint_parcel(painter, box, parcel, caption)
    finally:
        painter.end()
    return image


def save_png(parcels: Sequence[Parcel], path: str | Path, cell: tuple[int, int] = (640, 480)) -> Path:
    """Render the parcels and write a PNG file; returns its path."""
    path = Path(path)
    if not render_parcels(parcels, cell).save(str(path), "PNG"):
        from app.boxing.errors import BoxingError

        raise BoxingError(f"could not write the picture to {path}; check the folder exists and is writable")
    return path

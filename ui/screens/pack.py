"""The pack screen: the order, its special instructions, its lines in colour, the box and
the parcel, and a touch button for every command."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QIntValidator, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QSizePolicy, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.packing.api import LineState, PackLine, PackSnapshot
from app.ports import Scan
from app.paths import resource
from ui.placement_view import PlacementView, paint_parcel
from ui.readout import Readout
from ui.bridge import StationBridge as Station
from ui.style import AMBER, GREEN, GREY, PURPLE, RED, banner_style, button, label

log = logging.getLogger(__name__)

ROW_COLOURS = {LineState.TODO: GREY, LineState.PARTIAL: AMBER, LineState.DONE: GREEN,
               LineState.BACKORDERED: PURPLE}
COLUMNS = ("", "SKU", "Item", "Expected", "Scanned")
WHITE = QColor("white")
TEXT_ZOOM = 1.6  # the box picture's text size against PlacementView's own


def special_instructions(pack: PackSnapshot) -> list[str]:
    """Every instruction the packer must not miss, in words."""
    out = []
    if pack.gift_wrap:
        out.append("GIFT WRAP this order")
    if pack.special_packaging:
        out.append(f"SPECIAL PACKAGING: {pack.special_packaging}")
    if pack.gift_message:
        out.append(f"PERSONAL MESSAGE to include: \u201c{pack.gift_message}\u201d")
    if pack.notes:
        out.append(f"NOTE: {pack.notes}")
    return out


class PackScreen(QWidget):
    """Shows one PackSnapshot; every change arrives through Station.pack_changed."""

    shows_messages = True  # its message line replaces the window's status bar

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        self._pictures: dict[str, QPixmap | None] = {}
        layout = QVBoxLayout(self)
        head = QGridLayout()
        self.order = label("", "title", wrap=False)
        self.customer = label("", "message")
        self.carrier = label("", "message")
        self.sla = Readout(lines=1)  # the units count changes with every scan
        self.parcel = label("", "title", wrap=False)
        self.parcel.setAlignment(Qt.AlignmentFlag.AlignRight)
        head.addWidget(self.order, 0, 0)
        head.addWidget(self.parcel, 0, 1)
        head.addWidget(self.customer, 1, 0)
        head.addWidget(self.carrier, 1, 1)
        head.addWidget(self.sla, 2, 0, 1, 2)
        layout.addLayout(head)
        self.banner = label("")
        self.banner.setStyleSheet(banner_style(PURPLE))
        self.banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.banner.hide()
        layout.addWidget(self.banner)
        middle = QHBoxLayout()
        self.table = LinesTable(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(64)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Fixed widths, sized when an order's lines arrive: a column that resizes to its
        # contents re-measures every cell of the table each time a count changes.
        for col in (0, 1, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
        middle.addWidget(self.table, 3)
        self._shown: PackSnapshot | None = None  # what the widgets show now (to change only what differs)
        self._rows: list[object] = []  # the PackLine each table row shows
        self._due = ""
        box_column = QVBoxLayout()
        box_column.addWidget(label("SUGGESTED BOX", "hint", wrap=False))
        self.box = label("No box suggestion yet", "title")
        self.box_size = label("", "hint")
        self.box_why = label("", "hint")
        for widget in (self.box, self.box_size, self.box_why):
            box_column.addWidget(widget)
        self.placement = _placement_view()
        if self.placement is not None:
            self.placement.setMinimumSize(300, 240)
            box_column.addWidget(self.placement, 1)
        else:
            box_column.addStretch(1)
        middle.addLayout(box_column, 2)
        layout.addLayout(middle, 1)
        self.message = Readout(lines=2)
        layout.addWidget(self.message)
        serial_row = QHBoxLayout()  # a serial number or a quantity is asked: a question, not a success
        self.serial = label("", "title")
        self.serial.setStyleSheet(banner_style(AMBER))
        self.quantity = QLineEdit()  # a bulk product's quantity, typed and Enter
        self.quantity.setValidator(QIntValidator(1, 999999, self.quantity))
        self.quantity.setPlaceholderText("how many?")
        self.quantity.setMaximumWidth(220)
        self.quantity.setStyleSheet("font-size: 28pt;")
        self.quantity.returnPressed.connect(self._quantity_entered)
        self.cancel_serial = button("CANCEL", "danger")
        self.cancel_serial.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel_serial.clicked.connect(station.cancel_question)
        serial_row.addWidget(self.serial, 1)
        serial_row.addWidget(self.quantity)
        serial_row.addWidget(self.cancel_serial)
        for widget in (self.serial, self.quantity, self.cancel_serial):
            widget.hide()
        layout.addLayout(serial_row)
        buttons = QHBoxLayout()
        self.buttons = {name: button(name, kind) for name, kind in (
            ("UNDO", ""), ("CLOSE BOX", "ok"), ("PROBLEM", "danger"), ("REPRINT", ""),
            ("PARTIAL", ""), ("LOG OUT", ""))}
        for widget in self.buttons.values():
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter from a wedge never presses one
            widget.setMinimumWidth(120)
            widget.setStyleSheet("font-size: 17pt; padding: 4px 8px;")
            buttons.addWidget(widget)
        layout.addLayout(buttons)
        self.buttons["UNDO"].clicked.connect(station.undo)
        self.buttons["CLOSE BOX"].clicked.connect(station.close_box)
        self.buttons["PROBLEM"].clicked.connect(lambda: station.ask("problem"))
        self.buttons["REPRINT"].clicked.connect(lambda: station.ask("reprint"))
        self.buttons["PARTIAL"].clicked.connect(lambda: station.ask("partial"))
        self.buttons["LOG OUT"].clicked.connect(station.logout)
        station.pack_changed.connect(self.show_pack)
        station.message.connect(self._message)

    def show_pack(self, pack: PackSnapshot | None) -> None:
        """Show a new snapshot, touching only the widgets whose content changed: a scan changes
        one table row and the units count, so only those repaint (None: nothing open)."""
        if pack is None:
            self._shown = None
            return
        old = self._shown
        self._shown = pack
        if old is None or _header(old) != _header(pack):
            self._show_header(pack)
        _set_text(self.parcel, pack.parcel_caption.upper())
        if old is None or old.sla_due_at != pack.sla_due_at:
            self._due = pack.sla_due_at.astimezone().strftime("%a %d %b %H:%M") if pack.sla_due_at else "no SLA"
        _set_text(self.sla, f"Ship by: {self._due}    Units {pack.units_scanned} of {pack.units_expected}")
        self._show_lines(pack)
        if old is None or old.order_number != pack.order_number:
            self._size_columns(pack)
        if old is None or old.suggested_box != pack.suggested_box:
            self._show_box(pack)
        self.buttons["REPRINT"].setEnabled(any(p.label for p in pack.parcels))
        asking = pack.awaiting_serial_for or pack.awaiting_quantity_for
        self.buttons["CLOSE BOX"].setEnabled(not pack.locked and not asking)
        self._show_serial(pack)

    def _show_serial(self, pack: PackSnapshot) -> None:
        """While a serial number or a bulk quantity is asked: what to give, and the way out."""
        serial, bulk = pack.awaiting_serial_for, pack.awaiting_quantity_for
        sku = serial or bulk
        name = next((line.name for line in pack.lines if line.sku == sku), "")
        if serial:
            _set_text(self.serial, f"Scan the SERIAL NUMBER of {serial} {name}".rstrip()
                      + " - or CANCEL to leave this unit out")
        elif bulk:
            _set_text(self.serial, f"HOW MANY {bulk} {name}? Type 1 to {pack.awaiting_quantity_max} and "
                      "press Enter - or CANCEL")
        self.serial.setVisible(bool(sku))
        self.cancel_serial.setVisible(bool(sku))
        was_shown = self.quantity.isVisible()
        self.quantity.setVisible(bool(bulk))
        if bulk and not was_shown:
            self.quantity.clear()
            self.quantity.setFocus()

    def _quantity_entered(self) -> None:
        """A typed quantity goes to the core like a scanned one."""
        text = self.quantity.text().strip()
        self.quantity.clear()
        if text:
            self.station.handle_scan(Scan(text, None, "keyboard"))

    def _show_header(self, pack: PackSnapshot) -> None:
        _set_text(self.order, f"Order {pack.order_number}")
        _set_text(self.customer, f"Customer: {pack.customer_name}")
        _set_text(self.carrier, f"{pack.carrier} - {pack.service}")
        notes = "\n".join(special_instructions(pack))
        _set_text(self.banner, notes)
        self.banner.setVisible(bool(notes))

    def _show_box(self, pack: PackSnapshot) -> None:
        box = pack.suggested_box
        if box is None:
            _set_text(self.box, "No box suggestion yet")
            _set_text(self.box_size, "")
            _set_text(self.box_why, "")
        else:
            length, width, height = box.inner_mm
            _set_text(self.box, f"{box.name} ({box.code})")
            _set_text(self.box_size, f"{length} x {width} x {height} mm, up to {box.max_load_g / 1000:g} kg")
            why = box.explanation  # one line; a big order's split can name dozens of boxes
            _set_text(self.box_why, why if len(why) <= 160 else why[:157].rstrip() + "...")
            self.box_why.setToolTip(why)
        if self.placement is not None:
            parcel = box.parcel if box is not None else None
            if parcel is None:
                self.placement.clear()
            else:
                self.placement.show_parcel(parcel)

    def _show_lines(self, pack: PackSnapshot) -> None:
        table = self.table
        if len(self._rows) != len(pack.lines):
            table.setRowCount(len(pack.lines))
            self._rows = [None] * len(pack.lines)
        for row, line in enumerate(pack.lines):
            shown = self._rows[row]
            if shown is line or shown == line:
                continue  # the service keeps an unchanged line's object: nothing to repaint
            self._rows[row] = line
            if isinstance(shown, PackLine) and (shown.line_no, shown.sku, shown.name, shown.image, shown.expected,
                                                shown.backordered) == (line.line_no, line.sku, line.name,
                                                                       line.image, line.expected, line.backordered):
                # a scan: the count, and the colour when the line's state moved on
                if shown.scanned != line.scanned:
                    table.item(row, 4).setText(str(line.scanned))
                if shown.state != line.state:
                    self._colour_row(row, line)
                continue
            self._fill_row(row, line)

    def _fill_row(self, row: int, line: PackLine) -> None:
        table = self.table
        values = ("", line.sku, line.name, str(line.expected - line.backordered), str(line.scanned))
        for col, text in enumerate(values):
            item = table.item(row, col)
            if item is None:
                item = QTableWidgetItem()
                item.setForeground(WHITE)
                table.setItem(row, col, item)
            if item.text() != text:
                item.setText(text)
        self._colour_row(row, line)
        picture = self._picture(line.image)
        table.item(row, 0).setData(Qt.ItemDataRole.DecorationRole, picture)

    def _colour_row(self, row: int, line: PackLine) -> None:
        colour = QColor(ROW_COLOURS[line.state])
        for col in range(len(COLUMNS)):
            item = self.table.item(row, col)
            if item.background().color() != colour:
                item.setBackground(colour)

    def _size_columns(self, pack: PackSnapshot) -> None:
        """Column widths for this order's lines: the SKUs as they are, counts up to 5 digits."""
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        metrics = self.table.fontMetrics()
        digits = max([len(str(line.expected)) for line in pack.lines] + [5])
        for col in (3, 4):
            header_width = self.table.horizontalHeader().fontMetrics().horizontalAdvance(COLUMNS[col])
            self.table.setColumnWidth(col, max(header_width, metrics.horizontalAdvance("8" * digits)) + 32)

    def _picture(self, image: str | None) -> QPixmap | None:
        if not image:
            return None
        if image not in self._pictures:
            path = Path(image) if Path(image).is_absolute() else resource("images", image)
            pixmap = QPixmap(str(path))
            self._pictures[image] = None if pixmap.isNull() else pixmap.scaled(
                56, 56, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        return self._pictures[image]

    def _message(self, text: str, level: str) -> None:
        self.message.show_text(text, RED if level == "error" else GREEN if level == "ok" else None)


class LinesTable(QTableWidget):
    """The order's lines. Its viewport paints its own background, so a scan that changes one
    row repaints that row alone, not the screens and the window behind it as well."""

    def __init__(self, rows: int, columns: int) -> None:
        super().__init__(rows, columns)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def paintEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        viewport = self.viewport()
        painter = QPainter(viewport)
        try:
            painter.fillRect(event.rect(), viewport.palette().color(viewport.backgroundRole()))  # type: ignore[attr-defined]
        finally:
            painter.end()
        super().paintEvent(event)  # type: ignore[arg-type]


def _set_text(widget: QLabel | Readout, text: str) -> None:
    """setText only when the text differs (an unchanged label is not relaid out or repainted)."""
    if widget.text() != text:
        widget.setText(text)


def _header(pack: PackSnapshot) -> tuple[object, ...]:
    return (pack.order_number, pack.customer_name, pack.carrier, pack.service, pack.gift_wrap,
            pack.special_packaging, pack.gift_message, pack.notes)


class PackedPicture(PlacementView):
    """The suggested box's picture, drawn once per parcel and size into a pixmap.

    Any repaint of the pack screen that touches this area (a scan's row, the message under
    it) only copies the pixmap: drawing the parcel itself sorts its units back to front,
    which for a big parcel costs milliseconds that a scan must not pay."""

    def __init__(self) -> None:
        super().__init__()
        self._cache: QPixmap | None = None
        self.drawn = 0  # times the parcel was really drawn (tests)

    def show_parcel(self, parcel: object, caption: str | None = None) -> None:
        """Show this parcel's placement (None clears the picture)."""
        self._cache = None
        super().show_parcel(parcel, caption)  # type: ignore[arg-type]

    def resizeEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        self._cache = None
        super().resizeEvent(event)  # type: ignore[arg-type]

    def paintEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        ratio = self.devicePixelRatioF()
        if self._cache is None:
            pixmap = QPixmap(self.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            painter = QPainter(pixmap)
            try:
                # drawn at a smaller size and scaled up (vectors stay sharp): the caption and
                # the legend come out readable from a metre, like the rest of the station
                painter.scale(TEXT_ZOOM, TEXT_ZOOM)
                paint_parcel(painter, QRectF(0, 0, self.width() / TEXT_ZOOM, self.height() / TEXT_ZOOM),
                             self.parcel, self._caption)
            finally:
                painter.end()
            self._cache = pixmap
            self.drawn += 1
        painter = QPainter(self)
        try:
            rect = event.rect()  # type: ignore[attr-defined]
            painter.drawPixmap(rect, self._cache, QRectF(rect.x() * ratio, rect.y() * ratio,
                                                         rect.width() * ratio, rect.height() * ratio).toRect())
        finally:
            painter.end()


def _placement_view() -> PackedPicture | None:
    """The suggested box's picture (a broken picture must not stop packing)."""
    try:
        return PackedPicture()
    except Exception:
        log.exception("the box picture could not be built")
        return None

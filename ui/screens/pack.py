"""The pack screen: the order, its special instructions, its lines in colour, the box and
the parcel, and a touch button for every command."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIntValidator, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QSizePolicy, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from app import words
from app.messages import say
from app.packing.api import BoxSuggestion, LineState, PackLine, PackSnapshot
from app.ports import Scan
from app.paths import resource
from ui.placement_view import PlacementView, paint_parcel
from ui.readout import Readout
from ui.bridge import StationBridge as Station
from ui.offline_banner import OfflineBanner
from ui.style import (
    AMBER, BANNER_PT, BASE_PT, COUNT_PT, GREEN, GREY, KEY_PT, PURPLE, RED, SKU_PT, banner_style, button, label,
)
from ui.translations import Retranslated, kilograms

log = logging.getLogger(__name__)

ROW_COLOURS = {LineState.TODO: GREY, LineState.PARTIAL: AMBER, LineState.DONE: GREEN,
               LineState.BACKORDERED: PURPLE}
COLUMNS = 5  # the picture, the item, the SKU, to pack, scanned
ITEM, SKU, TO_PACK, SCANNED = 1, 2, 3, 4
WHITE = QColor("white")
TEXT_ZOOM = 1.6  # the box picture's text size against PlacementView's own
NAME_LINES = 2  # an item's name wraps onto two lines rather than lose its size or colour
PICTURE_PX = 56
NAME_MIN_PX = 200  # an item's name in two lines of the table: narrower, the picture column gives way to it
BOX_PICTURE_MIN = (360, 300)
BOX_COLUMN_MIN = 420  # "Shipping box XL" on one line at the title size
FACT_STYLE = "font-size: 18pt; padding: 0 4px;"  # customer, carrier and ship-by above the box
# the buttons: (the command's name, which code and tests use, colour); button_texts() has their words
BUTTONS = (("UNDO", ""), ("CLOSE BOX", "ok"), ("PROBLEM", "danger"), ("REPRINT", ""), ("PARTIAL", ""), ("LOG OUT", ""))


def column_titles() -> list[str]:
    """The lines table's headers in the language shown."""
    return ["", QCoreApplication.translate("PackScreen", "Item"), QCoreApplication.translate("PackScreen", "SKU"),
            QCoreApplication.translate("PackScreen", "To pack"), QCoreApplication.translate("PackScreen", "Scanned")]


def button_texts() -> dict[str, str]:
    """The pack screen's buttons in the language shown (the keys are the commands' names)."""
    return {"UNDO": QCoreApplication.translate("PackScreen", "UNDO"),
            "CLOSE BOX": QCoreApplication.translate("PackScreen", "CLOSE BOX"),
            "PROBLEM": QCoreApplication.translate("PackScreen", "PROBLEM"),
            "REPRINT": QCoreApplication.translate("PackScreen", "REPRINT"),
            "PARTIAL": QCoreApplication.translate("PackScreen", "PARTIAL"),
            "LOG OUT": QCoreApplication.translate("PackScreen", "LOG OUT")}


def special_instructions(pack: PackSnapshot) -> list[str]:
    """Every instruction the packer must not miss, in words."""
    out = []
    if pack.gift_wrap:
        out.append(QCoreApplication.translate("PackScreen", "GIFT WRAP this order"))
    if pack.special_packaging:
        out.append(QCoreApplication.translate("PackScreen", "SPECIAL PACKAGING: %1").replace(
            "%1", pack.special_packaging))
    if pack.gift_message:
        out.append(QCoreApplication.translate("PackScreen", "PERSONAL MESSAGE to include: \u201c%1\u201d").replace(
            "%1", pack.gift_message))
    if pack.notes:
        out.append(QCoreApplication.translate("PackScreen", "NOTE: %1").replace("%1", pack.notes))
    return out


def image_path(image: str) -> Path:
    """Where a product's picture is: an absolute path, or a path under resources/ as the catalogue
    names it ("demo/images/MUG-350-WHT.png"), or a bare file name under resources/images/."""
    path = Path(image)
    if path.is_absolute():
        return path
    under_resources = resource(*path.parts)
    return under_resources if under_resources.exists() else resource("images", *path.parts)


def box_on_screen(pack: PackSnapshot) -> tuple[str, BoxSuggestion | None]:
    """The box the screen shows and its heading: the box chosen for the open parcel (after an
    override), else the suggestion."""
    if pack.chosen_box is not None:
        return QCoreApplication.translate("PackScreen", "BOX CHOSEN"), pack.chosen_box
    return QCoreApplication.translate("PackScreen", "SUGGESTED BOX"), pack.suggested_box


class PackScreen(Retranslated, QWidget):
    """Shows one PackSnapshot; every change arrives through Station.pack_changed."""

    shows_messages = True  # its message line replaces the window's status bar
    own_message_line = True

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        self._pictures: dict[str, QPixmap | None] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        middle = QHBoxLayout()
        left = QVBoxLayout()
        left.setSpacing(6)
        head = QHBoxLayout()
        self.order = label("", "title", wrap=False)
        # the key numbers, readable from a metre; the units count changes with every scan
        self.sla = Readout(lines=1, point_size=KEY_PT, pad=2)
        self.parcel_word = label("", "hint", wrap=False)
        self.parcel_word.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.parcel = label("", "key", wrap=False)  # "1 of 2": the number at the key size
        self.parcel.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # room for "8 of 8" from the start: the units count never loses width to it later
        self.parcel.setMinimumWidth(QFontMetrics(_font(KEY_PT, bold=True)).horizontalAdvance("8 of 8") + 12)
        head.addWidget(self.sla, 1)
        head.addWidget(self.parcel_word)
        head.addWidget(self.parcel)
        left.addLayout(head)
        self.offline = OfflineBanner(station)  # "offline: N events waiting" (issue 17)
        left.addWidget(self.offline)
        # who and how it ships head the box column: the left keeps its height for the lines
        self.customer = label("", "message")
        self.carrier = label("", "message")  # "no carrier chosen" wraps beside a name rather than cut it
        self.due = label("", "message")
        for widget in (self.customer, self.carrier, self.due):
            widget.setStyleSheet(FACT_STYLE)
        self.banner = label("")
        self.banner.setStyleSheet(banner_style(PURPLE, BANNER_PT))
        self.banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.banner.hide()
        left.addWidget(self.banner)
        self.table = LinesTable(0, COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(True)  # a long name takes a second line ...
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # ... and never loses its end
        self.table.setIconSize(QSize(PICTURE_PX, PICTURE_PX))
        self.table.verticalHeader().hide()
        line_height = QFontMetrics(_font(BASE_PT)).lineSpacing()
        self.table.verticalHeader().setDefaultSectionSize(max(PICTURE_PX + 2, line_height * NAME_LINES + 4))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Stretch)
        # Fixed widths, sized when an order's lines arrive: a column that resizes to its
        # contents re-measures every cell of the table each time a count changes.
        for col in (0, SKU, TO_PACK, SCANNED):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
        self.table.viewport().installEventFilter(self)  # its width decides whether pictures have room (_fit_picture)
        left.addWidget(self.table, 1)
        middle.addLayout(left, 5)
        self._shown: PackSnapshot | None = None  # what the widgets show now (to change only what differs)
        self._rows: list[object] = []  # the PackLine each table row shows
        self._due = ""
        # the box column runs the full height beside the order: a banner never squeezes its picture
        box_panel = QWidget()
        box_panel.setMinimumWidth(BOX_COLUMN_MIN)
        box_column = QVBoxLayout(box_panel)
        box_column.setContentsMargins(0, 0, 0, 0)
        box_column.setSpacing(2)
        box_column.addWidget(self.order)
        who = QHBoxLayout()  # the customer and the carrier side by side, each whole
        who.addWidget(self.customer, 1)
        who.addWidget(self.carrier, 1)
        box_column.addLayout(who)
        box_column.addWidget(self.due)
        box_column.addSpacing(10)
        self.box_heading = label("", "hint", wrap=False)
        self.box_heading.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.box = label("", "title")  # wraps between the words of the name only
        self.box_code = label("", "boxcode", wrap=False)  # a code is never broken
        self.box_size = label("", "hint")
        self.box_why = label("", "hint", wrap=False)  # one line, cut at the edge: the tooltip has it all
        self.box_why.setMinimumWidth(1)
        box_column.addWidget(self.box)
        code_row = QHBoxLayout()  # the code, and whether the box is the suggestion or chosen
        code_row.addWidget(self.box_code)
        code_row.addWidget(self.box_heading, 1)
        box_column.addLayout(code_row)
        for widget in (self.box_size, self.box_why):
            box_column.addWidget(widget)
        self.placement = _placement_view()
        if self.placement is not None:
            self.placement.setMinimumSize(*BOX_PICTURE_MIN)
            box_column.addWidget(self.placement, 1)
        else:
            box_column.addStretch(1)
        self.message = Readout(lines=2)
        left.addWidget(self.message)
        serial_row = QHBoxLayout()  # a serial number or a quantity is asked: a question, not a success
        self.serial = label("", "title")
        self.serial.setStyleSheet(banner_style(AMBER))
        self.quantity = QLineEdit()  # a bulk product's quantity, typed and Enter
        self.quantity.setValidator(QIntValidator(1, 999999, self.quantity))
        self.quantity.setMaximumWidth(220)
        self.quantity.setStyleSheet("font-size: 28pt;")
        self.quantity.returnPressed.connect(self._quantity_entered)
        self.cancel_serial = button("")
        self.cancel_serial.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel_serial.clicked.connect(station.cancel_question)
        serial_row.addWidget(self.serial, 1)
        serial_row.addWidget(self.quantity)
        serial_row.addWidget(self.cancel_serial)
        for widget in (self.serial, self.quantity, self.cancel_serial):
            widget.hide()
        left.addLayout(serial_row)
        middle.addWidget(box_panel, 2)
        layout.addLayout(middle, 1)
        buttons = QHBoxLayout()
        self.buttons = {name: button(name, kind) for name, kind in BUTTONS}
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
        self.retranslate()

    def retranslate(self) -> None:
        """The screen's words in the language shown now, and the open order's again."""
        self.parcel_word.setText(self.tr("PARCEL"))
        self.table.setHorizontalHeaderLabels(column_titles())
        self.quantity.setPlaceholderText(self.tr("how many?"))
        self.cancel_serial.setText(self.tr("CANCEL"))
        for name, text in button_texts().items():
            self.buttons[name].setText(text)
        shown, self._shown, self._rows = self._shown, None, [None] * len(self._rows)
        if shown is not None:
            self.show_pack(shown)
        else:
            self.box.setText(self.tr("No box suggestion yet"))

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
        _set_text(self.parcel, parcel_number(pack))
        if old is None or old.sla_due_at != pack.sla_due_at:
            text, overdue = words.ship_by(pack.sla_due_at)
            _set_text(self.due, say(text))
            self.due.setStyleSheet(FACT_STYLE + (f"background: {RED}; color: white; font-weight: bold;" if overdue else ""))
        _set_text(self.sla, self.tr("Units %1 of %2").replace("%1", str(pack.units_scanned))
                  .replace("%2", str(pack.units_expected)))
        self._show_lines(pack)
        if old is None or old.order_number != pack.order_number:
            self._size_columns(pack)
        if old is None or box_on_screen(old) != box_on_screen(pack):
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
            _set_text(self.serial, self.tr("Scan the SERIAL NUMBER of %1 - or CANCEL to leave this unit out")
                      .replace("%1", f"{serial} {name}".rstrip()))
        elif bulk:
            _set_text(self.serial, self.tr("HOW MANY %1? Type 1 to %2 and press Enter - or CANCEL")
                      .replace("%1", f"{bulk} {name}".rstrip()).replace("%2", str(pack.awaiting_quantity_max)))
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
        _set_text(self.order, self.tr("Order %1").replace("%1", pack.order_number))
        _set_text(self.customer, pack.customer_name)
        _set_text(self.carrier, say(words.shipping(pack.carrier, pack.service)))
        notes = "\n".join(special_instructions(pack))
        _set_text(self.banner, notes)
        self.banner.setVisible(bool(notes))

    def _show_box(self, pack: PackSnapshot) -> None:
        heading, box = box_on_screen(pack)
        _set_text(self.box_heading, heading)
        if box is None:
            _set_text(self.box, self.tr("No box suggestion yet"))
            for widget in (self.box_code, self.box_size, self.box_why):
                _set_text(widget, "")
        else:
            length, width, height = box.inner_mm
            _set_text(self.box, box.name)
            _set_text(self.box_code, box.code)
            _set_text(self.box_size, self.tr("%1 x %2 x %3 mm, up to %4").replace("%1", str(length))
                      .replace("%2", str(width)).replace("%3", str(height)).replace("%4", kilograms(box.max_load_g)))
            why = say(box.explanation)  # one line; a big order's split can name dozens of boxes
            _set_text(self.box_why, why if len(why) <= 80 else why[:77].rstrip() + "...")
            self.box_why.setToolTip(why)
        if self.placement is not None:
            parcel = box.parcel if box is not None else None
            if parcel is None:
                self.placement.clear()
            else:  # the box's code and size are written above: the picture says what is in it
                self.placement.show_parcel(parcel, self.tr("%1 in %2").replace(
                    "%1", words.count(len(parcel.placements), "unit")).replace("%2", box.code))

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
                    table.item(row, SCANNED).setText(str(line.scanned))
                if shown.state != line.state:
                    self._colour_row(row, line)
                continue
            self._fill_row(row, line)

    def _fill_row(self, row: int, line: PackLine) -> None:
        table = self.table
        values = ("", item_text(line), line.sku, to_pack_text(line), str(line.scanned))
        for col, text in enumerate(values):
            item = table.item(row, col)
            if item is None:
                item = QTableWidgetItem()
                item.setForeground(WHITE)
                if col in (TO_PACK, SCANNED):
                    item.setFont(_font(COUNT_PT, bold=True))
                elif col == SKU:
                    item.setFont(_font(SKU_PT))
                table.setItem(row, col, item)
            if item.text() != text:
                item.setText(text)
        self._colour_row(row, line)
        picture = self._picture(line.image)
        table.item(row, 0).setData(Qt.ItemDataRole.DecorationRole, picture)

    def _colour_row(self, row: int, line: PackLine) -> None:
        colour = QColor(ROW_COLOURS[line.state])
        for col in range(COLUMNS):
            item = self.table.item(row, col)
            if item.background().color() != colour:
                item.setBackground(colour)

    def _size_columns(self, pack: PackSnapshot) -> None:
        """Column widths for this order's lines: the picture, the SKUs as they are, the counts up
        to 5 digits; the item's name takes the rest."""
        self.table.setColumnWidth(0, PICTURE_PX + 12)
        sku_metrics = QFontMetrics(_font(SKU_PT))
        skus = [line.sku for line in pack.lines] or [""]
        header_metrics = self.table.horizontalHeader().fontMetrics()
        titles = column_titles()
        self.table.setColumnWidth(SKU, max(max(sku_metrics.horizontalAdvance(s) for s in skus),
                                           header_metrics.horizontalAdvance(titles[SKU])) + 24)
        metrics = QFontMetrics(_font(COUNT_PT, bold=True))
        digits = max([len(str(line.expected)) for line in pack.lines] + [3])
        for col in (TO_PACK, SCANNED):
            header_width = header_metrics.horizontalAdvance(titles[col])
            self.table.setColumnWidth(col, max(header_width, metrics.horizontalAdvance("8" * digits)) + 28)
        self._fit_picture()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_picture()
        return super().eventFilter(watched, event)

    def _fit_picture(self) -> None:
        """The pictures give their column to the items' names where the table is narrow (1366x768
        or 1280x1024 beside the demo panel left a name 55 px, shown as "..."): a name is what a
        packer reads; a picture only helps."""
        others = sum(self.table.columnWidth(col) for col in (SKU, TO_PACK, SCANNED))
        room = self.table.viewport().width() - others - (PICTURE_PX + 12)
        hide = room < NAME_MIN_PX
        if self.table.isColumnHidden(0) != hide:
            self.table.setColumnHidden(0, hide)

    def _picture(self, image: str | None) -> QPixmap | None:
        if not image:
            return None
        if image not in self._pictures:
            path = image_path(image)
            pixmap = QPixmap(str(path))
            if pixmap.isNull():
                log.warning("the picture %s of a product was not found at %s", image, path)
            self._pictures[image] = None if pixmap.isNull() else pixmap.scaled(
                PICTURE_PX, PICTURE_PX, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        return self._pictures[image]

    def _message(self, text: str, level: str) -> None:
        self.message.show_text(text, RED if level == "error" else GREEN if level == "ok" else None)


def parcel_number(pack: PackSnapshot) -> str:
    """"2 of 3" once the count is known, "2" before."""
    if pack.parcel_count:
        return QCoreApplication.translate("PackScreen", "%1 of %2").replace(
            "%1", str(pack.current_parcel_seq)).replace("%2", str(pack.parcel_count))
    return str(pack.current_parcel_seq)


def item_text(line: PackLine) -> str:
    """The item's whole name; a backorder says so on the line itself."""
    if line.backordered:
        return f"{line.name}\n" + QCoreApplication.translate("PackScreen", "%1 on backorder: they ship later").replace(
            "%1", str(line.backordered))
    return line.name


def to_pack_text(line: PackLine) -> str:
    """Units of the line to ship now; a line wholly on backorder shows a dash, not "0"."""
    now = line.expected - line.backordered
    return "-" if now == 0 and line.backordered else str(now)


def _font(point_size: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSize(point_size)
    font.setBold(bold)
    return font


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

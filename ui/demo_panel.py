"""Demo mode's side panel: type a barcode + Enter (the keyboard acts as a scanner), or click
one of the current order's barcodes to "scan" it. Everything goes through a Scanner."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.commands import Command
from app.messages import _
from app.packing.api import PackSnapshot
from app.packing.reasons import CANCEL, QUESTIONS
from app.picking.flow import PickingSnapshot
from ui.scan_inbox import ManualScanner
from ui.bridge import StationBridge as Station
from ui.style import label
from ui.translations import Retranslated

DATA = Qt.ItemDataRole.UserRole
STEP_QUESTIONS = {"box_reason": "box", "reprint": "reprint", "problem": "problem",  # step -> question
                  "logout": "logout", "override_reason": "override"}


class DemoPanel(Retranslated, QWidget):
    """Barcodes to click, and a line to type into."""

    def __init__(self, station: Station, scanner: ManualScanner, badges: list[tuple[str, str]]) -> None:
        super().__init__()
        self.station, self.scanner, self.badges = station, scanner, badges
        self.setMinimumWidth(240)  # the window gives it a fifth of its width (ui/window.py)
        self.setMaximumWidth(420)
        layout = QVBoxLayout(self)
        self.hint = label("", "hint")
        layout.addWidget(self.hint)
        self.line = QLineEdit()
        self.line.returnPressed.connect(self._typed)
        layout.addWidget(self.line)
        self.list = QListWidget()
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # a long reason barcode keeps its start and end in view rather than a scroll bar
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.itemClicked.connect(self._clicked)
        layout.addWidget(self.list, 1)
        station.pack_changed.connect(self.refresh)
        station.user_changed.connect(self._new_user)
        station.step_changed.connect(lambda _s: self.refresh(station.pack))
        station.picking_changed.connect(lambda _p: self.refresh(station.pack))
        # the picker's stop: (product id, then) reads a product's barcodes off the GUI thread
        # (set by the composition root); what came back is kept per product
        self.barcodes_of: Callable[[int, Callable[[list[tuple[str, int]]], None]], None] | None = None
        self.item_barcodes: dict[int, list[tuple[str, int]]] = {}
        self._asked: set[int] = set()
        # a picker between lists: (then) reads the open pick lists off the GUI thread, again each
        # time the picker is back at "scan a pick list"
        self.open_lists: Callable[[Callable[[list[str]], None]], None] | None = None
        self.pick_lists: list[str] | None = None
        self.retranslate()

    def _new_user(self, _user: object) -> None:
        self.pick_lists = None  # a picker logging in reads the open lists as they are now
        self.refresh(self.station.pack)

    def set_badges(self, badges: list[tuple[str, str]]) -> None:
        """The badges to click (read from the database after the panel is shown)."""
        self.badges = list(badges)
        self.refresh(self.station.pack)

    def retranslate(self) -> None:
        """The panel's words and its barcodes' captions in the language shown now."""
        self.hint.setText(self.tr("DEMO: type a barcode + Enter, or click one"))
        self.line.setPlaceholderText(self.tr("barcode + Enter"))
        self.refresh(None)

    def _typed(self) -> None:
        text = self.line.text()
        self.line.clear()
        self.scanner.scan(text.strip())

    def _clicked(self, item: QListWidgetItem) -> None:
        data = item.data(DATA)
        if data:
            self.scanner.scan(data[0], data[1])

    def entries(self) -> list[tuple[str, str, str | None]]:
        """(caption, data, symbology) of every clickable barcode now."""
        out: list[tuple[str, str, str | None]] = []
        pack = self.station.pack
        if self.station.user is None:
            return [(self.tr("badge %1").replace("%1", name), code, None) for name, code in self.badges]
        question = STEP_QUESTIONS.get(self.station.step)
        if question is not None:  # a question is open: only its answers do anything
            return [(self.tr("reason: %1").replace("%1", _(r.text)), r.barcode, None) for r in QUESTIONS[question]] \
                + [(self.tr("CANCEL"), CANCEL, None)]
        picking = self.station.snapshot.picking
        if pack is None and picking is not None and picking.current is not None:
            self.pick_lists = None  # read again when this list is done
            return self._pick_barcodes(picking)
        if pack is None and self.station.step == "pick":
            if self.pick_lists is None:
                self._read_pick_lists()
            return [(self.tr("pick list %1").replace("%1", code), code, None) for code in self.pick_lists or []] \
                + [(self.tr("LOG OUT"), Command.LOGOUT.value, None)]
        if pack is None:
            return [(self.tr("NEXT"), Command.NEXT.value, None), (self.tr("LOG OUT"), Command.LOGOUT.value, None)]
        out += self._order_barcodes(pack)
        if pack.suggested_box is not None:
            out.append((self.tr("box %1 (suggested)").replace("%1", pack.suggested_box.code),
                        pack.suggested_box.barcode, None))
        for parcel in pack.parcels:
            if parcel.sscc and parcel.status == "closed" and parcel.label and parcel.label.status == "printed":
                out.append((self.tr("label of parcel %1").replace("%1", str(parcel.seq)), f"00{parcel.sscc}", "]C1"))
        out += [(c.label, c.value, None) for c in Command if c is not Command.NEXT]
        out += [(self.tr("supervisor %1").replace("%1", name), code, None)
                for name, code in self.badges if "super" in name.lower()]
        return out

    def _order_barcodes(self, pack: PackSnapshot) -> list[tuple[str, str, str | None]]:
        remaining = {line.sku: line.remaining for line in pack.lines}
        return [(f"{h.sku} x{h.quantity}" + ("" if remaining.get(h.sku) else " " + self.tr("(done)")), h.code, None)
                for h in pack.barcodes]

    def _pick_barcodes(self, picking: PickingSnapshot) -> list[tuple[str, str, str | None]]:
        """The current stop of the pick list: its location, its item's barcodes (read once per
        product), SHORT; ACK while a wrong scan locks the screen; LOG OUT."""
        line = picking.current
        assert line is not None
        out: list[tuple[str, str, str | None]] = []
        if picking.lock is not None:
            out.append((Command.ACK.label, Command.ACK.value, None))
        out.append((self.tr("location %1").replace("%1", line.location), line.location, None))
        if line.product_id is not None:
            codes = self.item_barcodes.get(line.product_id)
            if codes is None:
                self._read_barcodes(line.product_id)
            for code, units in codes or []:
                out.append((f"{line.sku} x{units}", code, None))
        out += [(Command.SHORT.label, Command.SHORT.value, None), (self.tr("LOG OUT"), Command.LOGOUT.value, None)]
        return out

    def _read_barcodes(self, product_id: int) -> None:
        if self.barcodes_of is None or product_id in self._asked:
            return
        self._asked.add(product_id)

        def arrived(codes: list[tuple[str, int]]) -> None:
            self.item_barcodes[product_id] = list(codes)
            self.refresh(self.station.pack)

        self.barcodes_of(product_id, arrived)

    def _read_pick_lists(self) -> None:
        if self.open_lists is None:
            return
        self.pick_lists = []  # asked: not again until it answers

        def arrived(codes: list[str]) -> None:
            self.pick_lists = list(codes)
            self.refresh(self.station.pack)

        self.open_lists(arrived)

    def refresh(self, _pack: object) -> None:
        """Rebuild the list for the current state."""
        self.list.clear()
        for caption, data, symbology in self.entries():
            item = QListWidgetItem(f"{caption}\n   {data}")
            item.setData(DATA, (data, symbology))
            self.list.addItem(item)

"""`packdesk dock`: the dispatch screen in its own window, at the loading dock, and `packdesk
returns-station`: the returns screen (a scanner in keyboard mode types into their scan fields).
Their screenshots: `python -m ui.dock_screenshots` (a development tool; this module, shipped in
the bundle, imports nothing from tests/)."""
from __future__ import annotations

import argparse
import getpass
import logging
import sys

from app import heap
from app.messages import _

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `dock`."""
    parser = subparsers.add_parser("dock", help=_("the dispatch screen: scan parcels onto the carrier's van"))
    parser.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS, help=_("configuration (TOML)"))
    parser.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=_("database URL"))
    parser.add_argument("--station", default="DOCK", help=_("the dock's name in the order log (default DOCK)"))
    parser.add_argument("--user", help=_("who hands over (default: your login name)"))
    parser.set_defaults(func=run)
    station = subparsers.add_parser("returns-station", help=_("the returns screen: receive, inspect, refund returns"))
    station.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS, help=_("configuration (TOML)"))
    station.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=_("database URL"))
    station.add_argument("--station", default="RETURNS", help=_("the station's name in the order log"))
    station.add_argument("--user", help=_("who inspects (default: your login name)"))
    station.set_defaults(func=run_returns)


def run_returns(args: argparse.Namespace) -> int:
    """Opens the returns window until it is closed."""
    from app.config import load_settings, order_settings
    from app.shipping.returns_desk import OpenReturnsDesk
    from ui.screens.returns import ReturnsScreen

    settings = load_settings(getattr(args, "config", None), getattr(args, "database", None))
    _application(settings)
    # an exchange decided at inspection is validated and allocated by the configuration's rules
    opened = OpenReturnsDesk(settings.database_url, station=args.station, user=args.user or getpass.getuser(),
                             order_settings=order_settings(settings))
    return _until_closed(opened, *_window(ReturnsScreen, opened.desk, "returns"))


def run(args: argparse.Namespace) -> int:
    """Opens the dock window until it is closed."""
    from app.config import load_settings
    from ui.screens.dispatch import DispatchScreen

    settings = load_settings(getattr(args, "config", None), getattr(args, "database", None))
    _application(settings)
    opened = open_dock(settings, args.station, args.user or getpass.getuser())
    return _until_closed(opened, *_window(DispatchScreen, opened.dock, "dock"))


def open_dock(settings, station: str, user: str):  # type: ignore[no-untyped-def]
    """The dock of `packdesk dock` on the configured database: a parcel with no carrier of its own
    or its order's goes with the [carrier] the stations number parcels with, as in `packdesk
    dispatch manifest` (without it the dock's lists showed an empty carrier)."""
    from app.packing.settings import PackingSettings
    from app.shipping.dock import OpenDock
    from app.shipping.settings import ShippingSettings

    shipping = ShippingSettings.from_raw(settings.raw, settings.config_path or "the built-in defaults")
    return OpenDock(settings.database_url, shipping, station=station, user=user,
                    builtin=PackingSettings.from_raw(settings.raw).carrier.name)


_TRANSLATIONS: list[object] = []  # the window's translators live as long as the application


def _application(settings=None):  # type: ignore[no-untyped-def]
    """The QApplication, speaking the station's language ([station] language) when settings are given."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    if settings is not None and not _TRANSLATIONS:
        from app.languages import chosen_language
        from ui.translations import Translations

        station = settings.raw.get("station", {}) if isinstance(settings.raw, dict) else {}
        translations = Translations(app)
        translations.use(chosen_language(None, station.get("language")))
        _TRANSLATIONS.append(translations)
    return app


def _window(screen_class, backend, name: str):  # type: ignore[no-untyped-def]
    """A screen of its own (the dock's or the returns station's) with its worker thread."""
    from ui.style import STYLESHEET
    from ui.workers import Worker

    worker = Worker(name)
    screen = screen_class(backend, worker)
    screen.setStyleSheet(STYLESHEET)
    from PySide6.QtCore import QCoreApplication

    titles = {"dock": QCoreApplication.translate("Dock", "Packdesk dock"),
              "returns": QCoreApplication.translate("Dock", "Packdesk returns")}
    screen.setWindowTitle(titles.get(name, f"Packdesk {name}"))
    screen.resize(1600, 1000)
    return screen, worker


def _until_closed(opened, window, worker) -> int:  # type: ignore[no-untyped-def]
    from ui.workers import run_turning

    window.show()
    heap.settle()  # the screen's start-up objects out of the collector's full passes (app/heap.py)
    try:
        return int(_application().exec())
    finally:
        worker.retire()  # a call still waiting on the database ends off the GUI thread

        def release() -> None:
            if not worker.wait_ended(timeout=60):
                log.warning("the %s worker still waits after 60 s; closing the database under it", worker.name)
            opened.close()

        run_turning(release, "closing")

"""`python -m ui.setup_screenshots DIR`: the set-up wizard's pages in English and German, off
screen, as PNGs for docs/install.md (setup-LANG-N-PAGE.png). The database page shows a real
test of a new built-in database in a temporary folder."""
from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

log = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> int:
    """Save one PNG per page and language."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args = argv if argv is not None else sys.argv[1:]
    out = Path(args[0] if args else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtWidgets import QApplication, QWizard

    from ui.setup_wizard import PAGES, SetupWizard
    from ui.translations import Translations

    qt = QApplication.instance() or QApplication([])

    def wait_for(done: Callable[[], bool], seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while not done() and time.monotonic() < deadline:
            qt.processEvents()
            time.sleep(0.02)
        qt.processEvents()

    translations = Translations()
    for language in ("en", "de"):
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["XDG_DATA_HOME"] = f"{tmp}/data"
            translations.use(language)
            wizard = SetupWizard(Path(tmp) / "station.toml")
            wizard.resize(1280, 860)
            wizard.show()
            page = wizard.database_page
            wait_for(lambda: page.prepare_button.isEnabled())
            page.prepare()
            wait_for(lambda: page.isComplete())
            wizard.station_page.code.setText("BENCH-3")
            wizard.station_page.name.setText("Bench 3, hall B" if language == "en" else "Packtisch 3, Halle B")
            wizard.station_page.language.setCurrentIndex(wizard.station_page.language.findData(language))
            wizard.devices_page.scanner.setCurrentText("/dev/packdesk/scanner?baud=115200")
            wizard.devices_page.scale.setCurrentText("/dev/packdesk/scale?baud=9600")
            wizard.printers_page.label_printer.setCurrentText("tcp://10.0.0.7:9100")
            wizard.printers_page.document_printer.setCurrentText("cups://Office-Laser")
            for number, name in enumerate(PAGES, start=1):
                wait_for(lambda: wizard.worker.pending == 0)
                path = out / f"setup-{language}-{number}-{name}.png"
                wizard.grab().save(str(path))
                log.info("saved %s", path)
                if name != PAGES[-1]:
                    wizard.button(QWizard.WizardButton.NextButton).click()
            wizard.reject()
            translations.clear()
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main())

"""The station's sounds (resources/sounds/*.wav) through QtMultimedia's QSoundEffect.

With no audio device (or no QtMultimedia at all) the station carries on with its visual
cues and says so once: a log line and the `unavailable` signal the status bar shows."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal

from app.paths import resource

log = logging.getLogger(__name__)

NAMES = ("accept", "error", "lock", "done")


class Sounds(QObject):
    """play("accept" | "error" | "lock" | "done"); silent but visible when audio is missing."""

    unavailable = Signal(str)  # emitted once, with the reason

    def __init__(self, enabled: bool = True, folder: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder or resource("sounds")
        self.played: list[str] = []  # every cue asked for, heard or not (tests, screenshots)
        self._effects: dict[str, object] = {}
        self._reason: tuple[str, str] | None = None  # why there is no sound: (kind, detail), worded by _say
        self._said = False
        if not enabled:
            self._reason = ("off", "")
            return
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError as exc:  # libpulse missing: QtMultimedia cannot load
            self._reason = ("no multimedia", str(exc))
            return
        if not QMediaDevices.audioOutputs():
            self._reason = ("no device", "")
            return
        for name in NAMES:
            path = self.folder / f"{name}.wav"
            if not path.exists():
                log.error("sound %s is missing; run resources/sounds/generate.py", path)
                continue
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.statusChanged.connect(lambda e=effect, n=name: self._check(e, n))
            self._effects[name] = effect

    @property
    def available(self) -> bool:
        """True while sounds can be heard."""
        return self._reason is None

    def announce(self) -> None:
        """Say once why the station is silent (call after the status bar is listening)."""
        if self._reason is not None:
            self._say(self._reason)

    def play(self, name: str) -> None:
        """Play a cue; without audio, only record it."""
        self.played.append(name)
        if len(self.played) > 1000:
            del self.played[:500]
        if self._reason is not None:
            self._say(self._reason)
            return
        effect = self._effects.get(name)
        if effect is not None:
            effect.play()  # type: ignore[attr-defined]

    def _check(self, effect: object, name: str) -> None:
        from PySide6.QtMultimedia import QSoundEffect

        if effect.status() == QSoundEffect.Status.Error:  # type: ignore[attr-defined]
            self._reason = ("cannot play", f"{name}.wav")
            self._say(self._reason)

    def _say(self, reason: tuple[str, str]) -> None:
        """Say once, in the language shown now, why there is no sound."""
        if self._said:
            return
        self._said = True
        kind, detail = reason
        words = {"off": self.tr("sounds are switched off in the station configuration"),
                 "no multimedia": self.tr("QtMultimedia cannot load (%1)"),
                 "no device": self.tr("no audio output device"),
                 "cannot play": self.tr("the audio device cannot play %1")}[kind].replace("%1", detail)
        message = self.tr("No sound: %1. The station carries on with colour cues.").replace("%1", words)
        log.warning(message)
        self.unavailable.emit(message)

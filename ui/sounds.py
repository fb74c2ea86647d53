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
        self._reason: str | None = None
        self._said = False
        if not enabled:
            self._reason = "sounds are switched off in the station configuration"
            return
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError as exc:  # libpulse missing: QtMultimedia cannot load
            self._reason = f"QtMultimedia cannot load ({exc})"
            return
        if not QMediaDevices.audioOutputs():
            self._reason = "no audio output device"
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
            self._reason = f"the audio device cannot play {name}.wav"
            self._say(self._reason)

    def _say(self, reason: str) -> None:
        if self._said:
            return
        self._said = True
        message = f"No sound: {reason}. The station carries on with colour cues."
        log.warning(message)
        self.unavailable.emit(message)

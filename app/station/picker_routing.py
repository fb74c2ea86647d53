"""The station core's picker routing: a picker's scans and SHORT go to the picker's flow, and
its replies are published like a pack's (lock, sound)."""
from __future__ import annotations

import logging

from app.errors import PackdeskError
from app.picking.flow import Reply
from app.station.state import Level, Sound, Step
from app.translator import phrase

log = logging.getLogger(__name__)


class PickerRouting:
    """StationCore's picker routing; its methods run on the core's thread like the rest."""

    # --- picking -------------------------------------------------------------------------

    def _picked(self, reply: Reply) -> None:
        """Publishes the picker's flow after an input: the lock like a mis-scan's, the sound."""
        assert self.picker is not None
        state = self.picker.state
        self._set(picking=state, lock=state.lock)
        if reply.locked:
            self._say(reply.text, Level.ERROR, Sound.LOCK)
        elif reply.done:
            self._say(reply.text, Level.OK, Sound.DONE)
        else:
            self._say(reply.text, Level.OK if reply.ok else Level.ERROR, Sound.ACCEPT if reply.ok else Sound.ERROR)

    def short_pick(self) -> None:
        """SHORT by touch on the picker screen."""
        self.touch()
        if self.picker is None or self.state.step is not Step.PICK or self.state.user is None:
            self._error(phrase("SHORT works on the picker screen only."))
            return
        try:
            self._picked(self.picker.short(self.state.user.username))
        except PackdeskError as exc:
            self._error(str(exc))

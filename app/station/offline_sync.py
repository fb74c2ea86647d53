"""The station core's offline sync (issue 17): when the database answers again, a turn of the
journal's replay, then the open pack read afresh (or set aside if it changed centrally)."""
from __future__ import annotations

import logging

from app.station.devices import DATABASE
from app.station.state import Level, Sound
from app.translator import phrase, plural_phrase

log = logging.getLogger(__name__)


class OfflineSync:
    """StationCore's offline sync; its methods run on the core's thread like the rest."""

    # --- offline (issue 17) ---------------------------------------------------------------

    def _sync(self) -> None:
        """The database answers: a turn of the journal's replay; once it is empty, the open pack
        is read from the database again (or leaves the station if it changed there meanwhile)."""
        assert self.offline is not None
        before = self.state.offline
        conflicts = self.offline.back_online()
        self.snapshot()
        if conflicts is None:
            if before is not None and self.state.offline == before:  # nothing went through: the database went again
                self._database_up = False
                self.watch.check_soon(DATABASE)
            return
        pack = self.state.pack
        text = plural_phrase(
            "The database is back: everything packed offline is in it. Order %(orders)s changed there meanwhile "
            "(cancelled or taken over): the offline work waits for a supervisor in the review queue.",
            "The database is back: everything packed offline is in it. Orders %(orders)s changed there meanwhile "
            "(cancelled or taken over): the offline work waits for a supervisor in the review queue.",
            len(conflicts), orders=", ".join(conflicts)) if conflicts else \
            phrase("The database is back: everything packed offline is in it.")
        if pack is not None and self.state.user is not None:
            fresh = None if pack.order_number in conflicts else self.api.snapshot(pack.order_number)
            if fresh is None or fresh.status != "packing" or fresh.station != self.api.station_code:
                self._free(phrase("%(text)s Set order %(order)s aside for the supervisor.", text=text,
                                  order=pack.order_number), sound=Sound.ERROR)
                return
            self._show_pack(fresh)
        elif self.state.user is not None:  # at home: the figures now count what was packed offline
            self.refresh_home()
        self._say(text, Level.ERROR if conflicts else Level.OK, Sound.ERROR if conflicts else None)

"""The Zebra `~HS` host status reply: three STX...ETX CR LF strings; the flags that stop a
label are paper out, pause, head open, ribbon out, buffer full, corrupt RAM, temperature."""
from __future__ import annotations

from dataclasses import dataclass

from app.translator import phrase

STX, ETX = b"\x02", b"\x03"


@dataclass(frozen=True)
class HostStatus:
    """The parts of ~HS that say whether a label can print."""

    paper_out: bool
    paused: bool
    head_open: bool
    ribbon_out: bool
    buffer_full: bool
    corrupt_ram: bool
    under_temperature: bool
    over_temperature: bool
    formats_in_buffer: int
    labels_remaining: int

    def problems(self) -> list[str]:
        """What a person must fix before the printer prints, in plain words."""
        names = [
            (self.paper_out, phrase("paper out")), (self.head_open, phrase("head open")),
            (self.ribbon_out, phrase("ribbon out")), (self.paused, phrase("paused")),
            (self.buffer_full, phrase("receive buffer full")),
            (self.corrupt_ram, phrase("configuration lost (corrupt RAM)")),
            (self.under_temperature, phrase("head too cold")), (self.over_temperature, phrase("head too hot")),
        ]
        return [name for flag, name in names if flag]

    def as_details(self) -> dict[str, str]:
        """The flags as strings for PrintResult.details."""
        return {
            "paper_out": str(int(self.paper_out)), "paused": str(int(self.paused)),
            "head_open": str(int(self.head_open)), "ribbon_out": str(int(self.ribbon_out)),
            "formats_in_buffer": str(self.formats_in_buffer),
            "labels_remaining": str(self.labels_remaining),
        }


def complete(reply: bytes) -> bool:
    """True once the reply holds all three strings."""
    return reply.count(ETX) >= 3


def parse_host_status(reply: bytes) -> HostStatus:
    """Parse a ~HS reply; ValueError names what is missing."""
    strings = []
    for part in reply.split(ETX):
        at = part.find(STX)
        if at >= 0:
            strings.append(part[at + 1:].decode("ascii", errors="replace").split(","))
    if len(strings) < 2 or len(strings[0]) < 12 or len(strings[1]) < 11:
        raise ValueError(f"not a ~HS reply: {reply[:80]!r}")
    one, two = strings[0], strings[1]

    def flag(value: str) -> bool:
        return value.strip() == "1"

    return HostStatus(
        paper_out=flag(one[1]), paused=flag(one[2]), buffer_full=flag(one[5]),
        corrupt_ram=flag(one[9]), under_temperature=flag(one[10]), over_temperature=flag(one[11]),
        formats_in_buffer=int(one[4] or 0), head_open=flag(two[2]), ribbon_out=flag(two[3]),
        labels_remaining=int(two[8] or 0),
    )

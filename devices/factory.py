"""Builds scanners, scales and printers from the URL strings of the station configuration.
Every form and option is documented in docs/devices.md."""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

import serial

from app.config import StationConfig
from app.doctor import Finding, ok, problem
from app.ports import DeviceState, Printer, Scale, Scanner
from app.station.devices import printer_state
from app.station.ports import HealthProbe
from app.translator import phrase
from devices.backoff import PORT_ERRORS
from devices.errors import DeviceConfigError, ScaleError, ScaleFailure
from devices.hid_scanner import HidScanner
from devices.keyboard_scanner import KeyboardScanner, WedgeSettings
from devices.printers import CupsPrinter, FolderPrinter, MemoryPrinter, RawTcpPrinter
from devices.scale import ScaleSettings, SerialScale
from devices.scale_protocols import protocol_named
from devices.serial_scanner import TERMINATORS, SerialScanner, SerialSettings
from devices.simulated import SimulatedScale

log = logging.getLogger(__name__)

SERIAL_OPTIONS = {"baud", "baudrate", "bytesize", "parity", "stopbits"}
PYSERIAL_SCHEMES = ("socket://", "rfc2217://", "loop://", "spy://", "alt://", "hwgrep://")
# What a serial scanner or scale address may start with besides a plain device path.
SERIAL_SCHEMES = ("serial://", *PYSERIAL_SCHEMES)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")  # two letters or more: never a Windows drive


def _known_scheme(kind: str, url: str, base: str, others: tuple[str, ...]) -> None:
    """DeviceConfigError for an address of a kind no scanner or scale speaks (`usb://...`),
    which pyserial would otherwise refuse again on every reconnect attempt."""
    scheme = _SCHEME.match(base)
    if scheme and not base.startswith((*SERIAL_SCHEMES, *others)):
        raise DeviceConfigError(phrase(
            "%(kind)s %(url)s: %(scheme)s: is not a kind of address a %(kind)s can have; use a serial "
            "device path (/dev/ttyACM0), %(schemes)s (docs/devices.md)", kind=kind, url=url,
            scheme=scheme.group(1), schemes=", ".join(s for s in (*SERIAL_SCHEMES, *others))))


def split_url(url: str) -> tuple[str, dict[str, str]]:
    """`/dev/ttyACM0?baud=9600` -> ("/dev/ttyACM0", {"baud": "9600"})."""
    base, _, query = url.partition("?")
    return base, {k.lower(): v for k, v in parse_qsl(query, keep_blank_values=True)}


def _number(options: dict[str, str], key: str, default: float, url: str) -> float:
    value = options.pop(key, None)
    if value is None or value == "":
        return default
    try:
        return float(value)
    except ValueError:
        raise DeviceConfigError(phrase("device %(url)s: option %(key)s=%(value)s must be a number",
                                       url=url, key=key, value=repr(value))) from None


def _flag(options: dict[str, str], key: str, default: bool) -> bool:
    value = options.pop(key, None)
    if value is None:
        return default
    return value.strip().lower() in ("1", "yes", "true", "on")


def _serial_settings(url: str, base: str, options: dict[str, str]) -> dict[str, Any]:
    parity = options.pop("parity", "N").upper()[:1]
    if parity not in "NEOMS":
        raise DeviceConfigError(phrase("device %(url)s: parity must be N, E, O, M or S, not %(value)s",
                                       url=url, value=repr(parity)))
    baud = _number(options, "baudrate", _number(options, "baud", 9600, url), url)
    port = base.removeprefix("serial://")
    return dict(port=port, baudrate=int(baud), parity=parity,
                bytesize=int(_number(options, "bytesize", 8, url)),
                stopbits=_number(options, "stopbits", 1, url))


def _leftover(url: str, base: str, options: dict[str, str]) -> str:
    """Options we do not know: kept for pyserial URLs (e.g. socket://...?logging=debug),
    refused for device paths so that a typo does not pass silently."""
    if not options:
        return base
    if base.startswith(PYSERIAL_SCHEMES):
        return f"{base}?{urlencode(options)}"
    raise DeviceConfigError(phrase("device %(url)s: unknown option(s) %(options)s; see docs/devices.md",
                                   url=url, options=", ".join(sorted(options))))


def open_scanner(url_or_config: str | Mapping[str, Any]) -> Scanner:
    """A scanner from a URL (`/dev/ttyACM0?baud=9600`, `socket://h:p`, `keyboard:`,
    `hid:///dev/input/...`) or a mapping with `url` and options. Not started yet."""
    url = _url_from(url_or_config)
    base, options = split_url(url)
    dedupe = _number(options, "dedupe_ms", 300, url) / 1000
    gs = unquote(options.pop("gs", "")) or None
    if base in ("keyboard:", "keyboard://", "wedge:"):
        settings = WedgeSettings(
            max_gap_ms=_number(options, "max_gap_ms", 30, url),
            min_length=int(_number(options, "min_length", 4, url)),
            prefix=options.pop("prefix", ""),
            suffix=options.pop("suffix", "Enter"),
            gs_substitute=gs or WedgeSettings.gs_substitute,
            dedupe_window_s=dedupe,
            flush_ms=_number(options, "flush_ms", 60, url),
        )
        _leftover(url, base, options)
        return KeyboardScanner(settings, "keyboard")
    if base.startswith("hid://"):
        path = base.removeprefix("hid://")
        layout = options.pop("layout", "us").lower()
        end_on_tab = options.pop("terminator", "ENTER").upper() == "TAB"
        _leftover(url, base, options)
        return HidScanner(path, layout, dedupe, gs, end_on_tab)
    _known_scheme("scanner", url, base, ("hid://", "keyboard:", "wedge:"))
    terminator_name = options.pop("terminator", "CR").upper()
    if terminator_name not in TERMINATORS:
        raise DeviceConfigError(phrase("scanner %(url)s: terminator must be one of %(allowed)s",
                                       url=url, allowed=", ".join(TERMINATORS)))
    serial = _serial_settings(url, base, options)
    idle = _number(options, "idle_ms", 50, url) / 1000
    encoding = options.pop("encoding", "utf-8")
    serial["port"] = _leftover(url, serial["port"], options)
    return SerialScanner(SerialSettings(terminator=TERMINATORS[terminator_name], idle_s=idle,
                                        encoding=encoding, dedupe_window_s=dedupe, gs_substitute=gs,
                                        **serial))


def open_scale(url: str, protocol: str | None = None) -> Scale:
    """A scale from a URL (`/dev/ttyUSB0?baud=9600`, `socket://h:p`, `sim:?grams=1250`) and a
    protocol name (mt-sics, toledo-continuous, toledo-8213, sma, generic-stream); the
    protocol may also be given in the URL as `protocol=...`."""
    base, options = split_url(url)
    if base in ("sim:", "sim://"):
        grams = int(_number(options, "grams", 0, url))
        return SimulatedScale(grams=grams, address=url)
    _known_scheme("scale", url, base, ("sim:",))
    protocol = options.pop("protocol", None) or protocol
    if not protocol:
        raise DeviceConfigError(phrase("scale %(url)s: say which protocol it speaks (--protocol or ?protocol=...)",
                                       url=url))
    protocol_options = {k: options.pop(k) for k in ("unit",) if k in options}
    parser = protocol_named(protocol, **protocol_options)
    serial = _serial_settings(url, base, options)
    timeout = _number(options, "timeout_ms", 1000, url) / 1000
    serial["port"] = _leftover(url, serial["port"], options)
    return SerialScale(ScaleSettings(answer_timeout_s=timeout, **serial), parser)


def open_printer(url: str) -> Printer:
    """A printer transport from `tcp://HOST:9100`, `cups://QUEUE`, `dir:///PATH` or `memory:`."""
    base, options = split_url(url)
    parts = urlsplit(base)
    timeout = _number(options, "timeout", 5, url)
    if parts.scheme == "tcp":
        if not parts.hostname:
            raise DeviceConfigError(phrase("printer %(url)s: write tcp://HOST:PORT, e.g. tcp://10.0.0.7:9100", url=url))
        printer: Printer = RawTcpPrinter(parts.hostname, parts.port or 9100, timeout,
                                         _flag(options, "status", True), address=base)
    elif parts.scheme == "cups":
        queue = parts.netloc or parts.path.strip("/")
        if not queue:
            raise DeviceConfigError(phrase("printer %(url)s: write cups://QUEUE (lpstat -p lists the queues)", url=url))
        raw = options.pop("raw", None)
        printer = CupsPrinter(queue, None if raw is None else raw.lower() in ("1", "yes", "true"),
                              max(timeout, 15), address=base)
    elif parts.scheme == "dir":
        path = unquote(parts.netloc + parts.path)
        if not path:
            raise DeviceConfigError(phrase("printer %(url)s: write dir:///ABSOLUTE/PATH", url=url))
        printer = FolderPrinter(Path(path), address=base)
    elif base in ("memory:", "memory://"):
        printer = MemoryPrinter(base)
    else:
        raise DeviceConfigError(phrase("printer %(url)s: use tcp://HOST:PORT, cups://QUEUE, dir:///PATH or memory:",
                                       url=url))
    if options:
        raise DeviceConfigError(phrase("printer %(url)s: unknown option(s) %(options)s", url=url,
                                       options=", ".join(sorted(options))))
    return printer


WEDGE_SUFFIXES = ("enter", "return", "tab", "")  # the keys ui/wedge.py can end a burst on


def check_keyboard_url(url: str) -> KeyboardScanner:
    """Build (not start) a keyboard-wedge scanner, so that a bad option stops the station at
    start-up; DeviceConfigError names the option."""
    scanner = open_scanner(url)
    if not isinstance(scanner, KeyboardScanner):
        raise DeviceConfigError(phrase("device %(url)s is not a keyboard: URL", url=url))
    if scanner.settings.suffix.strip().lower() not in WEDGE_SUFFIXES:
        raise DeviceConfigError(phrase("device %(url)s: suffix=%(suffix)s; use Enter, Tab or an empty suffix.",
                                       url=url, suffix=repr(scanner.settings.suffix)))
    return scanner


def scale_probe(scale: Scale) -> HealthProbe:
    """A health check of a scale: one immediate reading (its port gone, or no answer, is the news)."""
    def check() -> tuple[DeviceState, str]:
        try:
            scale.read_now()
        except ScaleError as exc:
            if exc.reason is ScaleFailure.DISCONNECTED:
                return DeviceState.DISCONNECTED, str(exc)
            if exc.reason is ScaleFailure.NO_ANSWER:
                return DeviceState.ERROR, str(exc)
        return DeviceState.CONNECTED, ""  # it answered (a moving or overloaded scale is there)
    return check


def printer_probe(printer: Printer) -> HealthProbe:
    """A health check of a printer: its status query (a transport without one counts as there)."""
    def check() -> tuple[DeviceState, str]:
        status = getattr(printer, "status", None)
        if status is None:
            return DeviceState.CONNECTED, ""
        result = status()
        return printer_state(result), "" if result.ok else result.message
    return check


def scanner_probe(scanner: Scanner) -> HealthProbe:
    """A check of a scanner that is not running: its port opens (exclusively, as the station
    opens it), or its socket:// server accepts a connection. Keyboards have nothing to open."""
    def check() -> tuple[DeviceState, str]:
        if isinstance(scanner, KeyboardScanner):
            return DeviceState.CONNECTED, phrase("keyboard wedge: scans arrive as key presses")
        if isinstance(scanner, HidScanner):
            path = Path(scanner.path)
            if not path.exists():
                return DeviceState.DISCONNECTED, phrase("%(path)s does not exist", path=str(path))
            if not os.access(path, os.R_OK):
                return DeviceState.ERROR, phrase("%(path)s is not readable by this user", path=str(path))
            return DeviceState.CONNECTED, ""
        settings = scanner.settings  # type: ignore[attr-defined]
        try:
            port = serial.serial_for_url(settings.port, baudrate=settings.baudrate, timeout=0.1,
                                         **({} if "://" in settings.port else {"exclusive": True}))
        except (*PORT_ERRORS, ValueError) as exc:
            gone = isinstance(exc, serial.SerialException) and "No such file" in str(exc)
            return (DeviceState.DISCONNECTED if gone else DeviceState.ERROR), phrase(
                "cannot open %(port)s: %(problem)s", port=settings.port, problem=str(exc))
        port.close()
        return DeviceState.CONNECTED, ""
    return check


DOCTOR_FIXES = {
    "scanner": phrase("Plug the scanner in and find it with `packdesk devices list` (with the udev rules installed "
                      "it is /dev/packdesk/scanner); test it with `packdesk devices scan URL`."),
    "scale": phrase("Check that the scale is on and plugged in, its baud rate and protocol ([devices] "
                    "scale_protocol); test it with `packdesk devices weigh URL -p PROTOCOL`."),
    "printer": phrase("Check that the printer is on and reachable at that address; test it with "
                      "`packdesk devices print-test URL`."),
}


def doctor_checks(config: StationConfig) -> list[Finding]:
    """`packdesk doctor`'s look at each configured scanner, scale and printer (the health probes
    above, run once; stop the station first, as it holds the serial ports exclusively)."""
    urls = config.devices
    where = (phrase("[devices] in %(file)s", file=str(config.config_path)) if config.config_path
             else phrase("[devices] of the configuration"))
    findings = []
    for name, key, kind in (("scanner", "scanner", "scanner"), ("scale", "scale", "scale"),
                            ("label printer", "label_printer", "printer"),
                            ("document printer", "document_printer", "printer")):
        url = getattr(urls, key)
        if not url:
            findings.append(ok(name, phrase("not configured")))
            continue
        opener = {"scanner": lambda: open_scanner(url), "scale": lambda: open_scale(url, urls.scale_protocol),
                  "printer": lambda: open_printer(url)}[kind]
        try:
            device: Any = opener()
        except DeviceConfigError as exc:
            findings.append(problem(name, str(exc), phrase("Correct %(key)s in %(where)s (docs/devices.md).", key=key,
                                                           where=where)))
            continue
        probe = {"scanner": scanner_probe, "scale": scale_probe, "printer": printer_probe}[kind]
        try:
            state, message = probe(device)()
        finally:
            if kind != "scanner":  # a scanner that was never started holds nothing
                device.close()
        if state is DeviceState.CONNECTED:
            findings.append(ok(name, phrase("%(url)s: %(answer)s", url=url, answer=message or phrase("answers"))))
            continue
        fix = DOCTOR_FIXES[kind]
        if "exclusively lock" in message or "busy" in message.lower():
            fix = phrase("Another program holds the port - the running station? Stop it (`systemctl stop "
                         "packdesk-kiosk`) and check again.")
        elif "Permission denied" in message or "not readable" in message:
            fix = phrase("Give the station's user access: install the udev rules of the Packdesk package "
                         "(/lib/udev/rules.d/60-packdesk.rules) or add the user to the dialout group.")
        findings.append(problem(name, f"{url}: {state.value}: {message}", fix))
    return findings


def _url_from(url_or_config: str | Mapping[str, Any]) -> str:
    if isinstance(url_or_config, str):
        return url_or_config.strip()
    config = dict(url_or_config)
    try:
        url = str(config.pop("url"))
    except KeyError:
        raise DeviceConfigError(phrase("scanner configuration %(config)s has no url",
                                       config=repr(url_or_config))) from None
    if config:
        joiner = "&" if "?" in url else "?"
        url += joiner + urlencode({k: v for k, v in config.items()})
    return url

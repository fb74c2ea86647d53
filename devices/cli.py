"""`packdesk devices list|scan|weigh|print-test`: tools for installers (JSON on stdout)."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from app.messages import _


def _emit(record: Any) -> None:
    print(json.dumps(record, ensure_ascii=False, default=str), flush=True)


def _list(args: argparse.Namespace) -> int:
    from devices.diagnostics import list_devices

    found = list_devices()
    if args.json:
        _emit(found)
        return 0
    print(_("Serial ports:"))
    for port in found["serial_ports"] or [{"device": "(none)"}]:
        extra = " ".join(x for x in (port.get("usb_id", ""), port.get("description", ""),
                                     port.get("stable_path", "")) if x)
        print(f"  {port['device']}  {extra}")
    print(_("CUPS queues:"))
    for queue in found["cups_queues"] or [{"url": "(none, or CUPS not running)", "device_uri": ""}]:
        print(f"  {queue['url']}  {queue['device_uri']}")
    return 0


def _scan(args: argparse.Namespace) -> int:
    from devices.diagnostics import test_scanner

    print(_("listening to %(url)s for %(seconds)s s; scan something (Ctrl+C to stop)")
          % {"url": args.url, "seconds": f"{args.seconds:g}"}, file=sys.stderr)
    records = test_scanner(args.url, args.seconds, on_record=_emit, max_scans=args.count)
    return 0 if records else 1


def _weigh(args: argparse.Namespace) -> int:
    from devices.diagnostics import test_scale

    result = test_scale(args.url, args.protocol, args.timeout)
    _emit(result)
    return 0 if result["ok"] else 1


def _print_test(args: argparse.Namespace) -> int:
    from devices.diagnostics import test_printer

    result = test_printer(args.url, pdf=True if args.pdf else None)
    _emit(result)
    return 0 if result["ok"] else 1


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `devices` command group."""
    group = subparsers.add_parser("devices", help=_("find and test scanners, scales and printers"),
                                  description=_("Find and test scanners, scales and printers. "
                                  "Device URLs are described in docs/devices.md."))
    sub = group.add_subparsers(dest="devices_command", metavar="ACTION", required=True)

    p = sub.add_parser("list", help=_("serial ports with USB ids, and CUPS queues"))
    p.add_argument("--json", action="store_true", help=_("one JSON object instead of text"))
    p.set_defaults(func=_list)

    p = sub.add_parser("scan", help=_("print each scan as a JSON line (data, symbology, GS1 fields)"))
    p.add_argument("url", help=_("scanner URL, e.g. /dev/ttyACM0?baud=9600 or socket://HOST:PORT"))
    p.add_argument("--seconds", type=float, default=30.0, help=_("how long to listen (default 30)"))
    p.add_argument("--count", type=int, default=None, help=_("stop after this many scans"))
    p.set_defaults(func=_scan)

    p = sub.add_parser("weigh", help=_("print the stable weight as JSON"))
    p.add_argument("url", help=_("scale URL, e.g. /dev/ttyUSB0?baud=9600"))
    p.add_argument("--protocol", "-p", default=None,
                   help=_("mt-sics, toledo-continuous, toledo-8213, sma or generic-stream"))
    p.add_argument("--timeout", type=float, default=5.0, help=_("seconds to wait for a stable weight"))
    p.set_defaults(func=_weigh)

    p = sub.add_parser("print-test", help=_("print a test label and report the printer status"))
    p.add_argument("url", help=_("printer URL: tcp://HOST:9100, cups://QUEUE, dir:///PATH, memory:"))
    p.add_argument("--pdf", action="store_true", help=_("send a PDF test label instead of ZPL"))
    p.set_defaults(func=_print_test)

"""Entry point of the `packdesk` console script.

Each command group is a module with `register(subparsers)`; groups that live above app/
(the station, devices, documents) are found through the `packdesk.commands` entry points so
that app/ never imports them.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from importlib.metadata import PackageNotFoundError, entry_points, version
from typing import Callable, Sequence

from app import heap
from app.errors import PackdeskError
from app.messages import _, language_for_command, ngettext, say, use_language
from app.store.errors import database_problem

log = logging.getLogger(__name__)

# app's own command groups, registered in this order in --help.
APP_GROUPS: tuple[str, ...] = ("db", "demo", "imports", "orders", "stock", "waves", "shipping", "export", "doctor",
                              "logs", "exceptions", "audit", "users", "reasons", "stations")


def build_parser() -> argparse.ArgumentParser:
    """The full parser, app's groups first, then every registered plugin group."""
    parser = argparse.ArgumentParser(
        prog="packdesk", description=_("Packdesk packing station and its tools.")
    )
    parser.add_argument("--version", action="version", version=f"packdesk {installed_version()}",
                        help=_("show Packdesk's version and exit"))
    parser.add_argument("-v", "--verbose", action="store_true", help=_("log more"))
    parser.add_argument("--config", metavar="FILE", help=_("station configuration (TOML)"))
    parser.add_argument("--database", metavar="URL", help=_("database URL (overrides the configuration)"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in APP_GROUPS:
        importlib.import_module(f"app.cli.{name}").register(sub)
    for ep in sorted(entry_points(group="packdesk.commands"), key=lambda e: e.name):
        try:
            register: Callable[[argparse._SubParsersAction], None] = ep.load()
        except ImportError as exc:  # a group whose optional parts are missing
            log.debug("command group %s unavailable: %s", ep.name, exc)
            continue
        register(sub)
    return parser


def installed_version() -> str:
    """The installed Packdesk's version: pyproject.toml's, from the package metadata (the bundle carries it)."""
    try:
        return version("packdesk")
    except PackageNotFoundError:
        return "unknown (not installed: run `make setup`)"


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _command(argv)
    except BrokenPipeError:
        # the reader left (`packdesk orders show X | head`): stop quietly, as other tools do;
        # what is still buffered goes nowhere, so Python's flush at exit cannot fail again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a tool the pipe stopped


def _command(argv: Sequence[str] | None) -> int:
    # The language first: --help, argparse's own words and the errors of parsing speak it too.
    use_language(language_for_command(_station_language(_config_option(argv))))
    speak_argparse()
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    heap.settle()  # start-up's objects out of the collector's full passes (app/heap.py)
    try:
        return int(args.func(args) or 0)
    except PackdeskError as exc:
        print(f"packdesk: {say(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        # The database's known troubles reached here past a command's own unit of work.
        problem = database_problem(exc)
        if problem is None:
            raise
        log.debug("database error", exc_info=True)
        print(f"packdesk: {say(str(problem))}", file=sys.stderr)
        return 2


def _config_option(argv: Sequence[str] | None) -> argparse.Namespace:
    """Only --config of the command line (before the full parser exists, which speaks the language chosen)."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--config")
    return early.parse_known_args(argv)[0]


def speak_argparse() -> None:
    """argparse's own words ("usage:", "options", its errors) through the CLI's catalogue, not the
    system locale's (argparse looks its gettext up at call time; app/cli/argparse_words.py lists them)."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def _station_language(args: argparse.Namespace) -> str | None:
    """[station] language of the configuration the command uses (a bad file: the command says so)."""
    from app.config import load_settings

    try:
        station = load_settings(getattr(args, "config", None)).raw.get("station", {})
    except PackdeskError:
        return None
    return station.get("language") if isinstance(station, dict) else None


if __name__ == "__main__":
    sys.exit(main())

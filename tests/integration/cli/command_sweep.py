"""Runs every `packdesk` command (enumerated from the argparse parser, so a new command is
included by itself) against one database URL, in one process, and prints a JSON object
{"command words": [exit code, stdout, stderr]}. Used by test_exit_codes.py, which runs it in
a subprocess: for the read-only case as a user the file's permissions apply to.

    python -m tests.integration.cli.command_sweep URL WORKDIR [--fresh-sqlite]

--fresh-sqlite: URL is ignored; each command gets a new, empty SQLite file (never upgraded).
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

from app.cli.main import build_parser, main

# Commands that never open the database: nothing to sweep (the test checks this list is current).
NO_DATABASE = {
    "logs": "reads the log file",
    "devices list": "lists serial ports and printer queues",
    "devices scan": "talks to a scanner",
    "devices weigh": "talks to a scale",
    "devices print-test": "talks to a printer",
    "documents command-sheet": "the home commands' barcodes",
    "documents printer-fonts": "the printer's font download",
    "dock": "the dock screen, a window (tests/ui/test_dispatch_screen.py)",
    "returns-station": "the returns screen, a window (tests/ui/test_returns_screen.py)",
    "setup": "the first-run wizard, a window: tests/ui/test_setup_wizard.py tests its database check",
    "run": "the station: tests/ui/test_start_up_problems.py shows the database's trouble on the login screen",
}
# Arguments a command needs beyond what its parser requires (its own checks of them come
# before the database, so a plausible "checking" would never reach it).
EXTRA = {
    "board": ["--once"],  # the wall board draws once and ends (tests/ui/test_board_ends.py)
    "boxes suggest": ["--order", "PD-1"],
    "boxes add": ["--inner", "300x200x100", "--outer", "310x210x110", "--tare", "150", "--max-load", "10000",
                  "--cost", "0.85"],
    "boxes edit": ["--cost", "0.95"],
    "returns create": ["--line", "MUG-1:1"],
    "exceptions resolve": ["--action", "resolve", "--reason", "other"],
    "report daily": ["--out", "{work}/daily.pdf"],
    "notify send": ["--config", "{work}/mail.toml"],
    "notify requeue": ["--config", "{work}/mail.toml"],
    "users add": ["--role", "packer"],
    "users change": ["--role", "packer"],
    "payments capture": ["--pending"],
    "orders archive": ["--before", "2025-01-31"],
    "dispatch manifests": ["--day", "2025-03-14"],
}
# Positional values where "PD-1" is not of the right kind.
POSITIONAL = {"dispatch scan": "340123450000000017", "notify requeue": "1", "tracking import": "{work}/tracking.csv"}


def commands() -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every leaf command of the parser, as ("orders list", its parser)."""
    def walk(parser: argparse.ArgumentParser, words: tuple[str, ...]) -> Iterator[tuple[str, argparse.ArgumentParser]]:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            yield " ".join(words), parser
        for action in subs:
            for name, sub in action.choices.items():
                yield from walk(sub, (*words, name))
    yield from walk(build_parser(), ())


def argv_for(name: str, parser: argparse.ArgumentParser, work: Path) -> list[str]:
    """The command with every argument it requires filled in with a plausible value."""
    argv = name.split()
    (work / "catalog.csv").write_text("sku,name\nMUG-1,Mug\n", encoding="utf-8")
    (work / "tracking.csv").write_text("tracking_number,status,time,location\n"
                                       "RA123456785DE,delivered,2025-03-14T12:00:00+00:00,Hamburg\n", encoding="utf-8")
    (work / "mail.toml").write_text('[mail]\nhost = "127.0.0.1"\nport = 9\nsender = "Shop <s@example.org>"\n'
                                    'tls = "none"\n', encoding="utf-8")
    for action in parser._actions:
        if action.option_strings:
            if action.required:
                value = (str(work / "out.pdf") if action.dest == "out" else
                         str(action.choices[0]) if action.choices else "checking")
                argv += [action.option_strings[0], value]
        elif action.nargs == "*":
            if any("--all" in a.option_strings for a in parser._actions):
                argv.append("--all")
        elif isinstance(action, argparse._SubParsersAction):
            continue
        else:
            argv.append(action.choices[0] if action.choices else
                        POSITIONAL.get(name, "").format(work=work) or
                        (str(work / "catalog.csv") if action.dest == "file" else "PD-1"))
    return argv + [a.format(work=work) for a in EXTRA.get(name, [])]


def run_one(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        except BaseException:  # noqa: BLE001 - what the test is looking for
            traceback.print_exc()
            code = -1
    return code, out.getvalue(), err.getvalue()


def sweep(url: str, work: Path, fresh_sqlite: bool) -> dict[str, tuple[int, str, str]]:
    results = {}
    for n, (name, parser) in enumerate(commands()):
        if name in NO_DATABASE:
            continue
        target = f"sqlite:///{work / f'never-upgraded-{n}.sqlite3'}" if fresh_sqlite else url
        results[name] = run_one(["--database", target, *argv_for(name, parser, work)])
    return results


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("url")
    cli.add_argument("work", type=Path)
    cli.add_argument("--fresh-sqlite", action="store_true")
    options = cli.parse_args()
    print(json.dumps(sweep(options.url, options.work, options.fresh_sqlite)))
    sys.exit(0)

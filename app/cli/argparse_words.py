"""argparse's own words a station's user reads (usage, headings, parse errors), listed so that
`make translations` collects them into Packdesk's catalogue: app/cli/main.py's speak_argparse()
sends argparse's gettext calls there, so --help and a mistyped command speak the language chosen
rather than the system locale's. The texts are argparse's (Python 3.11), character for character."""
from __future__ import annotations

from app.translator import noun, phrase

ARGPARSE_WORDS = (
    phrase("usage: "), phrase("positional arguments"), phrase("options"),
    phrase("show this help message and exit"),
    phrase("argument %(argument_name)s: %(message)s"),
    phrase("%(prog)s: error: %(message)s\n"),
    phrase("the following arguments are required: %s"),
    phrase("one of the arguments %s is required"),
    phrase("unrecognized arguments: %s"),
    phrase("not allowed with argument %s"),
    phrase("ignored explicit argument %r"),
    phrase("expected one argument"), phrase("expected at most one argument"),
    phrase("expected at least one argument"),
    noun("expected %s argument", "expected %s arguments"),
    phrase("ambiguous option: %(option)s could match %(matches)s"),
    phrase("unexpected option string: %s"),
    phrase("invalid %(type)s value: %(value)r"),
    phrase("invalid choice: %(value)r (choose from %(choices)s)"),
    phrase("unknown parser %(parser_name)r (choices: %(choices)s)"),
    phrase("can't open '%(filename)s': %(error)s"),
)

"""Every message an error carries to a person is wrapped for translation (issue 19): an AST walk
over the folders below fails on `raise X("...")`, `raise X(f"...")` (or a string built with +, %
or .format) whose text is not inside phrase() / plural_phrase() / _() / ngettext(), and on the
same bare text given to an error class anywhere else (`return ScaleError(..., "...")`).

User-facing means the PackdeskError family and the builtins that reach a person (OSError's kin,
argparse's ArgumentTypeError ...). Exempt by class are the builtins Packdesk raises only for
programming errors - a wrong argument, an impossible state - whose text is for developers:
EXEMPT_CLASSES below. A string without a single letter ("{code} {text}", "{name}: {exc}") is not
a message in any language and passes. Arguments that are technical names, not words, are named
per class in MESSAGE_ARGUMENTS (a DocumentError's field is a field name, not prose).

Each folder or file in COVERED is walked; other helpers add their own to the list."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

COVERED = [
    "app/boxing", "app/packing", "app/shipping", "app/station", "app/scanning",
    "app/identifiers.py", "app/gs1.py", "app/pins.py", "app/addresses.py", "app/config.py", "app/config_tables.py",
    "devices", "printing",
    "app/imports", "app/orders", "app/documents", "app/admin", "app/setup", "app/doctor",
    "app/supervision", "app/picking", "app/floor", "app/audit", "app/cli", "app/store",
    "app/errors.py", "app/words.py",
]

WRAPPERS = frozenset({"phrase", "plural_phrase", "_", "ngettext"})

# Raised only for programming errors; their text is for a developer reading a traceback.
EXEMPT_CLASSES = frozenset({
    "AssertionError",       # "unreachable" and invariants
    "TypeError",            # an argument of the wrong type
    "ValueError",           # an argument out of range in a function's contract (user text: a PackdeskError)
    "RuntimeError",         # an object used in the wrong state (a queue closed, a reader started twice)
    "NotImplementedError",  # an abstract method
    "AttributeError",       # a module's __getattr__
    "KeyError", "IndexError", "LookupError",
    "StopIteration",
})

# Which positional arguments of a class (or error factory) are prose; the others are names or
# values. Classes not listed: every argument is checked.
MESSAGE_ARGUMENTS: dict[str, tuple[int, ...]] = {
    "DocumentError": (0, 3),  # (document, field, value, reason): printing/errors.py
    "_refused": (0,),         # (message, presented badge or PIN for the log, action): app/packing/people.py
    "ReasonRequired": (),     # (action code: "hold", "release", "cancel"): app/orders/holds.py says the message
    "DisconnectionError": (), # SQLAlchemy's pool reads it, never a person: app/store/liveness.py
}


def _files() -> list[Path]:
    found: list[Path] = []
    for entry in COVERED:
        path = ROOT / entry
        assert path.exists(), f"{entry} in COVERED does not exist; correct the list"
        found += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return found


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _has_words(node: ast.expr) -> bool:
    """True when `node` builds text with at least one letter outside a translation call."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and any(c.isalpha() for c in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(_has_words(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _has_words(node.left) or _has_words(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join"):
        return _has_words(node.func.value)
    if isinstance(node, ast.IfExp):
        return _has_words(node.body) or _has_words(node.orelse)
    return False  # a variable, a call (phrase(...) included), a number


def _classes(tree: ast.AST) -> set[str]:
    """Names that can be raised: every raised name, and every name ending in Error or Exception."""
    names = {_name(n.exc.func if isinstance(n.exc, ast.Call) else n.exc)
             for n in ast.walk(tree) if isinstance(n, ast.Raise) and n.exc is not None}
    names |= {_name(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)
              and _name(n.func).endswith(("Error", "Exception"))}
    return {n for n in names if n} - EXEMPT_CLASSES


def bare_messages(source: str, filename: str = "<source>") -> list[str]:
    """`filename:line: Class("...")` for each error made with unwrapped text in `source`."""
    tree = ast.parse(source, filename)
    raisable = _classes(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name not in raisable:
            continue
        wanted = MESSAGE_ARGUMENTS.get(name)
        args = [a for i, a in enumerate(node.args) if wanted is None or i in wanted]
        args += [k.value for k in node.keywords] if wanted is None else []
        if any(_has_words(a) for a in args):
            found.append(f"{filename}:{node.lineno}: {name}({ast.unparse(node.args[0]) if node.args else ''} ...)")
    return found


def test_every_error_message_is_wrapped_for_translation() -> None:
    found = []
    for path in _files():
        found += bare_messages(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert not found, ("error messages a person reads that are not wrapped for translation: write "
                       "phrase(\"... %(name)s ...\", name=value) from app.translator (placeholders, never an "
                       "f-string inside), then add the German (tests/unit/test_catalogue_complete.py):\n"
                       + "\n".join(found))


@pytest.mark.parametrize("source", [
    'raise ConfigError("[packing] lease_seconds is too short")',
    'raise BoxingError(f"box {n} has no id")',
    'raise DeviceConfigError("printer " + url + ": unknown option")',
    'raise ShippingError("--line {} is not SKU:QTY".format(value))',
    'raise errors.PackingError("No label has the id %s" % label_id)',
    'raise FileNotFoundError(f"{program} is not installed")',
    'def status(): return ScaleError(ScaleFailure.OVERLOAD, "overload: remove weight")',
    'raise DocumentError(DOCUMENT, "dpi", dpi, f"Packdesk prints ZPL at {low} dpi")',
    'raise DocumentError("badges", "badges", [], phrase("there are no users"))',
    'raise ScaleError(reason, "in motion" if moving else phrase("error"), address)',
])
def test_the_walk_finds_a_bare_message(source: str) -> None:
    assert bare_messages(source)


@pytest.mark.parametrize("source", [
    'raise ConfigError(phrase("[packing] lease_seconds = %(s)s is too short", s=seconds))',
    'raise BoxingError(plural_phrase("%(n)s box", "%(n)s boxes", n))',
    'raise CliError(_("no such order"))',
    'raise TryLater(f"{exc.smtp_code} {text}") from None',
    'raise AssertionError("unreachable")',
    'raise ValueError(f"dedupe window must be >= 0 seconds, got {window_s}")',
    'raise DocumentError(DOCUMENT, "dpi", dpi, phrase("Packdesk prints ZPL at %(low)s dpi", low=low))',
    'raise OrderNotFound(number)',
    'raise',
])
def test_the_walk_passes_wrapped_and_exempt_messages(source: str) -> None:
    assert not bare_messages(source)

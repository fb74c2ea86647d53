"""Issue 19, part B: no plain-English message in the core's directories below can reach a person
untranslated. An AST walk fails on a `raise X("a message")` (a literal, an f-string, a "%" or
.format() of one) and on an import row problem or a hold reason given as such text: each must be
phrase(...) / _(...) with %(name)s placeholders, so German can be said for it. A literal without
a space is a code ("hold", "unreachable"), not a message. (tests/unit/test_no_bare_messages.py
walks every folder for the errors themselves; this walk adds, for the folders that hold import rows,
hold reasons and the store, the row problems, hold reasons and exception classes' own messages.)"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("app/imports", "app/orders", "app/documents", "app/admin", "app/setup", "app/doctor",
           "app/supervision", "app/picking", "app/floor", "app/audit", "app/cli", "app/store")
FILES = ("app/errors.py", "app/words.py")
# Calls whose text arguments a person reads: a row's problem, an import's RowProblem, a hold's reason.
MESSAGE_CALLS = {"problem", "RowProblem", "HoldReason"}
# An exception made without raising it (returned, kept) or an exception class's own message
# (super().__init__(...)): by the names the exceptions of app/ end with.
ERROR_NAMES = ("Error", "Unavailable", "NotReady", "Failed", "Rejected", "Refused", "NotFound", "Conflict",
               "Problem", "Elsewhere")
# Messages only a program reads, with why (file, message).
FOR_PROGRAMS = {
    ("app/store/liveness.py", "the server did not answer the ping"): "SQLAlchemy's pool reads it, never a person",
}


def _is_bare(node: ast.expr) -> bool:
    """English text as it stands: a literal with a space, an f-string, or a % / + / .format() of one."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and " " in node.value
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _is_bare(node.left) or (isinstance(node.op, ast.Add) and _is_bare(node.right))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _is_bare(node.func.value)
    return False


def _is_super_init(node: ast.Call) -> bool:
    func = node.func
    return (isinstance(func, ast.Attribute) and func.attr == "__init__" and isinstance(func.value, ast.Call)
            and getattr(func.value.func, "id", "") == "super")


def _text(node: ast.expr) -> str:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ast.unparse(node)


def bare_messages(source: str, where: str) -> list[str]:
    """`where:line: the call` for each message in `source` that is not wrapped for translation."""
    found: dict[tuple[int, str], str] = {}  # a raise X(...) is also a call of X: each text once
    for node in ast.walk(ast.parse(source)):
        texts: list[ast.expr] = []
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            texts = [*node.exc.args, *(k.value for k in node.exc.keywords if k.arg in ("message", "msg"))]
        elif isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in MESSAGE_CALLS or name.endswith(ERROR_NAMES) or _is_super_init(node):
                texts = list(node.args)
        for text in texts:
            if _is_bare(text) and (where, _text(text)) not in FOR_PROGRAMS:
                found.setdefault((text.lineno, ast.unparse(text)), f"{where}:{node.lineno}: {ast.unparse(node)[:160]}")
    return list(found.values())


def _files() -> list[Path]:
    return sorted({*(p for folder in FOLDERS for p in (ROOT / folder).rglob("*.py")), *(ROOT / f for f in FILES)})


def test_every_message_in_these_directories_is_wrapped_for_translation() -> None:
    found = [bare for path in _files()
             for bare in bare_messages(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())]
    assert not found, ("messages a person reads, in plain English: wrap each in phrase(\"... %(name)s ...\", "
                       "name=...) (app/translator.py) or _() (app/messages.py), then `make translations` "
                       "and give it German in resources/locale/de/LC_MESSAGES/packdesk.po:\n" + "\n".join(found))


def test_the_walk_sees_every_folder_it_names() -> None:
    files = _files()
    for folder in FOLDERS:
        assert any(p.is_relative_to(ROOT / folder) for p in files), f"{folder} has no Python file: renamed?"
    assert len(files) > 100


def test_the_walk_finds_each_kind_of_bare_message() -> None:
    source = '''
def f(x, row, problems):
    raise ValueError("no such order")
    raise ValueError(f"order {x} is gone")
    raise ValueError("order %s is gone" % x)
    raise ValueError("order {} is gone".format(x))
    raise ValueError("order " + x + " is gone")
    raise Refused(x, message=f"order {x} is gone")
    row.problem(f"sku {x} is unknown")
    problems.append(RowProblem(3, "ship_to must be an object"))
    reasons.append(HoldReason(HoldKind.PAYMENT, f"payment is {x}"))
    return DatabaseUnavailable(f"the database at {x} is away")

class Gone(Exception):
    def __init__(self, x):
        super().__init__(f"order {x} is gone")
'''
    assert len(bare_messages(source, "example.py")) == 11


def test_wrapped_messages_and_codes_pass() -> None:
    source = '''
def f(x, row):
    raise ValueError(phrase("order %(x)s is gone", x=x))
    raise ValueError(_("order %(x)s is gone") % {"x": x})
    raise ReasonRequired("hold", x)
    raise AssertionError("unreachable")
    raise ValueError(str(x))
    row.problem(phrase("pin must be 4 to 8 digits"))
    reasons.append(HoldReason(HoldKind.PAYMENT, reason(NOT_PAID, payment=x)))
'''
    assert bare_messages(source, "example.py") == []

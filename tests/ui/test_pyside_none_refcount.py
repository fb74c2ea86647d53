"""Regression: PySide6 6.12.0 on CPython 3.11 drops a reference to None on ordinary widget
calls and the process aborts with "none_dealloc". The pinned version must not.

The calls run in a child process, so a version with the bug fails this test (with the
child's exit status) instead of aborting the whole test run.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

CHILD = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
    app = QApplication([])
    label, edit = QLabel(), QLineEdit()
    for _ in range(200):  # warm-up: caches, interned strings
        label.setText("warm"); edit.clear()
    before = sys.getrefcount(None)
    for i in range(20_000):
        label.setText(f"scan {i}")
        edit.setText("x")
        edit.clear()
        label.show()
    print(sys.getrefcount(None) - before)
    """
)


def test_twenty_thousand_widget_calls_keep_none_refcount_stable() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=120
    )
    assert child.returncode == 0, (
        f"widget calls killed the process (exit {child.returncode}); a PySide6 that leaks "
        f"references to None aborts with none_dealloc: {child.stderr[-500:]}"
    )
    drift = int(child.stdout.strip().splitlines()[-1])
    # One lost reference per call would show as tens of thousands; allow interpreter noise.
    assert abs(drift) < 100, f"None's refcount moved by {drift} over 20,000 widget calls"

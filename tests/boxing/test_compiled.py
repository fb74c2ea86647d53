"""The box search compiled by mypyc (app/boxing/compiled.py) answers exactly as the plain
Python source does, runs only when built from that source, and runs in CI
(PACKDESK_REQUIRE_COMPILED=1, set by .ci/run)."""
from __future__ import annotations

import importlib.machinery
import json
import os
import random
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import app.boxing.suggest as suggest
from app.boxing import BoxType, Objective, Rules, Unit, compiled, suggest_boxes
from app.boxing.model import Goal

ROOT = Path(__file__).resolve().parents[2]
REQUIRE_COMPILED = os.environ.get("PACKDESK_REQUIRE_COMPILED") == "1"
BOXES = [
    BoxType("XS", 220, 160, 100, 5000, 90, Decimal("0.35")),
    BoxType("S", 300, 220, 150, 10000, 150, Decimal("0.55")),
    BoxType("M", 400, 300, 200, 15000, 250, Decimal("0.85")),
    BoxType("L", 500, 400, 300, 20000, 400, Decimal("1.30"), stock=3),
    BoxType("XL", 600, 450, 400, 25000, 600, Decimal("1.90")),
]
OBJECTIVES = [Objective(), Objective(Goal.FEWEST_PARCELS), Objective(Goal.CARRIER_COST, 4000)]


def seeded_orders(count: int = 400, seed: int = 11) -> list[list[Unit]]:
    """Orders of 1-14 units with every rule: upright, padding, classes, own containers."""
    rng = random.Random(seed)
    products = []
    for n in range(40):
        dims = sorted((rng.randint(15, 260) for _ in range(3)), reverse=True)
        rules = Rules(
            upright=rng.random() < 0.2, padding=rng.choice([0, 0, 0, 5, 10]),
            own_container=rng.random() < 0.03,
            hazard_class=rng.choice([None] * 6 + ["hazmat", "food"]),
            incompatible_with=frozenset(rng.choice([(), (), ("food",), ("hazmat",)])))
        products.append(Unit(f"SKU-{n}", *dims, rng.randint(20, 4000), rules))
    return [[rng.choice(products) for _ in range(rng.randint(1, 14))] for _ in range(count)]


def answers(count: int = 400) -> list[dict]:
    """Every seeded order's suggestion under each objective, as JSON, with no clock in play."""
    suggest.DEADLINE_S = suggest.MIN_DEADLINE_S = 600.0  # answers may differ only past the deadline
    out = []
    for i, units in enumerate(seeded_orders(count)):
        s = suggest_boxes(units, BOXES, OBJECTIVES[i % len(OBJECTIVES)])
        out.append(s.to_json() | {"proved": [p.proved_cheapest for p in s.parcels]})
    return out


def run_python(code: str, **env: str) -> str:
    """Run `code` in a new interpreter: plain Python unless `env` says otherwise; its output."""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=240,
                            env={**os.environ, "PACKDESK_INTERPRETED": "1", **env})
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_compiled_search_runs_where_it_is_required() -> None:
    if not REQUIRE_COMPILED:
        pytest.skip(f"the box search runs {compiled.running}; .ci/run requires it compiled")
    assert compiled.running.startswith("compiled"), compiled.running
    assert not suggest.__file__.endswith(".py")


def test_compiled_and_plain_python_give_the_same_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    if not compiled.running.startswith("compiled"):
        if REQUIRE_COMPILED:
            pytest.fail(f"the box search should run compiled: {compiled.running}")
        pytest.skip(f"nothing to compare: the box search runs {compiled.running}")
    monkeypatch.setattr(suggest, "DEADLINE_S", suggest.DEADLINE_S)
    monkeypatch.setattr(suggest, "MIN_DEADLINE_S", suggest.MIN_DEADLINE_S)
    ours = answers()
    theirs = json.loads(run_python(
        "import json, sys; from tests.boxing.test_compiled import answers; json.dump(answers(), sys.stdout)"))
    assert len(ours) == len(theirs) == 400
    for i, (a, b) in enumerate(zip(ours, theirs)):
        assert a == b, f"order {i}: compiled {a} but plain Python {b}"
    assert {p["box"] for a in ours for p in a["parcels"]} >= {"XS", "S", "M", "L", "XL", "OWN"}
    assert any(len(a["parcels"]) > 2 for a in ours)  # splits were compared too


def test_plain_python_runs_when_asked_and_says_so() -> None:
    out = run_python("import app.boxing.suggest as s, app.boxing.compiled as c; print(s.__file__); print(c.running)")
    where, running = out.splitlines()
    assert where == str(ROOT / "app" / "boxing" / "suggest.py")
    assert running == "interpreted: PACKDESK_INTERPRETED is set"


def test_a_build_of_another_source_is_never_used(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in compiled.SEARCH_MODULES:
        (source / f"{name}.py").write_bytes((compiled.SOURCE_DIR / f"{name}.py").read_bytes())
    build = tmp_path / "build"
    build.mkdir()
    (build / compiled.MANIFEST).write_text(json.dumps({"source": compiled.source_digest(source)}))
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("PACKDESK_INTERPRETED", raising=False)
        assert compiled.why_not_compiled(build, source) is None
        with (source / "trial.py").open("a") as f:
            f.write("\n# edited after the build\n")
        assert "another source" in compiled.why_not_compiled(build, source)
        (build / compiled.MANIFEST).write_text("{not json")
        assert "cannot be read" in compiled.why_not_compiled(build, source)
        assert "no compiled build" in compiled.why_not_compiled(tmp_path / "nowhere", source)


def test_a_build_that_does_not_load_leaves_plain_python_running(tmp_path: Path) -> None:
    folder = tmp_path / "app" / "boxing"
    folder.mkdir(parents=True)
    (folder / compiled.MANIFEST).write_text(json.dumps({"source": compiled.source_digest()}))
    (folder / f"packer__mypyc{importlib.machinery.EXTENSION_SUFFIXES[0]}").write_bytes(b"not a shared library")
    out = run_python("import app.boxing.suggest as s, app.boxing.compiled as c; print(s.__file__); print(c.running)",
                       PACKDESK_INTERPRETED="", PACKDESK_COMPILED_DIR=str(tmp_path))
    where, running = out.splitlines()
    assert where == str(ROOT / "app" / "boxing" / "suggest.py")
    assert running.startswith("interpreted: the compiled build in") and "does not load" in running

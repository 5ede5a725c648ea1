"""Dependencies point down: every import between kansrijk's packages (at module level or
inside a function) goes from a higher layer to a lower one, so nothing below the web app
and the CLI imports them, and a report or rule written below the web layer cannot quietly
reach up into it. A new package or top-level module must be placed in LAYERS."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "kansrijk"

#: Layer of each package or top-level module, lowest first (docs/extending.md, module map).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "__version__", "memo"),
    ("settings", "vocab", "l10n", "serialize", "regions"),
    ("tables", "sources"),
    ("warehouse",),
    ("geo", "model", "costs", "demo"),
    ("indicators", "scenarios"),
    ("finder", "optimise", "registry"),
    ("workspace",),
    ("web",),
    ("cli",),  # `kansrijk serve` starts the web app
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _top(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, top-level kansrijk name) of every import of another part of kansrijk."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "kansrijk":
                names = [a.name for a in node.names]
            elif node.module.startswith("kansrijk."):
                names = [node.module.split(".")[1]]
        elif isinstance(node, ast.Import):
            names = [a.name.split(".")[1] for a in node.names if a.name.startswith("kansrijk.")]
        found += [(node.lineno, name) for name in names]
    return found


def _sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p != PACKAGE / "__init__.py")


def test_every_package_has_a_layer() -> None:
    tops = {_top(p) for p in _sources()}
    assert sorted(tops - RANK.keys()) == [], "place these in LAYERS (tests/test_layers.py)"


def test_imports_point_down() -> None:
    upward = [
        f"{p.relative_to(PACKAGE.parent)}:{line} imports kansrijk.{name}"
        f" (layer {RANK[name]}) from layer {RANK[_top(p)]}"
        for p in _sources()
        for line, name in _imports(p)
        if name != _top(p) and name in RANK and RANK[name] >= RANK[_top(p)]
    ]
    assert upward == []


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    """The scan finds imports at module level and inside functions alike."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from kansrijk.web.page import Page\n"
        "def f():\n    import kansrijk.cli.output\n    from kansrijk import l10n\n",
        encoding="utf-8",
    )
    assert _imports(probe) == [(1, "web"), (3, "cli"), (4, "l10n")]


#: What only the stores may do: run a query (DuckDB in ``warehouse``, SQLAlchemy in ``registry``).
_QUERY_CALLS = frozenset({"execute", "executemany", "sql"})


def _queries(path: Path) -> list[str]:
    """Queries and query libraries used by a module: ``.execute``/``.executemany``/``.sql``
    calls, and imports of duckdb or sqlalchemy (``select``, ``text``; the ``Session`` type
    excepted)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            f = node.func
            name = (
                f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
            )
            if name in _QUERY_CALLS:
                found.append(f"{node.lineno}: {name}()")
        elif isinstance(node, ast.Import):
            found += [
                f"{node.lineno}: import {a.name}"
                for a in node.names
                if a.name.split(".")[0] in ("duckdb", "sqlalchemy")
            ]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in (
            "duckdb",
            "sqlalchemy",
        ):
            names = [
                a.name
                for a in node.names
                if not (node.module == "sqlalchemy.orm" and a.name == "Session")
            ]
            found += [f"{node.lineno}: from {node.module} import {n}" for n in names]
    return found


def test_the_web_layer_runs_no_query() -> None:
    """The pages ask the read model (warehouse, indicators, registry); they hold no SQL."""
    found = [
        f"{p.relative_to(PACKAGE.parent)}:{q}"
        for p in sorted((PACKAGE / "web").rglob("*.py"))
        for q in _queries(p)
    ]
    assert found == []


def test_the_query_check_sees_a_query(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from sqlalchemy import select\nfrom sqlalchemy.orm import Session\n"
        "def f(s, db):\n    s.execute(select(1))\n    return db.sql('SELECT 1')\n",
        encoding="utf-8",
    )
    assert _queries(probe) == ["1: from sqlalchemy import select", "4: execute()", "5: sql()"]

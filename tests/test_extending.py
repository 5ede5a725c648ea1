"""docs/extending.md keeps its module map true: every package, top-level module and web
route module of ``kansrijk`` is named there."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "kansrijk"
DOC = (ROOT / "docs" / "extending.md").read_text("utf-8")


def _top_level() -> list[str]:
    names = [p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    names += [p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"]
    return sorted(names)


def test_every_package_and_module_is_in_the_map() -> None:
    missing = [n for n in _top_level() if f"`kansrijk.{n}`" not in DOC]
    assert missing == [], f"add to the module map of docs/extending.md: {missing}"


def test_every_route_module_is_named() -> None:
    routes = sorted(
        p.stem
        for folder in ("routes", "pages")
        for p in (PACKAGE / "web" / folder).glob("*.py")
        if p.stem != "__init__"
    )
    missing = [r for r in routes if f"`{r}`" not in DOC]
    assert missing == [], f"add to the route modules of docs/extending.md: {missing}"


def test_the_map_names_nothing_that_is_gone() -> None:
    import re

    named = set(re.findall(r"`kansrijk\.(\w+)`", DOC))
    assert named <= set(_top_level()), sorted(named - set(_top_level()))


def test_files_the_doc_names_exist() -> None:
    """Paths like `warehouse/locations.py` (relative to the package, or to the repository for
    src/ and tests/) point at files that exist."""
    import re

    named = set(re.findall(r"`([\w/]+/[\w]+\.py)`", DOC))
    assert "warehouse/locations.py" in named
    missing = [
        n
        for n in sorted(named)
        if not (ROOT / n if n.startswith(("src/", "tests/")) else PACKAGE / n).exists()
    ]
    assert missing == [], f"docs/extending.md names files that do not exist: {missing}"

"""Docs are checked: every CLI command, setting and indicator must be documented."""

from __future__ import annotations

import typer.main
from tests.conftest import ROOT

from kansrijk.cli import app
from kansrijk.indicators import INDICATORS
from kansrijk.settings import Settings

DOCS = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md")))
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    out = []
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(cmd, "commands", None)
        if sub:
            out.extend(f"{name} {s}" for s in sub)
        else:
            out.append(name)
    return out


def test_every_cli_command_is_in_the_readme() -> None:
    missing = [c for c in _commands() if f"kansrijk {c}" not in README]
    assert missing == []


def test_every_setting_is_documented() -> None:
    settings_doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`{name}`" in settings_doc and f"KANSRIJK_{name.upper()}" in settings_doc, name


def test_every_indicator_is_documented_with_its_definition() -> None:
    doc = (ROOT / "docs" / "indicators.md").read_text(encoding="utf-8")
    for ind in INDICATORS:
        assert f"### `{ind.id}`" in doc, ind.id
        assert ind.definition in doc, f"definition of {ind.id} in docs/indicators.md is stale"
    assert DOCS

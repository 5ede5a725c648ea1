"""Start-up stays light: ``kansrijk --help`` (and the help of the commands whose modules
import lazily) loads none of the heavy libraries; the listed short help of lazily loaded
commands is theirs; constants copied for ``--help`` equal their originals."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer.main
from typer.models import CommandInfo
from typer.testing import CliRunner

from kansrijk.cli import LAZY, app
from kansrijk.cli import scenario as scenario_cli

HEAVY = ("numpy", "scipy", "plotly", "duckdb", "fastapi", "pyarrow", "openpyxl", "sqlalchemy")

_PROBE = """
import json, sys
from typer.testing import CliRunner
from kansrijk.cli import app
result = CliRunner().invoke(app, {args!r})
heavy = {heavy!r}
print(json.dumps({{"code": result.exit_code, "out": result.output,
                   "heavy": sorted(h for h in heavy if h in sys.modules)}}))
"""


def _probe(args: list[str]) -> dict[str, object]:
    """Run the CLI with ``args`` in a fresh interpreter; what it printed and imported."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(args=args, heavy=HEAVY)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize(
    "args",
    [["--help"], ["indicator", "--help"], ["scenario", "run", "--help"], ["regions", "--help"]],
)
def test_help_imports_no_heavy_library(args: list[str]) -> None:
    result = _probe(args)
    assert result["code"] == 0
    assert result["heavy"] == []


def test_program_help_lists_every_command_with_its_short_help() -> None:
    out = str(_probe(["--help"])["out"])
    for name in ("ingest", "status", "fetch", "demo", "serve", "optimise", "access-check"):
        assert f" {name} " in out
    assert "Best places to add technical profiles for a budget" in out


def test_a_lazy_command_shows_its_own_options() -> None:
    result = _probe(["optimise", "--help"])
    assert result["code"] == 0
    assert "--budget" in str(result["out"])


@pytest.mark.parametrize("name", sorted(LAZY))
def test_listed_short_help_is_the_commands_own(name: str) -> None:
    module, function, short_help = LAZY[name]
    callback = getattr(__import__(module, fromlist=[function]), function)
    real = typer.main.get_command_from_info(
        CommandInfo(name=name, callback=callback),
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode,
    )
    assert real.get_short_help_str(limit=500) == short_help


def test_scenario_constants_equal_the_planners() -> None:
    from kansrijk.scenarios import DEFAULT_SEED, PRESETS

    assert scenario_cli.DEFAULT_SEED == DEFAULT_SEED
    assert tuple(PRESETS) == scenario_cli.PRESET_NAMES


@pytest.mark.parametrize(
    ("args", "name", "short_help"),
    [
        (
            ["--help"],
            "serve",
            (
                "Serve the web app (pages and JSON API); loads the demo region when no real data "
                "are loaded."
            ),
        ),
        (
            ["registry", "--help"],
            "create-admin",
            (
                "Create an admin account; the password is read from KANSRIJK_ADMIN_PASSWORD or "
                "asked for (never an argument, so it stays out of the shell history)."
            ),
        ),
    ],
)
def test_a_listed_short_help_wider_than_its_docstring_line_is_one_line(
    args: list[str], name: str, short_help: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A docstring whose first paragraph spans two lines is listed as one line when the
    terminal is wide enough (it was broken where the docstring broke)."""
    monkeypatch.setenv("COLUMNS", "240")
    out = CliRunner().invoke(app, args).output
    line = next(x for x in out.splitlines() if f" {name} " in x)
    assert " ".join(line.strip("│ ").split()) == f"{name} {short_help}"

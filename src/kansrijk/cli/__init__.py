"""The ``kansrijk`` command: thin; parses, calls the layers, prints tables or --json.

Start-up is kept light: ``kansrijk --help`` imports no numpy, DuckDB, Arrow, SciPy, plotly or
FastAPI. The command modules import those inside their commands; the commands in ``LAZY``
(modules that still import them at the top) are loaded only when they run or show their
own help, and are listed with the short help kept here (a test keeps it equal to theirs)."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterable
from typing import Any

import typer
import typer.core
import typer.main
from typer import _click as click  # the click that typer uses (vendored since 0.22)
from typer.models import CommandInfo

from kansrijk.cli import (
    demo,
    indicators,
    regions,
    registry,
    scenario,
    time,
    web,
)

#: name -> (module, function, short help) of commands loaded when they are used.
LAZY: dict[str, tuple[str, str, str]] = {
    "ingest": (
        "kansrijk.cli.data",
        "ingest_cmd",
        "Read files, validate them, and load them into the warehouse in one transaction.",
    ),
    "status": (
        "kansrijk.cli.data",
        "status_cmd",
        "Show what is loaded: per dataset and year, rows, file, sha256, publisher, licence.",
    ),
    "fetch": (
        "kansrijk.cli.fetch",
        "fetch_cmd",
        (
            "Download open data from DUO, CBS and PDOK into the cache, then load it into the "
            "warehouse in one transaction."
        ),
    ),
    "optimise": (
        "kansrijk.cli.optimise",
        "optimise_cmd",
        "Best places to add technical profiles for a budget (MILP, proven optimal).",
    ),
    "access-check": (
        "kansrijk.cli.optimise",
        "access_check_cmd",
        "Who loses or gains a technical profile within X km (or Y minutes' cycling).",
    ),
    "flyers": (
        "kansrijk.cli.flyers",
        "flyers_cmd",
        "Make A4 PDF flyers (vmbo schools with and without a technical profile).",
    ),
}

#: The order commands are listed in by ``kansrijk --help``.
ORDER = (
    "ingest",
    "status",
    "fetch",
    "demo",
    "serve",
    "indicator",
    "trend",
    "events",
    "optimise",
    "access-check",
    "flyers",
)


class LazyCommand(typer.core.TyperCommand):
    """Stands in for a command of ``LAZY`` in listings; ``load`` builds the real one."""

    def __init__(self, name: str) -> None:
        module, function, short_help = LAZY[name]
        super().__init__(name, help=short_help, short_help=short_help)
        self.module = module
        self.function = function

    def load(self) -> click.Command:
        """The real command (imports its module)."""
        callback = getattr(importlib.import_module(self.module), self.function)
        return typer.main.get_command_from_info(
            CommandInfo(name=self.name, callback=callback),
            pretty_exceptions_short=app.pretty_exceptions_short,
            rich_markup_mode=app.rich_markup_mode,
        )


def _one_line_short_helps(commands: Iterable[click.Command]) -> None:
    """Give every command (and those of its groups) without a short help its docstring's
    first paragraph on one line: the rich listing keeps a docstring's line breaks."""
    for command in commands:
        if command.short_help is None and command.help:
            first = inspect.cleandoc(command.help).split("\n\n")[0]
            command.short_help = " ".join(first.split())
        subcommands = getattr(command, "commands", None)  # a group's
        if isinstance(subcommands, dict):
            _one_line_short_helps(subcommands.values())


class LazyGroup(typer.core.TyperGroup):
    """The top-level group: lists ``LAZY`` commands without importing them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        given = dict(self.commands)
        ordered: dict[str, click.Command] = {}
        for name in ORDER:
            ordered[name] = given.pop(name) if name in given else LazyCommand(name)
        ordered.update(given)
        _one_line_short_helps(ordered.values())
        self.commands = ordered

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """The command to run, loaded."""
        name, command, rest = super().resolve_command(ctx, args)
        if isinstance(command, LazyCommand) and name is not None:
            command = self.commands[name] = command.load()
        return name, command, rest


app = typer.Typer(
    name="kansrijk",
    help="Kansrijk: see and steer young people's choices for technical and IT education.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    cls=LazyGroup,
)
app.command("demo")(demo.demo_cmd)
app.command("serve")(web.serve_cmd)
app.add_typer(regions.app, name="regions")
app.command("indicator")(indicators.indicator_cmd)
app.add_typer(indicators.list_app, name="indicators")
app.command("trend")(time.trend_cmd)
app.command("events")(time.events_cmd)
app.add_typer(scenario.app, name="scenario")
app.add_typer(registry.app, name="registry")


def main() -> None:
    """Entry point of the ``kansrijk`` script."""
    app()


__all__ = ["LAZY", "app", "main"]

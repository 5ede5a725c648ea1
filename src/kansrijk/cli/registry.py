"""``kansrijk registry``: the partner registry's database -- migrate it, create the first
admin account, purge what is past its retention. The database is ``KANSRIJK_DATABASE_URL``
(default a SQLite file in the user data dir)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from kansrijk.cli.options import JsonOpt
from kansrijk.cli.output import fail, print_json, say
from kansrijk.errors import KansrijkError

app = typer.Typer(help="The partner registry's database.", no_args_is_help=True)


@app.command("migrate")
def migrate_cmd(as_json: JsonOpt = False) -> None:
    """Bring the registry database to the newest schema (Alembic ``upgrade head``)."""
    from kansrijk.registry import open_registry
    from kansrijk.settings import Settings

    settings = Settings()
    try:
        reg = open_registry(settings)
    except KansrijkError as exc:
        fail(exc, as_json=as_json)
    tables = reg.tables()
    reg.close()
    if as_json:
        print_json({"ok": True, "tables": tables})
        return
    say(f"registry schema up to date: {len(tables)} tables")


@app.command("create-admin")
def create_admin_cmd(
    email: Annotated[str, typer.Option(help="The admin's work e-mail.")],
    name: Annotated[str, typer.Option(help="The admin's name.")] = "Beheerder",
    as_json: JsonOpt = False,
) -> None:
    """Create an admin account; the password is read from KANSRIJK_ADMIN_PASSWORD or
    asked for (never an argument, so it stays out of the shell history)."""
    from kansrijk.registry import open_registry
    from kansrijk.registry.accounts import create_admin
    from kansrijk.settings import Settings

    password = os.environ.get("KANSRIJK_ADMIN_PASSWORD") or typer.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )
    try:
        reg = open_registry(Settings())
        try:
            with reg.session() as s:
                user_id = create_admin(s, name, email, password).id
        finally:
            reg.close()
    except KansrijkError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json({"ok": True, "account": user_id, "email": email.strip().lower()})
        return
    say(f"admin account {user_id} created for {email.strip().lower()}")


@app.command("purge")
def purge_cmd(as_json: JsonOpt = False) -> None:
    """Delete audit entries, login failures and reset tokens older than retention_days."""
    from kansrijk.registry import open_registry
    from kansrijk.registry.accounts import purge
    from kansrijk.settings import Settings

    settings = Settings()
    try:
        reg = open_registry(settings)
        try:
            with reg.session() as s:
                n = purge(s, settings.retention_days)
        finally:
            reg.close()
    except KansrijkError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json({"ok": True, "deleted": n})
        return
    say(f"deleted {n} rows older than {settings.retention_days} days")

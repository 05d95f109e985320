"""``casekit store ...``: upgrade the store's tables, back the store up, restore a backup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from casekit.cli import _context
from casekit.errors import EncryptionKeyError, StoreUpgradeNeededError


def _store_url(ctx: click.Context) -> str:
    resolved = _context.settings(ctx)
    return _context.workspace(ctx).db_url(resolved.db_url)


def _label(url: str) -> str:
    """The store for a message: the SQLite file, or the server URL without its password."""
    from casekit.store.engine import parse_store_url

    parsed = parse_store_url(url)
    if parsed.drivername.startswith("sqlite"):
        return str(parsed.database)
    return parsed.render_as_string(hide_password=True)


def _sqlite_path(url: str) -> Path | None:
    from casekit.store.engine import parse_store_url

    parsed = parse_store_url(url)
    return Path(parsed.database or "") if parsed.drivername.startswith("sqlite") else None


def _postgres_help(url: str, action: str) -> None:
    """Print the pg_dump / pg_restore lines for a PostgreSQL store (password left out)."""
    from casekit.store.backup import postgres_commands

    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    commands = postgres_commands(url, Path(f"casekit-backup-{stamp}.dump"))
    click.echo(f"A PostgreSQL store is backed up and restored with the server's own tools ({action}):")
    click.echo(f"  back up:  {commands.dump}")
    click.echo(f"  restore:  {commands.restore}")
    click.echo("pg_dump asks for the password (or reads PGPASSWORD or ~/.pgpass); keep the file private.")


@click.group()
def store() -> None:
    """Look after the case store: upgrade its tables, back it up, restore a backup."""


@store.command("upgrade")
@click.option(
    "--yes-i-have-a-backup",
    "has_backup",
    is_flag=True,
    help="PostgreSQL only: confirm the database was backed up with pg_dump (casekit cannot do it).",
)
@click.pass_context
def upgrade(ctx: click.Context, has_backup: bool) -> None:
    """Bring the store's tables up to this casekit, after making a backup.

    A SQLite store is copied beside itself first (a file named with the time). For a PostgreSQL
    store, back it up with pg_dump (the command is printed) and run again with --yes-i-have-a-backup.
    """
    from casekit.store import migrations
    from casekit.store.backup import backup_sqlite, default_backup_path

    url = _store_url(ctx)
    state = migrations.store_layout(url)
    if state.unknown:
        migrations.check(state, _label(url))
    if state.up_to_date:
        click.echo(f"The store is up to date (revision {state.head}); nothing to do.")
        return
    path = _sqlite_path(url)
    if path is not None:
        copy = backup_sqlite(path, default_backup_path(path, dt.datetime.now(dt.UTC)))
        click.echo(f"Backed up the store to {copy}")
    elif not has_backup:
        _postgres_help(url, "do this before upgrading")
        raise StoreUpgradeNeededError(
            "the store was not upgraded; back it up with the pg_dump line above, then run "
            "`casekit store upgrade --yes-i-have-a-backup`"
        )
    before, after = migrations.upgrade_store(url)
    click.echo(f"Upgraded the store from {before.described} to revision {after.head}.")


@store.command("backup")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def backup(ctx: click.Context, file: Path | None) -> None:
    """Copy the store to FILE (default: beside the store, named with the time), even while in use.

    The copy holds the cases as they are stored: identifying details stay locked with the workspace
    key, which is not in the copy. Keep the key backed up separately.
    """
    from casekit.store.backup import backup_sqlite, default_backup_path

    url = _store_url(ctx)
    path = _sqlite_path(url)
    if path is None:
        _postgres_help(url, "casekit does not copy a server's database itself")
        ctx.exit(1)
    target = file or default_backup_path(path, dt.datetime.now(dt.UTC))
    copy = backup_sqlite(path, target.expanduser().absolute())
    click.echo(f"Backed up the store to {copy}")


@store.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def restore(ctx: click.Context, file: Path) -> None:
    """Fill this workspace's new, empty store from the backup FILE.

    A store that already holds cases is never replaced: make a new workspace with `casekit init`,
    then restore into it. Identifying details open with the key of the workspace the backup came
    from: copy that key file into the new workspace's .casekit folder.
    """
    from casekit.store.backup import restore_sqlite
    from casekit.store.engine import connect

    resolved = _context.settings(ctx)
    ws = _context.workspace(ctx)
    url = ws.db_url(resolved.db_url)
    if _sqlite_path(url) is None:
        _postgres_help(url, "restore into a new, empty database")
        ctx.exit(1)
    target = connect(url)
    try:
        facts = restore_sqlite(file.expanduser().absolute(), target)
    finally:
        target.engine.dispose()
    click.echo(f"Restored {facts.cases} cases from {file} into {target.label}")
    try:
        with ws.open_store_with(resolved) as opened:
            click.echo(f"The store opens with this workspace's key ({len(opened.list_cases())} cases).")
    except EncryptionKeyError:
        click.echo(
            f"Identifying details stay locked: this workspace's key is not the backup's. Copy the key "
            f"file of the workspace the backup came from to {ws.key_path}."
        )
    except StoreUpgradeNeededError:
        click.echo("The backup was made by an older casekit: run `casekit store upgrade` next.")

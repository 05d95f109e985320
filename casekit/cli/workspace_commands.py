"""``casekit init`` and ``casekit example``: create a workspace; run the bundled example end to end."""

from __future__ import annotations

from pathlib import Path

import click

from casekit.cli import _context
from casekit.workspace import Workspace


@click.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--examples", is_flag=True, help="Also load casekit's fictional example cases.")
@click.pass_context
def init(ctx: click.Context, directory: Path | None, examples: bool) -> None:
    """Create a workspace in DIRECTORY (default: the current folder).

    The workspace holds your cases, a private key that locks the client's identifying details,
    and folders for workbook runs and de-identified exports.
    """
    resolved = _context.settings(ctx)
    ws = Workspace.create(directory or resolved.workspace, examples=examples, db_url=resolved.db_url)
    click.echo(f"Created a casekit workspace in {ws.root}")
    click.echo(
        f"The key that unlocks identifying details is {ws.key_path} — keep a backup somewhere safe; "
        f"without it those details cannot be read."
    )
    if examples:
        with ws.open_store_with(resolved) as store:
            click.echo(f"Loaded {len(store.list_cases())} fictional example cases.")
    click.echo("Next: cd into it and run `casekit case list`.")


@click.command()
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("example-workspace"),
    show_default=True,
    help="Where to create (or reuse) the example workspace.",
)
def example(directory: Path) -> None:
    """Run casekit on its bundled fictional example cases.

    Creates a workspace with the example cases (or reuses one), checks every case, and prints an
    overview of each.
    """
    from casekit.example_job import run_example

    result = run_example(directory)
    verb = "Created" if result.created else "Using"
    click.echo(f"{verb} the example workspace {result.workspace.root}")
    for ov in result.overviews:
        click.echo("")
        for line in ov.lines():
            click.echo(line)
    click.echo("")
    click.echo(f"{len(result.overviews)} cases checked: all valid.")
    for label, path in result.outputs:
        click.echo(f"{label}: {path}")
    click.echo(f"Open the home page in your browser: casekit app {result.workspace.root}")

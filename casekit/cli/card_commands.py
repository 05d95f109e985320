"""``casekit card``: one-time links to a client card, and the kiosk server that opens them.

``casekit card serve`` serves the client card workbook alone with Voila (no other page of the
workspace can be reached from it); ``casekit card link CK-0101 --language ar`` makes a link that opens
that client's card once, and prints it. The link's token is printed once and stored only as a hash.
"""

from __future__ import annotations

import datetime as dt

import click

from casekit.cli import _context
from casekit.cli.open_commands import Serving, serve
from casekit.workbooks.live_copy import prepare_workbook


@click.group("card")
def card() -> None:
    """A client card: a page the client fills in themselves, in their own language."""


@card.command("link")
@click.argument("case_id")
@click.option(
    "--card",
    "which",
    type=click.Choice(["about", "feedback"]),
    default="about",
    show_default=True,
    help="The card: 'about' (how the client describes themselves) or 'feedback' (after a session).",
)
@click.option(
    "--language",
    "-l",
    default="en",
    show_default=True,
    help="The card's language: en, es, zh-Hans, vi, ar, so, fr or ko (the client can switch).",
)
@click.option(
    "--hours",
    type=click.FloatRange(0.1, 24 * 14),
    default=24.0,
    show_default=True,
    help="How long the link stays usable, if nobody opens it first.",
)
@click.option(
    "--address",
    default="http://localhost:8866",
    show_default=True,
    help="Where `casekit card serve` is reachable from the client's device.",
)
@click.pass_context
def link(ctx: click.Context, case_id: str, which: str, language: str, hours: float, address: str) -> None:
    """Make a one-time link that opens CASE_ID's client card, and print it.

    The link opens once, only that card, and nothing else of the case; it expires after --hours.
    """
    from casekit.cardlinks import CardLinks

    ws = _context.workspace(ctx)
    with _context.open_store(ctx) as store:
        store.head(case_id)  # refuses an unknown case with a clear line
    token = CardLinks(ws.private_dir).issue(
        case_id, card=which, language=language, lifetime=dt.timedelta(hours=hours)
    )
    click.echo(f"{address.rstrip('/')}/?token={token}")


@card.command("serve", context_settings={"ignore_unknown_options": True})
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8866, show_default=True, help="Port to serve on."
)
@click.option(
    "--prepare-only", is_flag=True, help="Only write the card workbook into runs/ and print its path."
)
@click.option(
    "--no-browser", is_flag=True, help="Accepted for symmetry: the kiosk's browser is the client's."
)
@click.argument("server_args", nargs=-1, type=click.UNPROCESSED)
@click.pass_context
def serve_cards(
    ctx: click.Context, port: int, prepare_only: bool, no_browser: bool, server_args: tuple[str, ...]
) -> None:
    """Serve client cards for the kiosk: only the card page, and only through a one-time link.

    Anything after `--` is passed to Voila, e.g. `casekit card serve -- --Voila.ip=0.0.0.0`.
    """
    from casekit import layout
    from casekit.resources import notebooks_dir
    from casekit.widgets.client_card import NOTEBOOK_NAME

    ws = _context.workspace(ctx)
    notebook = prepare_workbook(
        notebooks_dir() / NOTEBOOK_NAME,
        {"workspace": str(ws.root)},
        layout.live_path(ws.root, NOTEBOOK_NAME, None),
        what="the client card workbook",
    )
    del no_browser  # never opens a browser here: the card is opened on the client's device, by its link
    serving = Serving(True, port, True, prepare_only, ("--Voila.port_retries=0", *server_args))
    serve(ctx, ws, notebook, serving, address=f"http://localhost:{port}/")

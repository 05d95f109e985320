"""Shared plumbing for CLI commands: resolved settings, the workspace and its store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from casekit.settings import Settings, resolve
from casekit.workspace import Workspace

if TYPE_CHECKING:
    from casekit.store import CaseStore


def settings(ctx: click.Context) -> Settings:
    """Settings from the global options and the environment."""
    obj = ctx.find_root().obj or {}
    return resolve(workspace=obj.get("workspace"), db_url=obj.get("db"))


def workspace(ctx: click.Context) -> Workspace:
    """The workspace the command acts on (it must exist)."""
    return Workspace.find(settings(ctx).workspace)


@contextmanager
def open_store(ctx: click.Context) -> Iterator[CaseStore]:
    """Open the case store of the current workspace (or of ``--db``) for the length of a command."""
    resolved = settings(ctx)
    ws = Workspace.find(resolved.workspace)
    with ws.open_store_with(resolved) as store:
        yield store


def echo(text: str, *, nl: bool = True, err: bool = False) -> None:
    """``click.echo`` for text that came from a case: no terminal escape sequence reaches the screen.

    Control characters (ESC, BEL, C1 codes...) are removed by :func:`casekit.text.escape.for_terminal`,
    so a pasted note cannot retitle the window, recolour the terminal or rewrite what is shown.
    """
    from casekit.text.escape import for_terminal

    click.echo(for_terminal(text), nl=nl, err=err)

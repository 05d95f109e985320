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

"""Settings, resolved once from the command line, the environment and the workspace, then passed on.

Order of precedence: an explicit argument (CLI option), then the environment (``CASEKIT_WORKSPACE``,
``CASEKIT_DB_URL``, ``CASEKIT_PASSPHRASE``), then the workspace's ``casekit.toml``, then defaults.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """Resolved settings for one casekit invocation.

    Parameters
    ----------
    workspace
        The workspace folder.
    db_url
        Case store URL given explicitly or by the environment; ``None`` means the workspace decides
        (its ``casekit.toml`` or its own SQLite file).
    passphrase
        A passphrase to derive the identifiers key from, instead of the workspace key file. Hidden
        from ``repr`` so it never lands in a log or traceback.
    """

    workspace: Path
    db_url: str | None = None
    passphrase: str | None = field(default=None, repr=False)


def resolve(
    *,
    workspace: str | os.PathLike[str] | None = None,
    db_url: str | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Settings:
    """Resolve settings from arguments and the environment.

    Parameters
    ----------
    workspace, db_url
        Values given on the command line, if any.
    environ
        The environment to read (defaults to ``os.environ``).
    cwd
        The folder to use when no workspace is named (defaults to the current folder).
    """
    env = os.environ if environ is None else environ
    ws = workspace or env.get("CASEKIT_WORKSPACE") or (cwd or Path.cwd())
    url = db_url or env.get("CASEKIT_DB_URL") or None
    passphrase = env.get("CASEKIT_PASSPHRASE") or None
    return Settings(workspace=Path(ws).expanduser().resolve(), db_url=url, passphrase=passphrase)

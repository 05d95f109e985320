"""Who is acting: the person behind every revision, contribution, share and export.

On a group server the person comes from JupyterHub: the Hub starts each member's own server as that
member's operating-system account and hands it ``JUPYTERHUB_USER``. Outside the Hub the person is the
operating-system account running casekit. Either way it is read from the process, never typed, so a
form or a command-line option cannot record one person's work under another's name.

An alias (what a listing or a handout shows) is a separate thing: people choose aliases, but the
person recorded beside them is always :func:`current_person`.

This module does no I/O at import time.
"""

from __future__ import annotations

import getpass
import os
import re
import socket
from dataclasses import dataclass
from typing import Literal

from casekit.errors import ConfigError

#: The characters a person's user name may use (JupyterHub and POSIX account names fit in these).
_USERNAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}$")

Source = Literal["hub", "os"]


@dataclass(frozen=True)
class Person:
    """The person acting, as the machine knows them.

    Parameters
    ----------
    username
        The JupyterHub user name, or the operating-system account name outside the Hub.
    source
        ``"hub"`` when the name came from JupyterHub, ``"os"`` when it came from the account.
    server
        The host the work was done on, recorded in the audit trail ("from which server").
    """

    username: str
    source: Source
    server: str

    def __str__(self) -> str:
        return self.username


def current_person(environ: dict[str, str] | None = None) -> Person:
    """Return the person running this process.

    Under JupyterHub (``JUPYTERHUB_USER`` and ``JUPYTERHUB_API_TOKEN`` both set, as the Hub sets them
    for a single-user server) the Hub's user name is used; otherwise the operating-system account.

    Parameters
    ----------
    environ
        The environment to read (default: :data:`os.environ`); tests pass their own.

    Raises
    ------
    ConfigError
        When the user name is empty or has characters no account name has.
    """
    env = os.environ if environ is None else environ
    hub_user = env.get("JUPYTERHUB_USER", "")
    if hub_user and env.get("JUPYTERHUB_API_TOKEN"):
        return Person(check_username(hub_user, "JUPYTERHUB_USER"), "hub", _server())
    return Person(check_username(_os_user(), "the operating-system account"), "os", _server())


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        # No passwd entry and no LOGNAME/USER (a bare container): fall back to the numeric id.
        return f"uid{os.getuid()}"


def _server() -> str:
    return socket.gethostname() or "localhost"


def check_username(name: str, where: str) -> str:
    """Return ``name`` when it can be an account name; raise :class:`ConfigError` naming ``where``."""
    if not _USERNAME.match(name):
        raise ConfigError(
            f"{where}: the user name is empty or has characters an account name cannot have; "
            "ask the administrator to check the account"
        )
    return name

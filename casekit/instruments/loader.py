"""Read a clinic's instrument files from a workspace's ``instruments/`` folder.

Every refusal is an :class:`~casekit.errors.InstrumentError` of one line that names the file and the
field, and says how to fix it. The wording itself is never quoted in a message.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from casekit import layout
from casekit.errors import InstrumentError
from casekit.instruments.format import Instrument

if TYPE_CHECKING:
    from casekit.workspace import Workspace

#: Largest instrument file read (bytes); a long questionnaire is a few kilobytes.
MAX_FILE = 256_000
#: The file extension of an instrument file.
SUFFIX = ".toml"


def _field(loc: tuple[Any, ...]) -> str:
    """``("items", 2, "text")`` → ``"items[3].text"`` (items counted from 1, as a person counts)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "the file"


def _message(path: Path, exc: ValidationError) -> str:
    err = exc.errors(include_url=False, include_input=False)[0]
    where = _field(tuple(p for p in err["loc"] if p not in ("function-after",)))
    kind = err["type"]
    if kind == "missing":
        return f"{path.name}: {where} is missing; add it (see the instrument format in the casekit docs)"
    if kind == "extra_forbidden":
        return f"{path.name}: {where} is not part of the instrument format; check its spelling or remove it"
    msg = str(err["msg"]).removeprefix("Value error, ")
    return f"{path.name}: {where}: {msg}; fix it and reload"


def parse_instrument(text: str, path: Path) -> Instrument:
    """An instrument from the text of its TOML file (``path`` names it in messages).

    Raises
    ------
    InstrumentError
        If the text is not TOML or not a valid instrument.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InstrumentError(f"{path.name}: not valid TOML ({exc}); fix the line it names") from None
    try:
        return Instrument.model_validate(data)
    except ValidationError as exc:
        raise InstrumentError(_message(path, exc)) from None


def load_instrument(path: str | os.PathLike[str]) -> Instrument:
    """Read and check one instrument file.

    Raises
    ------
    InstrumentError
        If the file cannot be read, is too large, is not UTF-8, or is not a valid instrument.
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE:
            raise InstrumentError(f"{path.name}: larger than {MAX_FILE // 1000} KB; is it the right file?")
        raw = path.read_bytes()
    except OSError as exc:
        raise InstrumentError(f"{path.name}: cannot be read ({exc.strerror}); check it exists") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InstrumentError(f"{path.name}: not UTF-8 text; save it again as UTF-8") from None
    return parse_instrument(text, path)


def load_instruments(workspace: Workspace | str | os.PathLike[str]) -> dict[str, Instrument]:
    """Every instrument in a workspace's ``instruments/`` folder, by name (files in name order).

    Parameters
    ----------
    workspace
        A :class:`~casekit.workspace.Workspace` or its folder. A workspace without an
        ``instruments/`` folder has no instruments.

    Raises
    ------
    InstrumentError
        If a file is not a valid instrument, or two files use the same name.
    """
    # A Workspace knows its instruments folder; a path (which has a ``root`` of its own) is the folder.
    folder = getattr(workspace, "instruments_dir", None) or layout.instruments_dir(workspace)
    if not folder.is_dir():
        return {}
    found: dict[str, Instrument] = {}
    where: dict[str, str] = {}
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        instrument = load_instrument(path)
        if instrument.name in found:
            raise InstrumentError(
                f"{path.name}: name {instrument.name!r} is already used by {where[instrument.name]}; "
                f"give each instrument (and each language of it) its own name"
            )
        found[instrument.name] = instrument
        where[instrument.name] = path.name
    return found


def in_language(instruments: Mapping[str, Instrument], language: str) -> dict[str, Instrument]:
    """The instruments whose wording is in ``language`` (``es`` also takes ``es-MX``), by name."""
    base = language.split("-")[0].casefold()
    return {
        name: i
        for name, i in instruments.items()
        if i.language.casefold() == language.casefold() or i.language.split("-")[0].casefold() == base
    }

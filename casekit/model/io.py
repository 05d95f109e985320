"""Reading and writing cases as JSON, with one-line errors that name the field and the fix.

Validation messages never echo the offending value: it might be a private identifier.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from casekit.errors import CaseIdError, CaseValidationError, InputFileError
from casekit.model.case import Case, PrivateIdentifiers
from casekit.model.migrations import upgrade

#: Largest case file accepted, in bytes.
MAX_CASE_BYTES = 2_000_000


def format_location(loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic error location into ``goals[0].ratings[1].score``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in {"function-after", "function-before", "function-wrap"} or "[" in str(part):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out


_FIXES = {
    "missing": "add it",
    "extra_forbidden": "remove it or check its spelling",
    "string_too_long": "shorten it",
    "string_type": "give text in quotes",
    "int_parsing": "give a whole number",
    "int_type": "give a whole number",
    "date_from_datetime_parsing": "give a date as YYYY-MM-DD",
    "date_parsing": "give a date as YYYY-MM-DD",
    "date_type": "give a date as YYYY-MM-DD",
    "datetime_parsing": "give a date and time as YYYY-MM-DDTHH:MM:SSZ",
    "datetime_from_date_parsing": "give a date and time as YYYY-MM-DDTHH:MM:SSZ",
    "enum": "use one of the allowed values",
    "literal_error": "use one of the allowed values",
    "less_than_equal": "use a smaller number",
    "greater_than_equal": "use a larger number",
    "list_type": "give a list in [ ]",
    "model_type": "give an object in { }",
    "dict_type": "give an object in { }",
    "bool_type": "give true or false",
    "string_pattern_mismatch": "use only the allowed characters",
}


def validation_message(error: ValidationError, source: str) -> tuple[str, str]:
    """Summarise a pydantic error as ``(field, one-line message)`` without echoing any input."""
    first = error.errors(include_input=False, include_url=False)[0]
    field = format_location(tuple(first["loc"]))
    kind = first["type"]
    msg = first["msg"]
    if kind.startswith("value_error"):
        msg = msg.removeprefix("Value error, ")
        fix = ""
    else:
        fix = _FIXES.get(kind, "correct it")
        if kind in {"enum", "literal_error"} and "expected" in first.get("ctx", {}):
            fix = f"use {first['ctx']['expected']}"
    more = len(error.errors())
    extra = f" (and {more - 1} more problem{'s' if more > 2 else ''})" if more > 1 else ""
    where = f"{source}: {field}: " if field else f"{source}: "
    text = f"{where}{msg[0].lower()}{msg[1:]}" + (f"; {fix}" if fix else "") + extra
    return field, text


def validate_case(data: Any, *, source: str) -> Case:
    """Upgrade and validate a parsed case.

    Raises
    ------
    CaseValidationError
        Naming the first field at fault and how to fix it.
    """
    if not isinstance(data, dict):
        raise CaseValidationError(f"{source}: a case must be a JSON object {{...}}, not a list or value")
    data = upgrade(data, source=source)
    if data.get("identifiers") is None:
        data["identifiers"] = PrivateIdentifiers().model_dump(mode="json")
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        field, text = validation_message(exc, source)
        cls = CaseIdError if field == "meta.case_id" else CaseValidationError
        raise cls(text, field=field) from None


def parse_case_json(raw: bytes | str, *, source: str) -> Case:
    """Parse and validate a case from JSON bytes or text.

    Parameters
    ----------
    raw
        The file's content.
    source
        The file name, for messages.

    Raises
    ------
    InputFileError
        If it is too large, not UTF-8 or not JSON.
    CaseValidationError
        If it is JSON but not a valid case.
    """
    if len(raw) > MAX_CASE_BYTES:
        raise InputFileError(
            f"{source}: the file is {len(raw):,} bytes, more than the {MAX_CASE_BYTES:,} a case may be; "
            f"check it is a casekit case file"
        )
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputFileError(
                f"{source}: not valid UTF-8 text (byte {exc.start}); save the file as UTF-8 and try again"
            ) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputFileError(
            f"{source}: not valid JSON at line {exc.lineno} column {exc.colno} ({exc.msg}); "
            f"fix the file or export it again"
        ) from None
    return validate_case(data, source=source)


def case_to_json(case: Case, *, include_identifiers: bool = False) -> str:
    """Serialise a case as indented JSON; private identifiers only when explicitly asked for."""
    exclude = None if include_identifiers else {"identifiers"}
    data = case.model_dump(mode="json", exclude=exclude)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

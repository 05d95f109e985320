"""Reading and writing cases as JSON, with one-line errors that name the field and the fix.

Validation messages never echo the offending value: it might be a private identifier. For the same
reason they never show a key that is not one of casekit's own field names (a misplaced client name can
arrive as an object key), unless it is a near-miss spelling of a field name, which is then suggested.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from casekit.errors import CaseIdError, CaseValidationError, InputFileError
from casekit.model.case import Case, PrivateIdentifiers
from casekit.model.migrations import upgrade

#: A dotted field path at the start of a model-level validator's message.
_LEADING_FIELD = re.compile(r"^([a-z_]+(?:\.[a-z_]+)+) ")

#: Largest case file accepted, in bytes.
MAX_CASE_BYTES = 2_000_000

#: Top-level keys an exported case file carries about where it came from (the revision it was
#: exported from; whether its dates are the shifted ones); read by ``casekit case import``, not
#: part of the case.
EXPORT_KEYS = ("based_on_revision", "dates_shifted")


@functools.cache
def known_field_names() -> frozenset[str]:
    """Every field name used anywhere in the case model (``meta``, ``legal_name``, ``score``, ...)."""
    names: set[str] = set()
    seen: set[type[BaseModel]] = set()

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            names.add(name)
            for sub in _models_in(info.annotation):
                visit(sub)

    visit(Case)
    return frozenset(names)


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    origin = typing.get_origin(annotation)
    if origin is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            out += _models_in(arg)
    return out


def format_location(loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic error location into ``goals[0].ratings[1].score``.

    A part that is not a field name of the case model (a key of a free-form mapping such as
    ``instrument_scores``) is shown as ``[<key>]``: keys are user data and may be private.
    """
    known = known_field_names()
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in {"function-after", "function-before", "function-wrap"} or "[" in str(part):
            continue
        elif part in known:
            out += f".{part}" if out else str(part)
        else:
            out += "[<key>]"
    return out


def _unknown_field_message(loc: tuple[int | str, ...]) -> str:
    """Describe an unknown field, naming it only if it is a near-miss of a casekit field name."""
    parent = format_location(loc[:-1])
    key = loc[-1]
    where = f"{parent}: " if parent else ""
    if isinstance(key, str):
        close = difflib.get_close_matches(key, sorted(known_field_names()), n=1, cutoff=0.8)
        if close:
            return f"{where}unknown field {key!r}; did you mean {close[0]!r}? Rename or remove it"
    return (
        f"{where}an unknown field (its name is not shown, in case it is private); remove it or "
        f"rename it to one of {'this section' if parent else 'a case'}'s fields"
    )


_FIXES = {
    "missing": "add it",
    "extra_forbidden": "remove it or check its spelling",
    "string_too_long": "shorten it",
    "string_type": "give text in quotes",
    "int_parsing": "give a whole number",
    "int_type": "give a whole number",
    "int_from_float": "give a whole number",
    "float_parsing": "give a number",
    "float_type": "give a number",
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
    errors = error.errors(include_input=False, include_url=False)
    first = errors[0]
    loc = tuple(first["loc"])
    field = format_location(loc)
    kind = first["type"]
    more = len(errors)
    extra = f" (and {more - 1} more problem{'s' if more > 2 else ''})" if more > 1 else ""
    if kind == "extra_forbidden" and loc:
        return format_location(loc[:-1]), f"{source}: {_unknown_field_message(loc)}{extra}"
    msg = first["msg"]
    fix = ""
    if kind.startswith("value_error"):
        msg = msg.removeprefix("Value error, ")
        # A whole-case check names its field first ("meta.case_id contains ..."): report that field.
        named = _LEADING_FIELD.match(msg)
        if not field and named:
            field = named.group(1)
            return field, f"{source}: {msg}{extra}"
        if "; " not in msg:
            # Validators that describe the valid form (case ids, aliases) need the fix said too.
            fix = "change it to match"
    elif kind in {"enum", "literal_error"} and "expected" in first.get("ctx", {}):
        # pydantic's message already lists the allowed values; say it once, as the fix.
        msg = "not one of the allowed values"
        fix = f"use {first['ctx']['expected']}"
    elif kind in {"model_type", "dict_type", "model_attributes_type"}:
        msg = "should be an object in { }"
        fix = "give an object with this section's fields"
    else:
        fix = _FIXES.get(kind, "correct it")
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
        raise CaseValidationError(
            f"{source}: a case must be a JSON object {{...}}, not a list or a single value; "
            f"check it is a casekit case file"
        )
    data = upgrade(data, source=source)
    for key in EXPORT_KEYS:
        data.pop(key, None)
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
    size = (
        len(raw)
        if isinstance(raw, bytes) or len(raw) > MAX_CASE_BYTES
        else len(raw.encode("utf-8", "surrogatepass"))
    )
    if size > MAX_CASE_BYTES:
        raise InputFileError(
            f"{source}: the file is {size:,} bytes, more than the {MAX_CASE_BYTES:,} a case may be; "
            f"check it is a casekit case file"
        )
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputFileError(
                f"{source}: not valid UTF-8 text (byte {exc.start}); save the file as UTF-8 and try again"
            ) from None
    else:
        raw = raw.removeprefix("\ufeff")
    if not raw.strip():
        raise InputFileError(
            f"{source}: the file is empty; choose a casekit case file or export the case again"
        )
    data = _load_json(raw, source)
    return validate_case(data, source=source)


class _StrictJSONError(ValueError):
    """Raised inside the JSON decoder for input that plain JSON allows but a case must not have."""


def _no_constants(name: str) -> float:
    raise _StrictJSONError(f"it contains {name}, which is not a number in standard JSON; use a number")


#: More digits than any number in a case can need (scores, versions); Python refuses ~4,300 anyway.
_MAX_INT_DIGITS = 30


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_INT_DIGITS:
        raise _StrictJSONError(
            f"it contains a number {len(text):,} digits long; numbers in a case are small, "
            f"check the file is a casekit case file"
        )
    return int(text)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            shown = repr(key) if key in known_field_names() else "a key (not shown, in case it is private)"
            raise _StrictJSONError(
                f"{shown} appears twice in one object, so one of the values would be lost; keep one"
            )
        out[key] = value
    return out


def _load_json(raw: str, source: str) -> Any:
    try:
        return json.loads(
            raw,
            parse_constant=_no_constants,
            parse_int=_bounded_int,
            object_pairs_hook=_no_duplicate_keys,
        )
    except json.JSONDecodeError as exc:
        raise InputFileError(
            f"{source}: not valid JSON at line {exc.lineno} column {exc.colno} ({exc.msg}); "
            f"fix the file or export it again"
        ) from None
    except _StrictJSONError as exc:
        raise InputFileError(f"{source}: not a usable case file: {exc}") from None
    except RecursionError:
        raise InputFileError(
            f"{source}: the JSON is nested far more deeply than a case ever is; "
            f"check it is a casekit case file"
        ) from None


def case_to_json(case: Case, *, include_identifiers: bool = False) -> str:
    """Serialise a case as indented JSON; private identifiers only when explicitly asked for."""
    exclude = None if include_identifiers else {"identifiers"}
    data = case.model_dump(mode="json", exclude=exclude)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

"""The JSON Schema of a case file, for editors, other tools and reviewers of the format.

The schema is generated from :class:`casekit.model.case.Case`; the committed copy
``casekit/model/case.schema.json`` is checked against it by the tests. After changing the model,
regenerate it with::

    python -m casekit.model.json_schema
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from casekit.model.case import SCHEMA_VERSION, Case

#: Where the committed copy of the schema lives.
SCHEMA_PATH = Path(__file__).resolve().parent / "case.schema.json"

SCHEMA_ID = f"urn:casekit:schema:case:v{SCHEMA_VERSION}"


def case_json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a case file of the current schema version.

    Returns
    -------
    dict
        The schema, with ``$schema``, ``$id`` and ``title`` set.
    """
    body = Case.model_json_schema(mode="validation")
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"casekit case (schema_version {SCHEMA_VERSION})",
    }
    schema.update({key: value for key, value in body.items() if key != "title"})
    # What `casekit case export-json` adds about where a file came from (see io.EXPORT_KEYS).
    schema["properties"].update(_EXPORT_PROPERTIES)
    return schema


#: The provenance keys an exported case file carries beside the case itself.
_EXPORT_PROPERTIES: dict[str, Any] = {
    "based_on_revision": {
        "type": "integer",
        "minimum": 1,
        "description": "The revision this file was exported from; an import onto a newer head merges.",
    },
    "dates_shifted": {
        "type": "boolean",
        "description": "True when the file was exported without the key, so its dates are moved.",
    },
}


def schema_text() -> str:
    """The schema as the exact text of the committed file (indented JSON with a final newline)."""
    return json.dumps(case_json_schema(), ensure_ascii=False, indent=2) + "\n"


def write_schema(path: Path = SCHEMA_PATH) -> Path:
    """Write the schema to ``path`` atomically (a temporary file renamed into place).

    Parameters
    ----------
    path
        Where to write; defaults to the committed copy beside this module.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".case.schema.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(schema_text())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


if __name__ == "__main__":
    write_schema()

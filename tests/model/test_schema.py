"""Is the committed JSON Schema of a case up to date, and does it accept what the model accepts?"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from casekit.examples import example_paths
from casekit.model.json_schema import SCHEMA_PATH, case_json_schema, schema_text, write_schema

REGENERATE = (
    "regenerate it with: python -m casekit.model.json_schema (then commit casekit/model/case.schema.json)"
)


def test_committed_schema_matches_the_model():
    """Is casekit/model/case.schema.json exactly what the current model generates?"""
    assert SCHEMA_PATH.is_file(), f"{SCHEMA_PATH} is missing; {REGENERATE}"
    committed = SCHEMA_PATH.read_text(encoding="utf-8")
    assert committed == schema_text(), f"case.schema.json is out of date with the model; {REGENERATE}"


def test_schema_has_an_id_a_title_and_refuses_unknown_fields():
    """Does the schema identify itself and forbid extra top-level fields, like the model?"""
    schema = case_json_schema()
    assert schema["$id"].startswith("urn:casekit:schema:case:v")
    assert "casekit case" in schema["title"]
    assert schema["additionalProperties"] is False
    assert {"meta", "identifiers", "identity", "goals", "missteps"} <= set(schema["properties"])
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.name)
def test_every_example_satisfies_the_schema(path: Path):
    """Does each shipped example validate against the JSON Schema too (not only the pydantic model)?"""
    jsonschema.Draft202012Validator(case_json_schema()).validate(json.loads(path.read_bytes()))


@pytest.mark.parametrize(
    ("where", "bad"),
    [
        (("goals", 0, "ratings", 0, "score"), 11),
        (("identity", "naming", "voice"), "patient"),
        (("feedback", 0, "felt_understood"), 0),
    ],
    ids=["score", "voice", "feedback"],
)
def test_schema_refuses_what_the_model_refuses(where: tuple, bad: object):
    """Does the schema carry the model's bounds and choices (score 0-10, voices, feedback 1-5)?"""
    data = json.loads(example_paths()[0].read_bytes())
    target = data
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = bad
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(case_json_schema()).validate(data)


def test_write_schema_writes_the_same_text(tmp_path: Path):
    """Does the generator write exactly the text the check compares against, leaving no temp files?"""
    out = write_schema(tmp_path / "case.schema.json")
    assert out.read_text(encoding="utf-8") == schema_text()
    assert [p.name for p in tmp_path.iterdir()] == ["case.schema.json"]

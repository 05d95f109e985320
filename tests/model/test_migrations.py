"""Does the schema_version upgrade chain run in order, on a copy, and refuse what it cannot read?"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from casekit.errors import SchemaVersionError
from casekit.examples import load_example
from casekit.model import SCHEMA_VERSION, case_to_json, parse_case_json
from casekit.model.migrations import MIGRATIONS, upgrade


def _v1() -> dict[str, Any]:
    return {"schema_version": 1, "meta": {"case_id": "CK-0001", "clinician_alias": "A"}, "notes": ["a"]}


def _assert_one_line_naming_version(exc: SchemaVersionError, source: str) -> None:
    message = str(exc)
    assert "\n" not in message
    assert message.startswith(f"{source}: ")
    assert "schema_version" in message
    assert exc.field == "schema_version"


# --------------------------------------------------------------------------------------------------
# The real chain


def test_every_older_version_has_a_step_to_the_next():
    """Does the real chain have one migration for each version below the current one, and no more?"""
    assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION))


def test_current_version_is_returned_as_an_equal_copy():
    """Is a case already at the current version returned unchanged, but as a copy?"""
    data = {**_v1(), "schema_version": SCHEMA_VERSION}
    out = upgrade(data, source="case.json")
    assert out == data
    assert out is not data and out["meta"] is not data["meta"]


def test_real_chain_upgrades_an_example_to_the_current_version():
    """Does a shipped example, written as JSON, come back through upgrade at the current version?"""
    case = load_example("CK-0101")
    back = parse_case_json(case_to_json(case, include_identifiers=True), source="ck-0101.json")
    assert back.schema_version == SCHEMA_VERSION
    assert back == case


# --------------------------------------------------------------------------------------------------
# An injected chain


def _chain(log: list[int]) -> dict[int, Any]:
    def one_to_two(data: dict[str, Any]) -> dict[str, Any]:
        log.append(1)
        data["notes_v2"] = data.pop("notes")  # steps may mutate what they are given
        return data

    def two_to_three(data: dict[str, Any]) -> dict[str, Any]:
        log.append(2)
        data["notes_v3"] = [*data.pop("notes_v2"), "from v2"]
        data["meta"]["clinician_alias"] += " (migrated)"
        return data

    return {1: one_to_two, 2: two_to_three}


def test_steps_run_in_version_order_and_each_sees_the_previous_result():
    """Does upgrading v1 to v3 run step 1 then step 2, each building on the one before?"""
    log: list[int] = []
    out = upgrade(_v1(), source="old.json", migrations=_chain(log), target=3)
    assert log == [1, 2]
    assert out["notes_v3"] == ["a", "from v2"]
    assert "notes" not in out and "notes_v2" not in out
    assert out["schema_version"] == 3


def test_a_case_part_way_along_runs_only_the_remaining_steps():
    """Does a v2 case run only the v2 to v3 step?"""
    log: list[int] = []
    data = {**_v1(), "schema_version": 2, "notes_v2": ["b"]}
    del data["notes"]
    out = upgrade(data, source="old.json", migrations=_chain(log), target=3)
    assert log == [2]
    assert out["notes_v3"] == ["b", "from v2"]


def test_upgrade_works_on_a_copy_and_leaves_the_input_untouched():
    """Is the caller's dict, nested parts included, unchanged after steps that mutate in place?"""
    data = _v1()
    before = copy.deepcopy(data)
    out = upgrade(data, source="old.json", migrations=_chain([]), target=3)
    assert data == before
    assert out["meta"] is not data["meta"]
    assert out["meta"]["clinician_alias"] == "A (migrated)" and data["meta"]["clinician_alias"] == "A"


def test_step_that_forgets_the_version_still_gets_it_set():
    """Is schema_version set by upgrade itself, so a step cannot leave it stale?"""
    out = upgrade(_v1(), source="old.json", migrations={1: lambda d: d}, target=2)
    assert out["schema_version"] == 2


def test_missing_step_is_refused_with_the_version_it_stopped_at():
    """If the chain has a gap, does upgrade stop with a one-line error naming the version?"""
    with pytest.raises(SchemaVersionError) as info:
        upgrade(_v1(), source="old.json", migrations={1: lambda d: d}, target=3)
    _assert_one_line_naming_version(info.value, "old.json")
    assert "schema_version 2" in str(info.value)


def test_newer_version_is_refused_and_the_fix_is_to_upgrade_casekit():
    """Is a case from a newer casekit refused, saying to upgrade casekit, without running any step?"""
    log: list[int] = []
    with pytest.raises(SchemaVersionError) as info:
        upgrade({**_v1(), "schema_version": 4}, source="new.json", migrations=_chain(log), target=3)
    _assert_one_line_naming_version(info.value, "new.json")
    assert "newer" in str(info.value) and "upgrade casekit" in str(info.value)
    assert log == []


@pytest.mark.parametrize(
    "version",
    ["1", 1.0, 1.5, True, None, [1], {"v": 1}],
    ids=["text", "float-whole", "float", "bool", "null", "list", "object"],
)
def test_non_integer_version_is_refused(version: object):
    """Is a schema_version that is not a whole number refused, with the value it should have?"""
    with pytest.raises(SchemaVersionError) as info:
        upgrade({**_v1(), "schema_version": version}, source="odd.json", migrations=_chain([]), target=3)
    _assert_one_line_naming_version(info.value, "odd.json")
    assert '"schema_version": 3' in str(info.value)


def test_missing_version_is_refused():
    """Is a case without schema_version refused rather than guessed at?"""
    data = _v1()
    del data["schema_version"]
    with pytest.raises(SchemaVersionError) as info:
        upgrade(data, source="none.json")
    _assert_one_line_naming_version(info.value, "none.json")


@pytest.mark.parametrize("version", [0, -1])
def test_versions_below_one_are_refused(version: int):
    """Are zero and negative versions refused as not casekit versions at all?"""
    with pytest.raises(SchemaVersionError) as info:
        upgrade({**_v1(), "schema_version": version}, source="zero.json", migrations=_chain([]), target=3)
    _assert_one_line_naming_version(info.value, "zero.json")
    assert "start at 1" in str(info.value)


# --------------------------------------------------------------------------------------------------
# Version 2 to 3: a feedback entry's language lives on its comments entry only


def _v2_feedback(feedback: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema_version": 2,
        "meta": {"case_id": "CK-0001", "clinician_alias": "A"},
        "feedback": [{"id": "fb01", "date": "2026-03-09", "given": "paper_card", **feedback}],
    }


def test_a_v2_feedback_language_moves_onto_its_comments_entry():
    """Does a stored v2 case whose feedback carries its own language load with that language on the
    comments entry (the one place it is kept now), the client's words untouched?"""
    comments = {"text": "Me sentí escuchada.", "voice": "client", "obtained": "verbatim"}
    data = _v2_feedback({"language": "es", "comments": comments})
    case = parse_case_json(json.dumps(data), source="old.json")
    (entry,) = case.feedback
    assert entry.comments.language == "es" and entry.comments.text == "Me sentí escuchada."
    assert "language" not in type(entry).model_fields


def test_a_v2_feedback_language_without_comments_is_kept_on_an_empty_comments_entry():
    """Is the language of feedback with no written comments kept (on an empty entry in the client's
    voice), not dropped?"""
    out = upgrade(_v2_feedback({"language": "zh-Hans"}), source="old.json", target=3)
    (entry,) = out["feedback"]
    assert "language" not in entry
    assert entry["comments"] == {"text": "", "voice": "client", "language": "zh-Hans"}


def test_a_v2_comments_language_already_set_is_kept():
    """When the comments entry already names its language, does the step keep it and only drop the copy?"""
    comments = {"text": "ok", "voice": "client", "language": "es-MX"}
    out = upgrade(_v2_feedback({"language": "es", "comments": comments}), source="old.json", target=3)
    (entry,) = out["feedback"]
    assert "language" not in entry and entry["comments"] == comments

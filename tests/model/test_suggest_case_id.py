"""The suggested code for a new case: the next free one in the workspace's own pattern."""

from __future__ import annotations

import pytest

from casekit.model.ids import check_case_id, suggest_case_id


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        ([], "CK-0001"),
        (["CK-0101", "CK-0106"], "CK-0107"),
        (["CK-0009"], "CK-0010"),
        (["NT-07", "NT-12", "CK-0001"], "NT-13"),
        (["CK-0001", "CK-0002", "ZZ-9"], "CK-0003"),
        (["SUP2026-001"], "SUP2026-002"),
    ],
)
def test_suggestion_follows_the_most_common_pattern(existing, expected):
    """Is the suggestion the next number after the highest, in the most common prefix and width?"""
    assert suggest_case_id(existing) == expected


def test_suggestion_that_would_be_too_long_starts_afresh():
    """When the pattern cannot grow (24 characters at most), is a valid, unused code still offered?"""
    longest = "X" + "9" * 23
    suggestion = suggest_case_id([longest, "CK-0001"])
    assert suggestion == "CK-0002" and check_case_id(suggestion) == suggestion

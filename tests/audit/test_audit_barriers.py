"""Counting systemic barriers across cases without exposing any case."""

from __future__ import annotations

import pytest

from casekit.audit.barriers import barrier_group, count_barriers, normalise_kind
from casekit.errors import AuditError
from casekit.model import Case, CaseMeta, PowerDynamic, PowerLevel


def case(number: int, *kinds: str, level: PowerLevel = PowerLevel.SYSTEMIC) -> Case:
    return Case(
        meta=CaseMeta(case_id=f"ZQ-{number:04d}", clinician_alias="Presenter A"),
        power=[PowerDynamic(level=level, kind=k) for k in kinds],
    )


def sample() -> list[Case]:
    return [
        case(1, "Fees", "language"),
        case(2, "fees", "Immigration-Status"),
        case(3, " fees. ", "immigration status", "immigration status"),
        case(4, "Language"),
        case(5, "language", "eviction by Harlow Estates"),
        case(6, "racism in housing"),
        case(7, "fees", level=PowerLevel.IN_ROOM),
    ]


def test_kinds_are_counted_once_per_case_after_normalising():
    """Are 'Fees', 'fees' and ' fees. ' one kind (cost and fees), counted once per case, systemic only?"""
    table = count_barriers(sample())
    assert table.as_rows()[:3] == [
        {"kind": "cost and fees", "cases": 3, "shown": "3"},
        {"kind": "language", "cases": 3, "shown": "3"},
        {"kind": "other kinds", "cases": None, "shown": "each fewer than 3"},
    ]
    assert table.cases_total == 7


def test_rare_kinds_are_neither_named_nor_counted():
    """Are kinds seen in fewer than 3 cases kept out by name, so a rare label cannot point to a case?"""
    table = count_barriers(sample())
    text = table.to_markdown()
    for secret in ("immigration", "Harlow", "eviction", "racism", "ZQ-000"):
        assert secret.lower() not in text.lower()
    assert "| other kinds | each fewer than 3 |" in text


def test_small_organisations_show_no_total():
    """With fewer cases than the threshold, is even the total shown as 'fewer than 3'?"""
    table = count_barriers(sample()[:2])
    assert table.cases_total is None
    assert table.to_markdown().startswith("Cases counted: fewer than 3")
    assert all(r.cases is None for r in table.rows)


def test_threshold_can_be_raised_but_not_below_two():
    """Can the small-cell threshold be raised, and is one that would show single cases refused?"""
    assert [r.kind for r in count_barriers(sample(), min_cell=4).rows] == ["other kinds"]
    assert count_barriers(sample(), min_cell=2).as_rows()[2] == {
        "kind": "immigration status",
        "cases": 2,
        "shown": "2",
    }
    with pytest.raises(AuditError, match="min_cell=1 would show single cases"):
        count_barriers(sample(), min_cell=1)


def test_both_levels_can_be_counted():
    """When asked for every level, does an in-the-room dynamic count too?"""
    table = count_barriers(sample(), level=None)
    assert table.as_rows()[0] == {"kind": "cost and fees", "cases": 4, "shown": "4"}


@pytest.mark.parametrize(
    ("raw", "kind"), [("  Immigration-Status. ", "immigration status"), ("", "unlabelled")]
)
def test_normalise_kind(raw, kind):
    """Do labels that differ only in case, hyphens, spaces or punctuation compare equal?"""
    assert normalise_kind(raw) == kind


@pytest.mark.parametrize(
    ("label", "group"),
    [
        ("Fees", "cost and fees"),
        ("can't afford the co-pay", "cost and fees"),
        ("no insurance", "cost and fees"),
        ("sliding scale not offered", "cost and fees"),
        ("Language", "language"),
        ("no interpreter at the front desk", "language"),
        ("forms only in English", "language"),
        ("two buses to the clinic", "transport and distance"),
        ("lives rural, no car", "transport and distance"),
        ("Transport", "transport and distance"),
        ("stigma about therapy in the family", "stigma and shame"),
        ("shame, what people will say", "stigma and shame"),
        ("distrust of services after a bad experience", "distrust of services"),
        ("mistrust of mental health services", "distrust of services"),
        ("fear of social workers", "distrust of services"),
        ("immigration status", "immigration status"),
        ("fear of deportation", "immigration status"),
        ("Undocumented", "immigration status"),
        ("can't get time off work", "time and work"),
        ("night shifts", "time and work"),
        ("no childcare", "childcare and caring"),
        ("carer for her husband", "childcare and caring"),
        ("racism in housing", "racism and other discrimination"),
        ("discrimination at the job centre", "racism and other discrimination"),
        ("homophobia in her church", "racism and other discrimination"),
        ("audism", "racism and other discrimination"),
        ("workers' compensation", "cost and fees"),
        ("historical trauma", "historical and intergenerational trauma"),
        ("eviction by Harlow Estates", "housing"),
        ("no step-free entrance", "disability access"),
        ("a barrier nobody has named before", "a barrier nobody has named before"),
    ],
)
def test_free_text_barriers_are_grouped_sensibly(label, group):
    """Do differently worded labels of one barrier fall into the same plain group (and an unknown
    label stay itself)?"""
    assert barrier_group(label) == group


def test_varied_wordings_of_one_barrier_are_counted_together():
    """Do three cases that each word the cost barrier differently count as three, named?"""
    cases = [
        case(1, "can't afford sessions"),
        case(2, "fees too high", "two buses"),
        case(3, "copay", "no car"),
        case(4, "long commute"),
    ]
    rows = count_barriers(cases).as_rows()
    assert rows[:2] == [
        {"kind": "cost and fees", "cases": 3, "shown": "3"},
        {"kind": "transport and distance", "cases": 3, "shown": "3"},
    ]
    assert all(r["kind"] != "other kinds" for r in rows)

"""Dates of care at rest: sealed with the identifiers; the readable body holds them shifted."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import insert, select, update

from casekit.errors import EncryptionKeyError
from casekit.model import Entry, ProgressRating, Voice
from casekit.render import Timeline
from casekit.store import CaseStore, KeyFile
from casekit.store.date_shift import EPOCH, real_dates
from casekit.store.tables import cases_table, revisions_table
from tests.fictional import make_case
from tests.store.store_helpers import raw_engine


def _dated_case():
    case = make_case()
    case.goals[0].ratings = [
        ProgressRating(date=dt.date(2026, 3, 9), score=2),
        ProgressRating(date=dt.date(2026, 4, 20), score=5, note=Entry(text="better", voice=Voice.CLIENT)),
    ]
    return case


def _stored_bodies(url: str) -> list[str]:
    engine = raw_engine(url)
    with engine.connect() as conn:
        bodies = [row.content for row in conn.execute(select(revisions_table.c.content))]
    engine.dispose()
    return bodies


def test_no_date_of_care_is_stored_in_clear(store_url: str, key_file: KeyFile):
    """Are the real rating dates absent from every stored body, while the key brings them back whole?"""
    case = _dated_case()
    real = real_dates(case)
    assert real
    with CaseStore.open(store_url, key=key_file) as store:
        store.create(case, author="Presenter A")
        store.save(case, based_on=1, author="Presenter A")
        assert real_dates(store.load(case.meta.case_id).case) == real
        assert real_dates(store.load(case.meta.case_id, 1).case) == real
    for body in _stored_bodies(store_url):
        for day in real.values():
            assert day not in body and day.replace("-", "") not in body
        assert "2026-03" not in body


def test_without_the_key_the_dates_are_shifted_but_weeks_are_right(store_url: str, key_file: KeyFile):
    """Without the key, do the dates start at the epoch and keep their distances (week 1, week 7)?"""
    case = _dated_case()
    with CaseStore.open(store_url, key=key_file) as store:
        store.create(case, author="Presenter A")
    with CaseStore.open(store_url) as store:
        keyless = store.load(case.meta.case_id).case
    days = sorted(r.date for g in keyless.goals for r in g.ratings)
    assert days[0] == EPOCH
    assert [Timeline.of(keyless).week(d) for d in days] == [
        Timeline.of(case).week(r.date) for r in case.goals[0].ratings
    ]


def test_without_the_key_dates_cannot_be_added_or_changed(store_url: str, key_file: KeyFile):
    """Is a keyless save that adds a rating refused in one line, and a keyless edit of other text kept?"""
    case = _dated_case()
    with CaseStore.open(store_url, key=key_file) as store:
        store.create(case, author="Presenter A")
    with CaseStore.open(store_url) as store:
        record = store.load(case.meta.case_id)
        keyless = record.case
        keyless.consultation_question.text = "Edited without the key"
        saved = store.save(keyless, based_on=record.revision, author="Presenter A")
        keyless.goals[0].ratings.append(ProgressRating(date=dt.date(2026, 11, 24), score=6))
        with pytest.raises(
            EncryptionKeyError, match=r"dates of care .* only be added or changed with the key"
        ):
            store.save(keyless, based_on=saved.revision, author="Presenter A")
        assert store.head(case.meta.case_id) == saved.revision
    with CaseStore.open(store_url, key=key_file) as store:
        back = store.load(case.meta.case_id).case
    assert back.consultation_question.text == "Edited without the key"
    assert real_dates(back) == real_dates(case)  # the keyless save carried the sealed dates forward


def test_a_revision_stored_before_dates_were_sealed_still_opens(tmp_path: Path, key_file: KeyFile):
    """Does a body with real dates and an identifiers-only blob (the old format) load as it was?"""
    from casekit.store import crypto

    url = f"sqlite:///{tmp_path / 'cases.db'}"
    case = _dated_case()
    case_id = case.meta.case_id
    with CaseStore.open(url, key=key_file) as store:
        store.create(case, author="Presenter A")
        # Revision 2 the way casekit stored revisions before: real dates in the body, the
        # identifiers alone in the sealed blob.
        body = case.model_dump(mode="json", exclude={"identifiers"})
        plain = case.identifiers.model_dump_json().encode("utf-8")
        nonce, blob = crypto.seal(store._key, plain, crypto.identifiers_aad(case_id, 2))
        engine = raw_engine(url)
        with engine.begin() as conn:
            first = conn.execute(select(revisions_table).where(revisions_table.c.case_id == case_id)).one()
            values = dict(first._mapping)
            values.update(
                revision=2,
                based_on=1,
                content=json.dumps(body),
                identifiers_nonce=nonce,
                identifiers_blob=blob,
                sealed_revision=2,
            )
            conn.execute(insert(revisions_table).values(**values))
            conn.execute(update(cases_table).where(cases_table.c.case_id == case_id).values(head_revision=2))
        engine.dispose()
        loaded = store.load(case_id).case
    assert real_dates(loaded) == real_dates(case)
    assert loaded.identifiers == case.identifiers

"""The language of a client's feedback is kept in one place: the tag of its comments entry."""

from __future__ import annotations

import datetime as dt

from casekit.card_entries import CardAnswers, add_feedback
from casekit.model import FeedbackEntry, Voice
from tests.fictional import plain_case


def test_client_card_feedback_without_words_keeps_its_language_on_the_comments_entry():
    """When the client only rated the session on the client card, is the card's language still kept,
    on an empty comments entry in the client's voice, and nowhere else?"""
    answers = CardAnswers("vi", ratings={"felt_understood": 4, "felt_respected": 5})
    entry = add_feedback(plain_case(), answers, dt.date(2026, 3, 23)).feedback[-1]
    assert entry.comments.language == "vi" and entry.comments.voice is Voice.CLIENT
    assert entry.comments.text == "" and not entry.comments.client_written
    assert "language" not in FeedbackEntry.model_fields


def test_a_cleared_language_box_means_not_recorded():
    """Is an empty language answer stored as not recorded rather than refused?"""
    entry = FeedbackEntry(date=dt.date(2026, 3, 23))
    entry.comments.language = "  "
    assert entry.comments.language is None

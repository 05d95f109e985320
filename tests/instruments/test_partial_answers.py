"""A questionnaire answered only in part: kept as given, marked partial, never given an invented total."""

from __future__ import annotations

import datetime as dt

import pytest

from casekit.errors import InstrumentError
from casekit.feedback_card import PaperCard, paper_feedback, record_paper_card
from casekit.instruments import Partial, Score, load_instrument, parse_instrument, partial_words, score_given
from casekit.model import FeedbackEntry, PartialAnswers
from casekit.plots import feedback_figure
from casekit.render import render_feedback
from casekit.widgets.instrument_entry import totals_html
from casekit.workspace import Workspace
from tests.fictional import fictional_case, weeks
from tests.instruments.conftest import HEARD

#: The fictional test instrument with a prorating rule: a total from any two of its three answers.
PRORATED = HEARD.read_text(encoding="utf-8") + "\n[prorate]\nmin_answered = 2\n"


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(match=lambda a: hasattr(a, "get_text")) if t.get_text()]


def test_answers_given_in_part_are_kept_with_no_total():
    """With one of three questions answered, are the answers kept, the count said, and no total made?"""
    result = score_given(load_instrument(HEARD), {"heard": 3, "rushed": None})
    assert isinstance(result, Partial)
    assert (result.answers, result.answered, result.of) == ({"heard": 3}, 1, 3)
    assert result.total is None and not result.prorated


def test_a_full_set_of_answers_is_scored_as_before():
    """Does score_given give the same total as score when every question has an answer?"""
    result = score_given(load_instrument(HEARD), {"heard": 3, "rushed": 1, "own_words": 4})
    assert result == Score(10.0, load_instrument(HEARD).band(10.0))


def test_the_instruments_own_prorating_rule_is_followed_and_only_from_enough_answers():
    """With a rule allowing a total from two answers, is the total worked out from the answers given
    (reverse-scored items turned round), and is one answer still too few?"""
    instrument = parse_instrument(PRORATED, HEARD)
    worked = score_given(instrument, {"heard": 3, "rushed": 1})  # 3 and (0 + 4 - 1) = 3 → mean 3 × 3 items
    assert isinstance(worked, Partial) and worked.prorated and worked.total == 9.0
    assert worked.band is not None and worked.band.label == "Feeling mostly heard"
    too_few = score_given(instrument, {"heard": 3})
    assert isinstance(too_few, Partial) and too_few.total is None


@pytest.mark.parametrize(
    ("answers", "says"),
    [
        ({}, "no question has an answer"),
        ({"heard": None}, "no question has an answer"),
        ({"heard": 9}, "from 0 to 4"),
        ({"extra": 1}, "no item 'extra'"),
    ],
)
def test_answers_that_cannot_be_kept_are_refused_in_one_line(answers, says):
    """Is an empty set, an off-scale point or an unknown item refused in one line?"""
    with pytest.raises(InstrumentError) as caught:
        score_given(load_instrument(HEARD), answers)
    assert says in str(caught.value) and "\n" not in str(caught.value)


def test_a_prorating_rule_asking_for_more_answers_than_items_is_refused():
    """Is a rule needing four answers of a three-item questionnaire refused, naming the field?"""
    with pytest.raises(InstrumentError, match=r"prorate\.min_answered"):
        parse_instrument(PRORATED.replace("min_answered = 2", "min_answered = 4"), HEARD)


def test_a_paper_card_answered_in_part_is_stored_partial_and_saved(tmp_path):
    """Typed back from paper, are a part-answered questionnaire's answers stored as partial with no
    total, and saved in the case?"""
    heard = load_instrument(HEARD)
    card = PaperCard(dt.date(2026, 3, 16), "en", answers={heard.name: {"heard": 2, "own_words": 4}})
    ws = Workspace.create(tmp_path / "ws", examples=True)
    with ws.open_store() as store:
        record_paper_card(store, "CK-0101", card, instruments={heard.name: heard})
        entry = store.load("CK-0101").case.feedback[-1]
    assert entry.instrument_scores == {}
    assert entry.instrument_partial == {
        heard.name: PartialAnswers(answers={"heard": 2, "own_words": 4}, of=3)
    }


def test_a_partial_result_cannot_claim_every_answer():
    """Is a 'partial' record holding every answer refused, so a partial is always truly partial?"""
    with pytest.raises(ValueError, match="not partial"):
        PartialAnswers(answers={"a": 1, "b": 2}, of=2)


def _case_with_partials():
    case = fictional_case()
    heard = load_instrument(HEARD)
    prorated = parse_instrument(PRORATED, HEARD)
    first = paper_feedback(PaperCard(weeks(0), "en", answers={heard.name: {"heard": 2}}), {heard.name: heard})
    second = paper_feedback(
        PaperCard(weeks(2), "en", answers={heard.name: {"heard": 3, "rushed": 1}}), {heard.name: prorated}
    )
    third = FeedbackEntry(date=weeks(3), instrument_scores={heard.name: 11})
    case.feedback = [first, second, third]
    return case


def test_partial_results_are_said_plainly_wherever_totals_are_shown():
    """Do the form's list of totals and the formulation's feedback table both say
    'partial — N of M answered', and say when a total was worked out by the questionnaire's own rule?"""
    case = _case_with_partials()
    first, second = case.feedback[0], case.feedback[1]
    shown = totals_html(first, {})
    assert "Feeling Heard Check: <strong>partial — 1 of 3 answered, so no total</strong>" in shown
    assert "partial — 2 of 3 answered; total 9 worked out" in totals_html(second, {})
    table = render_feedback(case).markdown.replace("\\", "")
    assert "Feeling Heard Check: partial — 1 of 3 answered, so no total" in table
    assert "Feeling Heard Check: 11" in table
    assert partial_words(second.instrument_partial["Feeling Heard Check"]).startswith("partial — 2 of 3")


def test_the_feedback_plot_marks_partial_results_and_keeps_them_off_the_totals_line():
    """Does the plot say each partial result in words, show a worked-out total as a hollow marker, and
    draw the line through full totals only?"""
    fig = feedback_figure(_case_with_partials(), ranges={"Feeling Heard Check": (0.0, 12.0)})
    texts = "\n".join(_texts(fig))
    assert "Week 1: partial — 1 of 3 answered, so no total" in texts
    assert "Week 3: partial — 2 of 3 answered; total 9 worked out" in texts
    heard = next(ax for ax in fig.axes if ax.get_title(loc="left") == "Feeling Heard Check")
    line, hollow = heard.get_lines()
    assert list(line.get_ydata()) == [11.0]
    assert list(hollow.get_ydata()) == [9.0] and hollow.get_fillstyle() == "none"


def test_a_questionnaire_never_totalled_still_gets_its_panel_saying_partial():
    """With only a part-answered result, does the questionnaire still get a panel that says so?"""
    case = _case_with_partials()
    case.feedback = case.feedback[:1]
    fig = feedback_figure(case)
    assert "Feeling Heard Check" in [ax.get_title(loc="left") for ax in fig.axes]
    assert any("partial — 1 of 3 answered" in t for t in _texts(fig))

"""Score the answers a client gave to a clinic's instrument. Pure functions; no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from casekit.errors import InstrumentError
from casekit.i18n import gettext as _
from casekit.instruments.format import CutOff, Instrument


@dataclass(frozen=True)
class Score:
    """A scored total and, when the instrument has cut-offs, the band it falls in."""

    total: float
    band: CutOff | None = None


def _answer(instrument: Instrument, item_id: str, value: object) -> int:
    scale = instrument.scale
    if isinstance(value, bool) or not isinstance(value, int) or value not in scale.points:
        raise InstrumentError(
            f"{instrument.name}: the answer to item {item_id!r} must be a whole number from "
            f"{scale.min} to {scale.max}"
        )
    return value


@dataclass(frozen=True)
class Partial:
    """A questionnaire answered only in part: the answers given (points as chosen, by item id) and
    how many items it has. ``total`` is set only when the instrument's own prorating rule
    (:class:`~casekit.instruments.format.Prorate`) allows a total from this many answers; casekit
    never invents one otherwise."""

    answers: dict[str, int]
    of: int
    total: float | None = None
    band: CutOff | None = field(default=None)

    @property
    def answered(self) -> int:
        """How many items were answered."""
        return len(self.answers)

    @property
    def prorated(self) -> bool:
        """Whether a total was worked out from part of the answers, by the instrument's rule."""
        return self.total is not None


def _points(instrument: Instrument, answers: Mapping[str, int]) -> list[int]:
    """The scored points of the answered items, reverse-scored items turned round, in item order."""
    lo, hi = instrument.scale.min, instrument.scale.max
    return [
        (lo + hi - answers[item.id]) if item.reverse else answers[item.id]
        for item in instrument.items
        if item.id in answers
    ]


def score_given(instrument: Instrument, answers: Mapping[str, int | None]) -> Score | Partial:
    """Score whatever the client answered: a :class:`Score` when every item has an answer, otherwise a
    :class:`Partial` keeping the answers given (with a total only by the instrument's prorating rule).

    Parameters
    ----------
    instrument
        The instrument answered.
    answers
        Item id → the point the client chose (``None``, or a missing id: left unanswered).

    Raises
    ------
    InstrumentError
        If no item is answered, an answer is off the scale, or an answer names no item.
    """
    ids = [item.id for item in instrument.items]
    given = {k: v for k, v in answers.items() if v is not None}
    unknown = [k for k in given if k not in ids]
    if unknown:
        raise InstrumentError(f"{instrument.name}: there is no item {unknown[0]!r}; check the item ids")
    if not given:
        raise InstrumentError(
            f"{instrument.name}: no question has an answer; leave it out or add the answers"
        )
    for item_id, value in given.items():
        _answer(instrument, item_id, value)
    if len(given) == len(ids):
        return score(instrument, given)
    rule = instrument.prorate
    if rule is None or len(given) < rule.min_answered:
        return Partial(dict(given), len(ids))
    points = _points(instrument, given)
    mean = sum(points) / len(points)
    total = round(mean if instrument.scoring == "mean" else mean * len(ids), 2)
    return Partial(dict(given), len(ids), total, instrument.band(total))


def score(instrument: Instrument, answers: Mapping[str, int]) -> Score:
    """The total of a full set of answers, with reverse-scored items turned round.

    Parameters
    ----------
    instrument
        The instrument answered.
    answers
        Item id → the point the client chose. Every item needs an answer.

    Raises
    ------
    InstrumentError
        If an item is unanswered, an answer is off the scale, or an answer names no item.
    """
    ids = [item.id for item in instrument.items]
    unknown = [k for k in answers if k not in ids]
    if unknown:
        raise InstrumentError(f"{instrument.name}: there is no item {unknown[0]!r}; check the item ids")
    missing = [k for k in ids if k not in answers]
    if missing:
        raise InstrumentError(
            f"{instrument.name}: item {missing[0]!r} has no answer; answer every item or type the total"
        )
    lo, hi = instrument.scale.min, instrument.scale.max
    points = [
        (lo + hi - _answer(instrument, item.id, answers[item.id]))
        if item.reverse
        else _answer(instrument, item.id, answers[item.id])
        for item in instrument.items
    ]
    total = float(sum(points))
    if instrument.scoring == "mean":
        total = round(total / len(points), 2)
    return Score(total, instrument.band(total))


def check_total(instrument: Instrument, total: float) -> Score:
    """A total typed directly, checked against the totals the instrument can give (the refusal is
    worded in the language shown: the form shows it under the field).

    Raises
    ------
    InstrumentError
        If the total is outside the possible range.
    """
    lowest, highest = instrument.total_range
    if not lowest <= total <= highest:
        outside = _("%(name)s: a total of %(total)s is outside the possible %(low)s–%(high)s; check the sum")
        raise InstrumentError(
            outside
            % {"name": instrument.name, "total": f"{total:g}", "low": f"{lowest:g}", "high": f"{highest:g}"}
        )
    return Score(float(total), instrument.band(total))

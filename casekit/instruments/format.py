"""The format of a clinic's own licensed instrument: ``<workspace>/instruments/<name>.toml``.

casekit ships no licensed item wording. A clinic that holds a licence for a feedback or outcome
instrument types its wording, exactly as the licence allows, into one TOML file per instrument and
language. casekit reads the file to show the items, score the answers and record the total with the
client's feedback (:attr:`casekit.model.FeedbackEntry.instrument_scores`, keyed by ``name``).

An example (a made-up instrument, for illustration only)::

    format = 1
    name = "Feeling Heard Check"        # the key totals are stored under; unique in the workspace
    language = "en"                     # the language of the wording (en, es, fr, pt-BR, ...)
    scoring = "sum"                     # "sum" or "mean" of the item answers
    about = "Three questions at the end of a session."     # optional, shown to the clinician

    [licence]
    holder = "Willowmere Community Counselling"  # who holds the licence
    notice = "Used under licence. Do not copy."  # shown wherever the wording is shown

    [scale]
    min = 0
    max = 4
    labels = { 0 = "Not at all", 4 = "Completely" }   # optional; keys are points on the scale

    [[items]]
    id = "heard"
    text = "I felt listened to today."

    [[items]]
    id = "rushed"
    text = "I felt rushed."
    reverse = true                      # scored as (min + max - answer)

    [[cutoffs]]                         # optional bands of the total, shown beside it
    from = 0
    to = 5
    label = "Worth talking about together"

    [prorate]                           # optional: only if the licence gives a rule for missing answers
    min_answered = 2                    # with at least this many items answered, a total is worked out

A questionnaire answered only in part keeps the answers given and has no total, unless its file has
a ``[prorate]`` rule: then, with at least ``min_answered`` items answered, its total is worked out from
the answers given as if each unanswered item had the average of the answered ones (the mean of the
answered items, times the number of items for a ``sum``), and it is always shown as worked out so.

Rules checked when the file is read (each refusal is one line naming the file and the field):
item ids are unique lower-case words, ``min < max``, scale labels sit on the scale, cut-off bands lie
within the possible totals, do not overlap and go from low to high, and a prorating rule asks for
between 1 and all of the items.

This module does no I/O.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

#: The format version this casekit reads.
FORMAT_VERSION = 1

_Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
_Wording = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
_Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Licence(_Part):
    """Who holds the licence for the wording, and the notice to show beside it."""

    holder: _Short
    notice: _Wording


class Scale(_Part):
    """The answer scale every item shares: whole points from ``min`` to ``max``."""

    min: int
    max: int
    labels: dict[int, _Short] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if self.min >= self.max:
            raise ValueError(f"min ({self.min}) must be below max ({self.max})")
        outside = [k for k in self.labels if not self.min <= k <= self.max]
        if outside:
            raise ValueError(f"label {outside[0]} is not on the scale {self.min}–{self.max}")
        return self

    @property
    def points(self) -> range:
        """Every answer the scale allows."""
        return range(self.min, self.max + 1)


class Item(_Part):
    """One item: its id, its wording as the clinic supplies it, and whether it is reverse-scored."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,39}$")]
    text: _Wording
    reverse: bool = False


class CutOff(_Part):
    """A band of totals (``from`` to ``to``, inclusive) and what the clinic's licence says it means."""

    low: float = Field(alias="from")
    high: float = Field(alias="to")
    label: _Short

    @model_validator(mode="after")
    def _ordered(self) -> CutOff:
        if self.low > self.high:
            raise ValueError(f"from ({self.low:g}) is above to ({self.high:g})")
        return self


class Prorate(_Part):
    """The licence's rule for a questionnaire answered in part: the fewest answers a total may be
    worked out from (as if each unanswered item had the average of the answered ones)."""

    min_answered: Annotated[int, Field(ge=1)]


class Instrument(_Part):
    """A clinic's licensed instrument, as read from its TOML file."""

    format: Literal[1] = FORMAT_VERSION
    name: _Short
    language: _Language
    scoring: Literal["sum", "mean"]
    about: _Wording | None = None
    licence: Licence
    scale: Scale
    items: Annotated[list[Item], Field(min_length=1, max_length=200)]
    cutoffs: list[CutOff] = Field(default_factory=list)
    prorate: Prorate | None = None

    @field_validator("items")
    @classmethod
    def _unique_ids(cls, items: list[Item]) -> list[Item]:
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                raise ValueError(f"the item id {item.id!r} is used twice; give each item its own id")
            seen.add(item.id)
        return items

    @model_validator(mode="after")
    def _cutoffs_fit(self) -> Instrument:
        lowest, highest = self.total_range
        previous: CutOff | None = None
        for band in self.cutoffs:
            if band.low < lowest or band.high > highest:
                raise ValueError(
                    f"cut-off {band.label!r} ({band.low:g}–{band.high:g}) is outside the possible "
                    f"totals {lowest:g}–{highest:g}"
                )
            if previous is not None and band.low <= previous.high:
                raise ValueError(
                    f"cut-off {band.label!r} starts at or below the end of {previous.label!r}; "
                    f"list bands from low to high without overlap"
                )
            previous = band
        if self.prorate is not None and self.prorate.min_answered > len(self.items):
            raise ValueError(
                f"prorate.min_answered ({self.prorate.min_answered}) is more than the "
                f"{len(self.items)} items; make it at most {len(self.items)}"
            )
        return self

    @property
    def total_range(self) -> tuple[float, float]:
        """The lowest and highest total the instrument can give."""
        n = 1 if self.scoring == "mean" else len(self.items)
        return float(self.scale.min * n), float(self.scale.max * n)

    def band(self, total: float) -> CutOff | None:
        """The cut-off band a total falls in, if the instrument has bands and one holds it."""
        return next((b for b in self.cutoffs if b.low <= total <= b.high), None)

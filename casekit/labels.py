"""Enumerations whose members carry the plain-language label casekit shows for them.

Every choice casekit offers a clinician (whose voice an entry is in, a lens, a rating) is a
:class:`LabelledEnum`: the member's value is what is stored, its label is what a form or summary
shows. Labels live beside their members, marked with :func:`casekit.i18n.N_` so ``pybabel extract``
finds them, and :attr:`LabelledEnum.label` looks each one up in the message catalogues when shown.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from casekit.i18n import gettext


class LabelledEnum(StrEnum):
    """A string enumeration whose members are declared as ``NAME = "value", "Label"``.

    The value is what is stored and compared (``Voice("client") is Voice.CLIENT``); the label is the
    plain text for people.

    Examples
    --------
    >>> class Colour(LabelledEnum):
    ...     DEEP_RED = "deep_red", "Deep red"
    >>> Colour.DEEP_RED.value, Colour.DEEP_RED.label, str(Colour.DEEP_RED)
    ('deep_red', 'Deep red', 'deep_red')
    """

    _label: str

    def __new__(cls, value: str, label: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        return member

    @property
    def label(self) -> str:
        """The member's plain-language label in the language text is shown in, for forms and summaries."""
        return gettext(self._label)

"""A light check of audit notes and owners for what looks like a person's name or contact details.

The self-assessment is about the organisation, so it should hold roles and patterns, not people.
This check uses casekit's de-identification detectors (patterns, and the name recogniser when asked)
and says only *what kind* of detail it saw, never the text itself. It warns; it does not block:
exports scrub the text again anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: Detected categories worth a warning, with how the warning names them.
WARN_KINDS: dict[str, str] = {
    "person": "a person's name",
    "email": "an email address",
    "phone": "a phone number",
    "street_address": "a street address",
    "ssn": "a social security number",
    "id_number": "a record or account number",
}


class PersonalDetailCheck:
    """Finds kinds of personal detail in short texts (one scrubber reused across calls).

    Parameters
    ----------
    use_ner
        Also use the name recogniser (finds names without a title, such as "Maria Lopez"); loads the
        spaCy model on first use.
    """

    def __init__(self, *, use_ner: bool = True) -> None:
        self.use_ner = use_ner
        self._scrubber: Any = None

    def kinds(self, text: str) -> list[str]:
        """The kinds of personal detail found in ``text``, as plain phrases, in a fixed order."""
        if not text or not text.strip():
            return []
        if self._scrubber is None:
            from casekit.deid import Scrubber

            self._scrubber = Scrubber(use_ner=self.use_ner)
        result = self._scrubber.scrub(text, where="audit", check=False)
        found = {r.category for r in result.replacements} | {f.category for f in result.findings}
        return [label for category, label in WARN_KINDS.items() if category in found]

    def warning(self, text: str, field: str) -> str:
        """A one-line warning for ``field`` if ``text`` seems to hold personal details, else ``""``."""
        kinds = self.kinds(text)
        if not kinds:
            return ""
        return f"{field} seems to include {_joined(kinds)}; describe the role or pattern instead."


def _joined(words: Iterable[str]) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]

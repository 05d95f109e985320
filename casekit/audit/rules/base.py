"""What a rule is, what it reports, and the small text helpers rules share.

A rule is a class with a ``category`` and a ``check`` method, registered with :func:`register`.
Rules read a :class:`~casekit.audit.document.FormDocument` and yield :class:`Finding` objects; they
never read files or print.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from casekit.audit.document import BLANK, BOX, RADIO, WHOLE_FORM, FormDocument, Location, Passage

#: category -> rule class of the English rules, filled by :func:`register`.
RULES: dict[str, type[Rule]] = {}
#: language code -> category -> rule class; English is :data:`RULES` itself.
RULES_BY_LANGUAGE: dict[str, dict[str, type[Rule]]] = {"en": RULES}

#: Longest excerpt a finding quotes (characters).
MAX_EXCERPT = 200


@dataclass(frozen=True)
class Finding:
    """Something on a form worth changing, where it is, why it matters and what to write instead.

    Parameters
    ----------
    category
        The rule's category, e.g. ``gender-binary``.
    location
        Where on the form; :data:`~casekit.audit.document.WHOLE_FORM` for something missing.
    excerpt
        The passage the finding is about (empty for something missing from the whole form).
    message
        Why it matters, in plain words.
    suggestion
        Better wording or a better design.
    """

    category: str
    location: Location
    excerpt: str
    message: str
    suggestion: str

    @property
    def whole_form(self) -> bool:
        """Whether the finding is about the form as a whole (something missing)."""
        return self.location == WHOLE_FORM

    def as_dict(self) -> dict[str, object]:
        """The finding as JSON-ready values."""
        return {
            "category": self.category,
            "location": self.location.label,
            "position": self.location.as_dict(),
            "excerpt": self.excerpt,
            "message": self.message,
            "suggestion": self.suggestion,
        }


class Rule:
    """Base class of an audit rule.

    Subclasses set :attr:`category` and :attr:`title`, and implement :meth:`check`.
    """

    #: Stable identifier used in reports and JSON (kebab-case).
    category: ClassVar[str] = ""
    #: A short plain title for grouped reports.
    title: ClassVar[str] = ""
    #: The language of the forms the rule reads, and of its wording (a code such as ``en``, ``es``).
    language: ClassVar[str] = "en"

    def check(self, doc: FormDocument) -> Iterator[Finding]:
        """Yield the findings of this rule on ``doc``."""
        raise NotImplementedError

    def finding(self, at: Passage | list[Passage] | None, message: str, suggestion: str) -> Finding:
        """A finding at a passage, or at a field spread over several (located at the first), or about
        the whole form when ``at`` is None."""
        if at is None:
            return Finding(self.category, WHOLE_FORM, "", message, suggestion)
        passages = at if isinstance(at, list) else [at]
        text = " ".join(p.text for p in passages)
        return Finding(self.category, passages[0].location, excerpt(text), message, suggestion)


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule under its language and category (English: :data:`RULES`)."""
    table = RULES_BY_LANGUAGE.setdefault(cls.language, {})
    if not cls.category or (cls.category in table and table[cls.category] is not cls):
        raise ValueError(
            f"rule {cls.__name__}: category {cls.category!r} is empty or already taken in {cls.language!r}"
        )
    table[cls.category] = cls
    return cls


def excerpt(text: str) -> str:
    """The passage shortened to :data:`MAX_EXCERPT` characters."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_EXCERPT else text[: MAX_EXCERPT - 1].rstrip() + "…"


# --------------------------------------------------------------------------------------------------
# Helpers for reading fields and their options

#: Words that show an option lets people answer beyond the list (or not at all).
OPEN_WORDS = re.compile(
    r"\b(other|another|self[- ]?describ\w*|own words|not listed|prefer not|rather not|decline|"
    r"none of (?:these|the above))\b",
    re.IGNORECASE,
)
#: An open-answer word or a blank to write in.
OPEN_OPTION = re.compile(OPEN_WORDS.pattern + "|" + re.escape(BLANK), re.IGNORECASE)
_MARKERS = f"[{BOX}{RADIO}]"
_FIELD_END = re.compile(r"(?:\s{2,}|\s*\|\s*)(?=[A-Z][\w'’ /-]{0,40}:)")
_NEGATION = re.compile(
    r"\b(never|not|no need|don't|do not|won't|will not|without|no one|nobody)\b", re.IGNORECASE
)


def has_markers(text: str) -> bool:
    """Whether the text has a tick box or a single-choice button."""
    return BOX in text or RADIO in text


def field_window(doc: FormDocument, index: int, *, follow: int = 10) -> list[Passage]:
    """The passage at ``index`` and the option lines that follow it.

    A following passage belongs to the field when it starts with a choice marker, or when it is short
    and offers a way to answer beyond the list (``Other: ____``, ``Prefer to self-describe``).
    """
    passages = doc.passages
    window = [passages[index]]
    for passage in passages[index + 1 : index + 1 + follow]:
        text = passage.text
        if text.startswith((BOX, RADIO)) or (len(text.split()) <= 8 and OPEN_WORDS.search(text)):
            window.append(passage)
        else:
            break
    return window


def options_in(text: str) -> list[str]:
    """The options written after choice markers in ``text``, each cut where the field ends.

    ``"Sex: ☐ Male ☐ Female    Age: ____"`` gives ``["Male", "Female"]``. An option that runs into
    another field's label (``"Female Date of birth:"``) keeps its first word, and ends the list.
    """
    text = _FIELD_END.split(text, maxsplit=1)[0] if has_markers(text) else text
    parts = re.split(_MARKERS, text)[1:]
    options: list[str] = []
    for part in parts:
        part = part.strip(" |;,")
        if ":" in part and not part.rstrip().endswith(BLANK) and part.split(":")[0].strip():
            head = part.split(":")[0].split()
            # "Other: ____" is an option; "Female Date of birth:" is an option then a new field.
            if len(head) > 1 and not OPEN_OPTION.search(part):
                options.append(head[0])
                break
        options.append(part)
    return options


_INSTRUCTION = re.compile(
    r"\((?:please\s+)?(?:circle|check|tick|select|choose|mark|pick)[^)]*\)", re.IGNORECASE
)


def listed_options(text: str) -> list[str]:
    """Options written as a list without markers: ``": M / F"``, ``"Male or Female (circle one)"``.

    Only short items separated by ``/`` or ``or`` count; anything else gives an empty list.
    """
    text = _FIELD_END.split(text, maxsplit=1)[0]
    text = _INSTRUCTION.sub(" ", text).replace(BLANK, " ")
    text = re.sub(r"[():?]", " ", text).strip()
    if not re.search(r"/|\bor\b", text):
        return []
    parts = [p.strip(" ,.") for p in re.split(r"/|\bor\b", text)]
    if len(parts) < 2 or any(not p or len(p.split()) > 3 for p in parts):
        return []
    return parts


def window_options(window: list[Passage], label_end: int) -> list[str]:
    """Options of a field: those after the label in its first passage plus those on following lines."""
    rest = window[0].text[label_end:]
    options = options_in(rest) if has_markers(rest) else listed_options(rest)
    for passage in window[1:]:
        options += options_in(passage.text) if has_markers(passage.text) else [passage.text]
    return options


def answers_open(window: list[Passage], label_end: int, options: list[str]) -> bool:
    """Whether the field lets people answer beyond its list: an open option, a blank, or open words
    between the label and the first choice (``"Race (or describe in your own words): ..."``)."""
    head = window[0].text[label_end:]
    head = _FIELD_END.split(head, maxsplit=1)[0]
    head = re.split(_MARKERS, head, maxsplit=1)[0]
    if OPEN_WORDS.search(head):
        return True
    return any(OPEN_OPTION.search(o) or not normalise_option(o) for o in options)


def normalise_option(option: str) -> str:
    """An option in lower case without punctuation, blanks or markers (``"Female."`` → ``"female"``)."""
    option = option.replace(BLANK, " ")
    return " ".join(re.sub(r"[^\w/'’ -]+", " ", option.casefold()).split())


def negated(text: str, start: int) -> bool:
    """Whether a negation word comes before ``start`` in the same sentence (``"you never need to…"``)."""
    before = re.split(r"[.;!?]", text[:start])[-1][-60:]
    return bool(_NEGATION.search(before))


def find_first(doc: FormDocument, pattern: re.Pattern[str]) -> Passage | None:
    """The first passage matching ``pattern``, if any."""
    return next((p for p in doc.passages if pattern.search(p.text)), None)


def labelled_fields(doc: FormDocument, label: re.Pattern[str]) -> Iterator[tuple[int, re.Match[str]]]:
    """Indexes of passages where ``label`` matches, with the match (first one per passage)."""
    for i, passage in enumerate(doc.passages):
        match = label.search(passage.text)
        if match:
            yield i, match


def field_windows(doc: FormDocument, label: re.Pattern[str]) -> Iterator[tuple[re.Match[str], list[Passage]]]:
    """Each field ``label`` starts, as its label match and its :func:`field_window`.

    A passage already inside an earlier field's window does not start another field.
    """
    seen: set[int] = set()
    for index, match in labelled_fields(doc, label):
        if index in seen:
            continue
        window = field_window(doc, index)
        seen.update(range(index, index + len(window)))
        yield match, window


__all__ = [
    "MAX_EXCERPT",
    "OPEN_OPTION",
    "OPEN_WORDS",
    "RULES",
    "RULES_BY_LANGUAGE",
    "Finding",
    "Location",
    "Rule",
    "answers_open",
    "excerpt",
    "field_window",
    "field_windows",
    "find_first",
    "has_markers",
    "labelled_fields",
    "listed_options",
    "negated",
    "normalise_option",
    "options_in",
    "register",
    "window_options",
]

"""Named-entity recognition with the pinned spaCy English pipeline, loaded once per process, offline.

The pipeline is built explicitly from the installed package (:data:`casekit.deid.lexicon.MODEL_PACKAGE`)
with only the component de-identification needs (the entity recogniser), so
nothing is ever downloaded and start-up stays short. Importing this module loads nothing.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from casekit.deid.lexicon import MODEL_PACKAGE
from casekit.errors import DeidentificationError

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Entity labels de-identification acts on. NORP (nationalities, religious and political groups) is
#: deliberately absent: those words are identity descriptors and stay.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})

_LOCK = threading.Lock()
# The entity recogniser has its own token-to-vector layer; the rest of the pipeline would double the
# time per text for nothing de-identification uses.
_NOT_NEEDED = ["tok2vec", "tagger", "parser", "senter", "lemmatizer", "attribute_ruler"]


@dataclass(frozen=True)
class Token:
    """A token's offsets and fine-grained part-of-speech tag (empty: the tagger is not run)."""

    start: int
    end: int
    tag: str


@dataclass(frozen=True)
class Entity:
    """A named entity's offsets and label (``PERSON``, ``ORG``, ``GPE``, ``LOC``, ``FAC``)."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Analysis:
    """What the pipeline saw in one text."""

    tokens: Sequence[Token]
    entities: Sequence[Entity]

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity that covers ``[start, end)``, if any."""
        for ent in self.entities:
            if ent.start <= start and end <= ent.end:
                return ent
        return None


@functools.cache
def pipeline() -> Any:
    """The spaCy pipeline, loaded on first use and then shared by the whole process.

    Raises
    ------
    DeidentificationError
        When the model package is not installed.
    """
    with _LOCK:
        try:
            import spacy
        except ImportError:  # pragma: no cover - spaCy is a dependency
            raise DeidentificationError(
                "spaCy is not installed; run `pip install casekit` again or pass use_ner=False"
            ) from None
        try:
            return spacy.load(MODEL_PACKAGE, exclude=_NOT_NEEDED)
        except OSError:
            raise DeidentificationError(
                f"the spaCy model package {MODEL_PACKAGE} is not installed; run "
                f"`pip install {MODEL_PACKAGE.replace('_', '-')}` or pass use_ner=False"
            ) from None


def analyse(text: str) -> Analysis:
    """Run the pipeline over ``text``."""
    return _to_analysis(pipeline()(text))


def analyse_many(texts: Sequence[str], batch_size: int = 64) -> list[Analysis]:
    """Run the pipeline over several texts at once (faster than one at a time)."""
    return [_to_analysis(doc) for doc in pipeline().pipe(texts, batch_size=batch_size)]


def _to_analysis(doc: Any) -> Analysis:
    tokens = [Token(t.idx, t.idx + len(t.text), t.tag_) for t in doc]
    entities = [Entity(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in ENTITY_LABELS]
    return Analysis(tokens, entities)

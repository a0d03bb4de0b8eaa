"""One analysis for indexed text and for queries, so that their tokens agree."""

from __future__ import annotations

from dataclasses import dataclass, field

from regulations.legaltext.normalize import fold_diacritics, normalize
from regulations.legaltext.recognizers import Entity, doc_entities, make_doc
from search.nlp.segment import doc_words

__all__ = ["Analysis", "analyze", "analyze_query", "to_index_text"]


@dataclass(frozen=True)
class Analysis:
    normalized: str  # normalize(text, keep_newlines=True); entity offsets refer to it
    words: list[str] = field(default_factory=list)  # segmented, lower-case, with diacritics
    words_folded: list[str] = field(default_factory=list)  # the same without diacritics
    entities: list[Entity] = field(default_factory=list)


def analyze(text: str) -> Analysis:
    """Normalise, recognise citations/dates/money/durations, and segment words, in one pass."""
    normalized = normalize(text, keep_newlines=True)
    if not normalized:
        return Analysis(normalized="")
    doc = make_doc(normalized)
    entities = doc_entities(doc)
    words = doc_words(doc, entities)
    return Analysis(
        normalized=normalized,
        words=words,
        words_folded=[fold_diacritics(w) for w in words],
        entities=entities,
    )


# Queries go through exactly the same function as indexed text.
analyze_query = analyze


def to_index_text(text: str) -> str:
    """The segmented words joined by spaces, for a ``whitespace`` analyzer in OpenSearch."""
    return " ".join(analyze(text).words)

"""The spaCy pipeline of the recognizers and its public functions.

``spacy.blank("xx")`` with the citation-protecting syllable tokenizer (``tokenizer``) and one
component, ``vi_legal_entities``: a ``Matcher`` for article references, dates, money and
durations and a ``PhraseMatcher`` for citation words and law names (``rules``); the matches become
``doc.ents`` (LEGAL_REF, ARTICLE_REF, DATE, MONEY, DURATION) and ``Entity``s with their values in
``doc.user_data["vi_entities"]``. The ``Language`` object is built once per process, lazily,
under a lock.
"""

from __future__ import annotations

import datetime
import threading
from dataclasses import dataclass, field, replace
from typing import Any, Final

import numpy
from spacy.attrs import NORM
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from regulations.legaltext.normalize import normalize
from regulations.legaltext.numbers import DocumentNumber
from regulations.legaltext.recognizers.citations import (
    Candidate,
    link_articles,
    link_names_to_numbers,
    loose_candidate,
    merge_article_parts,
    name_candidate,
    parse_article,
    parse_legal,
    resolve_overlaps,
)
from regulations.legaltext.recognizers.entity import (
    ARTICLE_REF,
    CITATION_LABELS,
    DATE,
    DURATION,
    LEGAL_REF,
    MONEY,
    Entity,
)
from regulations.legaltext.recognizers.rules import NOT_BEFORE_DURATION, SEP_WORDS, patterns, phrases
from regulations.legaltext.recognizers.tokenizer import VietnameseTokenizer
from regulations.legaltext.recognizers.values import date_value, duration_value, money_amount

# The public names are listed in the package (regulations/legaltext/recognizers/__init__.py).


class LegalEntityRecognizer:
    """spaCy component: Matcher/PhraseMatcher rules → ``doc.ents`` and parsed ``Entity``s."""

    def __init__(self, nlp: Language, name: str = "vi_legal_entities") -> None:
        self.name = name
        self.matcher = Matcher(nlp.vocab)
        for key, rules in patterns().items():
            self.matcher.add(key, rules, greedy="LONGEST")
        self.phrases = PhraseMatcher(nlp.vocab, attr="NORM")
        add = nlp.vocab.strings.add
        for key, phrase_list in phrases().items():
            docs = []
            for words in phrase_list:
                doc = Doc(nlp.vocab, words=words)
                values: Any = numpy.array([[add(w)] for w in words], dtype="uint64")
                doc.from_array([NORM], values)
                docs.append(doc)
            self.phrases.add(key, docs)

    def __call__(self, doc: Doc) -> Doc:
        chosen = resolve_overlaps(self._candidates(doc))
        doc.ents = [Span(doc, c.start, c.end, label=c.label) for c in chosen]
        entities = [_parse(doc, c) for c in chosen]
        doc.user_data["vi_entities"] = link_articles(doc.text, link_names_to_numbers(doc.text, entities))
        return doc

    def _candidates(self, doc: Doc) -> list[Candidate]:
        strings = doc.vocab.strings
        docnums: dict[int, DocumentNumber] = doc.user_data.get("vi_docnums", {})
        legal = [Candidate(i, i + 1, LEGAL_REF, "LEGAL_DOCNUM") for i in docnums]
        parts: list[Candidate] = []
        other: list[Candidate] = []
        for match_id, start, end in self.matcher(doc):
            key = strings[match_id]
            if key.startswith("ART_"):
                while end > start + 1 and doc[end - 1].norm_ in SEP_WORDS:
                    end -= 1
                parts.append(Candidate(start, end, ARTICLE_REF, key))
            elif key == DURATION and start > 0 and doc[start - 1].norm_ in NOT_BEFORE_DURATION:
                continue
            else:
                other.append(Candidate(start, end, key, key))
        for match_id, start, end in self.phrases(doc):
            key = strings[match_id]
            c = name_candidate(doc, start, end) if key == "LEGAL_NAME" else loose_candidate(doc, start, end)
            if c is not None:
                legal.append(c)
        return legal + merge_article_parts(doc, parts) + other


def _parse(doc: Doc, c: Candidate) -> Entity:
    span = doc[c.start : c.end]
    base = Entity(label=c.label, text=span.text, start=span.start_char, end=span.end_char)
    if c.label == LEGAL_REF:
        return parse_legal(doc, c, base)
    if c.label == ARTICLE_REF:
        return parse_article(doc, c, base)
    if c.label == DATE:
        return replace(base, value=date_value([t.text for t in span]))
    if c.label == MONEY:
        return replace(base, amount=money_amount([t.text for t in span[:-1]]))  # last: the currency
    if c.label == DURATION:
        value = duration_value(span[0].text, span[1].text)
        return replace(
            base,
            quantity=value.quantity,
            unit=value.unit,
            working_days=len(span) > 2,
            days=value.days,
            months=value.months,
        )
    return base


@Language.factory("vi_legal_entities")
def _make_recognizer(nlp: Language, name: str) -> LegalEntityRecognizer:
    return LegalEntityRecognizer(nlp, name)


_nlp_lock = threading.Lock()
_nlp: Language | None = None
# The vocab's StringStore grows with every new token text; rebuild past this size so a
# long-running indexer does not grow without bound.
_MAX_STRINGS: Final = 2_000_000


def get_nlp() -> Language:
    """The process-wide spaCy pipeline, built on first use."""
    global _nlp
    nlp = _nlp
    if nlp is None or len(nlp.vocab.strings) > _MAX_STRINGS:
        with _nlp_lock:
            if _nlp is None or len(_nlp.vocab.strings) > _MAX_STRINGS:
                import spacy

                built = spacy.blank("xx")
                built.tokenizer = VietnameseTokenizer(built.vocab)
                built.add_pipe("vi_legal_entities")
                _nlp = built
            nlp = _nlp
    assert nlp is not None
    return nlp


def make_doc(normalized: str, on: datetime.date | None = None) -> Doc:
    """Run the pipeline on already-normalised text (``normalize(text, keep_newlines=True)``),
    whatever its length (``Language.__call__`` would refuse text over ``max_length``). A law
    cited by name without a year is the one in force on ``on`` (default: today)."""
    nlp = get_nlp()
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, VietnameseTokenizer)
    doc = tokenizer.make_doc(normalized)
    doc.user_data["vi_on"] = on
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def doc_entities(doc: Doc) -> list[Entity]:
    entities: list[Entity] = doc.user_data.get("vi_entities", [])
    return list(entities)


@dataclass(frozen=True)
class Recognized:
    normalized: str  # normalize(text, keep_newlines=True): the entities' offsets refer to it
    entities: list[Entity] = field(default_factory=list)


def recognize(text: str, on: datetime.date | None = None) -> Recognized:
    """Citations, dates, money and durations of ``text``, with the text their offsets refer to.
    A law cited by name without a year is the one in force on ``on`` (default: today)."""
    normalized = normalize(text, keep_newlines=True)
    if not normalized:
        return Recognized(normalized="")
    return Recognized(normalized, doc_entities(make_doc(normalized, on)))


def extract_entities(text: str, on: datetime.date | None = None) -> list[Entity]:
    """LEGAL_REF, ARTICLE_REF, DATE, MONEY and DURATION entities of ``text``.

    Offsets are in ``normalize(text, keep_newlines=True)``.
    """
    return recognize(text, on).entities


def _labelled(text: str, labels: frozenset[str], on: datetime.date | None = None) -> list[Entity]:
    return [e for e in extract_entities(text, on) if e.label in labels]


def extract_citations(text: str, on: datetime.date | None = None) -> list[Entity]:
    """LEGAL_REF and ARTICLE_REF entities only (laws cited by name: those in force on ``on``)."""
    return _labelled(text, CITATION_LABELS, on)


citations = extract_citations


def money(text: str) -> list[Entity]:
    """Amounts in đồng ("lệ phí 500.000 đồng" → ``amount=Decimal(500000)``)."""
    return _labelled(text, frozenset({MONEY}))


def durations(text: str) -> list[Entity]:
    """Durations ("15 ngày làm việc" → ``quantity=15, unit="day", working_days=True``)."""
    return _labelled(text, frozenset({DURATION}))


def dates(text: str) -> list[Entity]:
    """Dates ("ngày 15 tháng 3 năm 2024" → ``value=date(2024, 3, 15)``; partial dates: None)."""
    return _labelled(text, frozenset({DATE}))

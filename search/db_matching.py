"""Matching in the database, for the fallback (search/fallback.py) and each kind's part of it.

Diacritics-insensitive matching with regular expressions (character classes for every accented
form, ``highlight.term_pattern``), so it works on PostgreSQL without the ``unaccent`` extension
and on SQLite, over a bounded candidate set, ranked in Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from django.db.models import Case, IntegerField, Q, Value, When

from regulations.legaltext.normalize import fold_for_matching
from search.highlight import (
    BOUNDARY,
    MAX_PHRASE_WORDS,
    MAX_SYLLABLE,
    STOPWORDS,
    WORD_RE,
    python_pattern,
    term_pattern,
)
from search.query import ParsedQuery

# Candidate rows read from the database for one query, and terms matched per row.
MAX_CANDIDATES: Final = 1000
MAX_TERMS: Final = 8


def query_terms(query: ParsedQuery) -> list[str]:
    """Phrases first, then segmented words (multi-syllable ones first), without stopwords.

    Bounded: at most MAX_TERMS terms, phrases cut to MAX_PHRASE_WORDS words, and no "word"
    longer than MAX_SYLLABLE characters (no Vietnamese syllable or code is), so the regular
    expressions stay small whatever was typed."""
    terms: list[str] = [" ".join(WORD_RE.findall(p)[:MAX_PHRASE_WORDS]) for p in query.phrases]
    terms = [t for t in terms if t and all(len(w) <= MAX_SYLLABLE for w in t.split())]
    words = [w.replace("_", " ") for w in (query.words or query.syllables).split()]
    words = [
        w
        for w in words
        if WORD_RE.search(w)
        and w.lower() not in STOPWORDS
        and all(len(part) <= MAX_SYLLABLE for part in WORD_RE.findall(w))
    ]
    words.sort(key=lambda w: -len(w.split()))
    for word in words:
        if word.lower() not in (t.lower() for t in terms):
            terms.append(word)
    return terms[:MAX_TERMS]


def _folded_words(text: str) -> str:
    return " " + " ".join(WORD_RE.findall(fold_for_matching(text))) + " "


def _exact_words(text: str) -> str:
    return " " + " ".join(WORD_RE.findall(text.lower())) + " "


def matches(term: str, text_fields: Iterable[str]) -> Q:
    """Rows where any of the fields holds the term as a whole word, whatever the diacritics."""
    pattern = term_pattern(term)
    q = Q()
    for name in text_fields:
        q |= Q(**{f"{name}__regex": pattern})
    return q


def match_score(terms: list[str], text_fields: list[str]) -> Any:
    """An SQL expression: how many of the terms a row holds."""
    whens = [
        Case(
            When(matches(t, text_fields), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        for t in terms
    ]
    total = whens[0]
    for expr in whens[1:]:
        total = total + expr
    return total


def rank(texts: dict[int, str], headings: dict[int, str], terms: list[str]) -> dict[int, float]:
    """Score per unit: each term found counts 1, +0.5 with exact diacritics, +0.5 in the heading."""
    folded_terms = [" " + " ".join(WORD_RE.findall(fold_for_matching(t))) + " " for t in terms]
    exact_terms = [" " + " ".join(WORD_RE.findall(t.lower())) + " " for t in terms]
    scores: dict[int, float] = {}
    for unit, text in texts.items():
        folded, exact = _folded_words(text), _exact_words(text)
        heading = _folded_words(headings.get(unit, ""))
        score = 0.0
        for f, e in zip(folded_terms, exact_terms, strict=True):
            if f in folded:
                score += 1.0
                if e in exact:
                    score += 0.5
                if f in heading:
                    score += 0.5
        if score:
            scores[unit] = score
    return scores


def with_phrases(scores: dict[int, float], texts: dict[int, str], query: ParsedQuery) -> dict[int, float]:
    """Keep only the units whose text holds every quoted phrase of the query."""
    if not query.phrases:
        return scores
    required = [python_pattern(p) for p in query.phrases]
    return {u: s for u, s in scores.items() if all(r.search(texts[u]) for r in required)}


def word_prefix(word: str) -> str:
    """A regular expression for a word starting with `word`, whatever the diacritics."""
    return term_pattern(word)[: -len(f"($|{BOUNDARY})")]

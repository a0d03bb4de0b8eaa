"""Searching comments with or without diacritics: "giay phep" finds "giấy phép", "Đăng ký" finds
"dang ky". Pure (regulations.legaltext only), typed; the patterns run in the database
(PostgreSQL's and SQLite's regular expressions), so no extension is needed.

Each word of the query becomes a regular expression matching it as a whole word, any case, any
accented form of its letters (every letter folding to the same base by legaltext's
``fold_diacritics``); a comment matches when it holds every word."""

from __future__ import annotations

from typing import Final

from regulations.legaltext.normalize import normalize
from regulations.legaltext.patterns import WORD_RE, term_pattern, word_core

MAX_WORDS: Final = 8
MAX_WORD: Final = 40


def query_words(query: str) -> list[str]:
    """The words searched for (at most MAX_WORDS, each cut to MAX_WORD characters)."""
    return [word[:MAX_WORD] for word in WORD_RE.findall(normalize(query or ""))][:MAX_WORDS]


def word_pattern(word: str) -> str | None:
    """A regular expression matching ``word`` as a whole word, whatever its diacritics and case
    (None for a word with no letter or digit)."""
    return term_pattern(word) if word_core(word) else None


def query_patterns(query: str) -> list[str]:
    """One pattern per word of the query; a text matches the query when it matches them all."""
    return [pattern for word in query_words(query) if (pattern := word_pattern(word))]

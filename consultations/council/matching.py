"""Searching comments with or without diacritics: "giay phep" finds "giấy phép", "Đăng ký" finds
"dang ky". Pure (regulations.legaltext only), typed; the patterns run in the database
(PostgreSQL's and SQLite's regular expressions), so no extension is needed.

Each word of the query becomes a regular expression matching it as a whole word, any case, any
accented form of its letters (every letter folding to the same base by legaltext's
``fold_diacritics``); a comment matches when it holds every word."""

from __future__ import annotations

import re
from typing import Final

from regulations.legaltext.normalize import fold_diacritics, normalize

MAX_WORDS: Final = 8
MAX_WORD: Final = 40
LETTERS: Final = "0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff"
BOUNDARY: Final = f"[^{LETTERS}]"
_WORD_RE: Final = re.compile(r"[^\W_]+")


def _variant_table() -> dict[str, str]:
    """For each ASCII letter, every Latin letter (both cases) that folds to it: 'd' → 'DdĐđ...'."""
    table: dict[str, set[str]] = {}
    for cp in [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(cp)
        base = fold_diacritics(ch).lower()
        if len(base) == 1 and "a" <= base <= "z":
            table.setdefault(base, set()).add(ch)
    return {base: "".join(sorted(chars)) for base, chars in table.items()}


_VARIANTS: Final = _variant_table()


def query_words(query: str) -> list[str]:
    """The words searched for (at most MAX_WORDS, each cut to MAX_WORD characters)."""
    return [word[:MAX_WORD] for word in _WORD_RE.findall(normalize(query or ""))][:MAX_WORDS]


def word_pattern(word: str) -> str | None:
    """A regular expression matching ``word`` as a whole word, whatever its diacritics and case
    (None for a word with no letter or digit)."""
    core = "".join(
        f"[{_VARIANTS[c]}]" if c in _VARIANTS else (c if c.isdigit() else "") for c in fold_diacritics(word).lower()
    )
    return f"(^|{BOUNDARY}){core}($|{BOUNDARY})" if core else None


def query_patterns(query: str) -> list[str]:
    """One pattern per word of the query; a text matches the query when it matches them all."""
    return [pattern for word in query_words(query) if (pattern := word_pattern(word))]

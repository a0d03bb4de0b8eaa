"""Regular expressions that match a Vietnamese word whatever its diacritics and case, valid in
Python and in PostgreSQL's and SQLite's regular expressions: "giay phep" matches "Giấy phép",
"dang ky" matches "Đăng ký". Used where text is matched without an index: search's highlighting
and database fallback, the Advisory Council's search of comments."""

from __future__ import annotations

import re
from typing import Final

from regulations.legaltext.normalize import fold_diacritics

LETTERS: Final = "0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff"
BOUNDARY: Final = f"[^{LETTERS}]"
WORD_RE: Final = re.compile(r"[^\W_]+")


def _variant_table() -> dict[str, str]:
    """For each ASCII letter, every Latin letter (both cases) that folds to it: 'd' → 'DdĐđ...'."""
    table: dict[str, set[str]] = {}
    for cp in [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(cp)
        base = fold_diacritics(ch).lower()
        if len(base) == 1 and "a" <= base <= "z":
            table.setdefault(base, set()).add(ch)
    return {base: "".join(sorted(chars)) for base, chars in table.items()}


VARIANTS: Final = _variant_table()


def word_core(word: str) -> str:
    """The pattern of one word's letters and digits, each letter as the class of its accented
    forms ("" when the word has no letter or digit)."""
    return "".join(
        f"[{VARIANTS[c]}]" if c in VARIANTS else (c if c.isdigit() else "") for c in fold_diacritics(word).lower()
    )


def term_pattern(term: str) -> str:
    """A pattern matching ``term`` as a whole word (or phrase: its words separated by
    non-letters), with or without diacritics, in any case."""
    parts = [core for word in WORD_RE.findall(term) if (core := word_core(word))]
    return f"(^|{BOUNDARY})" + f"{BOUNDARY}+".join(parts) + f"($|{BOUNDARY})"

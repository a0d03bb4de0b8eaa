"""Matching and highlighting, shared by the OpenSearch backend and the database fallback.

Every pattern accepts every accented form of each letter, so marks cover the original characters
(diacritics included) whatever diacritics the query had, and the database can match without the
`unaccent` extension (`term_pattern` is valid in Python and PostgreSQL regular expressions).
"""

from __future__ import annotations

import html
import re
from typing import Final

from regulations.legaltext.normalize import fold_diacritics
from search.query import ParsedQuery

MAX_PHRASE_WORDS: Final = 8
MAX_SYLLABLE: Final = 24
# Frequent function words: they match nearly every article and only slow the regexes down.
STOPWORDS: Final = frozenset(
    "và của là có được các những thì gì nào không cho với trong khi này đó theo về một như để "
    "do bị từ tại hoặc nếu mà thế ra sao bao nhiêu ai đâu".split()
)
LETTERS: Final = "0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff"
BOUNDARY: Final = f"[^{LETTERS}]"
WORD_RE: Final = re.compile(r"[^\W_]+")


def _variant_table() -> dict[str, str]:
    """For each ASCII letter, every Latin letter (both cases) that folds to it: 'd' → 'dDđĐ'."""
    table: dict[str, set[str]] = {}
    for cp in [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(cp)
        base = fold_diacritics(ch).lower()
        if len(base) == 1 and "a" <= base <= "z":
            table.setdefault(base, set()).add(ch)
    return {base: "".join(sorted(chars)) for base, chars in table.items()}


_VARIANTS: Final = _variant_table()


def term_pattern(term: str) -> str:
    """A regular expression (valid in Python and PostgreSQL) matching ``term`` as a whole word,
    with or without diacritics, in any case. Words of a phrase are separated by non-letters."""
    parts = []
    for word in WORD_RE.findall(term):
        core = "".join(
            f"[{_VARIANTS[c]}]" if c in _VARIANTS else (c if c.isdigit() else "") for c in fold_diacritics(word).lower()
        )
        if core:
            parts.append(core)
    return f"(^|{BOUNDARY})" + f"{BOUNDARY}+".join(parts) + f"($|{BOUNDARY})"


def python_pattern(term: str) -> re.Pattern[str]:
    """The same match as ``term_pattern`` for Python, with look-arounds: adjacent matches are
    all found and the match covers the word only."""
    core = term_pattern(term)[len(f"(^|{BOUNDARY})") : -len(f"($|{BOUNDARY})")]
    return re.compile(f"(?<![{LETTERS}]){core}(?![{LETTERS}])")


def highlight_terms(query: ParsedQuery) -> list[str]:
    """What to mark: quoted phrases and the query's words, without function words."""
    words = list(dict.fromkeys(w.lower() for w in WORD_RE.findall(query.syllables)))
    words = [w for w in words if len(w) <= MAX_SYLLABLE]
    content = [w for w in words if w not in STOPWORDS]
    phrases = [" ".join(WORD_RE.findall(p)[:MAX_PHRASE_WORDS]) for p in query.phrases]
    return [*(p for p in phrases if p), *(content or words)][:40]


def highlight_text(text: str, terms: list[str], size: int = 240) -> str:
    """An HTML excerpt of ``text``: the window of about ``size`` characters holding the most
    distinct query terms, every match wrapped in <mark>, everything else escaped.

    The patterns accept every accented form of each letter, so the marks cover the original
    characters, diacritics included, whether or not the query had them."""
    if not text:
        return ""
    spans: list[tuple[int, int, int]] = []
    for n, term in enumerate(terms):
        spans.extend((*m.span(), n) for m in python_pattern(term).finditer(text))
        if len(spans) > 400:
            break
    spans.sort()
    best_start, best_terms = 0, 0
    for i, (start, _end, _n) in enumerate(spans[:200]):
        covered = {n for s, _e, n in spans[i:] if s < start + size - 40}
        if len(covered) > best_terms:
            best_start, best_terms = start, len(covered)
    begin = max(0, best_start - size // 4) if spans else 0
    if begin:
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < best_start else begin
    end = min(len(text), begin + size)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin + size // 2 else end
    merged: list[tuple[int, int]] = []
    for start, stop, _n in spans:
        if stop <= begin or start >= end:
            continue
        start, stop = max(start, begin), min(stop, end)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(stop, merged[-1][1]))
        else:
            merged.append((start, stop))
    out: list[str] = []
    cursor = begin
    for start, stop in merged:
        out.append(html.escape(text[cursor:start]))
        out.append(f"<mark>{html.escape(text[start:stop])}</mark>")
        cursor = stop
    out.append(html.escape(text[cursor:end]))
    excerpt = " ".join("".join(out).split())
    return ("… " if begin else "") + excerpt + (" …" if end < len(text) else "")

"""Matching and highlighting, shared by the OpenSearch backend and the database fallback.

Every pattern accepts every accented form of each letter, so marks cover the original characters
(diacritics included) whatever diacritics the query had, and the database can match without the
`unaccent` extension (`term_pattern` is valid in Python and PostgreSQL regular expressions).
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from collections.abc import Iterator
from typing import Final

from regulations.legaltext.normalize import fold_diacritics, fold_for_matching
from regulations.legaltext.patterns import BOUNDARY, LETTERS, WORD_RE, term_pattern
from regulations.legaltext.patterns import VARIANTS as _VARIANTS
from search.query import ParsedQuery

MAX_PHRASE_WORDS: Final = 8
MAX_SYLLABLE: Final = 24
# Frequent function words: they match nearly every article and only slow the regexes down.
STOPWORDS: Final = frozenset(
    "và của là có được các những thì gì nào không cho với trong khi này đó theo về một như để "
    "do bị từ tại hoặc nếu mà thế ra sao bao nhiêu ai đâu".split()
)


@functools.lru_cache(maxsize=4096)
def python_pattern(term: str) -> re.Pattern[str]:
    """The same match as ``term_pattern`` for Python, with look-arounds: adjacent matches are
    all found and the match covers the word only. Compiled once per term and process."""
    core = term_pattern(term)[len(f"(^|{BOUNDARY})") : -len(f"($|{BOUNDARY})")]
    return re.compile(f"(?<![{LETTERS}]){core}(?![{LETTERS}])")


def _folded_core(term: str) -> str:
    """The words of ``term`` folded and lower-cased (letters and digits only, as in
    ``term_pattern``), escaped, separated by runs of non-letters."""
    parts = []
    for word in WORD_RE.findall(term):
        core = "".join(c for c in fold_diacritics(word).lower() if c in _VARIANTS or c.isdigit())
        if core:
            parts.append(re.escape(core))
    return f"{BOUNDARY}+".join(parts)


@functools.lru_cache(maxsize=4096)
def folded_pattern(term: str) -> re.Pattern[str] | None:
    """``python_pattern``'s match on text folded by ``fold_for_matching`` (same length, so the
    spans are those of the original), less the check that no letter comes before it, which
    ``folded_spans`` makes: a pattern that opens with a literal is searched several times faster
    than one that opens with a look-behind or a class per letter. None for a term with no letter
    or digit to match."""
    core = _folded_core(term)
    return re.compile(f"{core}(?![{LETTERS}])") if core else None


_LETTER_RE: Final = re.compile(f"[{LETTERS}]")


def folded_spans(term: str, folded: str) -> Iterator[tuple[int, int]]:
    """The spans where ``term`` stands as a whole word in ``folded`` (``fold_for_matching``
    text): those of ``python_pattern(term)`` on the original text."""
    pattern = folded_pattern(term)
    if pattern is None:
        return
    position = 0
    while (found := pattern.search(folded, position)) is not None:
        start, end = found.span()
        if start and _LETTER_RE.match(folded, start - 1):
            position = start + 1  # inside a longer word: look again from the next character
            continue
        yield start, end
        position = end


def highlight_terms(query: ParsedQuery) -> list[str]:
    """What to mark: quoted phrases and the query's words, without function words."""
    words = list(dict.fromkeys(w.lower() for w in WORD_RE.findall(query.syllables)))
    words = [w for w in words if len(w) <= MAX_SYLLABLE]
    content = [w for w in words if w not in STOPWORDS]
    phrases = [" ".join(WORD_RE.findall(p)[:MAX_PHRASE_WORDS]) for p in query.phrases]
    return [*(p for p in phrases if p), *(content or words)][:40]


def _best_window(spans: list[tuple[int, int, int]], width: int, starts: int = 200) -> tuple[int, int]:
    """Of the windows ``[start, start + width)`` opening at one of the first ``starts`` matches
    (sorted), the first holding the most distinct terms: its start and that number. One pass with
    two pointers (the matches a window holds are a run of the sorted list)."""
    best_start, best_terms = 0, 0
    inside: Counter[int] = Counter()
    end = 0
    for i, (start, _stop, _n) in enumerate(spans[:starts]):
        if i:
            previous = spans[i - 1][2]
            if end > i - 1:
                inside[previous] -= 1
                if not inside[previous]:
                    del inside[previous]
        end = max(end, i)
        while end < len(spans) and spans[end][0] < start + width:
            inside[spans[end][2]] += 1
            end += 1
        if len(inside) > best_terms:
            best_start, best_terms = start, len(inside)
    return best_start, best_terms


def highlight_text(text: str, terms: list[str], size: int = 240) -> str:
    """An HTML excerpt of ``text``: the window of about ``size`` characters holding the most
    distinct query terms, every match wrapped in <mark>, everything else escaped.

    The terms are matched on the folded text (``folded_spans``), so the marks cover the
    original characters, diacritics included, whether or not the query had them."""
    if not text:
        return ""
    folded = fold_for_matching(text)
    spans: list[tuple[int, int, int]] = []
    for n, term in enumerate(terms):
        spans.extend((start, end, n) for start, end in folded_spans(term, folded))
        if len(spans) > 400:
            break
    spans.sort()
    best_start, best_terms = _best_window(spans, size - 40)
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

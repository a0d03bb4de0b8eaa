"""Cut an entry's text into clause-sized chunks for the embedder.

An article is cut at its clauses ("1.", "2.": a line that opens with a number and a dot), and
clauses are packed together up to about ``MAX_TOKENS`` tokens; a clause longer than that is cut
at its points ("a)", "b)") and then at sentence ends, and a sentence longer still at word
boundaries. Each chunk starts with the title of the law and of the article ("Luật Du lịch 2017.
Điều 31. Điều kiện kinh doanh dịch vụ lữ hành"), so a chunk about "giấy phép" still knows which
licence. An article scores by its best chunk, or by its title alone when it has a heading
(search/vectors/attach.py, ``passages_of``; search/vectors/fusion.py).

Tokens are estimated from syllables (the e5 tokenizer gives about 1.2 tokens per Vietnamese
syllable on this corpus), so chunking needs no model.
"""

from __future__ import annotations

import hashlib
import re
from typing import Final

MAX_TOKENS: Final = 180
TOKENS_PER_WORD: Final = 1.2
# At most this many chunks per entry: a 300-page appendix stays bounded (its first chunks count).
MAX_CHUNKS: Final = 24

_CLAUSE_RE: Final = re.compile(r"^\s*\d+[.)]\s")
_POINT_RE: Final = re.compile(r"^\s*(?:[a-zđ]|[a-zđ]\d?)\)\s|^\s*[-–•+]\s")
_SENTENCE_RE: Final = re.compile(r"(?<=[.;:!?])\s+")


def estimate_tokens(text: str) -> int:
    return int(len(text.split()) * TOKENS_PER_WORD + 0.5)


def _blocks(lines: list[str], starts: re.Pattern[str]) -> list[str]:
    """Lines grouped so that each group opens where ``starts`` matches (text before the first
    match is a group of its own)."""
    groups: list[list[str]] = []
    for line in lines:
        if not groups or starts.match(line):
            groups.append([line])
        else:
            groups[-1].append(line)
    return ["\n".join(g) for g in groups]


def _split_long(text: str, budget: int) -> list[str]:
    """A text longer than ``budget`` tokens cut at points, then sentences, then words."""
    if estimate_tokens(text) <= budget:
        return [text]
    lines = text.split("\n")
    parts = _blocks(lines, _POINT_RE) if len(lines) > 1 else []
    if len(parts) <= 1:
        parts = [s for s in _SENTENCE_RE.split(text) if s.strip()]
    if len(parts) <= 1:
        words = text.split()
        step = max(1, int(budget / TOKENS_PER_WORD))
        return [" ".join(words[i : i + step]) for i in range(0, len(words), step)]
    out: list[str] = []
    for part in parts:
        out.extend(_split_long(part, budget))
    return out


def _pack(pieces: list[str], budget: int) -> list[str]:
    """Adjacent pieces joined while they fit in ``budget`` tokens."""
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for piece in pieces:
        n = estimate_tokens(piece)
        if current and size + n > budget:
            chunks.append("\n".join(current))
            current, size = [], 0
        current.append(piece)
        size += n
    if current:
        chunks.append("\n".join(current))
    return chunks


def chunk_text(text: str, title: str = "", *, max_tokens: int = MAX_TOKENS) -> list[str]:
    """The chunks of ``text``, each prefixed with ``title`` (the law and the article); the
    title counts towards nothing (it is the same in every chunk). An empty text gives one chunk
    of the title alone, an empty title and text none."""
    title = " ".join(title.split())
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return [title] if title else []
    pieces: list[str] = []
    for clause in _blocks(lines, _CLAUSE_RE):
        pieces.extend(_split_long(clause, max_tokens))
    chunks = _pack(pieces, max_tokens)[:MAX_CHUNKS]
    return [f"{title}\n{chunk}" if title else chunk for chunk in chunks]


def text_hash(model: str, text: str) -> str:
    """The cache key of a chunk: the model's name and the text (a new model embeds anew)."""
    return hashlib.sha256(f"{model}\0{text}".encode()).hexdigest()[:32]

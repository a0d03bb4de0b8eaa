"""Stable, readable anchors ("dieu-5-khoan-2-diem-a") and Vietnamese citations
("điểm a khoản 2 Điều 5") for the units of a parsed document.

A path is the chain of (kind, label) pairs from the top-level node down to the node.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from regulations.parsers.types import ParsedNode

PREFIXES: dict[str, str] = {
    "chapter": "chuong",
    "section": "muc",
    "part": "phan",
    "article": "dieu",
    "clause": "khoan",
    "point": "diem",
    "bullet": "y",
    "appendix": "phu-luc",
    "attachment": "kem-theo",
}

CITATION_WORDS: dict[str, str] = {
    "chapter": "Chương",
    "section": "Mục",
    "part": "Phần",
    "article": "Điều",
    "clause": "khoản",
    "point": "điểm",
    "bullet": "gạch đầu dòng",
    "appendix": "Phụ lục",
    "attachment": "văn bản kèm theo",
}

# Containers that restart the numbering of articles: their prefix stays in front of "dieu-N".
_CONTAINERS = ("attachment", "appendix")

Path = Sequence[tuple[str, str]]


def slugify(label: str) -> str:
    """ASCII, lower case, "đ" → "dd" (point đ must not collide with point d), "-" separated."""
    text = label.replace("đ", "dd").replace("Đ", "dd")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _check(path: Path) -> list[tuple[str, str]]:
    chain = [(str(kind), str(label)) for kind, label in path]
    if not chain:
        raise ValueError("anchor path is empty")
    for kind, _label in chain:
        if kind not in PREFIXES:
            raise ValueError(f"unknown node kind {kind!r}")
    return chain


def _relevant(chain: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """From the innermost article down, keeping the attachment/appendix containers above it."""
    articles = [index for index, (kind, _label) in enumerate(chain) if kind == "article"]
    if not articles:
        return chain
    at = articles[-1]
    containers = [item for item in chain[:at] if item[0] in _CONTAINERS]
    return containers + chain[at:]


def anchor_for(path: Path) -> str:
    """Anchor of the node at the end of ``path``.

    ("article","5") → "dieu-5"; + ("clause","2"), ("point","a") → "dieu-5-khoan-2-diem-a";
    ("chapter","II"), ("section","1") → "chuong-ii-muc-1"; ("part","II"), ("clause","1") →
    "phan-ii-khoan-1"; ("attachment","1"), ("article","2") → "kem-theo-1-dieu-2".
    """
    pieces: list[str] = []
    for kind, label in _relevant(_check(path)):
        slug = slugify(label)
        pieces.append(f"{PREFIXES[kind]}-{slug}" if slug else PREFIXES[kind])
    return "-".join(pieces)


def citation_label(path: Path) -> str:
    """Vietnamese citation, innermost unit first: "điểm a khoản 2 Điều 5", "Chương II",
    "khoản 1 Phần II", "gạch đầu dòng 3 khoản 1 Phần II", "Điều 2 văn bản kèm theo 468/QĐ-TTg"."""
    words = []
    for kind, label in reversed(_relevant(_check(path))):
        word = CITATION_WORDS[kind]
        words.append(f"{word} {label}".strip())
    return " ".join(words)


def iter_nodes(
    nodes: Sequence[ParsedNode], prefix: tuple[tuple[str, str], ...] = ()
) -> Iterator[tuple[ParsedNode, tuple[tuple[str, str], ...]]]:
    """Every node in reading order with its (kind, label) path."""
    for node in nodes:
        path = (*prefix, (node.kind, node.label))
        yield node, path
        yield from iter_nodes(node.children, path)


def unique_anchors(nodes: Sequence[ParsedNode]) -> list[tuple[ParsedNode, str]]:
    """Anchors of every node in reading order; a repeated anchor gets "-2", "-3"..."""
    seen: set[str] = set()
    result: list[tuple[ParsedNode, str]] = []
    for node, path in iter_nodes(nodes):
        anchor = anchor_for(path)
        unique, count = anchor, 2
        while unique in seen:
            unique, count = f"{anchor}-{count}", count + 1
        seen.add(unique)
        result.append((node, unique))
    return result

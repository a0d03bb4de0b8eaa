"""Pure parsers for Vietnamese legal and administrative documents (no Django).

``parse_document(path)`` reads a .txt/.docx/.pdf file and returns its header, preamble,
numbered units (chapters, articles, clauses, points...) and closing block.
"""

from __future__ import annotations

from pathlib import Path

from regulations.parsers.anchors import anchor_for, citation_label, iter_nodes, unique_anchors
from regulations.parsers.header import parse_header
from regulations.parsers.readers import DEFAULT_MAX_BYTES, normalize_text, read_text
from regulations.parsers.structure import parse_article_body, parse_structure
from regulations.parsers.types import (
    ParsedDocument,
    ParsedHeader,
    ParsedNode,
    ParseError,
)

__all__ = [
    "ParseError",
    "ParsedDocument",
    "ParsedHeader",
    "ParsedNode",
    "anchor_for",
    "citation_label",
    "iter_nodes",
    "normalize_text",
    "parse_article_body",
    "parse_document",
    "parse_header",
    "parse_structure",
    "parse_text",
    "read_text",
    "unique_anchors",
]


def parse_text(text: str, source: str = "<text>") -> ParsedDocument:
    """Parse a whole document given as text: header, then the structure of its body."""
    text = normalize_text(text)
    if not text.strip():
        raise ParseError(source, None, "văn bản rỗng, không có nội dung")
    lines = text.split("\n")
    header = parse_header(text, source)
    start = min(header.body_start_line, len(lines))
    preamble, nodes, closing = parse_structure(lines[start:], start_line=start + 1)
    return ParsedDocument(header=header, preamble=preamble, nodes=nodes, closing=closing)


def parse_document(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedDocument:
    """Read a .txt, .docx or .pdf file and parse it. Raises ParseError naming the file."""
    path = Path(path)
    return parse_text(read_text(path, max_bytes=max_bytes), source=str(path))

"""Data types shared by the document parsers (pure Python, no Django)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

NODE_KINDS: tuple[str, ...] = (
    "attachment",
    "appendix",
    "part",
    "chapter",
    "section",
    "article",
    "clause",
    "point",
    "bullet",
)


@dataclass
class ParsedHeader:
    """What the header (phần mở đầu) of a Vietnamese document says about it."""

    issuer: str | None = None
    number: str | None = None
    number_suffix: str | None = None
    doc_type: str | None = None
    place: str | None = None
    issued_date: datetime.date | None = None
    issued_year: int | None = None
    title: str | None = None
    is_draft: bool = False
    body_start_line: int = 0


@dataclass
class ParsedNode:
    """One numbered unit: chapter, section, part, article, clause, point, bullet, appendix..."""

    kind: str
    label: str
    heading: str
    text: str
    line: int
    children: list[ParsedNode] = field(default_factory=list)


@dataclass
class ParsedDocument:
    header: ParsedHeader
    preamble: str
    nodes: list[ParsedNode]
    closing: str


class ParseError(Exception):
    """A document that cannot be read or parsed; the message is in Vietnamese."""

    def __init__(self, source: str, line: int | None, message: str) -> None:
        super().__init__(source, line, message)
        self.source = source
        self.line = line
        self.message = message

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.source}: {self.message}"
        return f"{self.source}:{self.line}: {self.message}"

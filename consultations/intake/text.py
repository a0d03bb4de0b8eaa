"""A comment's text, pure: cleaned one way, measured, and fingerprinted for double submits.

The text is kept as the commenter typed it, HTML and script included, as plain text: templates
escape it and the API returns it as a JSON string, so nothing in it ever runs. Cleaning only
takes out what no one typed on purpose (``legaltext.normalize.clean_characters``: NFC, zero-width
and control characters, odd spaces and line ends), trailing spaces and runs of blank lines.
"""

from __future__ import annotations

import hashlib
import re

from regulations.legaltext.normalize import clean_characters, normalize

DEFAULT_MAX_CHARS = 20_000
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """The text as stored: characters cleaned, lines right-stripped, at most one blank line in a
    row, no blank lines or spaces around it."""
    cleaned = clean_characters(text)
    cleaned = "\n".join(line.rstrip() for line in cleaned.split("\n"))
    return _BLANK_LINES.sub("\n\n", cleaned).strip()


def fingerprint(text: str) -> str:
    """A hash that two copies of the same text share, however they were spaced or tone-marked
    (the double-submit check: the same text from the same person within a minute)."""
    return hashlib.sha256(normalize(text).casefold().encode()).hexdigest()

"""Receipt numbers (mã tiếp nhận), pure: `TV-2026-048213-7K3Q`.

`TV` (tham vấn), the year received, six random digits and four characters of Crockford's
base 32 (no I, L, O, U), the last of which is a check character over the rest (a weighted sum
modulo the prime 31: any single mistyped character or swap of two neighbours is caught, bar
0 ↔ Z), so a mistyped number is told apart from an unknown one before any database look-up. About 3.3 × 10^10
numbers a year: not guessable, and collisions (caught by the unique constraint and retried)
are rare. Readers may type it in lower case, with spaces, or with O for 0 and I/L for 1.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base 32
PREFIX = "TV"
_PATTERN = re.compile(r"^TV-(?P<year>\d{4})-(?P<digits>\d{6})-(?P<code>[0-9A-HJKMNP-TV-Z]{4})$")
_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1"})
MAX_LENGTH = 19


def _check_character(payload: str) -> str:
    """A check character over `payload` (digits and Crockford letters)."""
    total = sum(position * ALPHABET.index(character) for position, character in enumerate(payload, start=1))
    return ALPHABET[total % 31]


def new_receipt_number(year: int) -> str:
    """A fresh random receipt number for a comment received in `year`."""
    digits = f"{secrets.randbelow(1_000_000):06d}"
    code = "".join(secrets.choice(ALPHABET) for _ in range(3))
    check = _check_character(f"{year}{digits}{code}")
    return f"{PREFIX}-{year:04d}-{digits}-{code}{check}"


def normalize_receipt_number(text: str) -> str | None:
    """The canonical form of a typed receipt number, or None if it cannot be one (wrong shape
    or a failed check character)."""
    compact = re.sub(r"[\s\-_.]+", "", text.strip().upper())
    if not compact.startswith(PREFIX):
        return None
    body = compact[len(PREFIX) :].translate(_TYPOS)
    if len(body) != 14:
        return None
    year, digits, code = body[:4], body[4:10], body[10:]
    candidate = f"{PREFIX}-{year}-{digits}-{code}"
    if not _PATTERN.match(candidate):
        return None
    if _check_character(f"{year}{digits}{code[:3]}") != code[3]:
        return None
    return candidate

"""Document numbers (số hiệu): one canonical key so '45/2020/nđ-cp' and '45/2020/NĐ-CP' match."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def clean_number(raw: str) -> str:
    """The number as displayed: NFC, no spaces, Latin eth (Ð) written as Vietnamese Đ."""
    text = unicodedata.normalize("NFC", raw).replace("\u00d0", "Đ").replace("\u0110", "Đ")
    return _SPACES.sub("", text).strip("./")


def number_key(raw: str) -> str:
    """The unique lookup key of a number: cleaned, lower case."""
    return clean_number(raw).lower()


def number_slug(raw: str) -> str:
    """A URL slug for a number: '24/2012/NĐ-CP' -> '24-2012-nd-cp'."""
    folded = clean_number(raw).replace("Đ", "D").replace("đ", "d")
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")

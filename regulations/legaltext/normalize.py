"""Unicode and orthographic normalisation of Vietnamese text: the one spelling.

* ``clean_characters``: NFC, invisible and control characters removed, every Unicode space a
  plain space, hyphen look-alikes and the eth typed for Đ repaired (lines kept as they are);
* ``place_tones``: the one tone-mark placement ("hoà" → "hòa", "thuỷ" → "thủy", "quí" → "quý");
* ``normalize``: both, then whitespace collapsed (runs on every indexed text and every query);
* ``fold_diacritics`` / ``fold_for_matching``: text without diacritics ("đ" → "d");
* ``compare_key``: a case-insensitive key that ignores the tone placement and spacing.

Everything is done with ``str.translate`` and compiled regular expressions (C loops), never
with a per-character Python loop.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = [
    "ascii_slug",
    "clean_characters",
    "compare_key",
    "fold_diacritics",
    "fold_for_matching",
    "needs_cleaning",
    "normalize",
    "place_tones",
]

# Tone marks as combining characters: grave, acute, hook above, tilde, dot below.
_TONES: Final = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")


def _compose(base: str, tone: str) -> str:
    return unicodedata.normalize("NFC", base + tone)


def _case_variants(pair: str) -> list[str]:
    a, b = pair[0], pair[1]
    return [a + b, a.upper() + b, a + b.upper(), a.upper() + b.upper()]


def _build_tone_table() -> dict[str, str]:
    """Old-style ("hoà", "khoẻ", "thuỷ") → modern style ("hòa", "khỏe", "thủy").

    The rule concerns the open glide pairs oa, oe, uy at the end of a syllable: old style puts
    the tone on the second vowel, the style of Vietnamese government documents puts it on the
    first. With a final consonant ("hoàng", "khuyến") both styles agree, so the regex below only
    rewrites a pair that is not followed by another letter.
    """
    table: dict[str, str] = {}
    for pair in ("oa", "oe", "uy"):
        for variant in _case_variants(pair):
            first, second = variant[0], variant[1]
            for tone in _TONES:
                old = first + _compose(second, tone)
                new = _compose(first, tone) + second
                table[old] = new
    return table


_TONE_TABLE: Final = _build_tone_table()
# Not after "q": in "quý", "quỳ" the u belongs to the consonant "qu" and the tone stays on y.
_TONE_RE: Final = re.compile("(?<![qQ])(?:" + "|".join(sorted(_TONE_TABLE)) + r")(?![^\W\d_])")

# "quí", "quĩ", "qui" (old spelling) → "quý", "quỹ", "quy" at the end of a syllable.
_QUI_TABLE: Final = {
    _compose(i, tone): _compose(y, tone) for i, y in (("i", "y"), ("I", "Y")) for tone in ("", *_TONES)
}
_QUI_RE: Final = re.compile("(?<=[qQ][uU])(?:" + "|".join(sorted(_QUI_TABLE)) + r")(?![^\W\d_])")


def _build_clean_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # C0 controls (except \n, \t, \r which are whitespace), DEL, C1 controls.
    for cp in [*range(0x00, 0x20), *range(0x7F, 0xA0)]:
        table[cp] = None
    for cp in (0x09, 0x0B, 0x0C):  # \t \v \f
        table[cp] = " "
    table[0x0D] = "\n"  # lone \r (\r\n is replaced before translating)
    table[0x85] = "\n"  # NEL
    table[0x0A] = "\n"
    # Zero-width and invisible formatting characters.
    for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x180E, 0x200E, 0x200F):
        table[cp] = None
    for cp in [*range(0x202A, 0x202F), *range(0x2061, 0x2065), *range(0x2066, 0x206A)]:
        table[cp] = None
    # Unicode spaces → plain space.
    for cp in (0x00A0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B)):
        table[cp] = " "
    table[0x2028] = "\n"
    table[0x2029] = "\n"
    # Hyphen look-alikes inside document numbers ("NĐ‐CP").
    table[0x2010] = "-"
    table[0x2011] = "-"
    # Eth typed for Đ (TCVN3/VNI conversion artefact): "NÐ-CP" → "NĐ-CP".
    table[0x00D0] = "\u0110"
    table[0x00F0] = "\u0111"
    return table


_CLEAN_TABLE: Final = _build_clean_table()
_NEEDS_CLEANING_RE: Final = re.compile("[" + re.escape("".join(chr(cp) for cp in _CLEAN_TABLE if cp != 0x0A)) + "]")
_NEWLINE_RUN_RE: Final = re.compile(r" *\n[ \n]*")
_SPACE_RUN_RE: Final = re.compile(r" {2,}")
_ANY_SPACE_RUN_RE: Final = re.compile(r"[ \n]+")


def needs_cleaning(text: str) -> bool:
    """True when ``clean_characters`` would change ``text`` (a cheap test for clean text)."""
    return not unicodedata.is_normalized("NFC", text) or _NEEDS_CLEANING_RE.search(text) is not None


def clean_characters(text: str) -> str:
    """NFC; zero-width, soft hyphen, BOM and control characters removed; every Unicode space
    → " " (tab included); "\\r\\n", a lone "\\r" and the Unicode line separators → "\\n";
    hyphen look-alikes → "-"; the eth typed for Đ ("NÐ-CP") → "Đ". Spacing is left alone."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n")).translate(_CLEAN_TABLE)


def place_tones(text: str) -> str:
    """The one tone-mark placement, on NFC text: the mark of the open glides oa, oe, uy at the
    end of a syllable goes on the first vowel ("hoà" → "hòa", "khoẻ" → "khỏe", "Uỷ" → "Ủy"),
    as in government documents; "quí", "quĩ", "qui" → "quý", "quỹ", "quy"."""
    text = _TONE_RE.sub(lambda m: _TONE_TABLE[m.group(0)], text)
    return _QUI_RE.sub(lambda m: _QUI_TABLE[m.group(0)], text)


def normalize(text: str, keep_newlines: bool = False) -> str:
    """Normalise Vietnamese text for indexing and querying.

    ``clean_characters``, then ``place_tones`` (modern: "hòa", "khỏe", "thủy", "quý"), then
    whitespace runs collapsed to one space, or, with ``keep_newlines``, line breaks kept as
    single "\\n".
    """
    if not text:
        return ""
    text = place_tones(clean_characters(text))
    if keep_newlines:
        text = _NEWLINE_RUN_RE.sub("\n", text)
        text = _SPACE_RUN_RE.sub(" ", text)
        return text.strip(" \n")
    return _ANY_SPACE_RUN_RE.sub(" ", text).strip(" ")


def _strip_marks(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _build_fold_tables() -> tuple[dict[int, str | None], dict[int, str]]:
    fold: dict[int, str | None] = {}
    match: dict[int, str] = {}
    for cp in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(cp)
        base = _strip_marks(ch)
        if base and base != ch and len(base) == 1:
            fold[cp] = base
    for src, dst in (("đ", "d"), ("Đ", "D"), ("ð", "d"), ("Ð", "D")):
        fold[ord(src)] = dst
    # Combining marks (NFD input) disappear.
    for cp in range(0x300, 0x370):
        fold[cp] = None
    # Same-length, lower-cased variant for matching on normalised (NFC) text.
    for cp in [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(cp)
        folded = fold.get(cp, ch)
        assert folded is not None
        lowered = folded.lower()
        if len(lowered) == 1 and lowered != ch:
            match[cp] = lowered
    return fold, match


_FOLD_TABLE, _MATCH_TABLE = _build_fold_tables()


def fold_diacritics(text: str) -> str:
    """Remove every diacritic: "Nghị định" → "Nghi dinh", "Đ" → "D". Case is kept."""
    return text.translate(_FOLD_TABLE)


def fold_for_matching(text: str) -> str:
    """Lower-case and fold diacritics without changing the length of NFC text.

    Character offsets in the result are offsets in the input, which lets rules match text
    typed with or without accents and report spans in the original.
    """
    return text.translate(_MATCH_TABLE)


def compare_key(text: str) -> str:
    """Key for comparing names printed any way: one tone placement, upper case, single spaces
    ("Cộng hoà  xã hội" and "CỘNG HÒA XÃ HỘI" give the same key)."""
    return " ".join(place_tones(unicodedata.normalize("NFC", text)).upper().split())


_SLUG_RUNS_RE: Final = re.compile(r"[^a-z0-9]+")


def ascii_slug(text: str) -> str:
    """ASCII slug for URLs: diacritics folded ("Đ" → "d"), lower case, runs of anything else
    → "-" ("24/2012/NĐ-CP" → "24-2012-nd-cp", "Bộ Tài chính" → "bo-tai-chinh")."""
    folded = fold_diacritics(unicodedata.normalize("NFC", text)).lower()
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return _SLUG_RUNS_RE.sub("-", ascii_text).strip("-")

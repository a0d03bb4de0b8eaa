"""The token rules of the recognizers (spaCy ``Matcher`` and ``PhraseMatcher`` patterns on NORM,
the lower-cased text without diacritics, so that text typed without accents matches too)."""

from __future__ import annotations

import re
from typing import Any, Final

from regulations.legaltext import doctypes
from regulations.legaltext.laws import law_names
from regulations.legaltext.normalize import fold_for_matching, normalize
from regulations.legaltext.recognizers.entity import DATE, DURATION, MONEY
from regulations.legaltext.recognizers.tokenizer import TAG_NUMYEAR, TAG_WORD

__all__ = [
    "ARTICLE_GAP_WORDS",
    "ARTICLE_KEYWORDS",
    "CITATION_WORDS",
    "CODES_WITH_NUMBER",
    "CURRENCIES",
    "DURATION_UNIT_WORDS",
    "NOT_BEFORE_DURATION",
    "SCALES",
    "SEP_WORDS",
    "Pattern",
    "patterns",
    "phrases",
]

Pattern = list[dict[str, Any]]

SEP_WORDS: Final = (",", "va", "hoac")
SCALES: Final[dict[str, int]] = {
    "nghìn": 1_000,
    "ngàn": 1_000,
    "nghin": 1_000,
    "ngan": 1_000,
    "triệu": 1_000_000,
    "trieu": 1_000_000,
    "tỷ": 1_000_000_000,
    "tỉ": 1_000_000_000,
    "ty": 1_000_000_000,
    "ti": 1_000_000_000,
}
CURRENCIES: Final = ("đồng", "dong", "vnđ", "vnd", "đ")
DURATION_UNIT_WORDS: Final[dict[str, str]] = {
    "ngày": "day",
    "ngay": "day",
    "tuần": "week",
    "tuan": "week",
    "tháng": "month",
    "thang": "month",
    "năm": "year",
    "nam": "year",
}
ARTICLE_KEYWORDS: Final[dict[str, str]] = {
    "diem": "point",
    "khoan": "clause",
    "dieu": "article",
    "muc": "part",
    "chuong": "chapter",
}
ARTICLE_GAP_WORDS: Final = frozenset({",", "cua"})
# Citation words that may take a bare number ("NĐ 45"); the others need "số" ("QĐ số 45").
CODES_WITH_NUMBER: Final = frozenset({"nd", "nq", "tt", "ttlt"})
# "ngày 18 tháng cuối quý" is a date, "Điều 30 ngày" is not a duration.
NOT_BEFORE_DURATION: Final = frozenset({"ngay", "thang", "nam", "dieu", "khoan", "muc", "so"})
# Words that introduce a citation ("nghi dinh", "nd", "nd-cp") → the type they name.
CITATION_WORDS: Final[dict[str, doctypes.DocType]] = doctypes.citation_words()


def _phrase_norms(text: str) -> list[str]:
    """The NORMs our tokenizer gives ``text``: "Luật Phòng, chống" → luat phong , chong."""
    return re.findall(r"\w+(?:-\w+)*|[^\w\s]", fold_for_matching(normalize(text)))


def patterns() -> dict[str, list[Pattern]]:
    """Token rules for article references, dates, money and durations."""
    num: dict[str, Any] = {"IS_DIGIT": True}
    numyear: dict[str, Any] = {"TAG": TAG_NUMYEAR}
    year: dict[str, Any] = {"NORM": {"REGEX": r"^(?:19|20)\d\d$"}}
    day: dict[str, Any] = {"NORM": {"REGEX": r"^\d{1,2}$"}}
    amount: dict[str, Any] = {"LIKE_NUM": True, "TAG": TAG_WORD}
    scale: dict[str, Any] = {"LOWER": {"IN": list(SCALES)}}
    currency: dict[str, Any] = {"LOWER": {"IN": list(CURRENCIES)}}
    unit: dict[str, Any] = {"LOWER": {"IN": list(DURATION_UNIT_WORDS)}}
    sep_or = "|".join(SEP_WORDS)
    roman_or_num: dict[str, Any] = {"NORM": {"REGEX": r"^(?:[ivxlc]+|\d+)$"}}
    return {
        "ART_POINT": [
            [
                {"NORM": "diem"},
                {"NORM": {"REGEX": r"^[a-z]$"}},
                {"NORM": {"REGEX": rf"^(?:[a-z]|{sep_or})$"}, "OP": "*"},
            ]
        ],
        "ART_CLAUSE": [
            [
                {"NORM": "khoan"},
                num,
                {"NORM": {"REGEX": rf"^(?:\d+|{sep_or})$"}, "OP": "*"},
            ]
        ],
        "ART_ARTICLE": [
            [
                {"NORM": "cac", "OP": "?"},
                {"NORM": "dieu"},
                {"NORM": {"REGEX": r"^\d+[a-z]?$"}},
                {"NORM": {"REGEX": rf"^(?:\d+[a-z]?|{sep_or})$"}, "OP": "*"},
            ]
        ],
        "ART_SECTION": [[{"NORM": "muc"}, roman_or_num]],
        "ART_CHAPTER": [[{"NORM": "chuong"}, roman_or_num]],
        DATE: [
            [{"NORM": "ngay"}, day, {"NORM": "thang"}, day, {"NORM": "nam"}, year],
            [{"NORM": "ngay", "OP": "?"}, {"NORM": {"REGEX": r"^\d{1,2}([/.-])\d{1,2}\1\d{4}$"}}],
            [{"NORM": "ngay"}, day, {"NORM": "thang"}, day],
            [{"NORM": "thang"}, day, {"NORM": "nam"}, year],
            [{"NORM": "thang"}, numyear],
        ],
        MONEY: [
            [amount, currency],
            [amount, scale, currency],
            [amount, scale, amount, currency],
            [amount, scale, amount, scale, currency],
            [amount, scale, amount, scale, amount, scale, currency],
        ],
        DURATION: [
            [amount, unit],
            [amount, unit, {"NORM": "lam"}, {"NORM": "viec"}],
        ],
    }


def phrases() -> dict[str, list[list[str]]]:
    """Phrase rules (PhraseMatcher on NORM): document types and law names/aliases."""
    names: list[list[str]] = []
    for name in law_names():
        norms = _phrase_norms(name)
        names.append(norms)
        without_punct = [n for n in norms if re.match(r"\w", n)]
        if without_punct != norms:
            names.append(without_punct)
    return {
        "LEGAL_TYPE": [phrase.split() for phrase in CITATION_WORDS],
        "LEGAL_NAME": names,
    }

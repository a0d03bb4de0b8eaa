"""The query text: normalised, its quoted phrases and the legal citations it names.

Pure logic: no ORM, no network. ``parse_query`` normalises the text (the same normalisation and
word segmentation as indexed text, search/nlp/), finds quoted phrases and citations such as
"Điều 11 NĐ 24/2012" (``CitationTarget``, pinned at rank 1 by the kinds that know them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from search.nlp.entities import Entity
from search.nlp.normalize import fold_diacritics, normalize
from search.nlp.pipeline import analyze

MAX_QUERY_CHARS: Final = 1000
MAX_PINS: Final = 3

_QUOTES: Final = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "″": '"'})
_PHRASE_RE: Final = re.compile(r'"([^"]*)"')
_HAS_LETTER_OR_DIGIT_RE: Final = re.compile(r"[^\W_]")
# Characters that carry no meaning for the analyzers; removed from the syllable query text.
_NOISE_RE: Final = re.compile(r"[\"\\(){}\[\]<>*~^:!?|&=+`]+")


@dataclass(frozen=True)
class CitationTarget:
    """A document (and perhaps an article) named in the query, to be pinned at rank 1."""

    number: str
    article: str | None = None
    clause: str | None = None
    point: str | None = None

    @property
    def number_key(self) -> str:
        # Same key as regulations.numbers.number_key and the index's `number_key` field.
        return "".join(self.number.split()).strip("./").lower()

    @property
    def number_keys(self) -> list[str]:
        """The key, and the key without the leading zero canonical numbers get ("09/2017/qh14"
        is also looked up as "9/2017/qh14", the way some sources write it)."""
        key = self.number_key
        unpadded = re.sub(r"^0+(?=\d)", "", key)
        return list(dict.fromkeys([key, unpadded]))

    @property
    def is_complete_number(self) -> bool:
        """'24/2012/NĐ-CP' is complete; '24/2012' is a prefix of the real number."""
        return self.number_key.count("/") >= 2 or "-" in self.number_key or "/" not in self.number_key


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # normalised (NFC, no control/zero-width characters), at most MAX_QUERY_CHARS
    syllables: str  # the text for the syllable fields: quotes and syntax characters removed
    words: str  # the same text as the index's `words` field sees it ("thủ_tục hành_chính")
    phrases: tuple[str, ...] = ()
    ngrams: str = ""  # adjacent syllables joined as words ("thu_tuc tuc_hanh hanh_chinh")
    citations: tuple[CitationTarget, ...] = ()
    truncated: bool = False
    has_diacritics: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.text

    @property
    def is_searchable(self) -> bool:
        """False for text with no letter or digit at all, such as ``"(*~\\/:[``."""
        return bool(_HAS_LETTER_OR_DIGIT_RE.search(self.syllables))

    @property
    def folded(self) -> str:
        return fold_diacritics(self.syllables).lower()


def clean_text(raw: str) -> tuple[str, bool]:
    """Normalise a query and cap its length. Returns the text and whether it was cut."""
    # Bound the work before normalising: a 10 MB parameter is cut to a few thousand characters.
    text = normalize(raw[: MAX_QUERY_CHARS * 4])
    if len(text) <= MAX_QUERY_CHARS:
        return text, len(raw) > MAX_QUERY_CHARS * 4
    cut = text[:MAX_QUERY_CHARS]
    space = cut.rfind(" ")
    if space > MAX_QUERY_CHARS - 50:
        cut = cut[:space]
    return cut.strip(), True


def split_phrases(text: str) -> tuple[tuple[str, ...], str]:
    """Balanced quotes → phrases. Quotes are paired left to right; a quote left without a partner
    is plain text. Returns the phrases and the text with every quote removed."""
    text = text.translate(_QUOTES)
    phrases = tuple(
        p
        for p in (" ".join(m.group(1).split()) for m in _PHRASE_RE.finditer(text))
        if _HAS_LETTER_OR_DIGIT_RE.search(p)
    )
    return phrases, text.replace('"', " ")


def _first(value: str | None) -> str | None:
    return value.split(",")[0].strip() or None if value else None


def citation_targets(entities: Sequence[Entity]) -> tuple[CitationTarget, ...]:
    """Documents and articles the query cites, in the order they appear.

    An ARTICLE_REF carries its document's number when the document follows it ("Điều 11 NĐ
    24/2012"); otherwise it takes the nearest LEGAL_REF ("BLLĐ điều 113"). "Điều 3, 4 và 5
    Luật Du lịch" names three articles. A LEGAL_REF whose number is not known ("nghị định 45")
    names nothing.
    """
    legal = [e for e in entities if e.label == "LEGAL_REF" and e.number]
    articles = [e for e in entities if e.label == "ARTICLE_REF" and e.article]
    found: list[tuple[int, CitationTarget]] = []
    used_numbers: set[str] = set()
    for art in articles:
        number = art.number
        if not number:
            near = [(min(abs(ref.start - art.end), abs(art.start - ref.end)), ref.number) for ref in legal]
            near = [n for n in near if n[0] <= 40]
            number = min(near)[1] if near else None
        if not number:
            continue
        used_numbers.add(number)
        for article in (a.strip() for a in str(art.article).split(",")):
            if article:
                found.append(
                    (
                        art.start,
                        CitationTarget(number, article, _first(art.clause), _first(art.point)),
                    )
                )
    for ref in legal:
        if ref.number not in used_numbers:
            found.append((ref.start, CitationTarget(str(ref.number))))
    found.sort(key=lambda pair: pair[0])
    return tuple(dict.fromkeys(target for _, target in found))[:MAX_PINS]


NGRAM_MAX: Final = 4


def syllable_ngrams(text: str) -> str:
    """Runs of 2 to NGRAM_MAX adjacent syllables, joined with "_" as the segmenter joins the
    syllables of a word. Lower case; runs never cross punctuation."""
    grams: list[str] = []
    for chunk in re.split(r"[^\w\s]+", text.lower()):
        syllables = [s for s in re.findall(r"[^\W_]+", chunk) if not s.isdigit()]
        for n in range(2, NGRAM_MAX + 1):
            grams.extend("_".join(syllables[i : i + n]) for i in range(len(syllables) - n + 1))
    return " ".join(dict.fromkeys(grams))


def parse_query(raw: str) -> ParsedQuery:
    text, truncated = clean_text(raw or "")
    if not text:
        return ParsedQuery(text="", syllables="", words="", truncated=truncated)
    phrases, unquoted = split_phrases(text)
    syllables = " ".join(_NOISE_RE.sub(" ", unquoted).split())
    if _HAS_LETTER_OR_DIGIT_RE.search(syllables):
        # The same analysis as indexed text: segmented words and citations in one pass.
        analysis = analyze(syllables)
        words, citations = " ".join(analysis.words), citation_targets(analysis.entities)
    else:
        words, citations = "", ()
    return ParsedQuery(
        text=text,
        syllables=syllables,
        words=words,
        ngrams=syllable_ngrams(syllables),
        phrases=phrases,
        citations=citations,
        truncated=truncated,
        has_diacritics=fold_diacritics(syllables) != syllables,
    )

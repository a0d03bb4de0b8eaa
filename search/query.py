"""The query text: normalised, its quoted phrases and the legal citations it names.

Pure logic: no ORM, no network. ``parse_query`` normalises the text (the same normalisation and
word segmentation as indexed text, search/nlp/), finds quoted phrases and citations such as
"Điều 11 NĐ 24/2012" (``CitationTarget``, pinned at rank 1 by the kinds that know them).
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

from regulations.legaltext import laws
from regulations.legaltext.normalize import fold_diacritics, normalize
from regulations.legaltext.numbers import number_key
from regulations.legaltext.recognizers.entity import Entity
from search.nlp import questions
from search.nlp.accents import restore
from search.nlp.lexicon import Lexicon, syllable_runs
from search.nlp.pipeline import analyze

MAX_QUERY_CHARS: Final = 1000
# Queries analysed once per process and day: a repeated query (the same text typed again, the
# next page, another filter) skips normalisation, recognition and segmentation.
QUERY_CACHE_SIZE: Final = 1024
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
    # Numbers of the earlier laws of the same name, newest first: when the cited law is not in
    # the portal, the jump lands on the newest of them that is (and says it has been replaced).
    earlier: tuple[str, ...] = ()

    @property
    def number_key(self) -> str:
        # The database's and the index's `number_key` (regulations.legaltext.numbers).
        return number_key(self.number)

    @property
    def number_keys(self) -> list[str]:
        """The key, then those of the earlier laws of the same name."""
        return list(dict.fromkeys([self.number_key, *(number_key(n) for n in self.earlier)]))

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
    # Typed without diacritics: the likeliest accented reading (search/nlp/accents.py), parsed
    # the same way; searched too, and offered as "Có phải bạn muốn tìm".
    restored: ParsedQuery | None = None
    # The query's rare syllables (with accents, typed or restored) and their rarity (idf / the
    # largest idf, 0-1), from the indexed texts' statistics: they weigh more than common words.
    rare: tuple[tuple[str, float], ...] = ()
    # The question as typed (wrapper included; ``syllables`` has it taken off, search/nlp/
    # questions.py), and the kinds of answer it asks for ("deadline", "fee", "penalty").
    question: str = ""
    question_types: tuple[str, ...] = ()

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

    @property
    def folded_question(self) -> str:
        """The whole question as typed, folded (question patterns read it)."""
        return fold_diacritics(self.question or self.syllables).lower()


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


def _law_numbers(ref: Entity) -> list[str]:
    """The number a reference cites, then those of the earlier laws of the same name, newest
    first ("Luật Đầu tư" → 143/2025/QH15, 61/2020/QH14, 67/2014/QH13). A law in force whose
    number is not known yet leaves only the earlier ones."""
    numbers = [ref.number] if ref.number else []
    law = laws.law_by_number(ref.number) if ref.number else None
    if law is None and ref.name and ref.year:
        law = laws.resolve_law(ref.name, ref.year)
    if law is not None:
        numbers += [version.number for version in laws.earlier_versions(law) if version.number]
    return list(dict.fromkeys(numbers))


def citation_targets(entities: Sequence[Entity]) -> tuple[CitationTarget, ...]:
    """Documents and articles the query cites, in the order they appear.

    An ARTICLE_REF carries its document's number when the document follows it ("Điều 11 NĐ
    24/2012"); otherwise it takes the nearest LEGAL_REF ("BLLĐ điều 113"). "Điều 3, 4 và 5
    Luật Du lịch" names three articles. A LEGAL_REF whose number is not known ("nghị định 45")
    names nothing. A law carries the numbers of its earlier versions (``CitationTarget.earlier``).
    """
    legal = [(e, _law_numbers(e)) for e in entities if e.label == "LEGAL_REF"]
    legal = [(e, numbers) for e, numbers in legal if numbers]
    articles = [e for e in entities if e.label == "ARTICLE_REF" and e.article]
    found: list[tuple[int, CitationTarget]] = []
    used_numbers: set[str] = set()
    for art in articles:
        numbers = _law_numbers(art)
        if not numbers:
            near = [(min(abs(ref.start - art.end), abs(art.start - ref.end)), n) for ref, n in legal]
            near = [n for n in near if n[0] <= 40]
            numbers = min(near)[1] if near else []
        if not numbers:
            continue
        used_numbers.add(numbers[0])
        for article in (a.strip() for a in str(art.article).split(",")):
            if article:
                target = CitationTarget(numbers[0], article, _first(art.clause), _first(art.point), tuple(numbers[1:]))
                found.append((art.start, target))
    for ref, numbers in legal:
        if numbers[0] not in used_numbers:
            found.append((ref.start, CitationTarget(numbers[0], earlier=tuple(numbers[1:]))))
    found.sort(key=lambda pair: pair[0])
    return tuple(dict.fromkeys(target for _, target in found))[:MAX_PINS]


NGRAM_MAX: Final = 4
# At most this many n-grams per query: each is a term of the query, and OpenSearch refuses a
# query of more than 1,024 terms (a 1,000-character question stays well below).
NGRAMS_KEPT: Final = 120


def syllable_ngrams(text: str) -> str:
    """Runs of 2 to NGRAM_MAX adjacent syllables, joined with "_" as the segmenter joins the
    syllables of a word. Lower case; runs never cross punctuation."""
    grams: list[str] = []
    for chunk in re.split(r"[^\w\s]+", text.lower()):
        syllables = [s for s in re.findall(r"[^\W_]+", chunk) if not s.isdigit()]
        for n in range(2, NGRAM_MAX + 1):
            grams.extend("_".join(syllables[i : i + n]) for i in range(len(syllables) - n + 1))
    return " ".join(list(dict.fromkeys(grams))[:NGRAMS_KEPT])


# A syllable is "rare" when its idf is at least this share of the largest idf possible (a
# syllable held by a single entry): on 5,000 articles, one held by fewer than about 200 of them.
# search/ranking.py weighs it by the square of that share.
RARE_MIN: Final = 0.35
RARE_MAX: Final = 8
# Question words are rare in legal text but say nothing about the subject.
_INTERROGATIVES: Final = frozenset("nhiêu gì sao nào đâu ai lâu mấy chăng hả ạ nhỉ".split())


def rare_syllables(text: str, lexicon: Lexicon) -> tuple[tuple[str, float], ...]:
    """The syllables of ``text`` (accented: typed so, or restored) that few entries hold,
    rarest first, with idf / the largest idf."""
    top = lexicon.max_idf()
    found: dict[str, float] = {}
    for run in syllable_runs(text):
        for syllable in run:
            rarity = lexicon.idf(syllable) / top
            if lexicon.df.get(syllable, 0) and rarity >= RARE_MIN and syllable not in _INTERROGATIVES:
                found[syllable] = round(rarity, 3)
    return tuple(sorted(found.items(), key=lambda kv: -kv[1])[:RARE_MAX])


def parse_query(raw: str, lexicon: Lexicon | None = None, context: Lexicon | None = None) -> ParsedQuery:
    """The parsed query; with the indexed texts' ``lexicon``, also its rare syllables and, for a
    query typed without diacritics, its restored reading. The analysis of a text (the typed one
    and the restored one) is done once per process and day (a bounded LRU of
    ``QUERY_CACHE_SIZE`` texts: a law cited by name is the one in force that day); what the
    lexicon adds is cheap and follows the lexicon of the moment. ``context``: the counts of the
    texts a first search for the query found, for the restoration (search/nlp/accents.py)."""
    parsed = _analysed(raw)
    if lexicon is None or lexicon.is_empty or not parsed.is_searchable:
        return parsed
    restored = None
    if not parsed.has_diacritics:
        reading = restore(parsed.syllables, lexicon, context)
        if fold_diacritics(reading) != reading:
            restored = _analysed(reading)
    accented = restored.syllables if restored is not None else parsed.syllables
    return replace(parsed, restored=restored, rare=rare_syllables(accented, lexicon))


def _analysed(raw: str) -> ParsedQuery:
    # clean_text reads no further than this: a 10 MB parameter is not kept as a cache key.
    return _parse_query((raw or "")[: MAX_QUERY_CHARS * 4 + 1], datetime.date.today())


def query_cache_info() -> functools._CacheInfo:
    """Hits, misses and size of the parsed-query cache of this process."""
    return _parse_query.cache_info()


def clear_query_cache() -> None:
    _parse_query.cache_clear()
    _surface.cache_clear()


@dataclass(frozen=True)
class Surface:
    """What a query's text gives before its analysis (no segmentation, no recognisers)."""

    text: str
    truncated: bool
    phrases: tuple[str, ...] = ()
    question: str = ""
    syllables: str = ""


@functools.lru_cache(maxsize=QUERY_CACHE_SIZE)
def _surface(raw: str) -> Surface:
    text, truncated = clean_text(raw)
    if not text:
        return Surface(text="", truncated=truncated)
    phrases, unquoted = split_phrases(text)
    question = " ".join(_NOISE_RE.sub(" ", unquoted).split())
    syllables = " ".join(_NOISE_RE.sub(" ", questions.core(unquoted)).split())
    return Surface(text=text, truncated=truncated, phrases=phrases, question=question, syllables=syllables)


def reading_surface(raw: str, lexicon: Lexicon | None = None) -> Surface | None:
    """The surface of the reading ``parse_query(raw, lexicon)`` searches — its restored reading
    for a query typed without diacritics, else its own — found without the analysis (a few
    milliseconds sooner), so that search/semantic.py can start the query's vector while the
    analysis runs. None when the query has nothing to search."""
    surface = _surface((raw or "")[: MAX_QUERY_CHARS * 4 + 1])
    if not surface.text or not _HAS_LETTER_OR_DIGIT_RE.search(surface.syllables):
        return None
    if lexicon is None or lexicon.is_empty or fold_diacritics(surface.syllables) != surface.syllables:
        return surface
    reading = restore(surface.syllables, lexicon)
    if fold_diacritics(reading) == reading:
        return surface
    return _surface(reading[: MAX_QUERY_CHARS * 4 + 1])


@functools.lru_cache(maxsize=QUERY_CACHE_SIZE)
def _parse_query(raw: str, day: datetime.date) -> ParsedQuery:
    surface = _surface(raw)
    text, truncated, phrases = surface.text, surface.truncated, surface.phrases
    if not text:
        return ParsedQuery(text="", syllables="", words="", truncated=truncated)
    question, syllables = surface.question, surface.syllables
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
        question=question,
        question_types=questions.question_types(question),
    )

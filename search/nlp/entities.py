"""Entities of Vietnamese legal text with spaCy: citations, dates, money, durations.

The pipeline is ``spacy.blank("xx")`` with our own tokenizer (``spacy.blank("vi")`` would need
pyvi):

1. a regex pre-pass (``citations.find_document_numbers``) protects every document number such
   as ``45/2020/NĐ-CP`` or ``468 /QĐ-TTg`` as ONE token (tag ``DOCNUM``), and ``45/2020``-shaped
   number/year pairs as one token (tag ``NUMYEAR``);
2. the rest is cut into syllables by underthesea's own regex tokenizer; when words are wanted,
   underthesea's CRF word-segmentation model groups syllables into words (``thủ_tục``), and the
   groups are kept in ``doc.user_data["vi_words"]``;
3. every token's NORM is its lower-cased, diacritic-free form, so the rules of the
   ``vi_legal_entities`` component (a ``Matcher`` for article references, dates, money and
   durations; a ``PhraseMatcher`` for document types and law names) match text typed with or
   without accents;
4. the component turns matches into ``doc.ents`` (LEGAL_REF, ARTICLE_REF, DATE, MONEY, DURATION)
   and parses each into an ``Entity`` with its values.

The ``Language`` object is built once per process, lazily, under a lock.
"""

from __future__ import annotations

import datetime
import re
import threading
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from os.path import dirname, join
from typing import Any, Final, Protocol

import numpy
from spacy.attrs import NORM, TAG
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from search.nlp.abbreviations import (
    LAW_NUMBERS,
    KnownLaw,
    canonical_law_name,
    law_by_number,
    law_names,
    resolve_law,
)
from search.nlp.citations import (
    DOC_TYPE_WORDS,
    DocumentNumber,
    canonical_number,
    find_document_numbers,
    find_number_years,
    roman_to_int,
)
from search.nlp.normalize import fold_for_matching, normalize

__all__ = [
    "ARTICLE_REF",
    "DATE",
    "DURATION",
    "LEGAL_REF",
    "MONEY",
    "Entity",
    "doc_entities",
    "extract_citations",
    "extract_entities",
    "get_nlp",
    "make_doc",
]

LEGAL_REF: Final = "LEGAL_REF"
ARTICLE_REF: Final = "ARTICLE_REF"
DATE: Final = "DATE"
MONEY: Final = "MONEY"
DURATION: Final = "DURATION"
CITATION_LABELS: Final = frozenset({LEGAL_REF, ARTICLE_REF})


@dataclass(frozen=True)
class Entity:
    """An entity with character offsets in the normalised text (``normalize(text, True)``).

    Multi-valued references keep every value, comma-separated and in order: "các Điều 3, 4 và 5"
    → ``article="3,4,5"``; "điểm a, b, c khoản 1" → ``point="a,b,c"``.
    """

    label: str
    text: str
    start: int
    end: int
    # LEGAL_REF (and ARTICLE_REF when the article is followed by the document it belongs to)
    number: str | None = None
    doc_type: str | None = None
    year: int | None = None
    name: str | None = None
    # ARTICLE_REF
    article: str | None = None
    clause: str | None = None
    point: str | None = None
    part: str | None = None  # Mục
    chapter: str | None = None  # Chương
    # DATE
    value: datetime.date | None = None
    # MONEY, in đồng
    amount: Decimal | None = None
    # DURATION
    days: int | None = None
    working_days: bool = False
    months: int | None = None


# --------------------------------------------------------------------------------------------
# Tokenizer
# --------------------------------------------------------------------------------------------

TAG_WORD: Final = "W"
TAG_SPACE: Final = "SP"
TAG_DOCNUM: Final = "DOCNUM"
TAG_NUMYEAR: Final = "NUMYEAR"

_HAS_WORD_CHAR_RE: Final = re.compile(r"\w")
_EDGE_PUNCT_RE: Final = re.compile(r"^[^\w]+|[^\w]+$")


class _Tagger(Protocol):
    def predict(self, tokens: list[list[str]]) -> list[str]: ...


_crf_lock = threading.Lock()
_crf_model: _Tagger | None = None


def _crf() -> _Tagger:
    """underthesea's word-segmentation CRF (the model ``underthesea.word_tokenize`` uses)."""
    global _crf_model
    if _crf_model is None:
        with _crf_lock:
            if _crf_model is None:
                import underthesea.pipeline.word_tokenize as ws
                from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger

                model = FastCRFSequenceTagger()
                model.load(join(dirname(ws.__file__), "models", "ws_crf_vlsp2013_20230727"))
                _crf_model = model
    return _crf_model


def _underthesea_patterns() -> re.Pattern[str]:
    from underthesea.pipeline.word_tokenize.regex_tokenize import patterns

    assert isinstance(patterns, re.Pattern)
    return patterns


def _underthesea_token_map() -> dict[str, str]:
    from underthesea.pipeline.text_normalize.text_normalizer import token_map

    return dict(token_map)


# (start, end, tag, document number) of a token, in characters of the normalised text
_RawToken = tuple[int, int, str, DocumentNumber | None]


class VietnameseTokenizer:
    """Citation-protecting syllable tokenizer with optional underthesea word segmentation.

    ``tokenizer(text)`` expects normalised text (``normalize(text, keep_newlines=True)``) and
    segments words; ``tokenizer.make_doc(text, segment=False)`` skips the CRF (entities only).
    Token NORM = lower-case text without diacritics; TAG = W, SP, DOCNUM or NUMYEAR.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._patterns = _underthesea_patterns()
        self._token_map = _underthesea_token_map()

    def __call__(self, text: str) -> Doc:
        return self.make_doc(text, segment=True)

    def _raw_tokens(self, text: str) -> list[_RawToken]:
        protected: list[_RawToken] = [(d.start, d.end, TAG_DOCNUM, d) for d in find_document_numbers(text)]
        for s, e in find_number_years(text):
            if not any(s < pe and ps < e for ps, pe, _, _ in protected):
                protected.append((s, e, TAG_NUMYEAR, None))
        protected.sort(key=lambda t: t[0])
        tokens: list[_RawToken] = []
        append = tokens.append
        pos = 0
        for p in [*protected, None]:
            end = len(text) if p is None else p[0]
            for m in self._patterns.finditer(text, pos, end):
                s, e = m.span()
                if e > s:
                    append((s, e, TAG_WORD, None))
            if p is not None:
                append(p)
                pos = p[1]
        return tokens

    def make_doc(self, text: str, segment: bool = True) -> Doc:
        raw = self._raw_tokens(text)
        folded = fold_for_matching(text)
        words: list[str] = []
        spaces: list[bool] = []
        tags: list[str] = []
        norms: list[str] = []
        docnums: dict[int, DocumentNumber] = {}
        prev = 0
        for start, end, tag, docnum in [*raw, (len(text), len(text), "", None)]:
            if start > prev:
                gap = text[prev:start]
                if gap[0] == " " and words and not spaces[-1] and tags[-1] != TAG_SPACE:
                    spaces[-1] = True
                    gap = gap[1:]
                if gap:
                    words.append(gap)
                    spaces.append(False)
                    tags.append(TAG_SPACE if gap.isspace() else TAG_WORD)
                    norms.append(gap)
            if not tag:
                break
            if docnum is not None:
                docnums[len(words)] = docnum
                norm = fold_for_matching(docnum.number)
            else:
                norm = folded[start:end]
                if len(norm) > 1 and norm[-1] == "." and norm[0] != ".":
                    norm = norm.rstrip(".")
            words.append(text[start:end])
            spaces.append(False)
            tags.append(tag)
            norms.append(norm)
            prev = end
        doc = Doc(self.vocab, words=words, spaces=spaces)
        if words:
            add = self.vocab.strings.add
            values: Any = numpy.array([[add(n), add(t)] for n, t in zip(norms, tags, strict=True)], dtype="uint64")
            doc.from_array([NORM, TAG], values)
        doc.user_data["vi_docnums"] = docnums
        if segment:
            doc.user_data["vi_words"] = self._segment(raw, text)
        return doc

    def _segment(self, raw: list[_RawToken], text: str) -> list[tuple[str, int]]:
        """underthesea words as (word, end offset): syllables joined by "_", lower-case,
        punctuation dropped, a document number as its canonical number in lower case."""
        if not raw:
            return []
        token_map = self._token_map
        texts = [text[s:e] for s, e, _, _ in raw]
        features = [[token_map.get(t, t) if len(t) <= 6 else t] for t in texts]
        crf_tags = _crf().predict(features)
        words: list[tuple[str, int]] = []
        current: list[str] = []
        current_end = 0
        prev_end = -1
        prev_joinable = False
        has_word = _HAS_WORD_CHAR_RE.search
        for (start, end, tag, docnum), t, crf_tag in zip(raw, texts, crf_tags, strict=True):
            joinable = tag == TAG_WORD and has_word(t) is not None
            if crf_tag == "I-W" and joinable and prev_joinable and "\n" not in text[prev_end:start]:
                current.append(t)
            else:
                if current:
                    words.append(("_".join(current), current_end))
                current = [docnum.number if docnum is not None else t]
            current_end = end
            prev_end = end
            prev_joinable = joinable
        if current:
            words.append(("_".join(current), current_end))
        out: list[tuple[str, int]] = []
        for word, end in words:
            word = _EDGE_PUNCT_RE.sub("", word)
            if word:
                out.append((word.lower(), end))
        return out


# --------------------------------------------------------------------------------------------
# Matcher rules
# --------------------------------------------------------------------------------------------

Pattern = list[dict[str, Any]]

_SEP_WORDS: Final = (",", "va", "hoac")
_SCALES: Final[dict[str, int]] = {
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
_CURRENCIES: Final = ("đồng", "dong", "vnđ", "vnd", "đ")
_DURATION_UNITS: Final[dict[str, str]] = {
    "ngày": "day",
    "ngay": "day",
    "tuần": "week",
    "tuan": "week",
    "tháng": "month",
    "thang": "month",
    "năm": "year",
    "nam": "year",
}


def _phrase_norms(text: str) -> list[str]:
    """The NORMs our tokenizer gives ``text``: "Luật Phòng, chống" → luat phong , chong."""
    return re.findall(r"\w+(?:-\w+)*|[^\w\s]", fold_for_matching(normalize(text)))


def _patterns() -> dict[str, list[Pattern]]:
    """Token rules for article references, dates, money and durations."""
    num: dict[str, Any] = {"IS_DIGIT": True}
    numyear: dict[str, Any] = {"TAG": TAG_NUMYEAR}
    year: dict[str, Any] = {"NORM": {"REGEX": r"^(?:19|20)\d\d$"}}
    day: dict[str, Any] = {"NORM": {"REGEX": r"^\d{1,2}$"}}
    amount: dict[str, Any] = {"LIKE_NUM": True, "TAG": TAG_WORD}
    scale: dict[str, Any] = {"LOWER": {"IN": list(_SCALES)}}
    currency: dict[str, Any] = {"LOWER": {"IN": list(_CURRENCIES)}}
    unit: dict[str, Any] = {"LOWER": {"IN": list(_DURATION_UNITS)}}
    sep_or = "|".join(_SEP_WORDS)
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


def _phrases() -> dict[str, list[list[str]]]:
    """Phrase rules (PhraseMatcher on NORM): document types and law names/aliases."""
    names: list[list[str]] = []
    for name in law_names():
        norms = _phrase_norms(name)
        names.append(norms)
        without_punct = [n for n in norms if re.match(r"\w", n)]
        if without_punct != norms:
            names.append(without_punct)
    return {
        "LEGAL_TYPE": [phrase.split() for phrase in DOC_TYPE_WORDS],
        "LEGAL_NAME": names,
    }


_ARTICLE_KEYWORDS: Final[dict[str, str]] = {
    "diem": "point",
    "khoan": "clause",
    "dieu": "article",
    "muc": "part",
    "chuong": "chapter",
}
_ARTICLE_GAP_WORDS: Final = frozenset({",", "cua"})
# Codes that may take a bare number ("NĐ 45"); others need "số" ("QĐ số 45").
_CODES_WITH_NUMBER: Final = frozenset({"nd", "nq", "tt", "ttlt"})
_NOT_BEFORE_DURATION: Final = frozenset({"ngay", "thang", "nam", "dieu", "khoan", "muc", "so"})
_DOC_TYPE_BEFORE_RE: Final = re.compile(
    r"(?:^|\s)(bo luat|luat|nghi dinh|nghi quyet|quyet dinh|thong tu lien tich|thong tu"
    r"|chi thi|phap lenh|cong van|cong dien|van ban hop nhat|ke hoach)(?: so)?\s*:?\s*$"
)
_LINK_GAP_RE: Final = re.compile(
    r"^[\s,]*(?:(?:cua|tai|theo|thuoc)\s+)?"
    r"(?:(?:bo luat|luat|nghi dinh|nghi quyet|quyet dinh|thong tu lien tich|thong tu|chi thi"
    r"|phap lenh|van ban hop nhat|nd|nq|qd|tt|ttlt|ct|vbhn)\s+)?(?:so\s*:?\s*)?$"
)
_DOC_TYPE_NAMES: Final[dict[str, str]] = {
    "bo luat": "Bộ luật",
    "luat": "Luật",
    "nghi dinh": "Nghị định",
    "nghi quyet": "Nghị quyết",
    "quyet dinh": "Quyết định",
    "thong tu lien tich": "Thông tư liên tịch",
    "thong tu": "Thông tư",
    "chi thi": "Chỉ thị",
    "phap lenh": "Pháp lệnh",
    "cong van": "Công văn",
    "cong dien": "Công điện",
    "van ban hop nhat": "Văn bản hợp nhất",
    "ke hoach": "Kế hoạch",
}


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    label: str
    kind: str


class LegalEntityRecognizer:
    """spaCy component: Matcher/PhraseMatcher rules → ``doc.ents`` and parsed ``Entity``s."""

    def __init__(self, nlp: Language, name: str = "vi_legal_entities") -> None:
        self.name = name
        self.matcher = Matcher(nlp.vocab)
        for key, patterns in _patterns().items():
            self.matcher.add(key, patterns, greedy="LONGEST")
        self.phrases = PhraseMatcher(nlp.vocab, attr="NORM")
        add = nlp.vocab.strings.add
        for key, phrases in _phrases().items():
            docs = []
            for words in phrases:
                doc = Doc(nlp.vocab, words=words)
                values: Any = numpy.array([[add(w)] for w in words], dtype="uint64")
                doc.from_array([NORM], values)
                docs.append(doc)
            self.phrases.add(key, docs)

    def __call__(self, doc: Doc) -> Doc:
        candidates = self._candidates(doc)
        chosen = _resolve_overlaps(candidates)
        doc.ents = [Span(doc, c.start, c.end, label=c.label) for c in chosen]
        entities = [_parse(doc, c) for c in chosen]
        doc.user_data["vi_entities"] = _link_articles(doc.text, entities)
        return doc

    def _candidates(self, doc: Doc) -> list[_Candidate]:
        strings = doc.vocab.strings
        docnums: dict[int, DocumentNumber] = doc.user_data.get("vi_docnums", {})
        legal = [_Candidate(i, i + 1, LEGAL_REF, "LEGAL_DOCNUM") for i in docnums]
        parts: list[_Candidate] = []
        other: list[_Candidate] = []
        for match_id, start, end in self.matcher(doc):
            key = strings[match_id]
            if key.startswith("ART_"):
                while end > start + 1 and doc[end - 1].norm_ in _SEP_WORDS:
                    end -= 1
                parts.append(_Candidate(start, end, ARTICLE_REF, key))
            elif key == DURATION and start > 0 and doc[start - 1].norm_ in _NOT_BEFORE_DURATION:
                continue  # "ngày 18 tháng cuối quý" is a date, "Điều 30 ngày" is not a duration
            else:
                other.append(_Candidate(start, end, key, key))
        for match_id, start, end in self.phrases(doc):
            key = strings[match_id]
            if key == "LEGAL_NAME":
                c = _name_candidate(doc, start, end)
            else:
                c = _loose_candidate(doc, start, end)
            if c is not None:
                legal.append(c)
        return legal + _merge_article_parts(doc, parts) + other


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and text[:2] in ("19", "20")


def _name_candidate(doc: Doc, start: int, end: int) -> _Candidate | None:
    """A law name, with the year after it ("Bộ luật Lao động 2019", "... năm 2019")."""
    if doc[start].norm_ == "luat" and start > 0 and doc[start - 1].norm_ == "phap":
        return None  # "pháp luật đất đai": the law in general, not Luật Đất đai
    if end < len(doc) and _is_year(doc[end].text):
        end += 1
    elif end + 1 < len(doc) and doc[end].norm_ == "nam" and _is_year(doc[end + 1].text):
        end += 2
    return _Candidate(start, end, LEGAL_REF, "LEGAL_NAME")


def _loose_candidate(doc: Doc, start: int, end: int) -> _Candidate | None:
    """A document type followed by "45/2020" or "45": "Nghị định số 45/2020", "NĐ 24/2012"."""
    phrase = " ".join(t.norm_ for t in doc[start:end])
    j = end
    has_so = j < len(doc) and doc[j].norm_ == "so"
    if has_so:
        j += 1
    if j >= len(doc):
        return None
    tok = doc[j]
    if tok.tag_ == TAG_NUMYEAR:
        return _Candidate(start, j + 1, LEGAL_REF, "LEGAL_LOOSE")
    if not tok.is_digit or phrase in ("luat", "bo luat"):
        return None
    if has_so or (" " in phrase and phrase != "quyet dinh") or phrase in _CODES_WITH_NUMBER:
        return _Candidate(start, j + 1, LEGAL_REF, "LEGAL_LOOSE")
    return None


def _resolve_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest first, then earliest (as ``spacy.util.filter_spans``)."""
    chosen: list[_Candidate] = []
    taken: set[int] = set()
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if any(i in taken for i in range(c.start, c.end)):
            continue
        chosen.append(c)
        taken.update(range(c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


def _merge_article_parts(doc: Doc, parts: list[_Candidate]) -> list[_Candidate]:
    """Merge "điểm a" + "khoản 2" + "Điều 5" (+ ", Mục V") into one ARTICLE_REF."""
    parts = _resolve_overlaps(parts)
    groups: list[list[_Candidate]] = []
    for p in parts:
        if groups:
            last = groups[-1][-1]
            gap = [t.norm_ for t in doc[last.end : p.start]]
            if len(gap) <= 2 and all(g in _ARTICLE_GAP_WORDS for g in gap):
                groups[-1].append(p)
                continue
        groups.append([p])
    merged: list[_Candidate] = []
    for group in groups:
        kinds = {p.kind for p in group}
        if kinds == {"ART_POINT"}:
            continue  # "điểm a" alone is too ambiguous
        if kinds == {"ART_SECTION"}:
            head = doc[group[0].start]
            value = doc[group[0].start + 1].text
            if head.text.lower() != "mục" and roman_to_int(value) is None:
                continue  # "muc 1" typed without accents may be "mức 1"
        merged.append(_Candidate(group[0].start, group[-1].end, ARTICLE_REF, "ART"))
    return merged


# --------------------------------------------------------------------------------------------
# Parsing matched spans into values
# --------------------------------------------------------------------------------------------


def _parse(doc: Doc, c: _Candidate) -> Entity:
    span = doc[c.start : c.end]
    base = Entity(
        label=c.label,
        text=span.text,
        start=span.start_char,
        end=span.end_char,
    )
    if c.label == LEGAL_REF:
        return _parse_legal(doc, c, base)
    if c.label == ARTICLE_REF:
        return _parse_article(doc, c, base)
    if c.label == DATE:
        return replace(base, value=_parse_date(doc, c))
    if c.label == MONEY:
        return replace(base, amount=_parse_money(doc, c))
    if c.label == DURATION:
        return _parse_duration(doc, c, base)
    return base


def _doc_type_before(doc: Doc, start: int) -> str | None:
    words = " ".join(t.norm_ for t in doc[max(0, start - 5) : start] if not t.is_space)
    m = _DOC_TYPE_BEFORE_RE.search(words)
    return _DOC_TYPE_NAMES[m.group(1)] if m else None


def _parse_legal(doc: Doc, c: _Candidate, base: Entity) -> Entity:
    if c.kind == "LEGAL_DOCNUM":
        return _parse_docnum(doc, c, base)
    if c.kind == "LEGAL_NAME":
        return _parse_name(doc, c, base)
    return _parse_loose(doc, c, base)


def _parse_docnum(doc: Doc, c: _Candidate, base: Entity) -> Entity:
    docnums: dict[int, DocumentNumber] = doc.user_data["vi_docnums"]
    d = docnums[c.start]
    known = law_by_number(d.number)
    doc_type = d.doc_type
    if known is not None:
        doc_type = known.doc_type
    elif doc_type in ("Luật", "Nghị quyết", "Công văn"):
        doc_type = _doc_type_before(doc, c.start) or doc_type
    return replace(
        base,
        number=d.number,
        doc_type=doc_type,
        year=d.year,
        name=known.name if known else None,
    )


def _parse_name(doc: Doc, c: _Candidate, base: Entity) -> Entity:
    """A law by name ("Bộ luật Lao động 2019", "Luật Du lịch", "BLLĐ") → its number."""
    tokens = list(doc[c.start : c.end])
    year: int | None = None
    if _is_year(tokens[-1].text):
        year = int(tokens[-1].text)
        tokens = tokens[:-1]
        if tokens and tokens[-1].norm_ == "nam":
            tokens = tokens[:-1]
    name_text = " ".join(t.text for t in tokens)
    canonical = canonical_law_name(name_text)
    law = resolve_law(name_text, year)
    if law is not None:
        return replace(base, number=law.number, doc_type=law.doc_type, year=law.year, name=law.name)
    doc_type = None
    if canonical is not None:
        doc_type = "Bộ luật" if canonical.startswith("Bộ luật") else "Luật"
    return replace(base, doc_type=doc_type, year=year, name=canonical)


def _parse_loose(doc: Doc, c: _Candidate, base: Entity) -> Entity:
    """Document type words, optional "số", then "45/2020" or "45"."""
    tokens = doc[c.start : c.end]
    number_token = tokens[-1]
    type_words = " ".join(t.norm_ for t in tokens[:-1] if t.norm_ != "so")
    doc_type, suffix = DOC_TYPE_WORDS.get(type_words, ("", None))
    if number_token.tag_ != TAG_NUMYEAR:
        return replace(base, doc_type=doc_type or None)
    n, y = number_token.text.split("/")
    if suffix is not None:
        return replace(
            base,
            number=canonical_number(f"{n}/{y}/{suffix}"),
            doc_type=doc_type,
            year=int(y),
        )
    if doc_type in ("Luật", "Bộ luật"):
        known = _law_by_prefix(canonical_number(f"{n}/{y}/X")[:-1])
        if known is not None:
            return replace(
                base,
                number=known.number,
                doc_type=known.doc_type,
                year=int(y),
                name=known.name,
            )
    return replace(base, doc_type=doc_type or None, year=int(y))


def _law_by_prefix(prefix: str) -> KnownLaw | None:
    for years in LAW_NUMBERS.values():
        for number in years.values():
            if number.startswith(prefix):
                return law_by_number(number)
    return None


def _parse_article(doc: Doc, c: _Candidate, base: Entity) -> Entity:
    values: dict[str, list[str]] = {}
    field: str | None = None
    for tok in doc[c.start : c.end]:
        norm = tok.norm_
        if norm in _ARTICLE_KEYWORDS:
            field = _ARTICLE_KEYWORDS[norm]
            values.setdefault(field, [])
            continue
        if field is None or norm in _SEP_WORDS or norm in _ARTICLE_GAP_WORDS or norm == "cac":
            continue
        text = tok.text.rstrip(".")
        if field in ("part", "chapter"):
            text = text.upper()
        elif field == "point":
            text = text.lower()
        values[field].append(text)

    def joined(key: str) -> str | None:
        v = values.get(key)
        return ",".join(v) if v else None

    return replace(
        base,
        article=joined("article"),
        clause=joined("clause"),
        point=joined("point"),
        part=joined("part"),
        chapter=joined("chapter"),
    )


def _parse_date(doc: Doc, c: _Candidate) -> datetime.date | None:
    numbers: list[int] = []
    for tok in doc[c.start : c.end]:
        numbers.extend(int(x) for x in re.findall(r"\d+", tok.text))
    if len(numbers) != 3:
        return None
    d, m, y = numbers
    try:
        return datetime.date(y, m, d)
    except ValueError:
        return None


def _parse_number(text: str, scaled: bool) -> Decimal | None:
    """Vietnamese number: "500.000" → 500000, "1,5" → 1.5, "1.000.000,50" → 1000000.50."""
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")
    elif "." in text:
        groups = text.split(".")
        if all(len(g) == 3 for g in groups[1:]):
            text = "".join(groups)
    elif "," in text:
        groups = text.split(",")
        if len(groups) > 2 or (not scaled and len(groups[1]) == 3):
            text = "".join(groups)  # "100,000,000", "1,500 đồng" (English separators)
        else:
            text = text.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _parse_money(doc: Doc, c: _Candidate) -> Decimal | None:
    tokens = list(doc[c.start : c.end - 1])  # last token is the currency
    total = Decimal(0)
    i = 0
    while i < len(tokens):
        scale = 1
        if i + 1 < len(tokens) and tokens[i + 1].lower_ in _SCALES:
            scale = _SCALES[tokens[i + 1].lower_]
        value = _parse_number(tokens[i].text, scaled=scale != 1)
        if value is None:
            return None
        total += value * scale
        i += 2 if scale != 1 else 1
    return Decimal(int(total)) if total == total.to_integral_value() else total


def _parse_duration(doc: Doc, c: _Candidate, base: Entity) -> Entity:
    tokens = doc[c.start : c.end]
    value = _parse_number(tokens[0].text, scaled=True)
    unit = _DURATION_UNITS[tokens[1].lower_]
    working = len(tokens) > 2
    days: int | None = None
    months: int | None = None
    if value is not None:
        if unit == "day" and value == value.to_integral_value():
            days = int(value)
        elif unit == "week" and value * 7 == (value * 7).to_integral_value():
            days = int(value * 7)
        elif unit == "month" and value == value.to_integral_value():
            months = int(value)
        elif unit == "year" and value * 12 == (value * 12).to_integral_value():
            months = int(value * 12)
    return replace(base, days=days, months=months, working_days=working)


def _link_articles(text: str, entities: list[Entity]) -> list[Entity]:
    """In "Điều 31 Luật Du lịch" the ARTICLE_REF takes the number of the LEGAL_REF after it."""
    out = list(entities)
    folded = fold_for_matching(text)
    for i, e in enumerate(out):
        if e.label != ARTICLE_REF or i + 1 >= len(out):
            continue
        nxt = out[i + 1]
        if nxt.label != LEGAL_REF:
            continue
        if not _LINK_GAP_RE.match(folded[e.end : nxt.start]):
            continue
        out[i] = replace(e, number=nxt.number, doc_type=nxt.doc_type, year=nxt.year, name=nxt.name)
    return out


# --------------------------------------------------------------------------------------------
# The Language singleton and the public API
# --------------------------------------------------------------------------------------------


@Language.factory("vi_legal_entities")
def _make_recognizer(nlp: Language, name: str) -> LegalEntityRecognizer:
    return LegalEntityRecognizer(nlp, name)


_nlp_lock = threading.Lock()
_nlp: Language | None = None
# The vocab's StringStore grows with every new token text; rebuild past this size so a
# long-running indexer does not grow without bound.
_MAX_STRINGS: Final = 2_000_000


def get_nlp() -> Language:
    """The process-wide spaCy pipeline, built on first use."""
    global _nlp
    nlp = _nlp
    if nlp is None or len(nlp.vocab.strings) > _MAX_STRINGS:
        with _nlp_lock:
            if _nlp is None or len(_nlp.vocab.strings) > _MAX_STRINGS:
                import spacy

                built = spacy.blank("xx")
                built.tokenizer = VietnameseTokenizer(built.vocab)
                built.add_pipe("vi_legal_entities")
                _nlp = built
            nlp = _nlp
    assert nlp is not None
    return nlp


def make_doc(normalized: str, segment: bool) -> Doc:
    """Run the pipeline on already-normalised text; ``segment`` adds ``user_data["vi_words"]``."""
    nlp = get_nlp()
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, VietnameseTokenizer)
    doc = tokenizer.make_doc(normalized, segment=segment)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def doc_entities(doc: Doc) -> list[Entity]:
    entities: list[Entity] = doc.user_data.get("vi_entities", [])
    return list(entities)


def extract_entities(text: str) -> list[Entity]:
    """LEGAL_REF, ARTICLE_REF, DATE, MONEY and DURATION entities of ``text``.

    Offsets are in ``normalize(text, keep_newlines=True)``.
    """
    normalized = normalize(text, keep_newlines=True)
    if not normalized:
        return []
    return doc_entities(make_doc(normalized, segment=False))


def extract_citations(text: str) -> list[Entity]:
    """LEGAL_REF and ARTICLE_REF entities only."""
    return [e for e in extract_entities(text) if e.label in CITATION_LABELS]

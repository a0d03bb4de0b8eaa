"""Ranking: which fields a query is matched on, with which boosts, and the relevance query.

Pure logic: no ORM, no network. A kind (search/kinds/) names the fields that play each role in
the profiles (``FieldSet``) and what a citation in the query adds (``citation_clauses``);
``text_query`` builds the OpenSearch query from the parsed text (search/query.py) for any kind.

User text never reaches ``query_string``: only ``match``, ``multi_match``, ``match_phrase`` and
``term`` queries are built, so Lucene syntax characters (``" ( * ~ \\ / : [``) are inert.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, Protocol

from regulations.legaltext.normalize import fold_diacritics
from search.nlp import questions
from search.query import CitationTarget, ParsedQuery


@dataclass(frozen=True)
class FieldSet:
    """Which index fields play the roles the ranking profiles name."""

    heading: str  # the unit's own title: the article heading, or the document title
    context: str | None  # the enclosing title (articles: the document's title)
    id_field: str  # the entry's own id (ties in a pinned lookup)
    date_tiebreak: str  # after the date and the score, when sorting by date
    date: str | None = None  # the date field `sort=date` orders by (None: the kind has no date)


class RankedKind(Protocol):
    """What ranking needs to know of a kind (search/kinds/base.py: SearchKind)."""

    @property
    def fields(self) -> FieldSet: ...

    @property
    def answers_questions(self) -> bool: ...

    def citation_clauses(self, target: CitationTarget) -> list[dict[str, Any]]: ...


# Ranking profiles: the boost of each field for each part of the query. One profile for queries
# typed with diacritics, one for queries without: their exact fields cannot match, and the
# segmenter cannot split unaccented text, so syllable n-grams stand in for its words. Keys are
# "<part>:<field>": w = segmented words, n = syllable n-grams, s = plain syllables (the
# heading/context roles map to the fields of the index), p = the whole query as a phrase.
# A term with exact diacritics matches the exact field and the folded one, so it always scores
# above the same term differing only by diacritics (tests/search/test_api.py checks the order).
# Tuned by coordinate descent on the dev benchmark only (docs/benchmarks.md): from the start
# weights (w 3/1.5, s 0.6 scaled by field) to these, nDCG@10 0.824 -> 0.825 with diacritics,
# 0.538 -> 0.793 without.
PROFILES: Final[dict[str, dict[str, float]]] = {
    "accented": {
        "w:words": 3.0,
        "w:words.folded": 1.5,
        "n:words": 0.5,
        "n:words.folded": 1.0,
        "s:syllables.folded": 0.36,
        "s:heading": 0.9,
        "s:heading.folded": 0.48,
        "s:context": 0.3,
        "s:context.folded": 0.18,
        "p:syllables": 1.5,
        "p:syllables.folded": 0.8,
        "b:syllables.bigrams": 1.0,
        "b:syllables.bigrams_folded": 0.5,
    },
    "folded": {
        "w:words.folded": 0.75,
        "n:words.folded": 2.0,
        "s:syllables.folded": 0.36,
        "s:heading.folded": 0.48,
        "s:context": 0.3,
        "s:context.folded": 0.18,
        "p:syllables": 1.5,
        "p:syllables.folded": 0.8,
        "b:syllables.bigrams_folded": 1.0,
    },
}
WEIGHTS: Final[dict[str, float]] = {
    "quoted_exact": 3.0,
    "cited_document": 100.0,
    # Question intents (intent_clauses), constant scores added to a text score of roughly 50-250
    # for the top hits: enough to lift the defining or scope article over its neighbours, not
    # over every other law. On dev: 10 moved nothing with diacritics; 50-80 fixed the definition
    # and scope questions of docs/benchmarks.md with no query worse.
    "definition": 80.0,
    "scope": 80.0,
    # A query typed without diacritics: its restored reading, against the typed one (1.0).
    "restored": 1.0,
    # Rare syllables (rare_clauses): boost at the rarest.
    "rare": 12.0,
    # Question types (question_clauses): constant lifts for the articles that state the answer.
    questions.DEADLINE: 20.0,
    questions.FEE: 20.0,
    questions.PENALTY: 20.0,
}
# Longest query (in syllables) for which the whole query is also tried as a phrase.
PHRASE_MAX_SYLLABLES: Final = 8


def profile_fields(profile: dict[str, float], part: str, fs: FieldSet) -> list[str]:
    """``["words^3.0", "words.folded^1.5"]`` for one part of the query, zero boosts left out."""
    out = []
    for key, boost in profile.items():
        prefix, _, name = key.partition(":")
        if prefix != part or not boost:
            continue
        role, _, sub = name.partition(".")
        field = {"heading": fs.heading, "context": fs.context}.get(role, role)
        if field:
            out.append(f"{field}.{sub}^{boost}" if sub else f"{field}^{boost}")
    return out


# --- Question intents -------------------------------------------------------------------------
# Patterns on the folded, lower-case query, so a query typed without diacritics is understood too.
# A definition question ("X là gì?", "X được hiểu như thế nào", "định nghĩa X", "khái niệm X")
# is answered by the "Giải thích từ ngữ" article that defines X ("X là …"); a scope question
# ("Luật X áp dụng cho ai?", "phạm vi điều chỉnh của Luật X") by that law's "Phạm vi điều chỉnh"
# or "Đối tượng áp dụng" article.
_DEFINITION_AFTER_RE: Final = re.compile(r"\b(?:la gi|duoc hieu (?:la|nhu the nao)|duoc dinh nghia)\b")
_DEFINITION_BEFORE_RE: Final = re.compile(
    r"(?<!duoc )\b(?:dinh nghia|khai niem|giai thich)(?: (?:cua|ve|tu|thuat ngu))?\b"
)
_DEFINITION_HEADING: Final = "giai thich tu ngu"
_SCOPE_RE: Final = re.compile(
    r"\b(?:ap dung (?:cho|doi voi|voi) (?:nhung )?(?:ai|doi tuong nao|chu the nao)"
    r"|doi tuong ap dung|pham vi dieu chinh|dieu chinh (?:nhung )?(?:gi|van de gi|noi dung gi|linh vuc gi))\b"
)
_SCOPE_HEADINGS: Final = ("pham vi dieu chinh", "doi tuong ap dung")
# "Luật Tiếp cận thông tin", "Bộ luật Lao động": the name runs until a word that cannot be in it.
_LAW_NAME_RE: Final = re.compile(r"\b((?:bo )?luat(?: [a-z]+){1,6})")
_LAW_NAME_STOP: Final = frozenset(
    "ap dieu pham doi quy la co nam so thi duoc khi theo va hay nao gi ai nhung cac mot ve cua".split()
)
_TERM_SPLIT_RE: Final = re.compile(r"[^\w\s]+|\b(?:quy dinh|theo|cua|thi|trong|tai|duoc|la)\b")
DEFINITION_TERM_MAX: Final = 6
_SENTENCE_END_RE: Final = re.compile(r"[.?!;:]")
_LEADING_SOURCE_RE: Final = re.compile(r"^\s*theo [^,]*,")
_RELATION_RE: Final = re.compile(r"\b(?:cua|trong viec|doi voi)\b")


def _definition_terms(folded: str, phrases: Sequence[str]) -> list[str]:
    """The terms a definition question asks about: its quoted phrases, else the words just
    before "là gì"/"được hiểu…" or just after "định nghĩa (của)"/"khái niệm"."""
    after, before = _DEFINITION_AFTER_RE.search(folded), _DEFINITION_BEFORE_RE.search(folded)
    if not (after or before):
        return []
    if phrases:
        return [" ".join(fold_diacritics(p).lower().split()) for p in phrases]
    terms = []
    if after:
        # "Trách nhiệm của Bộ Y tế trong việc phòng, chống ma túy là gì?" asks about something
        # of X, not what X is: no definition then. A leading "Theo …," clause does not count.
        sentence = _SENTENCE_END_RE.split(folded[: after.start()])[-1]
        sentence = _LEADING_SOURCE_RE.sub("", sentence)
        if not _RELATION_RE.search(sentence):
            chunk = _TERM_SPLIT_RE.split(sentence)[-1].split()
            terms.append(" ".join(chunk[-DEFINITION_TERM_MAX:]))
    if before:
        chunk = _TERM_SPLIT_RE.split(folded[before.end() :])[0].split()
        terms.append(" ".join(chunk[:DEFINITION_TERM_MAX]))
    return [t for t in dict.fromkeys(terms) if len(t.split()) >= 1 and any(len(w) > 1 for w in t.split())]


def _law_name(folded: str) -> str | None:
    m = _LAW_NAME_RE.search(folded)
    if not m:
        return None
    words = m.group(1).split()
    start = 2 if words[0] == "bo" else 1
    end = start
    while end < len(words) and words[end] not in _LAW_NAME_STOP:
        end += 1
    return " ".join(words[:end]) if end > start else None


def intent_clauses(query: ParsedQuery, fs: FieldSet) -> list[dict[str, Any]]:
    """Boosts for definition and scope questions (for the kinds that answer questions)."""
    if not query.is_searchable:
        return []
    folded = " ".join(query.folded_question.split())
    clauses: list[dict[str, Any]] = []
    heading = f"{fs.heading}.folded"
    for term in _definition_terms(folded, query.phrases):
        words = term.split()
        # Longer runs of the term's last words, each followed by "là" as a definition reads.
        for n in range(min(2, len(words)), len(words) + 1):
            clauses.append(
                {
                    "constant_score": {
                        "filter": {
                            "bool": {
                                "filter": [
                                    {"match_phrase": {heading: _DEFINITION_HEADING}},
                                    {"match_phrase": {"syllables.folded": " ".join(words[-n:]) + " la"}},
                                ]
                            }
                        },
                        "boost": WEIGHTS["definition"] / len(words),
                    }
                }
            )
    if fs.context and _SCOPE_RE.search(folded):
        law = _law_name(folded)
        if law:
            clauses.append(
                {
                    "constant_score": {
                        "filter": {
                            "bool": {
                                "filter": [
                                    {"match_phrase": {f"{fs.context}.folded": law}},
                                    {
                                        "bool": {
                                            "should": [{"match_phrase": {heading: h}} for h in _SCOPE_HEADINGS],
                                            "minimum_should_match": 1,
                                        }
                                    },
                                ]
                            }
                        },
                        "boost": WEIGHTS["scope"],
                    }
                }
            )
    clauses.extend(question_clauses(query))
    return clauses


# What an article that answers a question of each type says (search/nlp/questions.py), on the
# accented syllables (indexed text always has its accents): a time limit, an amount of money, a
# penalty.
ANSWER_CUES: Final[dict[str, tuple[str, ...]]] = {
    questions.DEADLINE: ("thời hạn", "trong thời hạn", "ngày làm việc", "kể từ ngày", "trong vòng", "chậm nhất"),
    questions.FEE: ("lệ phí", "án phí", "mức thu", "mức phí", "nghìn đồng", "triệu đồng", "tỷ đồng"),
    questions.PENALTY: ("phạt tiền", "phạt tù", "xử phạt", "phạt cải tạo", "tử hình", "hình phạt", "bị phạt"),
}


def question_clauses(query: ParsedQuery) -> list[dict[str, Any]]:
    """An article that states what the question asks for (a time limit, a fee, a penalty) gets
    a constant lift: among articles on the same subject, the one that answers comes first."""
    return [
        {
            "constant_score": {
                "filter": {
                    "bool": {
                        "should": [{"match_phrase": {"syllables": cue}} for cue in ANSWER_CUES[kind]],
                        "minimum_should_match": 1,
                    }
                },
                "boost": WEIGHTS[kind],
            }
        }
        for kind in query.question_types
        if kind in ANSWER_CUES
    ]


def _multi_match(text: str, fields: list[str]) -> dict[str, Any]:
    return {"multi_match": {"query": text, "fields": fields, "type": "most_fields"}}


def _text_clauses(
    query: ParsedQuery, fs: FieldSet, profile: dict[str, float], *, ngrams: bool = True
) -> list[dict[str, Any]]:
    """Words, syllable n-grams, syllables, syllable bigrams and the whole query as a phrase, on
    the fields of ``profile``."""
    should: list[dict[str, Any]] = []
    parts = [
        ("w", query.words),
        ("n", query.ngrams if ngrams else ""),
        ("s", query.syllables if query.is_searchable else ""),
        ("b", query.syllables if query.is_searchable else ""),
    ]
    for part, text in parts:
        fields = profile_fields(profile, part, fs)
        if text and fields:
            should.append(_multi_match(text, fields))
    if query.is_searchable and 2 <= len(query.syllables.split()) <= PHRASE_MAX_SYLLABLES:
        for field in profile_fields(profile, "p", fs):
            name, _, boost = field.partition("^")
            should.append({"match_phrase": {name: {"query": query.syllables, "slop": 1, "boost": float(boost)}}})
    return should


def rare_clauses(query: ParsedQuery) -> list[dict[str, Any]]:
    """Rare syllables of the query (``ParsedQuery.rare``, from the indexed texts' statistics)
    count once more, in proportion to their rarity: in "thủ tục cấp giấy phép kinh doanh vàng"
    the one word few articles hold, "vàng", outweighs five found in thousands."""
    return [
        {"match": {"syllables": {"query": syllable, "boost": round(WEIGHTS["rare"] * rarity**2, 3)}}}
        for syllable, rarity in query.rare
    ]


def text_query(query: ParsedQuery, kind: RankedKind) -> dict[str, Any]:
    """The relevance query: segmented words, syllable n-grams, plain syllables and syllable
    bigrams, each on its exact and folded fields (boosts from the query's profile); for a query
    typed without diacritics, its restored reading too (accented profile); its rare syllables;
    quoted phrases, citations and the boosts of definition and scope questions
    (``intent_clauses``)."""
    fs = kind.fields
    profile = PROFILES["accented" if query.has_diacritics else "folded"]
    should = _text_clauses(query, fs, profile)
    must: list[dict[str, Any]] = []
    if query.restored is not None and should:
        # Its words are segmented with their accents: no need for its n-grams (and the query
        # stays far below OpenSearch's 1,024 terms).
        restored = _text_clauses(query.restored, fs, PROFILES["accented"], ngrams=False)
        if restored:
            should.append({"bool": {"should": restored, "boost": WEIGHTS["restored"]}})
    should.extend(rare_clauses(query))
    for phrase in query.phrases:
        # A quoted phrase must occur (with or without diacritics); exact diacritics score more.
        must.append(
            {
                "bool": {
                    "should": [
                        {"match_phrase": {"syllables": {"query": phrase, "boost": WEIGHTS["quoted_exact"]}}},
                        {"match_phrase": {"syllables.folded": {"query": phrase}}},
                    ],
                    "minimum_should_match": 1,
                }
            }
        )
    if kind.answers_questions:
        should.extend(intent_clauses(query, fs))
    for target in query.citations:
        should.extend(kind.citation_clauses(target))
    if not should and not must:
        return {"match_none": {}}
    body: dict[str, Any] = {"bool": {"should": should}}
    if must:
        body["bool"]["must"] = must
    else:
        body["bool"]["minimum_should_match"] = 1
    return body


def cites(target: CitationTarget) -> dict[str, Any]:
    """An entry that cites the document the query names scores a little more."""
    return {"constant_score": {"filter": {"term": {"citations": target.number}}, "boost": 1.0}}

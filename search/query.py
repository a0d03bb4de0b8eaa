"""Search requests: validation, query parsing and OpenSearch query bodies.

Pure logic: no ORM, no network. ``parse_request`` turns request parameters into a validated
``SearchRequest`` (or raises ``InvalidSearch`` with one message per bad parameter);
``parse_query`` normalises the text, finds quoted phrases and legal citations; the ``*_body``
functions build the OpenSearch requests that ``search.backends`` sends.

User text never reaches ``query_string``: only ``match``, ``multi_match``, ``match_phrase`` and
``term`` queries are built, so Lucene syntax characters (``" ( * ~ \\ / : [``) are inert.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from search.nlp.entities import Entity
from search.nlp.normalize import fold_diacritics, normalize
from search.nlp.pipeline import analyze

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "MAX_FILTER_VALUES",
    "MAX_PAGE",
    "MAX_PAGE_SIZE",
    "MAX_QUERY_CHARS",
    "CitationTarget",
    "Filters",
    "InvalidSearch",
    "ParsedQuery",
    "SearchRequest",
    "Vocabulary",
    "did_you_mean_body",
    "main_body",
    "parse_query",
    "parse_request",
    "pin_bodies",
    "suggest_body",
]

MAX_QUERY_CHARS: Final = 1000
DEFAULT_PAGE_SIZE: Final = 20
MAX_PAGE_SIZE: Final = 100
# OpenSearch's index.max_result_window: from + size beyond it is refused by the server.
MAX_RESULT_WINDOW: Final = 10_000
# Pages are bounded on their own (not page × size), so that the API schema can state the bounds.
MAX_PAGE: Final = MAX_RESULT_WINDOW // MAX_PAGE_SIZE
YEAR_MIN: Final = 1945
YEAR_MAX: Final = 2100
KINDS: Final = ("article", "document")
SORTS: Final = ("relevance", "date")
MAX_PINS: Final = 3
MAX_FILTER_VALUES: Final = 20
FACET_SIZE: Final = 100

# A facet's name in the API → the keyword field it counts.
FACET_FIELDS: Final[dict[str, str]] = {
    "agency": "agency",
    "field": "fields",
    "doc_type": "doc_type",
    "status": "legal_status",
    "year": "year",
}

# Fields returned with each hit (the big text fields stay on the server).
SOURCE_FIELDS: Final = [
    "provision_id",
    "document_id",
    "external_id",
    "anchor",
    "url",
    "article_number",
    "citation",
    "heading",
    "document_number",
    "document_title",
    "title",
    "doc_type",
    "legal_status",
    "agency",
    "agency_name",
    "year",
    "issued_date",
    # The text as published, for highlighting (see search.backends.highlight_text).
    "text",
]

_SLUG_RE: Final = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
_QUOTES: Final = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "″": '"'})
_PHRASE_RE: Final = re.compile(r'"([^"]*)"')
_HAS_LETTER_OR_DIGIT_RE: Final = re.compile(r"[^\W_]")
# Characters that carry no meaning for the analyzers; removed from the syllable query text.
_NOISE_RE: Final = re.compile(r"[\"\\(){}\[\]<>*~^:!?|&=+`]+")


class InvalidSearch(ValueError):
    """Bad request parameters. ``errors`` maps each parameter to a Vietnamese/English message;
    ``allowed`` lists the accepted values of enumerated parameters where that helps."""

    def __init__(self, errors: dict[str, str], allowed: dict[str, list[str]] | None = None):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors
        self.allowed = allowed or {}


# --------------------------------------------------------------------------------------------
# The query text
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# The request: validated parameters
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    agency: tuple[str, ...] = ()
    field: tuple[str, ...] = ()
    doc_type: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None

    def is_empty(self) -> bool:
        return not (self.agency or self.field or self.doc_type or self.status) and (
            self.year_from is None and self.year_to is None
        )

    @property
    def years_reversed(self) -> bool:
        """year_to before year_from: a range no document can be in (searched as asked)."""
        return self.year_from is not None and self.year_to is not None and self.year_from > self.year_to


@dataclass(frozen=True)
class Vocabulary:
    """The values each filter accepts. None: any well-formed slug (not checked here)."""

    agencies: Collection[str] | None = None
    fields: Collection[str] | None = None
    doc_types: Collection[str] | None = None
    statuses: Collection[str] | None = None


@dataclass(frozen=True)
class SearchRequest:
    query: ParsedQuery
    kind: str = "article"
    filters: Filters = field(default_factory=Filters)
    page: int = 1
    size: int = DEFAULT_PAGE_SIZE
    sort: str = "relevance"

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    @property
    def warnings(self) -> list[str]:
        notes = []
        if self.query.truncated:
            notes.append(
                f"Câu tìm kiếm dài quá {MAX_QUERY_CHARS} ký tự đã được cắt bớt / "
                f"the query was truncated to {MAX_QUERY_CHARS} characters."
            )
        if self.query.text and not self.query.is_searchable:
            notes.append("Câu tìm kiếm không có chữ hoặc số để tìm / the query has no letters or digits.")
        if self.filters.years_reversed:
            notes.append(
                "Năm kết thúc trước năm bắt đầu: không văn bản nào khớp / year_to is before year_from: nothing matches."
            )
        return notes


def _values(params: Mapping[str, Any], key: str) -> list[str]:
    if hasattr(params, "getlist"):
        raw = params.getlist(key)
    else:
        value = params.get(key)
        raw = value if isinstance(value, (list, tuple)) else ([] if value is None else [value])
    return [v for v in (str(x).strip() for x in raw) if v]


def _one(params: Mapping[str, Any], key: str) -> str:
    values = _values(params, key)
    return values[-1] if values else ""


def _int(value: str) -> int | None:
    value = value.strip()
    if value.lstrip("-").isdigit() and len(value) <= 12:
        return int(value)
    return None


def _choices(
    params: Mapping[str, Any],
    key: str,
    allowed: Collection[str] | None,
    label: str,
    errors: dict[str, str],
    allowed_out: dict[str, list[str]],
) -> tuple[str, ...]:
    given = _values(params, key)
    values = list(dict.fromkeys(given))
    if len(given) > MAX_FILTER_VALUES:  # counted as sent, as the API schema's maxItems does
        errors[key] = f"Tối đa {MAX_FILTER_VALUES} giá trị cho {label} / at most {MAX_FILTER_VALUES} values."
        return ()
    bad = [v for v in values if not _SLUG_RE.match(v) or (allowed is not None and v not in allowed)]
    if bad:
        shown = ", ".join(repr(v[:40]) for v in bad[:5])
        errors[key] = f"{label} không hợp lệ: {shown} / unknown {key} value: {shown}."
        if allowed is not None:
            allowed_out[key] = sorted(allowed)
        return ()
    return tuple(values)


def parse_request(params: Mapping[str, Any], vocabulary: Vocabulary | None = None) -> SearchRequest:
    """Validate request parameters. Raises ``InvalidSearch`` listing every bad parameter."""
    vocabulary = vocabulary or Vocabulary()
    errors: dict[str, str] = {}
    allowed: dict[str, list[str]] = {}

    kind = _one(params, "type") or "article"
    if kind not in KINDS:
        errors["type"] = "Loại kết quả phải là article hoặc document / type must be article or document."
        allowed["type"] = list(KINDS)
    sort = _one(params, "sort") or "relevance"
    if sort not in SORTS:
        errors["sort"] = "Sắp xếp phải là relevance hoặc date / sort must be relevance or date."
        allowed["sort"] = list(SORTS)

    page_raw, size_raw = _one(params, "page"), _one(params, "size")
    page = _int(page_raw) if page_raw else 1
    size = _int(size_raw) if size_raw else DEFAULT_PAGE_SIZE
    if page is None or not 1 <= page <= MAX_PAGE:
        errors["page"] = (
            f"Số trang phải là số nguyên từ 1 đến {MAX_PAGE} / page must be an integer from 1 to {MAX_PAGE}."
        )
    if size is None or not 1 <= size <= MAX_PAGE_SIZE:
        errors["size"] = (
            f"Số kết quả mỗi trang phải từ 1 đến {MAX_PAGE_SIZE} / size must be an integer from 1 to {MAX_PAGE_SIZE}."
        )

    years: dict[str, int | None] = {}
    for key in ("year_from", "year_to"):
        raw = _one(params, key)
        value = _int(raw) if raw else None
        if raw and (value is None or not YEAR_MIN <= value <= YEAR_MAX):
            errors[key] = (
                f"Năm phải là số nguyên từ {YEAR_MIN} đến {YEAR_MAX} / "
                f"{key} must be an integer from {YEAR_MIN} to {YEAR_MAX}."
            )
            value = None
        years[key] = value
    filters = Filters(
        agency=_choices(params, "agency", vocabulary.agencies, "Cơ quan", errors, allowed),
        field=_choices(params, "field", vocabulary.fields, "Lĩnh vực", errors, allowed),
        doc_type=_choices(params, "doc_type", vocabulary.doc_types, "Loại văn bản", errors, allowed),
        status=_choices(params, "status", vocabulary.statuses, "Tình trạng hiệu lực", errors, allowed),
        year_from=years["year_from"],
        year_to=years["year_to"],
    )
    if errors:
        raise InvalidSearch(errors, allowed)
    assert page is not None and size is not None
    return SearchRequest(
        query=parse_query(_one(params, "q")),
        kind=kind,
        filters=filters,
        page=page,
        size=size,
        sort=sort,
    )


# --------------------------------------------------------------------------------------------
# OpenSearch bodies
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldSet:
    """Which index fields play the roles the ranking profiles name."""

    heading: str  # the unit's own title: the article heading, or the document title
    context: str | None  # the enclosing title (articles: the document's title)
    id_field: str
    date_tiebreak: str


ARTICLE_FIELDS: Final = FieldSet(
    heading="heading",
    context="document_title",
    id_field="provision_id",
    date_tiebreak="provision_id",
)
DOCUMENT_FIELDS: Final = FieldSet(
    heading="title", context="summary", id_field="document_id", date_tiebreak="document_id"
)

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
}
# Longest query (in syllables) for which the whole query is also tried as a phrase.
PHRASE_MAX_SYLLABLES: Final = 8


def fields_for(kind: str) -> FieldSet:
    return DOCUMENT_FIELDS if kind == "document" else ARTICLE_FIELDS


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


def filter_clauses(filters: Filters, skip: str | None = None) -> list[dict[str, Any]]:
    """Term filters, one per facet; ``skip`` leaves one out (for that facet's own counts)."""
    clauses: list[dict[str, Any]] = []
    for name, values in (
        ("agency", filters.agency),
        ("field", filters.field),
        ("doc_type", filters.doc_type),
        ("status", filters.status),
    ):
        if values and name != skip:
            clauses.append({"terms": {FACET_FIELDS[name]: list(values)}})
    if skip != "year" and (filters.year_from is not None or filters.year_to is not None):
        bounds: dict[str, int] = {}
        if filters.year_from is not None:
            bounds["gte"] = filters.year_from
        if filters.year_to is not None:
            bounds["lte"] = filters.year_to
        clauses.append({"range": {"year": bounds}})
    return clauses


def _pin_condition(target: CitationTarget, kind: str) -> dict[str, Any]:
    number: dict[str, Any]
    if target.is_complete_number:
        number = {"terms": {"number_key": target.number_keys}}
    else:
        number = {
            "bool": {
                "should": [{"prefix": {"number_key": key.rstrip("/") + "/"}} for key in target.number_keys],
                "minimum_should_match": 1,
            }
        }
    if kind == "article" and target.article:
        return {"bool": {"filter": [number, {"term": {"article_number": target.article}}]}}
    return {"bool": {"filter": [number]}}


def pinnable(request: SearchRequest) -> list[CitationTarget]:
    """Citations that name a single hit for this kind of search: an article (article search) or
    a document (document search). A bare document number in an article search boosts that
    document's articles instead (see ``text_query``)."""
    if request.kind == "document":
        return list(request.query.citations)
    return [c for c in request.query.citations if c.article]


def pin_bodies(request: SearchRequest) -> list[dict[str, Any]]:
    """One lookup per pinned citation: term queries on number_key (+ article_number)."""
    bodies = []
    for target in pinnable(request):
        bodies.append(
            {
                "size": 1,
                "track_total_hits": False,
                "query": {
                    "bool": {
                        "filter": [
                            _pin_condition(target, request.kind),
                            *filter_clauses(request.filters),
                        ]
                    }
                },
                "sort": [{fields_for(request.kind).id_field: "asc"}],
                "_source": SOURCE_FIELDS,
            }
        )
    return bodies


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


def intent_clauses(query: ParsedQuery, kind: str) -> list[dict[str, Any]]:
    """Boosts for definition and scope questions (article search only)."""
    if kind != "article" or not query.is_searchable:
        return []
    folded = " ".join(query.folded.split())
    clauses: list[dict[str, Any]] = []
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
                                    {"match_phrase": {"heading.folded": _DEFINITION_HEADING}},
                                    {"match_phrase": {"syllables.folded": " ".join(words[-n:]) + " la"}},
                                ]
                            }
                        },
                        "boost": WEIGHTS["definition"] / len(words),
                    }
                }
            )
    if _SCOPE_RE.search(folded):
        law = _law_name(folded)
        if law:
            clauses.append(
                {
                    "constant_score": {
                        "filter": {
                            "bool": {
                                "filter": [
                                    {"match_phrase": {"document_title.folded": law}},
                                    {
                                        "bool": {
                                            "should": [
                                                {"match_phrase": {"heading.folded": h}} for h in _SCOPE_HEADINGS
                                            ],
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
    return clauses


def _multi_match(text: str, fields: list[str]) -> dict[str, Any]:
    return {"multi_match": {"query": text, "fields": fields, "type": "most_fields"}}


def text_query(query: ParsedQuery, kind: str) -> dict[str, Any]:
    """The relevance query: segmented words, syllable n-grams and plain syllables, each on its
    exact and folded fields (boosts from the query's profile), plus quoted phrases, citations
    and the boosts of definition and scope questions (``intent_clauses``)."""
    fs = fields_for(kind)
    profile = PROFILES["accented" if query.has_diacritics else "folded"]
    should: list[dict[str, Any]] = []
    must: list[dict[str, Any]] = []
    parts = [
        ("w", query.words),
        ("n", query.ngrams),
        ("s", query.syllables if query.is_searchable else ""),
    ]
    for part, text in parts:
        fields = profile_fields(profile, part, fs)
        if text and fields:
            should.append(_multi_match(text, fields))
    if query.is_searchable and 2 <= len(query.syllables.split()) <= PHRASE_MAX_SYLLABLES:
        for field in profile_fields(profile, "p", fs):
            name, _, boost = field.partition("^")
            should.append({"match_phrase": {name: {"query": query.syllables, "slop": 1, "boost": float(boost)}}})
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
    should.extend(intent_clauses(query, kind))
    for target in query.citations:
        if kind == "article" and not target.article:
            cond = _pin_condition(target, kind)
            should.append({"constant_score": {"filter": cond, "boost": WEIGHTS["cited_document"]}})
        should.append({"constant_score": {"filter": {"term": {"citations": target.number}}, "boost": 1.0}})
    if not should and not must:
        return {"match_none": {}}
    body: dict[str, Any] = {"bool": {"should": should}}
    if must:
        body["bool"]["must"] = must
    else:
        body["bool"]["minimum_should_match"] = 1
    return body


def _aggregations(filters: Filters) -> dict[str, Any]:
    """Facet counts in the same request: each facet counts with every filter but its own, so a
    select keeps showing its other values ("disjunctive" facets)."""
    aggs: dict[str, Any] = {}
    for name, index_field in FACET_FIELDS.items():
        terms: dict[str, Any] = {"field": index_field, "size": FACET_SIZE}
        if name == "year":
            terms["order"] = {"_key": "desc"}
        others = filter_clauses(filters, skip=name)
        aggs[name] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": {"values": {"terms": terms}},
        }
    return aggs


def main_body(request: SearchRequest, extra: int = 0) -> dict[str, Any]:
    """The ranked query with filters, facets and highlights.

    Pinned citations are left out of it (``must_not``) so they are never listed twice; ``extra``
    more hits are fetched to fill the page around them (see ``search.backends``).
    """
    fs = fields_for(request.kind)
    pins = pinnable(request)
    query: dict[str, Any] = {"bool": {"must": [text_query(request.query, request.kind)]}}
    if pins:
        query["bool"]["must_not"] = [_pin_condition(t, request.kind) for t in pins]
    body: dict[str, Any] = {
        "from": max(0, request.offset - extra),
        "size": request.size + extra,
        "track_total_hits": True,
        "query": query,
        "_source": SOURCE_FIELDS,
        "aggs": _aggregations(request.filters),
    }
    post = filter_clauses(request.filters)
    if post:
        body["post_filter"] = {"bool": {"filter": post}}
    if request.sort == "date":
        body["sort"] = [
            {"issued_date": {"order": "desc", "missing": "_last"}},
            {"_score": "desc"},
            {fs.date_tiebreak: "asc"},
        ]
    return body


def suggest_body(prefix: str, size: int = 8) -> dict[str, Any]:
    """Completion suggestions as the user types, with and without diacritics."""
    text = clean_text(prefix)[0][:100]
    return {
        "_source": ["url", "heading", "citation", "document_number", "document_title", "title"],
        "suggest": {
            "exact": {
                "prefix": text,
                "completion": {"field": "suggest", "size": size, "skip_duplicates": True},
            },
        },
    }


def did_you_mean_body(text: str) -> dict[str, Any]:
    """Phrase suggesters on the syllable fields (exact and folded), for a query with no hits."""
    text = text[:300]

    def phrase(field_name: str) -> dict[str, Any]:
        return {
            "text": text,
            "phrase": {
                "field": field_name,
                "size": 1,
                "max_errors": 2,
                "confidence": 0.0,
                "direct_generator": [{"field": field_name, "suggest_mode": "always", "min_word_length": 2}],
                "highlight": {"pre_tag": "", "post_tag": ""},
            },
        }

    return {
        "size": 0,
        "suggest": {"exact": phrase("syllables"), "folded": phrase("syllables.folded")},
    }

"""Run a parsed search on OpenSearch or, when it is unavailable, on the database.

``search(request)`` is the one entry point of the page and the API. Both backends return the
same ``SearchResult``; ``backend`` says which one answered. The database path is a degraded
mode: diacritics-insensitive matching with regular expressions (character classes for every
accented form, so it works on PostgreSQL without the ``unaccent`` extension and on SQLite),
over a bounded candidate set, ranked in Python.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Final

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from portal.models import Agency, Field
from regulations.models import (
    DocumentType,
    LegalDocumentPage,
    LegalStatus,
    Provision,
    ProvisionKind,
)
from search import health
from search.client import SearchUnavailable, alias, get_client, unavailable
from search.nlp.normalize import fold_diacritics, fold_for_matching
from search.query import (
    FACET_FIELDS,
    CitationTarget,
    Filters,
    ParsedQuery,
    SearchRequest,
    Vocabulary,
    clean_text,
    did_you_mean_body,
    main_body,
    pin_bodies,
    suggest_body,
)

logger = logging.getLogger(__name__)

OPENSEARCH: Final = "opensearch"
DATABASE: Final = "database"
SUGGEST_SIZE: Final = 8


@dataclass
class Hit:
    type: str  # "article" or "document"
    id: int
    external_id: str | None
    document_number: str
    article_number: str | None
    title: str
    url: str
    score: float | None  # None for a citation pinned at rank 1
    highlight: str  # HTML: the text is escaped, only <mark> tags are markup
    document_title: str = ""
    legal_status: str = ""
    agency_name: str = ""
    year: int | None = None
    pinned: bool = False

    @property
    def legal_status_label(self) -> str:
        return _label(LegalStatus, self.legal_status)


@dataclass
class FacetValue:
    value: str
    count: int
    label: str = ""
    selected: bool = False


@dataclass
class SearchResult:
    count: int
    backend: str
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    did_you_mean: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Suggestion:
    text: str
    url: str


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def search(request: SearchRequest) -> SearchResult:
    """OpenSearch when it is up, else the database. An empty query has no results."""
    if request.query.is_empty or not (request.query.is_searchable or request.query.phrases):
        return SearchResult(
            count=0,
            backend=OPENSEARCH if health.is_available() else DATABASE,
            warnings=request.warnings,
            facets=_empty_facets(),
        )
    if health.is_available():
        try:
            return opensearch_search(request)
        except SearchUnavailable as exc:
            _note_failure(exc)
            logger.warning("search falls back to the database: %s", exc)
    return database_search(request)


def _note_failure(exc: SearchUnavailable) -> None:
    """A server that did not answer (or failed) is skipped for the next few seconds; an error
    about one request (4xx) says nothing about the server."""
    if exc.status is None or exc.status >= 500:
        health.mark_unavailable(str(exc))


def suggest(prefix: str) -> tuple[list[Suggestion], str]:
    """Completion suggestions for a prefix, and the backend that gave them."""
    prefix = clean_text(prefix)[0][:100]
    if not prefix:
        return [], OPENSEARCH
    if health.is_available():
        try:
            return opensearch_suggest(prefix), OPENSEARCH
        except SearchUnavailable as exc:
            _note_failure(exc)
            logger.warning("suggestions fall back to the database: %s", exc)
    return database_suggest(prefix), DATABASE


# --------------------------------------------------------------------------------------------
# Facet labels (shared by both backends)
# --------------------------------------------------------------------------------------------


def _empty_facets() -> dict[str, list[FacetValue]]:
    return {name: [] for name in FACET_FIELDS}


def _selected(filters: Filters, name: str) -> set[str]:
    if name == "year":
        return set()
    return set(getattr(filters, name))


def label_facets(counts: dict[str, list[tuple[str, int]]], filters: Filters) -> dict[str, list[FacetValue]]:
    """Attach display names to facet values: 2 queries (agencies, fields) whatever the counts."""
    agency_names = dict(
        Agency.objects.filter(slug__in=[v for v, _ in counts.get("agency", [])]).values_list("slug", "name")
    )
    field_names = dict(
        Field.objects.filter(slug__in=[v for v, _ in counts.get("field", [])]).values_list("slug", "name")
    )
    labels: dict[str, Callable[[str], str]] = {
        "agency": lambda v: agency_names.get(v, v),
        "field": lambda v: field_names.get(v, v),
        "doc_type": lambda v: _label(DocumentType, v),
        "status": lambda v: _label(LegalStatus, v),
        "year": str,
    }
    facets = _empty_facets()
    for name, values in counts.items():
        selected = _selected(filters, name)
        facets[name] = [
            FacetValue(str(value), count, labels[name](str(value)), str(value) in selected) for value, count in values
        ]
    return facets


# --------------------------------------------------------------------------------------------
# OpenSearch
# --------------------------------------------------------------------------------------------


def _index(kind: str) -> str:
    return alias("documents" if kind == "document" else "articles")


def _msearch(searches: list[tuple[str, dict[str, Any]]], action: str) -> list[dict[str, Any]]:
    """Several searches in one round trip; an error in any of them raises SearchUnavailable."""
    lines: list[dict[str, Any]] = []
    for index, body in searches:
        lines.extend([{"index": index}, body])
    with unavailable(action):
        response = get_client().msearch(body=lines)
    answers: list[dict[str, Any]] = response.get("responses", [])
    if len(answers) != len(searches):
        raise SearchUnavailable(f"{action}: OpenSearch answered {len(answers)} of {len(searches)} searches")
    for answer in answers:
        if "error" in answer:
            error = answer["error"]
            reason = error.get("reason", error) if isinstance(error, dict) else error
            raise SearchUnavailable(
                f"{action}: OpenSearch answered {answer.get('status')}: {reason}",
                status=answer.get("status"),
            )
    return answers


def _hit_from_source(kind: str, raw: dict[str, Any], terms: list[str], pinned: bool) -> Hit:
    src = raw.get("_source", {})
    highlight = highlight_text(src.get("text") or "", terms)
    if kind == "document":
        title = src.get("title") or src.get("document_title") or src.get("document_number") or ""
        return Hit(
            type="document",
            id=int(src.get("document_id") or str(raw["_id"]).lstrip("d")),
            external_id=src.get("external_id"),
            document_number=src.get("document_number") or "",
            article_number=None,
            title=title,
            url=src.get("url") or "",
            score=None if pinned else raw.get("_score"),
            highlight=highlight,
            document_title=title,
            legal_status=src.get("legal_status") or "",
            agency_name=src.get("agency_name") or "",
            year=src.get("year"),
            pinned=pinned,
        )
    citation = src.get("citation") or (f"Điều {src['article_number']}" if src.get("article_number") else "")
    heading = src.get("heading") or ""
    return Hit(
        type="article",
        id=int(src.get("provision_id") or str(raw["_id"]).lstrip("a")),
        external_id=src.get("external_id"),
        document_number=src.get("document_number") or "",
        article_number=src.get("article_number"),
        title=f"{citation}. {heading}" if citation and heading else (citation or heading),
        url=src.get("url") or "",
        score=None if pinned else raw.get("_score"),
        highlight=highlight,
        document_title=src.get("document_title") or "",
        legal_status=src.get("legal_status") or "",
        agency_name=src.get("agency_name") or "",
        year=src.get("year"),
        pinned=pinned,
    )


def _total(answer: dict[str, Any]) -> int:
    total = answer.get("hits", {}).get("total", 0)
    return int(total.get("value", 0) if isinstance(total, dict) else total)


def opensearch_search(request: SearchRequest) -> SearchResult:
    """One _msearch: the pinned citation lookups and the ranked query with its facets."""
    terms = highlight_terms(request.query)
    pins = pin_bodies(request)
    k = len(pins)
    index = _index(request.kind)
    answers = _msearch([(index, body) for body in [*pins, main_body(request, extra=k)]], "search")
    pinned_hits: list[Hit] = []
    seen: set[int] = set()
    for answer in answers[:k]:
        for raw in answer.get("hits", {}).get("hits", [])[:1]:
            hit = _hit_from_source(request.kind, raw, terms, pinned=True)
            if hit.id not in seen:
                seen.add(hit.id)
                pinned_hits.append(hit)
    main = answers[k]
    main_hits = [
        _hit_from_source(request.kind, raw, terms, pinned=False) for raw in main.get("hits", {}).get("hits", [])
    ]
    main_hits = [h for h in main_hits if h.id not in seen]
    # The combined list is pins + main; main was fetched from max(0, offset - k).
    m = len(pinned_hits)
    main_from = max(0, request.offset - k)
    page: list[Hit] = []
    for i in range(request.offset, request.offset + request.size):
        if i < m:
            page.append(pinned_hits[i])
            continue
        local = i - m - main_from
        if 0 <= local < len(main_hits):
            page.append(main_hits[local])
    counts = {
        name: [(b["key"], b["doc_count"]) for b in agg.get("values", {}).get("buckets", [])]
        for name, agg in main.get("aggregations", {}).items()
    }
    result = SearchResult(
        count=_total(main) + m,
        backend=OPENSEARCH,
        hits=page,
        facets=label_facets(counts, request.filters),
        warnings=request.warnings,
    )
    if result.count == 0 and request.query.is_searchable:
        result.did_you_mean = _did_you_mean(request)
    return result


def _did_you_mean(request: SearchRequest) -> str | None:
    """A corrected query, with diacritics where the index has them.

    The phrase suggester on the folded syllables corrects typos whatever the diacritics; the one
    on the exact syllables restores diacritics but keeps what it cannot fix. When they disagree,
    the folded correction is asked once more of the exact suggester ("hangg namm" → "hang nam"
    → "hằng năm")."""
    index = _index(request.kind)
    try:
        (answer,) = _msearch([(index, did_you_mean_body(request.query.syllables))], "did you mean")
        exact, folded = _suggested(answer, "exact"), _suggested(answer, "folded")
        if exact and folded and fold_diacritics(exact) != folded:
            (again,) = _msearch([(index, did_you_mean_body(folded))], "did you mean")
            exact = _suggested(again, "exact")
    except SearchUnavailable as exc:
        logger.info("no 'did you mean': %s", exc)
        return None
    asked = request.query.syllables.lower()
    for candidate in (exact, folded):
        if candidate and fold_diacritics(candidate) == folded and candidate != asked:
            return candidate
    return folded if folded and folded != fold_diacritics(asked) else None


def _suggested(answer: dict[str, Any], name: str) -> str | None:
    for entry in answer.get("suggest", {}).get(name, []):
        for option in entry.get("options", []):
            if option.get("text"):
                return str(option["text"])
    return None


def opensearch_suggest(prefix: str) -> list[Suggestion]:
    """Document titles and numbers first, then article headings; one round trip."""
    body = suggest_body(prefix, SUGGEST_SIZE)
    answers = _msearch([(_index("document"), body), (_index("article"), body)], "suggest")
    seen: set[str] = set()
    found: list[Suggestion] = []
    for answer in answers:
        for entry in answer.get("suggest", {}).get("exact", []):
            for option in entry.get("options", []):
                text = option.get("text", "")
                if text and text.lower() not in seen:
                    seen.add(text.lower())
                    found.append(Suggestion(text=text, url=option.get("_source", {}).get("url", "")))
    return found[:SUGGEST_SIZE]


# --------------------------------------------------------------------------------------------
# Database fallback
# --------------------------------------------------------------------------------------------

# Candidate rows read from the database for one query, and terms matched per row.
MAX_CANDIDATES: Final = 1000
MAX_TERMS: Final = 8
MAX_PHRASE_WORDS: Final = 8
MAX_SYLLABLE: Final = 24
# Frequent function words: they match nearly every article and only slow the regexes down.
STOPWORDS: Final = frozenset(
    "và của là có được các những thì gì nào không cho với trong khi này đó theo về một như để "
    "do bị từ tại hoặc nếu mà thế ra sao bao nhiêu ai đâu".split()
)
_LETTERS: Final = "0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_BOUNDARY: Final = f"[^{_LETTERS}]"
_WORD_RE: Final = re.compile(r"[^\W_]+")


def _variant_table() -> dict[str, str]:
    """For each ASCII letter, every Latin letter (both cases) that folds to it: 'd' → 'dDđĐ'."""
    table: dict[str, set[str]] = {}
    for cp in [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(cp)
        base = fold_diacritics(ch).lower()
        if len(base) == 1 and "a" <= base <= "z":
            table.setdefault(base, set()).add(ch)
    return {base: "".join(sorted(chars)) for base, chars in table.items()}


_VARIANTS: Final = _variant_table()


def term_pattern(term: str) -> str:
    """A regular expression (valid in Python and PostgreSQL) matching ``term`` as a whole word,
    with or without diacritics, in any case. Words of a phrase are separated by non-letters."""
    parts = []
    for word in _WORD_RE.findall(term):
        core = "".join(
            f"[{_VARIANTS[c]}]" if c in _VARIANTS else (c if c.isdigit() else "") for c in fold_diacritics(word).lower()
        )
        if core:
            parts.append(core)
    return f"(^|{_BOUNDARY})" + f"{_BOUNDARY}+".join(parts) + f"($|{_BOUNDARY})"


def _python_pattern(term: str) -> re.Pattern[str]:
    """The same match as ``term_pattern`` for Python, with look-arounds: adjacent matches are
    all found and the match covers the word only."""
    core = term_pattern(term)[len(f"(^|{_BOUNDARY})") : -len(f"($|{_BOUNDARY})")]
    return re.compile(f"(?<![{_LETTERS}]){core}(?![{_LETTERS}])")


def _query_terms(query: ParsedQuery) -> list[str]:
    """Phrases first, then segmented words (multi-syllable ones first), without stopwords.

    Bounded: at most MAX_TERMS terms, phrases cut to MAX_PHRASE_WORDS words, and no "word"
    longer than MAX_SYLLABLE characters (no Vietnamese syllable or code is), so the regular
    expressions stay small whatever was typed."""
    terms: list[str] = [" ".join(_WORD_RE.findall(p)[:MAX_PHRASE_WORDS]) for p in query.phrases]
    terms = [t for t in terms if t and all(len(w) <= MAX_SYLLABLE for w in t.split())]
    words = [w.replace("_", " ") for w in (query.words or query.syllables).split()]
    words = [
        w
        for w in words
        if _WORD_RE.search(w)
        and w.lower() not in STOPWORDS
        and all(len(part) <= MAX_SYLLABLE for part in _WORD_RE.findall(w))
    ]
    words.sort(key=lambda w: -len(w.split()))
    for word in words:
        if word.lower() not in (t.lower() for t in terms):
            terms.append(word)
    return terms[:MAX_TERMS]


def _folded_words(text: str) -> str:
    return " " + " ".join(_WORD_RE.findall(fold_for_matching(text))) + " "


def _exact_words(text: str) -> str:
    return " " + " ".join(_WORD_RE.findall(text.lower())) + " "


def _document_filter(filters: Filters, prefix: str = "") -> Q:
    q = Q()
    if filters.agency:
        q &= Q(**{f"{prefix}issuing_agency__slug__in": filters.agency})
    if filters.field:
        q &= Q(**{f"{prefix}fields__slug__in": filters.field})
    if filters.doc_type:
        q &= Q(**{f"{prefix}doc_type__in": filters.doc_type})
    if filters.status:
        q &= Q(**{f"{prefix}legal_status__in": filters.status})
    if filters.year_from is not None:
        q &= Q(**{f"{prefix}issued_year__gte": filters.year_from})
    if filters.year_to is not None:
        q &= Q(**{f"{prefix}issued_year__lte": filters.year_to})
    return q


def _live_documents() -> QuerySet[LegalDocumentPage]:
    return LegalDocumentPage.objects.live().public()


def _matches(term: str, text_fields: Iterable[str]) -> Q:
    pattern = term_pattern(term)
    q = Q()
    for name in text_fields:
        q |= Q(**{f"{name}__regex": pattern})
    return q


def _match_score(terms: list[str], text_fields: list[str]) -> Any:
    whens = [
        Case(
            When(_matches(t, text_fields), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        for t in terms
    ]
    total = whens[0]
    for expr in whens[1:]:
        total = total + expr
    return total


def _rank(texts: dict[int, str], headings: dict[int, str], terms: list[str]) -> dict[int, float]:
    """Score per unit: each term found counts 1, +0.5 with exact diacritics, +0.5 in the heading."""
    folded_terms = [" " + " ".join(_WORD_RE.findall(fold_for_matching(t))) + " " for t in terms]
    exact_terms = [" " + " ".join(_WORD_RE.findall(t.lower())) + " " for t in terms]
    scores: dict[int, float] = {}
    for unit, text in texts.items():
        folded, exact = _folded_words(text), _exact_words(text)
        heading = _folded_words(headings.get(unit, ""))
        score = 0.0
        for f, e in zip(folded_terms, exact_terms, strict=True):
            if f in folded:
                score += 1.0
                if e in exact:
                    score += 0.5
                if f in heading:
                    score += 0.5
        if score:
            scores[unit] = score
    return scores


def highlight_terms(query: ParsedQuery) -> list[str]:
    """What to mark: quoted phrases and the query's words, without function words."""
    words = list(dict.fromkeys(w.lower() for w in _WORD_RE.findall(query.syllables)))
    words = [w for w in words if len(w) <= MAX_SYLLABLE]
    content = [w for w in words if w not in STOPWORDS]
    phrases = [" ".join(_WORD_RE.findall(p)[:MAX_PHRASE_WORDS]) for p in query.phrases]
    return [*(p for p in phrases if p), *(content or words)][:40]


def highlight_text(text: str, terms: list[str], size: int = 240) -> str:
    """An HTML excerpt of ``text``: the window of about ``size`` characters holding the most
    distinct query terms, every match wrapped in <mark>, everything else escaped.

    The patterns accept every accented form of each letter, so the marks cover the original
    characters, diacritics included, whether or not the query had them."""
    if not text:
        return ""
    spans: list[tuple[int, int, int]] = []
    for n, term in enumerate(terms):
        spans.extend((*m.span(), n) for m in _python_pattern(term).finditer(text))
        if len(spans) > 400:
            break
    spans.sort()
    best_start, best_terms = 0, 0
    for i, (start, _end, _n) in enumerate(spans[:200]):
        covered = {n for s, _e, n in spans[i:] if s < start + size - 40}
        if len(covered) > best_terms:
            best_start, best_terms = start, len(covered)
    begin = max(0, best_start - size // 4) if spans else 0
    if begin:
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < best_start else begin
    end = min(len(text), begin + size)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin + size // 2 else end
    merged: list[tuple[int, int]] = []
    for start, stop, _n in spans:
        if stop <= begin or start >= end:
            continue
        start, stop = max(start, begin), min(stop, end)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(stop, merged[-1][1]))
        else:
            merged.append((start, stop))
    out: list[str] = []
    cursor = begin
    for start, stop in merged:
        out.append(html.escape(text[cursor:start]))
        out.append(f"<mark>{html.escape(text[start:stop])}</mark>")
        cursor = stop
    out.append(html.escape(text[cursor:end]))
    excerpt = " ".join("".join(out).split())
    return ("… " if begin else "") + excerpt + (" …" if end < len(text) else "")


def _article_units(provision_ids: set[int]) -> dict[int, int]:
    """Map matching provisions to the unit that is indexed: their article, or for documents
    without articles their top-level unit. A few queries, one per level of nesting."""
    info: dict[int, tuple[int | None, str]] = {
        pk: (parent, kind)
        for pk, parent, kind in Provision.objects.filter(pk__in=provision_ids).values_list("pk", "parent_id", "kind")
    }
    pending = {p for p, _ in info.values() if p is not None and p not in info}
    for _ in range(8):
        if not pending:
            break
        for pk, parent, kind in Provision.objects.filter(pk__in=pending).values_list("pk", "parent_id", "kind"):
            info[pk] = (parent, kind)
        pending = {p for p, _ in info.values() if p is not None and p not in info}
    units: dict[int, int] = {}
    for pk in provision_ids:
        node, top = pk, pk
        unit = None
        for _ in range(16):
            parent, kind = info.get(node, (None, ""))
            if kind == str(ProvisionKind.ARTICLE):
                unit = node
                break
            top = node
            if parent is None:
                break
            node = parent
        if unit is None:
            parent, kind = info.get(top, (None, ""))
            if kind in (str(ProvisionKind.CHAPTER), str(ProvisionKind.SECTION)):
                continue
            unit = top
        units[pk] = unit
    return units


def _full_texts(unit_ids: list[int]) -> dict[int, str]:
    """Heading + text of each unit with all its descendants, in reading order."""
    rows: dict[int, tuple[int | None, str, str, str, int, str]] = {}
    frontier = set(unit_ids)
    for pk, parent, heading, text, position, kind, label in Provision.objects.filter(pk__in=frontier).values_list(
        "pk", "parent_id", "heading", "text", "position", "kind", "label"
    ):
        rows[pk] = (parent, heading, text, kind, position, label)
    for _ in range(6):
        children = list(
            Provision.objects.filter(parent_id__in=frontier).values_list(
                "pk", "parent_id", "heading", "text", "position", "kind", "label"
            )
        )
        if not children:
            break
        frontier = set()
        for pk, parent, heading, text, position, kind, label in children:
            rows[pk] = (parent, heading, text, kind, position, label)
            frontier.add(pk)
    by_parent: dict[int, list[int]] = {}
    for pk, (parent, *_rest) in rows.items():
        if parent is not None:
            by_parent.setdefault(parent, []).append(pk)

    def render(pk: int, top: bool) -> str:
        _parent, heading, text, kind, _pos, label = rows[pk]
        marker = {"clause": f"{label}.", "point": f"{label})", "bullet": "-"}.get(kind, "")
        head = "\n".join(p for p in ([heading, text] if top else [f"{marker} {heading}".strip(), text]) if p)
        parts = [head] + [render(c, False) for c in sorted(by_parent.get(pk, []), key=lambda c: rows[c][4])]
        return "\n".join(p for p in parts if p)

    return {pk: render(pk, True) for pk in unit_ids if pk in rows}


def _cited_document(target: CitationTarget, documents: QuerySet[LegalDocumentPage]) -> LegalDocumentPage | None:
    """The live document a citation names, among ``documents`` (the filtered ones)."""
    found: LegalDocumentPage | None
    if target.is_complete_number:
        found = documents.filter(number_key__in=target.number_keys).first()
    else:
        q = Q()
        for key in target.number_keys:
            q |= Q(number_key__startswith=key.rstrip("/") + "/")
        found = documents.filter(q).order_by("-issued_year").first()
    return found


def database_search(request: SearchRequest) -> SearchResult:
    if request.kind == "document":
        return _database_documents(request)
    return _database_articles(request)


def _database_articles(request: SearchRequest) -> SearchResult:
    query, filters = request.query, request.filters
    terms = _query_terms(query)
    documents = _live_documents().filter(_document_filter(filters))
    document_ids = documents.values("pk")  # a subquery

    # Pinned: cited articles. A bare document number boosts its articles instead.
    pinned_units: list[int] = []
    cited_documents: set[int] = set()
    for target in query.citations:
        doc = _cited_document(target, documents)
        if doc is None:
            continue
        if not target.article:
            cited_documents.add(doc.pk)
            continue
        unit = (
            Provision.objects.filter(document=doc, kind=ProvisionKind.ARTICLE, label=target.article)
            .values_list("pk", flat=True)
            .first()
        )
        if unit is not None and unit not in pinned_units:
            pinned_units.append(unit)

    scores: dict[int, float] = {}
    texts: dict[int, str] = {}
    if terms:
        candidates = (
            Provision.objects.filter(document_id__in=document_ids)
            .exclude(kind__in=[ProvisionKind.CHAPTER, ProvisionKind.SECTION])
            .annotate(matched=_match_score(terms, ["text", "heading"]))
            .filter(matched__gt=0)
            .order_by("-matched", "document_id", "position")
            .values_list("pk", "matched")[:MAX_CANDIDATES]
        )
        matched = dict(candidates)
        units = _article_units(set(matched))
        unit_ids = sorted(set(units.values()))
        texts = _full_texts(unit_ids)
        headings = dict(Provision.objects.filter(pk__in=unit_ids).values_list("pk", "heading"))
        scores = _rank(texts, headings, terms)
        if query.phrases:
            required = [_python_pattern(p) for p in query.phrases]
            scores = {u: s for u, s in scores.items() if all(r.search(texts[u]) for r in required)}
    if cited_documents:
        for pk in Provision.objects.filter(document_id__in=cited_documents, kind=ProvisionKind.ARTICLE).values_list(
            "pk", flat=True
        )[:MAX_CANDIDATES]:
            scores[pk] = scores.get(pk, 0.0) + 5.0
    for pk in pinned_units:
        scores.pop(pk, None)

    unit_rows = {
        row["pk"]: row
        for row in Provision.objects.filter(pk__in=[*scores, *pinned_units]).values(
            "pk", "document_id", "position", "label", "heading", "citation", "anchor", "external_id"
        )
    }
    docs = {
        d.pk: d
        for d in LegalDocumentPage.objects.filter(pk__in={r["document_id"] for r in unit_rows.values()})
        .select_related("issuing_agency")
        .prefetch_related("fields")
    }
    if request.sort == "date":

        def date_key(u: int) -> tuple[Any, ...]:
            doc = docs[unit_rows[u]["document_id"]]
            return (
                doc.issued_date is None,
                -(doc.issued_date.toordinal() if doc.issued_date else 0),
                -scores[u],
                unit_rows[u]["position"],
            )

        ordered = sorted(scores, key=date_key)
    else:
        ordered = sorted(
            scores,
            key=lambda u: (-scores[u], unit_rows[u]["document_id"], unit_rows[u]["position"]),
        )
    combined = [*pinned_units, *ordered]
    page_units = combined[request.offset : request.offset + request.size]
    missing = [u for u in page_units if u not in texts]
    texts.update(_full_texts(missing))
    marks = highlight_terms(query)
    hits = []
    for unit in page_units:
        row = unit_rows[unit]
        doc = docs[row["document_id"]]
        citation = row["citation"] or (f"Điều {row['label']}" if row["label"] else "")
        heading = row["heading"] or ""
        hits.append(
            Hit(
                type="article",
                id=unit,
                external_id=row["external_id"],
                document_number=doc.number,
                article_number=row["label"],
                title=f"{citation}. {heading}" if citation and heading else (citation or heading),
                url=f"{doc.url}#{row['anchor']}",
                score=None if unit in pinned_units else round(scores[unit], 3),
                highlight=highlight_text(texts.get(unit, ""), marks),
                document_title=doc.title,
                legal_status=doc.legal_status,
                agency_name=doc.issuing_agency.name if doc.issuing_agency else "",
                year=doc.issued_year,
                pinned=unit in pinned_units,
            )
        )
    facet_units = [u for u in combined if u in unit_rows]
    counts = _count_facets([docs[unit_rows[u]["document_id"]] for u in facet_units])
    return SearchResult(
        count=len(combined),
        backend=DATABASE,
        hits=hits,
        facets=label_facets(counts, filters),
        warnings=request.warnings,
    )


def _count_facets(docs: list[LegalDocumentPage]) -> dict[str, list[tuple[str, int]]]:
    tallies: dict[str, dict[str, int]] = {name: {} for name in FACET_FIELDS}

    def add(name: str, value: Any) -> None:
        if value not in (None, ""):
            tallies[name][str(value)] = tallies[name].get(str(value), 0) + 1

    for doc in docs:
        add("agency", doc.issuing_agency.slug if doc.issuing_agency else None)
        for f in doc.fields.all():
            add("field", f.slug)
        add("doc_type", doc.doc_type)
        add("status", doc.legal_status)
        add("year", doc.issued_year)
    out = {}
    for name, values in tallies.items():
        if name == "year":
            out[name] = sorted(values.items(), key=lambda kv: kv[0], reverse=True)
        else:
            out[name] = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))
    return out


def _database_documents(request: SearchRequest) -> SearchResult:
    query, filters = request.query, request.filters
    terms = _query_terms(query)
    documents = _live_documents().filter(_document_filter(filters)).distinct()
    pinned_ids = list(dict.fromkeys(doc.pk for doc in (_cited_document(t, documents) for t in query.citations) if doc))
    scores: dict[int, float] = {}
    if terms:
        rows = (
            documents.exclude(pk__in=pinned_ids)
            .annotate(matched=_match_score(terms, ["title", "summary", "number"]))
            .filter(matched__gt=0)
            .order_by("-matched", "-issued_year")
            .values_list("pk", "title", "summary", "number")[:MAX_CANDIDATES]
        )
        texts = {pk: f"{title}\n{summary}\n{number}" for pk, title, summary, number in rows}
        titles = {pk: title for pk, title, _s, _n in rows}
        scores = _rank(texts, titles, terms)
        if query.phrases:
            required = [_python_pattern(p) for p in query.phrases]
            scores = {u: s for u, s in scores.items() if all(r.search(texts[u]) for r in required)}
    docs = {
        d.pk: d
        for d in LegalDocumentPage.objects.filter(pk__in=[*scores, *pinned_ids])
        .select_related("issuing_agency")
        .prefetch_related("fields")
    }
    if request.sort == "date":
        ordered = sorted(
            scores,
            key=lambda pk: (
                docs[pk].issued_date is None,
                -(docs[pk].issued_date.toordinal() if docs[pk].issued_date else 0),
                -scores[pk],
            ),
        )
    else:
        ordered = sorted(scores, key=lambda pk: (-scores[pk], -(docs[pk].issued_year or 0), pk))
    combined = [*pinned_ids, *ordered]
    marks = highlight_terms(query)
    hits = []
    for pk in combined[request.offset : request.offset + request.size]:
        doc = docs[pk]
        hits.append(
            Hit(
                type="document",
                id=pk,
                external_id=None,  # documents have no corpus id in the index either
                document_number=doc.number,
                article_number=None,
                title=doc.title,
                url=doc.url or "",
                score=None if pk in pinned_ids else round(scores[pk], 3),
                highlight=highlight_text(f"{doc.title}\n{doc.summary}", marks),
                document_title=doc.title,
                legal_status=doc.legal_status,
                agency_name=doc.issuing_agency.name if doc.issuing_agency else "",
                year=doc.issued_year,
                pinned=pk in pinned_ids,
            )
        )
    return SearchResult(
        count=len(combined),
        backend=DATABASE,
        hits=hits,
        facets=label_facets(_count_facets([docs[pk] for pk in combined]), filters),
        warnings=request.warnings,
    )


def database_suggest(prefix: str) -> list[Suggestion]:
    """Documents whose title or number starts a word with the prefix (diacritics ignored)."""
    words = _WORD_RE.findall(prefix)[:5]
    if not words:
        return []
    q = Q()
    for word in words:
        pattern = term_pattern(word)[: -len(f"($|{_BOUNDARY})")]  # a word prefix
        q &= Q(title__regex=pattern) | Q(number__regex=pattern)
    docs = _live_documents().filter(q).order_by("-issued_year", "title")[:SUGGEST_SIZE]
    return [Suggestion(text=d.title, url=d.url or "") for d in docs]


def vocabulary() -> Vocabulary:
    """The values the filters accept: agency and field slugs from the database (2 queries),
    document types and legal statuses from their choices."""
    return Vocabulary(
        agencies=frozenset(Agency.objects.values_list("slug", flat=True)),
        fields=frozenset(Field.objects.values_list("slug", flat=True)),
        doc_types=frozenset(DocumentType.values),
        statuses=frozenset(LegalStatus.values),
    )

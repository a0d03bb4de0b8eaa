"""Run a parsed search on OpenSearch or, when it is unavailable, on the database.

``search(request)`` is the one entry point of the page and the API. Both backends return the
same ``SearchResult``; ``backend`` says which one answered. The database path, a degraded mode,
is in ``search.fallback``; the matching and highlighting both share (marks on the original
text, whatever diacritics the query had) are here.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

from regulations.models import Agency, DocumentType, Field, LegalStatus
from search import health
from search.client import SearchUnavailable, alias, get_client, unavailable
from search.nlp.normalize import fold_diacritics
from search.query import (
    FACET_FIELDS,
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
    from search.fallback import database_search  # imports this module: not at the top

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
    from search.fallback import database_suggest  # imports this module: not at the top

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
        _note_failure(exc)
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
# Matching and highlighting, shared by both backends: every accented form of a letter, so marks
# cover the original characters whatever diacritics the query had
# --------------------------------------------------------------------------------------------

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


def vocabulary() -> Vocabulary:
    """The values the filters accept: agency and field slugs from the database (2 queries),
    document types and legal statuses from their choices."""
    return Vocabulary(
        agencies=frozenset(Agency.objects.values_list("slug", flat=True)),
        fields=frozenset(Field.objects.values_list("slug", flat=True)),
        doc_types=frozenset(DocumentType.values),
        statuses=frozenset(LegalStatus.values),
    )

"""Run a validated search on OpenSearch or, when it is unavailable, on the database.

``search(request)`` and ``suggest(prefix)`` are the entry points of the page and the API. Both
backends answer with the same ``SearchResult`` (search/results.py); ``backend`` says which one
answered: search/engine.py (OpenSearch) when search/health.py says it is up, else
search/fallback.py, and the fallback too when OpenSearch fails during the request.
"""

from __future__ import annotations

import logging

from regulations.legaltext import laws
from search import engine, fallback, health, kinds, semantic, statistics
from search.client import SearchUnavailable
from search.nlp.lexicon import Lexicon
from search.query import clean_text
from search.request import SearchRequest, Vocabulary
from search.results import DATABASE, OPENSEARCH, SearchResult, Suggestion, empty_facets

logger = logging.getLogger(__name__)


def search(request: SearchRequest) -> SearchResult:
    """OpenSearch when it is up, else the database. An empty query has no results."""
    if request.query.is_empty or not (request.query.is_searchable or request.query.phrases):
        return SearchResult(
            count=0,
            backend=OPENSEARCH if health.is_available() else DATABASE,
            warnings=request.warnings,
            facets=empty_facets(kinds.by_type(request.kind).facets),
        )
    result: SearchResult | None = None
    if health.is_available():
        try:
            result = engine.search(request)
            health.mark_available()
        except SearchUnavailable as exc:
            health.note_failure(exc)
            logger.warning("search falls back to the database: %s", exc)
    if result is None:
        result = fallback.database_search(request)
    for hit in result.hits:
        if hit.pinned and hit.document_number:
            # A jump that landed on a replaced law says so, and by what (regulations.legaltext.laws).
            hit.replaced_by = laws.replacement(hit.document_number)
    return result


def suggest(prefix: str) -> tuple[list[Suggestion], str]:
    """Completion suggestions for a prefix, and the backend that gave them."""
    prefix = clean_text(prefix)[0][:100]
    if not prefix:
        return [], OPENSEARCH
    if health.is_available():
        try:
            found = engine.suggest(prefix)
            health.mark_available()
            return found, OPENSEARCH
        except SearchUnavailable as exc:
            health.note_failure(exc)
            logger.warning("suggestions fall back to the database: %s", exc)
    return fallback.database_suggest(prefix), DATABASE


def vocabulary(*, prefetch: bool = False) -> Vocabulary:
    """The values the filters accept, asked of each facet when its parameter is used (agency
    and field slugs from the database, document types and statuses from their choices), and the
    lexicon of the indexed texts (search/statistics.py). With ``prefetch`` (the API and the
    page, which search right after parsing), a valid request starts its query's vector before
    its query is analysed (search/semantic.py), when OpenSearch is to answer it."""
    return Vocabulary(ask_facets=True, lexicon=statistics.lexicon(), prefetch=_prefetch if prefetch else None)


def _prefetch(raw: str, kind_type: str, sort: str, end: int, lexicon: Lexicon | None) -> None:
    """The query's vector is only of use to OpenSearch's ranking: the database fallback does
    not start it (``is_available`` is the answer ``search`` reads next, cached)."""
    if health.is_available():
        semantic.prefetch(raw, kind_type, sort, end, lexicon)

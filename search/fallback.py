"""The database fallback: search and suggestions when OpenSearch is unavailable.

A degraded mode, chosen by search/backends.py: each kind (search/kinds/) matches its own rows
(``database_matches``: diacritics-insensitive regular expressions, search/db_matching.py, over a
bounded candidate set, ranked in Python); this module orders them after the cited ones, cuts the
page, highlights it (search/highlight.py) and counts the facets, and answers with the same
``SearchResult`` as OpenSearch, ``backend="database"``.
"""

from __future__ import annotations

from search import kinds
from search.db_matching import query_terms
from search.highlight import WORD_RE, highlight_terms, highlight_text
from search.request import SearchRequest
from search.results import DATABASE, SUGGEST_SIZE, SearchResult, Suggestion, count_facets, label_facets


def database_search(request: SearchRequest) -> SearchResult:
    kind = kinds.by_type(request.kind)
    query = request.query
    found = kind.database_matches(query, request.filters, query_terms(query))
    scores, pinned = found.scores, found.pinned
    rows = kind.database_rows([*scores, *pinned])
    ordered = sorted(scores, key=lambda pk: kind.database_sort_key(pk, rows[pk], scores[pk], request.sort))
    combined = [*pinned, *ordered]
    page = combined[request.offset : request.offset + request.size]
    texts = kind.database_texts(page, rows, found)
    marks = highlight_terms(query)
    hits = []
    for pk in page:
        hit = kind.database_hit(pk, rows[pk])
        hit.pinned = pk in pinned
        hit.score = None if hit.pinned else round(scores[pk], 3)
        hit.highlight = highlight_text(texts.get(pk, ""), marks)
        hits.append(hit)
    counts = count_facets(kind.facets, [rows[pk] for pk in combined if pk in rows])
    return SearchResult(
        count=len(combined),
        backend=DATABASE,
        hits=hits,
        facets=label_facets(kind.facets, counts, request.filters),
        warnings=request.warnings,
    )


def database_suggest(prefix: str) -> list[Suggestion]:
    """Completions from the database (document titles and numbers starting with the words)."""
    words = WORD_RE.findall(prefix)[:5]
    if not words:
        return []
    found: list[Suggestion] = []
    for kind in kinds.suggesting():
        found.extend(kind.database_suggestions(words, SUGGEST_SIZE - len(found)))
        if len(found) >= SUGGEST_SIZE:
            break
    return found[:SUGGEST_SIZE]

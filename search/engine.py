"""The OpenSearch backend: send a request's bodies (search/bodies.py) to its kind's alias and
turn the answers into a ``SearchResult`` (search/results.py).

One ``_msearch`` round trip per search: the pinned citation lookups and the ranked query with
its facets. Any failure leaves as ``SearchUnavailable``; search/backends.py then asks the
database instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from regulations.legaltext.normalize import fold_diacritics
from search import health, kinds, semantic, statistics
from search.bodies import context_body, did_you_mean_body, main_body, pin_bodies, suggest_body
from search.client import SearchUnavailable, get_client, search_timeout, unavailable
from search.highlight import highlight_terms, highlight_text
from search.kinds.base import SearchKind
from search.nlp.lexicon import LexiconBuilder
from search.query import parse_query
from search.request import SearchRequest
from search.results import (
    OPENSEARCH,
    SUGGEST_SIZE,
    Hit,
    SearchResult,
    Suggestion,
    label_facets,
    page_with_pins,
)

logger = logging.getLogger(__name__)


def msearch(searches: list[tuple[str, dict[str, Any]]], action: str) -> list[dict[str, Any]]:
    """Several searches in one round trip, waiting at most `search_timeout()` seconds; an error
    in any of them raises SearchUnavailable."""
    lines: list[dict[str, Any]] = []
    for index, body in searches:
        lines.extend([{"index": index}, body])
    with unavailable(action):
        response = get_client().msearch(body=lines, request_timeout=search_timeout())
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


def _hit(
    kind: SearchKind, raw: dict[str, Any], terms: list[str], pinned: bool, highlights: dict[str, str] | None = None
) -> Hit:
    source = raw.get("_source", {})
    hit = kind.hit(source, str(raw["_id"]))
    hit.score = None if pinned else raw.get("_score")
    known = highlights.get(raw["_id"]) if highlights else None
    hit.highlight = known if known is not None else highlight_text(source.get("text") or "", terms)
    hit.pinned = pinned
    return hit


def _highlight_while_waiting(
    hits: list[dict[str, Any]], terms: list[str], highlights: dict[str, str]
) -> Callable[[semantic.Plan], None]:
    """Excerpts of the lexical page (``hits``), one by one until the query's vector is ready:
    most of them stay on the re-ranked page, whose excerpts are then mostly made already."""

    def run(plan: semantic.Plan) -> None:
        for raw in hits:
            if plan.vector.done():
                return
            highlights[raw["_id"]] = highlight_text(raw.get("_source", {}).get("text") or "", terms)

    return run


def _total(answer: dict[str, Any]) -> int:
    total = answer.get("hits", {}).get("total", 0)
    return int(total.get("value", 0) if isinstance(total, dict) else total)


# A query typed without diacritics is restored once more with the n-grams of its first this
# many answers (search/nlp/accents.py: ``context``); docs/benchmarks.md.
CONTEXT_HITS = 10


def restored_in_context(request: SearchRequest, alias: str) -> SearchRequest:
    """For a query typed without diacritics: the request with its reading restored again, the
    texts of its first ``CONTEXT_HITS`` answers counted with the lexicon (one more round trip,
    for such queries only)."""
    lexicon = statistics.lexicon()
    if request.query.restored is None or lexicon is None:
        return request
    (answer,) = msearch([(alias, context_body(request, CONTEXT_HITS))], "restoration context")
    builder = LexiconBuilder()
    builder.add_all(h.get("_source", {}).get("text") or "" for h in answer.get("hits", {}).get("hits", []))
    if not builder.documents:
        return request
    query = parse_query(request.query.text, lexicon, context=builder.build(prune=False))
    return replace(request, query=query)


def search(request: SearchRequest) -> SearchResult:
    """The pinned citation lookups and the ranked query with its facets in one _msearch (after
    a first one for the restoration's context when the query was typed without diacritics)."""
    kind = kinds.by_type(request.kind)
    request = restored_in_context(request, kind.alias)
    terms = highlight_terms(request.query)
    pins = pin_bodies(request)
    k = len(pins)
    # Re-ranked by vectors (search/semantic.py): the query is embedded while OpenSearch answers.
    plan = semantic.plan(request)
    depth = plan.depth if plan is not None else 0
    answers = msearch(
        [(kind.alias, body) for body in [*pins, main_body(request, extra=k, rerank_depth=depth)]], "search"
    )
    pinned: list[Hit] = []
    for answer in answers[:k]:
        for raw in answer.get("hits", {}).get("hits", [])[:1]:
            hit = _hit(kind, raw, terms, pinned=True)
            if hit.id not in {p.id for p in pinned}:
                pinned.append(hit)
    main = answers[k]
    raw_hits = main.get("hits", {}).get("hits", [])
    # The combined list is pins + ranked; ranked was fetched from max(0, offset - k) (from 0
    # when re-ranked); only the hits of the page are turned into results.
    main_from = 0 if plan is not None else max(0, request.offset - k)
    first = max(0, request.offset - k - main_from)
    highlights: dict[str, str] = {}
    if plan is not None:
        lexical_page = raw_hits[first : first + request.size + k]
        raw_hits = semantic.rerank(plan, raw_hits, meanwhile=_highlight_while_waiting(lexical_page, terms, highlights))
    ranked = [
        _hit(kind, raw, terms, pinned=False, highlights=highlights)
        for raw in raw_hits[first : first + request.size + k]
    ]
    main_from += first
    page = page_with_pins(pinned, ranked, offset=request.offset, size=request.size, main_from=main_from)
    counts = {
        name: [(b["key"], b["doc_count"]) for b in agg.get("values", {}).get("buckets", [])]
        for name, agg in main.get("aggregations", {}).items()
    }
    result = SearchResult(
        count=_total(main) + len(pinned),
        backend=OPENSEARCH,
        hits=page,
        facets=label_facets(kind.facets, counts, request.filters),
        warnings=request.warnings,
    )
    if request.query.restored is not None:
        # Typed without diacritics: the reading with accents that was searched too.
        result.did_you_mean = request.query.restored.text
    elif result.count == 0 and request.query.is_searchable:
        result.did_you_mean = did_you_mean(request)
    return result


def did_you_mean(request: SearchRequest) -> str | None:
    """A corrected query, with diacritics where the index has them.

    The phrase suggester on the folded syllables corrects typos whatever the diacritics; the one
    on the exact syllables restores diacritics but keeps what it cannot fix. When they disagree,
    the folded correction is asked once more of the exact suggester ("hangg namm" → "hang nam"
    → "hằng năm")."""
    index = kinds.by_type(request.kind).alias
    try:
        (answer,) = msearch([(index, did_you_mean_body(request.query.syllables))], "did you mean")
        exact, folded = _suggested(answer, "exact"), _suggested(answer, "folded")
        if exact and folded and fold_diacritics(exact) != folded:
            (again,) = msearch([(index, did_you_mean_body(folded))], "did you mean")
            exact = _suggested(again, "exact")
    except SearchUnavailable as exc:
        health.note_failure(exc)
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


def suggest(prefix: str) -> list[Suggestion]:
    """Completions from every kind that offers them (document titles and numbers first, then
    article headings), in one round trip."""
    body = suggest_body(prefix, SUGGEST_SIZE)
    answers = msearch([(kind.alias, body) for kind in kinds.suggesting()], "suggest")
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

"""The database fallback: search and suggestions when OpenSearch is unavailable.

A degraded mode, called by ``search.backends`` (which chooses the backend and owns the result
types): diacritics-insensitive matching with regular expressions (character classes for every
accented form, ``backends.term_pattern``, so it works on PostgreSQL without the ``unaccent``
extension and on SQLite), over a bounded candidate set, ranked in Python. It answers with the
same ``SearchResult`` as OpenSearch, ``backend="database"``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from regulations.models import LegalDocumentPage, Provision, ProvisionKind
from search.backends import (
    _BOUNDARY,
    _WORD_RE,
    DATABASE,
    MAX_PHRASE_WORDS,
    MAX_SYLLABLE,
    STOPWORDS,
    SUGGEST_SIZE,
    Hit,
    SearchResult,
    Suggestion,
    _python_pattern,
    highlight_terms,
    highlight_text,
    label_facets,
    term_pattern,
)
from search.nlp.normalize import fold_for_matching
from search.query import FACET_FIELDS, CitationTarget, Filters, ParsedQuery, SearchRequest

# Candidate rows read from the database for one query, and terms matched per row.
MAX_CANDIDATES: Final = 1000
MAX_TERMS: Final = 8


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
            Provision.objects.current()
            .filter(document=doc, kind=ProvisionKind.ARTICLE, label=target.article)
            .values_list("pk", flat=True)
            .first()
        )
        if unit is not None and unit not in pinned_units:
            pinned_units.append(unit)

    scores: dict[int, float] = {}
    texts: dict[int, str] = {}
    if terms:
        candidates = (
            Provision.objects.current()
            .filter(document_id__in=document_ids)
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
        for pk in (
            Provision.objects.current()
            .filter(document_id__in=cited_documents, kind=ProvisionKind.ARTICLE)
            .values_list("pk", flat=True)[:MAX_CANDIDATES]
        ):
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

"""What a searchable kind declares: subclass ``SearchKind`` in one module of search/kinds/.

A kind is one index behind one alias, and everything about it:

* its name (the alias `{SEARCH_INDEX_PREFIX}-{name}`, outbox rows, `search_reindex --kind`) and
  its type (the API's and the page's `type=`, each hit's `type`);
* its mapping: its own fields (`properties()`) plus the text fields every kind has
  (search/search_index.py), and a `schema_version` to bump when they change;
* its entry builder (`builder`): objects -> entries, in a fixed number of queries; kinds that
  read the same objects share one builder, so the objects are read and analysed once;
* which content changes put its objects in the queue (`triggers()`, search/triggers.py);
* how it ranks (`fields`, `answers_questions`, `pin_condition`, `citation_clauses`), how an
  entry becomes a ``Hit`` (`hit`), its facets (search/facets.py);
* its database fallback: the queryset and matching (`database_*`).

The defaults serve a kind with one entry per object and no citations; the legal-document kinds
(articles.py, documents.py) override what they do differently.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet

from search.client import alias
from search.db_matching import MAX_CANDIDATES, match_score, rank, with_phrases
from search.entries import Prepared, enrich
from search.facets import AnyFacet, Filters, database_filter
from search.query import CitationTarget, ParsedQuery
from search.ranking import FieldSet, cites
from search.results import Hit, Suggestion
from search.search_index import KEYWORD, MAPPING_VERSION, NOT_INDEXED, build_mapping
from search.triggers import Trigger

# ---- entry builders --------------------------------------------------------------------------


class EntryBuilder:
    """Reads objects and prepares the entries of the kinds that share it, in two steps around the
    NLP (search/entries.py, run in worker processes during a rebuild):

    * `prepare(ids)` reads the database in a fixed number of queries whatever the number of
      objects, and returns each indexable object's entries by kind name (plain data, no NLP);
      an object it leaves out is not indexable (gone, unpublished, private): its entries go;
    * `finish(prepared)` runs after the NLP, in this process, for what combines entries.
    """

    name = ""

    def object_ids(self) -> list[int]:
        """Every indexable object, in a stable order (what a rebuild reads)."""
        raise NotImplementedError

    def prepare(self, ids: Collection[int]) -> dict[int, Prepared]:
        raise NotImplementedError

    def finish(self, prepared: Prepared) -> None:
        """Combine an object's analysed entries (nothing by default)."""

    def build(self, ids: Collection[int]) -> dict[int, Prepared]:
        """All three steps in this process: the entries as they are indexed, by object."""
        built = self.prepare(ids)
        for prepared in built.values():
            enrich(prepared)
            self.finish(prepared)
        return built


class ModelEntryBuilder(EntryBuilder):
    """One entry per object of a queryset, for one kind (the simple case)."""

    def __init__(self, kind: str, queryset: Callable[[], QuerySet[Any]], entry: Callable[[Any], dict[str, Any]]):
        self.name = kind
        self.kind = kind
        self.queryset = queryset
        self.entry = entry

    def object_ids(self) -> list[int]:
        return list(self.queryset().order_by("pk").values_list("pk", flat=True))

    def prepare(self, ids: Collection[int]) -> dict[int, Prepared]:
        objects = self.queryset().filter(pk__in=list(ids)).order_by("pk")
        return {obj.pk: {self.kind: [self.entry(obj)]} for obj in objects}


# ---- the database fallback's answer ----------------------------------------------------------


@dataclass
class Matches:
    """What a kind's database matching found: object ids pinned first (cited), ranked ones with
    their scores (pinned ones left out), and texts already read for highlighting."""

    pinned: list[int] = field(default_factory=list)
    scores: dict[int, float] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)


# ---- the kind --------------------------------------------------------------------------------


class SearchKind:
    name: str = ""
    type: str = ""
    label: Any = ""  # the page's choice of what to search in (lazy translation)
    schema_version = 1
    builder: EntryBuilder
    fields: FieldSet
    owner_field = ""  # the entry field holding the id of the object it belongs to
    id_prefix = ""  # an entry's _id: this prefix and its `fields.id_field`
    facets: tuple[AnyFacet, ...] = ()
    answers_questions = False  # definition and scope questions boost (search/ranking.py)
    suggestions: int | None = None  # place among the kinds offering completions (None: none)
    source_fields: tuple[str, ...] = ()  # returned with each hit; `text` is the highlight's source
    # Sorts beyond relevance and date (`sort=`), each with its label and its OpenSearch clauses.
    extra_sorts: dict[str, tuple[Any, list[dict[str, Any]]]] = {}
    database_fields: tuple[str, ...] = ()  # matched by the default fallback; the first is the heading

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"

    # ---- the index ---------------------------------------------------------------------------

    @property
    def alias(self) -> str:
        return alias(self.name)

    @property
    def mapping_version(self) -> int:
        """Part of each concrete index's name: a rebuild is due when it changes."""
        return MAPPING_VERSION + 1000 * (self.schema_version - 1)

    def properties(self) -> dict[str, Any]:
        """The kind's own fields (the shared text fields are added by `mapping`)."""
        raise NotImplementedError

    def mapping(self) -> dict[str, Any]:
        properties = self.properties()
        if self.embeds:
            # One vector per chunk (search/vectors/codec.py), returned with the hits for
            # re-ranking, never searched; and the model that made them (missing = another).
            properties = {**properties, "vectors": NOT_INDEXED, "embedded": KEYWORD}
        return build_mapping(properties)

    def entries(self, prepared: Prepared) -> list[dict[str, Any]]:
        return prepared.get(self.name, [])

    def entry_id(self, entry: dict[str, Any]) -> str:
        return f"{self.id_prefix}{entry[self.fields.id_field]}"

    @property
    def one_entry_per_object(self) -> bool:
        """True when an entry's id is its object's id: stale entries need no lookup."""
        return self.fields.id_field == self.owner_field

    def object_entry_id(self, object_id: int) -> str:
        return f"{self.id_prefix}{object_id}"

    # ---- what enqueues it --------------------------------------------------------------------

    def triggers(self) -> list[Trigger]:
        """The content changes that enqueue this kind's objects (search/triggers.py)."""
        return []

    @functools.cached_property
    def declared_triggers(self) -> tuple[Trigger, ...]:
        """`triggers()`, asked once (search/signals.py reads it on every save)."""
        return tuple(self.triggers())

    # ---- ranking -----------------------------------------------------------------------------

    def pin_condition(self, target: CitationTarget) -> dict[str, Any] | None:
        """The filter that finds the one entry a citation in the query names (pinned at rank 1),
        or None when the citation names no entry of this kind."""
        return None

    def citation_clauses(self, target: CitationTarget) -> list[dict[str, Any]]:
        """What a citation in the query adds to the relevance query."""
        return [cites(target)]

    # ---- sorting -----------------------------------------------------------------------------

    @property
    def sorts(self) -> tuple[str, ...]:
        """The `sort=` values this kind accepts, the default first."""
        dated = ("date",) if self.fields.date else ()
        return ("relevance", *dated, *self.extra_sorts)

    def sort_clauses(self, sort: str) -> list[dict[str, Any]] | None:
        """The OpenSearch `sort` of the main query (None: by relevance)."""
        fs = self.fields
        if sort == "date" and fs.date:
            return [{fs.date: {"order": "desc", "missing": "_last"}}, {"_score": "desc"}, {fs.date_tiebreak: "asc"}]
        if sort in self.extra_sorts:
            return self.extra_sorts[sort][1]
        return None

    # ---- semantic ranking (search/semantic.py) ---------------------------------------------

    # The entry fields `chunk_title` reads; a kind with none does not embed.
    chunk_fields: tuple[str, ...] = ()

    @property
    def embeds(self) -> bool:
        return bool(self.chunk_fields)

    def chunk_title(self, entry: dict[str, Any]) -> str:
        """What every chunk of an entry starts with (its context: the law and the article)."""
        return ". ".join(str(entry[name]) for name in self.chunk_fields if entry.get(name))

    # ---- results -----------------------------------------------------------------------------

    def hit(self, source: dict[str, Any], entry_id: str) -> Hit:
        """An OpenSearch hit (its `_source` and `_id`) as a result; the engine adds the score,
        the highlight and whether it was pinned."""
        raise NotImplementedError

    # ---- the database fallback ---------------------------------------------------------------

    def database_queryset(self, filters: Filters) -> QuerySet[Any]:
        """The objects the fallback searches, filtered by the request's facets."""
        raise NotImplementedError

    def database_facet_filter(self, filters: Filters) -> Any:
        return database_filter(self.facets, filters)

    def database_matches(self, query: ParsedQuery, filters: Filters, terms: list[str]) -> Matches:
        """Objects holding the terms in `database_fields`, ranked in Python; nothing pinned."""
        found = Matches()
        if not terms:
            return found
        names = list(self.database_fields)
        rows = (
            self.database_queryset(filters)
            .annotate(matched=match_score(terms, names))
            .filter(matched__gt=0)
            .order_by("-matched", "pk")
            .values_list("pk", *names)[:MAX_CANDIDATES]
        )
        texts = {pk: "\n".join(value or "" for value in values) for pk, *values in rows}
        headings = {pk: values[0] or "" for pk, *values in rows}
        found.scores = with_phrases(rank(texts, headings, terms), texts, query)
        found.texts = texts
        return found

    def database_rows(self, ids: list[int]) -> dict[int, Any]:
        """The objects to show, sort and count, by id."""
        return {obj.pk: obj for obj in self.database_queryset(Filters()).filter(pk__in=ids)}

    def database_sort_key(self, object_id: int, row: Any, score: float, sort: str) -> tuple[Any, ...]:
        return (-score, object_id)

    def database_texts(self, ids: list[int], rows: dict[int, Any], found: Matches) -> dict[int, str]:
        """The text each hit of the page is highlighted in."""
        return {pk: found.texts.get(pk) or self._row_text(rows[pk]) for pk in ids}

    def _row_text(self, row: Model) -> str:
        return "\n".join(str(getattr(row, name) or "") for name in self.database_fields)

    def database_hit(self, object_id: int, row: Any) -> Hit:
        """A row as a result; the fallback adds the score, the highlight and `pinned`."""
        raise NotImplementedError

    def database_suggestions(self, words: list[str], limit: int) -> list[Suggestion]:
        """Completions for the words typed so far (for kinds with `suggestions`)."""
        return []

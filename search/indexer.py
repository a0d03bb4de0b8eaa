"""Write a batch of index requests to OpenSearch, for any registered kinds (search/kinds/).

The requests are grouped by kind, and the kinds by entry builder: each builder reads the objects
its kinds were asked to index in a fixed number of queries and runs the NLP once for all of them
(search/entries.py). Each kind then writes its entries through its alias; entries that no
longer exist are deleted in the same `helpers.bulk`: an object that is gone, unpublished or
private loses all its entries, and a kind with several entries per object (the articles of a
document) has the entries it had and no longer has listed first (one scroll per kind) and
deleted by id. (Listing then deleting by id, rather than delete-by-query, works on clusters
without the `reindex` module, such as the integ-test distribution we run locally.)

Run by search/tasks.py inside the transaction that holds the requests' rows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from opensearchpy import helpers

from search import kinds, semantic
from search.client import bulk_timeout, get_client, unavailable
from search.entries import Prepared, enrich
from search.kinds.base import EntryBuilder, SearchKind
from search.models import IndexAction, IndexRequest

logger = logging.getLogger(__name__)

# A request, by what it names.
Key = tuple[str, int]  # (kind name, object id)


@dataclass
class Written:
    """What one batch did. `failures` are the requests to retry, with what went wrong."""

    failures: dict[Key, str] = field(default_factory=dict)
    indexed: set[tuple[str, int]] = field(default_factory=set)  # (builder, object id) written
    deleted: set[tuple[str, int]] = field(default_factory=set)  # (builder, object id) removed
    entries: dict[str, int] = field(default_factory=dict)  # entries written, per kind
    dropped: list[Key] = field(default_factory=list)  # requests for kinds no longer registered
    unembedded: int = 0  # entries written without vectors (the embedding task gives them theirs)


def _build(
    builder: EntryBuilder, ids: list[int], group: list[SearchKind], wanted: dict[str, dict[int, str]], out: Written
) -> dict[int, Prepared]:
    """The analysed entries of the objects still indexable; a failure is recorded for each kind
    that asked for that object, and the others go on."""
    built: dict[int, Prepared] = {}
    for pk, prepared in builder.prepare(ids).items():
        try:
            semantic.mark(group, prepared)
            enrich(prepared)
            # Vectors the cache has; the others come from the worker's embedding task.
            out.unembedded += semantic.attach_cached(prepared)
            builder.finish(prepared)
        except Exception as exc:  # noqa: BLE001 - one bad object must not block the queue
            logger.exception("could not build the index entries of %s %s", builder.name, pk)
            for kind in group:
                if pk in wanted[kind.name]:
                    out.failures[(kind.name, pk)] = f"building entries: {type(exc).__name__}: {exc}"
            continue
        built[pk] = prepared
    return built


def _current_entries(client: Any, kind: SearchKind, object_ids: list[int]) -> dict[int, set[str]]:
    """The ids of the entries these objects have in the kind's index now."""
    found: dict[int, set[str]] = {}
    if not object_ids:
        return found
    with unavailable(f"reading the current {kind.name} entries"):
        # Entries written less than a refresh interval ago must be seen too.
        client.indices.refresh(index=kind.alias, request_timeout=bulk_timeout())
        hits = helpers.scan(
            client,
            index=kind.alias,
            query={"query": {"terms": {kind.owner_field: object_ids}}, "_source": [kind.owner_field]},
            size=2000,
            request_timeout=bulk_timeout(),
        )
        for hit in hits:
            found.setdefault(hit["_source"][kind.owner_field], set()).add(hit["_id"])
    return found


def _kind_of(index: str) -> str:
    """The kind an index belongs to: its alias, or a concrete index named after it."""
    for kind in kinds.all_kinds():
        if index == kind.alias or index.startswith(f"{kind.alias}-v"):
            return kind.name
    return ""


def write(rows: list[IndexRequest]) -> Written:
    """Write one batch; raises SearchUnavailable when OpenSearch cannot be reached (the whole
    batch is retried)."""
    out = Written()
    wanted: dict[str, dict[int, str]] = {}
    for row in rows:  # ordered by id: the latest request for an object wins
        wanted.setdefault(row.kind, {})[row.object_id] = row.action
    registered = set(kinds.names())
    for name in [name for name in wanted if name not in registered]:
        logger.warning("dropping index requests for %r: no such search kind is registered", name)
        out.dropped.extend((name, pk) for pk in wanted.pop(name))

    actions: list[dict[str, Any]] = []
    owner: dict[tuple[str, str], Key] = {}  # (kind name, entry id) -> the request it answers
    kept: dict[Key, list[str]] = {}  # entries written, per request
    gone: list[Key] = []  # requests whose object's entries all go
    for builder, group in kinds.by_builder(k for k in kinds.all_kinds() if k.name in wanted):
        ids = list(dict.fromkeys(pk for kind in group for pk, a in wanted[kind.name].items() if a == IndexAction.INDEX))
        built = _build(builder, ids, group, wanted, out)
        for kind in group:
            for pk, action in wanted[kind.name].items():
                key = (kind.name, pk)
                if key in out.failures:
                    continue
                if action != IndexAction.INDEX or pk not in built:
                    gone.append(key)  # deleted, unpublished or private: removed, whatever was asked
                    continue
                kept[key] = []
                for entry in kind.entries(built[pk]):
                    _id = kind.entry_id(entry)
                    kept[key].append(_id)
                    owner[(kind.name, _id)] = key
                    actions.append({"_op_type": "index", "_index": kind.alias, "_id": _id, "_source": entry})

    client = get_client()
    for kind in (kinds.get(name) for name in wanted):
        asked = [pk for name, pk in [*kept, *gone] if name == kind.name]
        if kind.one_entry_per_object:
            stale = {pk: {kind.object_entry_id(pk)} for name, pk in gone if name == kind.name}
        else:
            stale = _current_entries(client, kind, asked)
        for pk in asked:
            for _id in sorted(stale.get(pk, set()) - set(kept.get((kind.name, pk), ()))):
                owner[(kind.name, _id)] = (kind.name, pk)
                actions.append({"_op_type": "delete", "_index": kind.alias, "_id": _id})

    if actions:
        with unavailable("writing to the search indexes"):
            _, errors = helpers.bulk(client, actions, raise_on_error=False, request_timeout=bulk_timeout())
        for item in errors:
            op, info = next(iter(item.items()))
            if op == "delete" and info.get("status") == 404:
                continue  # already absent
            key = owner.get((_kind_of(info.get("_index", "")), info.get("_id", "")), ("?", -1))
            out.failures.setdefault(key, f"{op} {info.get('_id')}: {info.get('status')} {info.get('error')}")

    for name, pk in kept:
        if (name, pk) not in out.failures:
            kind = kinds.get(name)
            out.indexed.add((kind.builder.name, pk))
            out.entries[name] = out.entries.get(name, 0) + len(kept[(name, pk)])
    for name, pk in gone:
        if (name, pk) not in out.failures:
            out.deleted.add((kinds.get(name).builder.name, pk))
    return out

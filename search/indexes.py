"""Each kind's index behind its alias: create, swap with no downtime, list, delete.

A kind (search/kinds/) is read and written through its alias `{SEARCH_INDEX_PREFIX}-{name}`,
which points at one concrete index `{alias}-v{mapping_version}-{timestamp}`. `search_reindex`
builds new concrete indexes and swaps the aliases in one request; the outbox worker only
writes through the aliases, after `ensure_aliases()`.

Every function takes a kind or its name ("articles").
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from search import kinds
from search.client import SearchUnavailable, bulk_timeout, get_client, unavailable
from search.kinds.base import SearchKind
from search.search_index import index_settings, replicas

logger = logging.getLogger(__name__)

KindOrName = SearchKind | str


def _kind(kind: KindOrName) -> SearchKind:
    return kind if isinstance(kind, SearchKind) else kinds.get(kind)


def mapping(kind: KindOrName) -> dict[str, Any]:
    return _kind(kind).mapping()


def concrete_name(kind: KindOrName, stamp: str | None = None) -> str:
    kind = _kind(kind)
    if stamp is None:
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
    return f"{kind.alias}-v{kind.mapping_version}-{stamp}"


def create_index(kind: KindOrName, *, bulk_load: bool = False, name: str | None = None) -> str:
    """Create a new concrete index for `kind` and return its name (no alias yet).

    With `bulk_load`, refreshes are off and replicas 0 until `finish_bulk_load(name)`.
    """
    kind = _kind(kind)
    name = name or concrete_name(kind)
    with unavailable(f"creating index {name}"):
        get_client().indices.create(
            index=name,
            body={"settings": index_settings(bulk_load=bulk_load), "mappings": kind.mapping()},
            request_timeout=bulk_timeout(),
        )
    return name


def finish_bulk_load(name: str) -> None:
    """Turn refreshes and replicas back on after a bulk load, and refresh."""
    client = get_client()
    with unavailable(f"finishing bulk load of {name}"):
        client.indices.put_settings(
            index=name,
            body={"index": {"refresh_interval": None, "number_of_replicas": replicas()}},
        )
        client.indices.refresh(index=name, request_timeout=bulk_timeout())


def alias_targets(kind: KindOrName) -> list[str]:
    """Concrete indexes the alias of `kind` points at ([] if the alias does not exist)."""
    name = _kind(kind).alias
    client = get_client()
    with unavailable(f"reading alias {name}"):
        found = client.indices.get_alias(name=name, ignore=404)
    if not isinstance(found, dict) or "error" in found or found.get("status") == 404:
        return []
    return sorted(index for index, value in found.items() if isinstance(value, dict))


def _stray_index(kind: SearchKind) -> bool:
    """True if an index is named like the alias (created by a write before the alias existed)."""
    client = get_client()
    with unavailable(f"checking {kind.alias}"):
        return bool(client.indices.exists(index=kind.alias)) and not alias_targets(kind)


def ensure_aliases(only: list[KindOrName] | None = None) -> dict[str, str]:
    """Create each missing alias (of every registered kind, or of `only`) with an empty concrete
    index; return alias -> index.

    Called by the outbox worker before it writes, so a write never auto-creates an index with
    a guessed mapping under the alias name. An existing alias is left as it is.
    """
    result: dict[str, str] = {}
    client = get_client()
    for kind in [_kind(k) for k in only] if only is not None else kinds.all_kinds():
        targets = alias_targets(kind)
        if targets:
            result[kind.alias] = targets[0]
            continue
        # A deterministic first name: two processes racing here create one index, not two.
        name = concrete_name(kind, stamp="initial")
        with unavailable(f"checking {name}"):
            exists = client.indices.exists(index=name)
        if not exists:
            try:
                create_index(kind, name=name)
            except SearchUnavailable as exc:
                if "resource_already_exists" not in str(exc):
                    raise
        logger.info("created empty index %s; run search_reindex to load it", name)
        swap_aliases({kind.name: name})
        result[kind.alias] = name
    return result


def swap_aliases(new_indexes: dict[str, str]) -> list[str]:
    """Point each kind's alias (kind name -> new index) at its new index only, all in one
    atomic request.

    Returns the concrete indexes the aliases left (to delete). An index named like an alias
    (auto-created by a stray write) is removed in the same request.
    """
    actions: list[dict[str, Any]] = []
    left: list[str] = []
    for name, new_index in new_indexes.items():
        kind = _kind(name)
        old = [index for index in alias_targets(kind) if index != new_index]
        left.extend(old)
        actions.extend({"remove": {"index": index, "alias": kind.alias}} for index in old)
        if _stray_index(kind):
            logger.warning("deleting index %s: an alias of that name is expected", kind.alias)
            actions.append({"remove_index": {"index": kind.alias}})
        actions.append({"add": {"index": new_index, "alias": kind.alias}})
    with unavailable("swapping aliases"):
        get_client().indices.update_aliases(body={"actions": actions})
    return left


def delete_indexes(names: list[str]) -> None:
    if not names:
        return
    with unavailable(f"deleting {', '.join(names)}"):
        get_client().indices.delete(index=",".join(names), ignore=404)


def version_of(index_name: str) -> int | None:
    """The mapping version a concrete index was built with, read from its name."""
    marker = index_name.rsplit("-v", 1)
    if len(marker) != 2:
        return None
    digits = marker[1].split("-", 1)[0]
    return int(digits) if digits.isdigit() else None

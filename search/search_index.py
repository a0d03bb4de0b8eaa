"""Index definitions (docs/search-index.md): analyzers, the two mappings, aliases.

Each kind ("articles", "documents") is an alias `{SEARCH_INDEX_PREFIX}-{kind}` pointing at one
concrete index `{alias}-v{MAPPING_VERSION}-{timestamp}`. Readers and the outbox worker only use
the alias; `search_reindex` builds new concrete indexes and swaps the aliases in one request.

Text is indexed several ways so one query can rank exact matches first and still find the rest:

| field              | input                                   | analyzer (index / search)       |
|--------------------|-----------------------------------------|---------------------------------|
| `words`            | underthesea-segmented text              | vi_words / vi_words_search      |
| `words.folded`     | same                                    | vi_words_folded / ..._search    |
| `syllables`        | the text (copied from `text`)           | vi_syllables / ..._search       |
| `syllables.folded` | same                                    | vi_syllables_folded / ..._search|
| `text`             | the text, normalised, lines kept        | standard (for highlighting)     |

`heading`, `document_title`, `title`, `summary` and `citation` are syllable-analysed text with a
`folded` sub-field. The `*_search` analyzers add the abbreviation synonyms
(search/nlp/abbreviations.py) at query time only, so changing them needs no reindex of the text;
the rules still live in the index settings, hence `MAPPING_VERSION` includes `SYNONYMS_VERSION`.
"""

from __future__ import annotations

import datetime
import functools
import logging
from typing import Any

from django.conf import settings

from search.client import KINDS, SearchUnavailable, alias, bulk_timeout, get_client, unavailable
from search.nlp.abbreviations import SYNONYMS_VERSION, opensearch_synonym_rules

logger = logging.getLogger(__name__)

# Bump when a mapping or an analyzer changes; the synonyms version is part of the number.
SCHEMA_VERSION = 1
MAPPING_VERSION: int = SCHEMA_VERSION * 1000 + int(SYNONYMS_VERSION)

# Punctuation and symbols around a token ("(tthc)", "2020,") are trimmed; a token that was
# only punctuation becomes empty and is dropped. Inner punctuation stays: "45/2020/nđ-cp".
_TRIM_PUNCTUATION = r"^[\p{P}\p{S}&&[^_]]+|[\p{P}\p{S}&&[^_]]+$"


# ---- analysis ------------------------------------------------------------------------------


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def _segment_phrase(phrase: str) -> str:
    """One synonym term the way the `words` field sees it: "thủ tục hành chính" -> "thủ_tục
    hành_chính" (the same `to_index_text` the indexer uses, so the tokens agree)."""
    from search.nlp.pipeline import to_index_text

    return " ".join(t for t in to_index_text(phrase).split() if _is_word(t))


def _convert_rule(rule: str, convert: Any) -> str | None:
    def side(terms: str) -> str:
        converted = (convert(term.strip()) for term in terms.split(","))
        return ", ".join(dict.fromkeys(t for t in converted if t))

    if "=>" in rule:
        left, right = rule.split("=>", 1)
        lhs, rhs = side(left), side(right)
        return f"{lhs} => {rhs}" if lhs and rhs else None
    terms = side(rule)
    return terms if "," in terms else None


@functools.lru_cache(maxsize=1)
def synonym_rules() -> tuple[list[str], list[str]]:
    """(rules for `words`, rules for `syllables`): the same abbreviations, segmented or not."""
    raw = opensearch_synonym_rules()
    syllables = [r for r in (_convert_rule(rule, str.strip) for rule in raw) if r]
    words = [r for r in (_convert_rule(rule, _segment_phrase) for rule in raw) if r]
    return list(dict.fromkeys(words)), list(dict.fromkeys(syllables))


def analysis() -> dict[str, Any]:
    words_rules, syllable_rules = synonym_rules()
    trim = ["vi_trim_punctuation", "vi_non_empty"]
    return {
        "filter": {
            "vi_trim_punctuation": {
                "type": "pattern_replace",
                "pattern": _TRIM_PUNCTUATION,
                "replacement": "",
            },
            "vi_non_empty": {"type": "length", "min": 1},
            # Lenient: a rule the analyzer cannot parse is skipped rather than failing the index.
            "vi_word_synonyms": {"type": "synonym_graph", "synonyms": words_rules, "lenient": True},
            "vi_syllable_synonyms": {
                "type": "synonym_graph",
                "synonyms": syllable_rules,
                "lenient": True,
            },
        },
        "analyzer": {
            "vi_words": {
                "type": "custom",
                "tokenizer": "whitespace",
                "filter": ["lowercase", *trim],
            },
            "vi_words_folded": {
                "type": "custom",
                "tokenizer": "whitespace",
                "filter": ["lowercase", "asciifolding", *trim],
            },
            "vi_syllables": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
            "vi_syllables_folded": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding"],
            },
            # Query time: the same chains plus the abbreviations. Folding comes before the
            # synonyms, so the rules are folded too and "tthc" also finds "thu tuc hanh chinh".
            "vi_words_search": {
                "type": "custom",
                "tokenizer": "whitespace",
                "filter": ["lowercase", *trim, "vi_word_synonyms"],
            },
            "vi_words_folded_search": {
                "type": "custom",
                "tokenizer": "whitespace",
                "filter": ["lowercase", "asciifolding", *trim, "vi_word_synonyms"],
            },
            "vi_syllables_search": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "vi_syllable_synonyms"],
            },
            "vi_syllables_folded_search": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding", "vi_syllable_synonyms"],
            },
            "vi_suggest": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding"],
            },
        },
        "normalizer": {"vi_lowercase": {"type": "custom", "filter": ["lowercase"]}},
    }


def index_settings(*, bulk_load: bool = False) -> dict[str, Any]:
    index: dict[str, Any] = {
        "number_of_shards": int(getattr(settings, "SEARCH_INDEX_SHARDS", 1)),
        "number_of_replicas": 0 if bulk_load else replicas(),
    }
    if bulk_load:
        index["refresh_interval"] = "-1"
    return {"index": index, "analysis": analysis()}


def replicas() -> int:
    return int(getattr(settings, "SEARCH_INDEX_REPLICAS", 0))


# ---- mappings ------------------------------------------------------------------------------

KEYWORD = {"type": "keyword"}
INTEGER = {"type": "integer"}
NOT_INDEXED = {"type": "keyword", "index": False, "doc_values": False}


def _syllable_text() -> dict[str, Any]:
    """Display text searched by syllables, with a diacritics-free sub-field."""
    return {
        "type": "text",
        "analyzer": "vi_syllables",
        "search_analyzer": "vi_syllables_search",
        "fields": {
            "folded": {
                "type": "text",
                "analyzer": "vi_syllables_folded",
                "search_analyzer": "vi_syllables_folded_search",
            }
        },
    }


def _text_fields() -> dict[str, Any]:
    return {
        "text": {
            "type": "text",
            "analyzer": "standard",
            "index_options": "offsets",  # the unified highlighter reads offsets, not re-analysis
            "copy_to": ["syllables"],
        },
        "words": {
            "type": "text",
            "analyzer": "vi_words",
            "search_analyzer": "vi_words_search",
            "fields": {
                "folded": {
                    "type": "text",
                    "analyzer": "vi_words_folded",
                    "search_analyzer": "vi_words_folded_search",
                }
            },
        },
        "syllables": _syllable_text(),
        "citations": KEYWORD,
        "suggest": {
            "type": "completion",
            "analyzer": "vi_suggest",
            "max_input_length": 100,
        },
    }


def _metadata_fields() -> dict[str, Any]:
    return {
        "document_id": INTEGER,
        "url": NOT_INDEXED,
        "document_number": KEYWORD,
        "number_key": {"type": "keyword", "normalizer": "vi_lowercase"},
        "doc_type": KEYWORD,
        "legal_status": KEYWORD,
        "agency": KEYWORD,
        "agency_name": KEYWORD,
        "fields": KEYWORD,
        "year": INTEGER,
        "issued_date": {"type": "date", "format": "strict_date"},
    }


def mapping(kind: str) -> dict[str, Any]:
    properties = {**_metadata_fields(), **_text_fields()}
    if kind == "articles":
        properties.update(
            provision_id=INTEGER,
            external_id=KEYWORD,
            anchor=KEYWORD,
            kind=KEYWORD,
            position=INTEGER,
            article_number=KEYWORD,
            citation=_syllable_text(),
            heading=_syllable_text(),
            document_title=_syllable_text(),
        )
    elif kind == "documents":
        properties.update(title=_syllable_text(), summary=_syllable_text(), article_count=INTEGER)
    else:
        raise ValueError(f"unknown index kind {kind!r}")
    return {
        "dynamic": "strict",
        # `words` is only searched: keep it out of _source (the text is in `text`).
        "_source": {"excludes": ["words"]},
        "properties": properties,
    }


# ---- indexes and aliases -------------------------------------------------------------------


def concrete_name(kind: str, stamp: str | None = None) -> str:
    if stamp is None:
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
    return f"{alias(kind)}-v{MAPPING_VERSION}-{stamp}"


def create_index(kind: str, *, bulk_load: bool = False, name: str | None = None) -> str:
    """Create a new concrete index for `kind` and return its name (no alias yet).

    With `bulk_load`, refreshes are off and replicas 0 until `finish_bulk_load(name)`.
    """
    name = name or concrete_name(kind)
    with unavailable(f"creating index {name}"):
        get_client().indices.create(
            index=name,
            body={"settings": index_settings(bulk_load=bulk_load), "mappings": mapping(kind)},
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


def alias_targets(kind: str) -> list[str]:
    """Concrete indexes the alias of `kind` points at ([] if the alias does not exist)."""
    client = get_client()
    with unavailable(f"reading alias {alias(kind)}"):
        found = client.indices.get_alias(name=alias(kind), ignore=404)
    if not isinstance(found, dict) or "error" in found or found.get("status") == 404:
        return []
    return sorted(name for name, value in found.items() if isinstance(value, dict))


def _stray_index(kind: str) -> bool:
    """True if an index is named like the alias (created by a write before the alias existed)."""
    client = get_client()
    with unavailable(f"checking {alias(kind)}"):
        return bool(client.indices.exists(index=alias(kind))) and not alias_targets(kind)


def ensure_aliases() -> dict[str, str]:
    """Create each missing alias with an empty concrete index; return alias -> index.

    Called by the outbox worker before it writes, so a write never auto-creates an index with
    a guessed mapping under the alias name. An existing alias is left as it is.
    """
    result: dict[str, str] = {}
    client = get_client()
    for kind in KINDS:
        targets = alias_targets(kind)
        if targets:
            result[alias(kind)] = targets[0]
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
        logger.info("created empty index %s; run search_reindex to load the documents", name)
        swap_aliases({kind: name})
        result[alias(kind)] = name
    return result


def swap_aliases(new_indexes: dict[str, str]) -> list[str]:
    """Point each kind's alias at its new index only, all in one atomic request.

    Returns the concrete indexes the aliases left (to delete). An index named like an alias
    (auto-created by a stray write) is removed in the same request.
    """
    actions: list[dict[str, Any]] = []
    left: list[str] = []
    for kind, new_index in new_indexes.items():
        name = alias(kind)
        old = [index for index in alias_targets(kind) if index != new_index]
        left.extend(old)
        actions.extend({"remove": {"index": index, "alias": name}} for index in old)
        if _stray_index(kind):
            logger.warning("deleting index %s: an alias of that name is expected", name)
            actions.append({"remove_index": {"index": name}})
        actions.append({"add": {"index": new_index, "alias": name}})
    with unavailable("swapping aliases"):
        get_client().indices.update_aliases(body={"actions": actions})
    return left


def delete_indexes(names: list[str]) -> None:
    if not names:
        return
    with unavailable(f"deleting {', '.join(names)}"):
        get_client().indices.delete(index=",".join(names), ignore=404)


def version_of(index_name: str) -> int | None:
    """The MAPPING_VERSION a concrete index was built with, read from its name."""
    marker = index_name.rsplit("-v", 1)
    if len(marker) != 2:
        return None
    digits = marker[1].split("-", 1)[0]
    return int(digits) if digits.isdigit() else None

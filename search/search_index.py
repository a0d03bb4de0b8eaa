"""What every index shares (docs/search-index.md): the analyzers and the field definitions
each kind's mapping is built from (search/kinds/), and the version they carry.

Each kind's index is created and swapped by search/indexes.py. Text is indexed several ways so
one query can rank exact matches first and still find the rest:

| field              | input                                   | analyzer (index / search)       |
|--------------------|-----------------------------------------|---------------------------------|
| `words`            | underthesea-segmented text              | vi_words / vi_words_search      |
| `words.folded`     | same                                    | vi_words_folded / ..._search    |
| `syllables`        | the text (copied from `text`)           | vi_syllables / ..._search       |
| `syllables.folded` | same                                    | vi_syllables_folded / ..._search|
| `syllables.bigrams`| same, adjacent syllables as one token   | vi_bigrams                      |
| `syllables.bigrams_folded` | same, folded                    | vi_bigrams_folded               |
| `text`             | the text, normalised, lines kept        | standard (for highlighting)     |

Every kind has these text fields (`text_fields()`), so one `multi_match` works on all of them.
Display fields (`heading`, `title`...) are syllable-analysed text with a `folded` sub-field
(`syllable_text()`). The `*_search` analyzers add the abbreviation synonyms
(regulations/legaltext/abbreviations.py, rules in search/nlp/synonyms.py) at query time only, so
changing them needs no reindex of the text;
the rules still live in the index settings, hence `MAPPING_VERSION` includes `SYNONYMS_VERSION`.
"""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings

from search.nlp.synonyms import SYNONYMS_VERSION, opensearch_synonym_rules

# Bump when an analyzer or a shared field definition below changes (every kind is rebuilt); a
# change to one kind's own fields bumps that kind's `schema_version` instead. The synonyms
# version is part of the number.
SCHEMA_VERSION = 2
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
            # Adjacent syllables as one token ("kinh doanh", "doanh vàng"): the `bigrams`
            # sub-fields (analysis-common's shingle filter).
            "vi_syllable_pairs": {
                "type": "shingle",
                "min_shingle_size": 2,
                "max_shingle_size": 2,
                "output_unigrams": False,
            },
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
            # Syllable bigrams, exact and folded: no synonyms (a pair never spans an abbreviation).
            "vi_bigrams": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "vi_syllable_pairs"],
            },
            "vi_bigrams_folded": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding", "vi_syllable_pairs"],
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


# ---- field definitions ---------------------------------------------------------------------

KEYWORD = {"type": "keyword"}
INTEGER = {"type": "integer"}
NOT_INDEXED = {"type": "keyword", "index": False, "doc_values": False}


def syllable_text(*, bigrams: bool = False) -> dict[str, Any]:
    """Display text searched by syllables, with a diacritics-free sub-field (and, with
    ``bigrams``, syllable-pair sub-fields ``bigrams`` and ``bigrams_folded``)."""
    fields: dict[str, Any] = {
        "folded": {
            "type": "text",
            "analyzer": "vi_syllables_folded",
            "search_analyzer": "vi_syllables_folded_search",
        }
    }
    if bigrams:
        fields["bigrams"] = {"type": "text", "analyzer": "vi_bigrams"}
        fields["bigrams_folded"] = {"type": "text", "analyzer": "vi_bigrams_folded"}
    return {
        "type": "text",
        "analyzer": "vi_syllables",
        "search_analyzer": "vi_syllables_search",
        "fields": fields,
    }


def text_fields() -> dict[str, Any]:
    """The fields every kind has: `text` (what an entry says, normalised), `words` (its segmented
    words, filled by search/entries.py), `syllables` (copied from `text`), `citations`, `suggest`."""
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
        "syllables": syllable_text(bigrams=True),
        "citations": KEYWORD,
        "suggest": {
            "type": "completion",
            "analyzer": "vi_suggest",
            "max_input_length": 100,
        },
    }


def build_mapping(properties: dict[str, Any]) -> dict[str, Any]:
    """A kind's mapping: the shared text fields plus its own `properties`, nothing else."""
    return {
        "dynamic": "strict",
        # `words` is only searched: keep it out of _source (the text is in `text`).
        "_source": {"excludes": ["words"]},
        "properties": {**properties, **text_fields()},
    }

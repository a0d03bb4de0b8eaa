"""Vietnamese text pipeline shared by the index and the queries (pure Python, no Django).

* ``normalize``, ``fold_diacritics`` (``search.nlp.normalize``): cheap, import freely.
* ``canonical_number`` (``search.nlp.citations``): the unique key of a document number.
* ``extract_entities``, ``extract_citations``, ``Entity`` (``search.nlp.entities``): spaCy.
* ``segment`` (``search.nlp.segment``), ``analyze``, ``analyze_query``, ``to_index_text``
  (``search.nlp.pipeline``): underthesea word segmentation.

spaCy and underthesea are imported on first use of a name that needs them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from search.nlp.citations import canonical_number
from search.nlp.normalize import fold_diacritics, normalize

if TYPE_CHECKING:
    from search.nlp.entities import Entity, extract_citations, extract_entities
    from search.nlp.pipeline import Analysis, analyze, analyze_query, to_index_text
    from search.nlp.segment import segment

__all__ = [
    "Analysis",
    "Entity",
    "analyze",
    "analyze_query",
    "canonical_number",
    "extract_citations",
    "extract_entities",
    "fold_diacritics",
    "normalize",
    "segment",
    "to_index_text",
]

_LAZY = {
    "Entity": "search.nlp.entities",
    "extract_citations": "search.nlp.entities",
    "extract_entities": "search.nlp.entities",
    "segment": "search.nlp.segment",
    "Analysis": "search.nlp.pipeline",
    "analyze": "search.nlp.pipeline",
    "analyze_query": "search.nlp.pipeline",
    "to_index_text": "search.nlp.pipeline",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module), name)

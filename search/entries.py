"""The NLP step of building index entries: pure (no database, no Django settings), so that
`search_reindex` runs it in worker processes.

An entry builder (search/kinds/base.py) reads the database and prepares plain entries, grouped by
kind: ``{"articles": [{...}, ...], "documents": [{...}]}``. ``enrich`` runs the Vietnamese
pipeline (search/nlp/) on each entry's ``text``: the text normalised as indexed, ``words`` (the
segmented words, for the `words` fields) and ``citations`` (the document numbers it cites).
"""

from __future__ import annotations

from typing import Any

from search.nlp.pipeline import analyze

# Entries by kind name, as a builder prepares them: plain data, picklable.
Prepared = dict[str, list[dict[str, Any]]]

# Entities whose `.number` is a document the text cites.
_CITING_LABELS = frozenset({"LEGAL_REF", "ARTICLE_REF"})


def analyse(entry: dict[str, Any]) -> list[str]:
    """Fill an entry's `text` (normalised), `words` and `citations`; return the citations."""
    analysis = analyze(entry["text"])
    entry["text"] = analysis.normalized  # NFC, one tone placement, lines kept
    entry["words"] = " ".join(analysis.words)
    citations = [e.number for e in analysis.entities if e.label in _CITING_LABELS and e.number]
    unique: list[str] = list(dict.fromkeys(citations))
    entry["citations"] = unique
    return unique


def enrich(prepared: Prepared) -> Prepared:
    """Analyse every entry of every kind (in place), in the order they were prepared."""
    for entries in prepared.values():
        for entry in entries:
            analyse(entry)
    return prepared


def enrich_safely(prepared: Prepared) -> tuple[Prepared | None, str]:
    """`enrich` for worker processes: (result, "") or (None, what went wrong)."""
    try:
        return enrich(prepared), ""
    except Exception as exc:  # noqa: BLE001 - reported per object by the caller
        return None, f"{type(exc).__name__}: {exc}"


def warm_up() -> None:
    """Load the NLP models now (the initializer of each worker process)."""
    analyze("Điều 1. Phạm vi điều chỉnh theo Nghị định số 01/2020/NĐ-CP.")

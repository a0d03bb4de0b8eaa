"""OpenSearch synonym rules from the abbreviations of ``regulations.legaltext.abbreviations``.

Bump ``SYNONYMS_VERSION`` whenever that list changes, so that the index that embeds the rules is
rebuilt (``search_status`` shows the version the live index was built with).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from regulations.legaltext.abbreviations import ABBREVIATIONS
from regulations.legaltext.normalize import fold_diacritics, normalize

__all__ = ["SYNONYMS_VERSION", "opensearch_synonym_rules"]

SYNONYMS_VERSION: Final = 1


def _rule_phrase(text: str, segmenter: Callable[[str], list[str]] | None) -> str:
    text = normalize(text).lower()
    if segmenter is None:
        return text.replace(",", "")
    return " ".join(segmenter(text))


def opensearch_synonym_rules(
    segmenter: Callable[[str], list[str]] | None = None,
) -> list[str]:
    """Synonym rules in Solr/OpenSearch syntax, each with and without diacritics.

    ``"tthc, thủ tục hành chính"`` (equivalent forms) or ``"đkkd => đkkd, đăng ký kinh doanh,
    điều kiện kinh doanh"`` (one-way, for ambiguous short codes). Pass
    ``segmenter=search.nlp.segment.segment`` to write the phrases the way the index tokens look
    ("thủ_tục hành_chính") when the analyzer is a whitespace tokenizer over segmented text.
    """
    rules: list[str] = []
    seen: set[str] = set()
    for abbr in ABBREVIATIONS:
        short = normalize(abbr.short).lower()
        expansions = [_rule_phrase(e, segmenter) for e in abbr.expansions]
        for fold in (False, True):
            s = fold_diacritics(short) if fold else short
            exps = [fold_diacritics(e) if fold else e for e in expansions]
            if abbr.one_way or len(exps) > 1:
                rule = f"{s} => " + ", ".join(dict.fromkeys([s, *exps]))
            else:
                rule = ", ".join(dict.fromkeys([s, *exps]))
            if rule not in seen:
                seen.add(rule)
                rules.append(rule)
    return rules

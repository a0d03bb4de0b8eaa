"""What the indexed texts say about their own words: how many entries hold each syllable, how
each unaccented syllable is written with its accents, and which accented syllables follow which
(pairs and triples).

Built from the texts as they are indexed (``LexiconBuilder.add`` per entry) by
`search_reindex` and by the index worker, stored once (search/models.py: ``TextStatistics``),
loaded by every web process. Two uses:

* query weighting (search/ranking.py): a syllable held by few entries ("vàng") says more than
  one held by thousands ("cấp", "kinh", "doanh"): ``idf``;
* diacritic restoration (search/nlp/accents.py): the likeliest accented reading of a query typed
  without accents, from ``forms``, ``bigrams`` and ``trigrams``.

Pure Python (no Django); serialised as zlib-compressed JSON.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Final

from regulations.legaltext.normalize import fold_diacritics

# A syllable: letters only (numbers and document numbers carry no accent to restore).
_SYLLABLE_RE: Final = re.compile(r"[^\W\d_]+")
# Runs never cross punctuation or line ends ("vàng.\nĐiều" is not a pair).
_RUN_SPLIT_RE: Final = re.compile(r"[^\w\s]+|\n")
FORMAT: Final = 1
# Kept in the stored lexicon: pairs seen at least this often (a million articles keeps a
# few million pairs, not every pair seen once), and at most this many accented forms per syllable.
MIN_PAIR_COUNT: Final = 2
MIN_TRIPLE_COUNT: Final = 2
MAX_FORMS: Final = 12


def syllable_runs(text: str) -> list[list[str]]:
    """Lower-case syllables in runs between punctuation: [["thủ", "tục"], ["cấp", ...]]."""
    runs = []
    for chunk in _RUN_SPLIT_RE.split(text.lower()):
        run = _SYLLABLE_RE.findall(chunk)
        if run:
            runs.append(run)
    return runs


@dataclass
class Lexicon:
    documents: int = 0
    # syllable (lower case, accented as written) -> number of entries holding it
    df: dict[str, int] = field(default_factory=dict)
    # folded syllable -> {accented form: occurrences}
    forms: dict[str, dict[str, int]] = field(default_factory=dict)
    # "accented accented" -> occurrences as adjacent syllables
    bigrams: dict[str, int] = field(default_factory=dict)
    # "accented accented accented" -> occurrences as three adjacent syllables (a lexicon stored
    # before they were counted has none: restoration then reads pairs alone)
    trigrams: dict[str, int] = field(default_factory=dict)
    _syllables: int = field(default=-1, repr=False, compare=False)

    @property
    def syllables(self) -> int:
        """Syllables counted in all (the sum of every form's occurrences)."""
        if self._syllables < 0:
            self._syllables = sum(sum(f.values()) for f in self.forms.values())
        return self._syllables

    @property
    def is_empty(self) -> bool:
        return self.documents == 0

    def idf(self, syllable: str) -> float:
        """BM25's idf of a syllable (lower case, with its accents); an unknown one is as rare as
        can be."""
        n = self.df.get(syllable, 0)
        return math.log(1 + (self.documents - n + 0.5) / (n + 0.5))

    def max_idf(self) -> float:
        return math.log(1 + (self.documents + 0.5) / 0.5)

    def to_bytes(self) -> bytes:
        data = {"format": FORMAT, "documents": self.documents, "df": self.df, "forms": self.forms}
        data["bigrams"] = self.bigrams
        data["trigrams"] = self.trigrams
        return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), 6)

    @classmethod
    def from_bytes(cls, raw: bytes) -> Lexicon:
        data: dict[str, Any] = json.loads(zlib.decompress(raw))
        if data.get("format") != FORMAT:
            return cls()
        return cls(
            documents=int(data["documents"]),
            df=data["df"],
            forms=data["forms"],
            bigrams=data["bigrams"],
            trigrams=data.get("trigrams", {}),
        )


class LexiconBuilder:
    """Counts over entries, then ``build()``."""

    def __init__(self) -> None:
        self.documents = 0
        self.df: Counter[str] = Counter()
        self.forms: Counter[str] = Counter()
        self.bigrams: Counter[str] = Counter()
        self.trigrams: Counter[str] = Counter()

    def add(self, text: str) -> None:
        self.documents += 1
        seen: set[str] = set()
        for run in syllable_runs(text):
            self.forms.update(run)
            seen.update(run)
            self.bigrams.update(f"{a} {b}" for a, b in zip(run, run[1:], strict=False))
            self.trigrams.update(f"{a} {b} {c}" for a, b, c in zip(run, run[1:], run[2:], strict=False))
        self.df.update(seen)

    def add_all(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.add(text)

    def build(self, prune: bool = True) -> Lexicon:
        """The lexicon; ``prune=False`` keeps every form, pair and triple (a few texts' context
        for the restoration, search/nlp/accents.py)."""
        forms: dict[str, dict[str, int]] = {}
        for form, count in self.forms.most_common():
            options = forms.setdefault(fold_diacritics(form), {})
            if len(options) < MAX_FORMS or not prune:
                options[form] = count
        least_pair, least_triple = (MIN_PAIR_COUNT, MIN_TRIPLE_COUNT) if prune else (1, 1)
        bigrams = {pair: count for pair, count in self.bigrams.items() if count >= least_pair}
        trigrams = {triple: count for triple, count in self.trigrams.items() if count >= least_triple}
        return Lexicon(documents=self.documents, df=dict(self.df), forms=forms, bigrams=bigrams, trigrams=trigrams)

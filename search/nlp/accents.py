"""Diacritic restoration: the likeliest accented reading of a query typed without accents.

``restore("thu tuc cap giay phep kinh doanh vang", lexicon)`` → "thủ tục cấp giấy phép kinh
doanh vàng". An n-gram model over syllables, learned from the indexed texts themselves
(search/nlp/lexicon.py, no outside model): each unaccented syllable may be any accented form
the texts use for it, and the Viterbi path maximises the product of P(form | the two forms
before), interpolated from the triples, the pairs and the form's own frequency (so an unseen
triple or pair still has a chance). Syllables the texts never wrote are left as typed;
punctuation and numbers stay where they are.

``context``: the counts of a few texts that the query found (the first lexical answers to the
query, search/engine.py), added with ``CONTEXT_WEIGHT`` to those of every indexed text: words
that legal texts rarely use ("dây điện", "chặt cây", "di chúc cũ") are read as the texts on the
query's subject write them (pseudo-relevance feedback; docs/benchmarks.md).
"""

from __future__ import annotations

import math
import re
from typing import Final

from regulations.legaltext.normalize import fold_diacritics
from search.nlp.lexicon import Lexicon

# The model: P(form | the two forms before) interpolated (Jelinek-Mercer) from the triple, the
# pair and the form's own frequency, with these weights; a lexicon without triples (stored before
# they were counted) gives the triple's share to the pair: P = 0.9 pair + 0.1 form, as before.
TRIPLE_WEIGHT: Final = 0.5
PAIR_WEIGHT: Final = 0.9
# A context text's n-gram counts as this many of the whole lexicon's.
CONTEXT_WEIGHT: Final = 3.0
# Readings kept at each syllable (the likeliest states (previous form, form)); bounds the work
# on long queries: about BEAM x forms per syllable.
BEAM: Final = 32
_TOKEN_RE: Final = re.compile(r"[^\W\d_]+|[^\s]|\s+")
_WORD_RE: Final = re.compile(r"[^\W\d_]+")


class _Counts:
    """The lexicon's counts, plus ``weight`` times the context's when there is one."""

    def __init__(self, lexicon: Lexicon, context: Lexicon | None, weight: float) -> None:
        self.lexicon, self.context, self.weight = lexicon, context, weight
        self.total = lexicon.syllables + (weight * context.syllables if context else 0)
        self.has_triples = bool(lexicon.trigrams or (context and context.trigrams))

    def candidates(self, syllable: str) -> list[str]:
        """The forms a syllable may stand for: itself when typed with accents or never written
        in the texts, else every accented form the texts use for it."""
        if fold_diacritics(syllable) != syllable:
            return [syllable]
        forms = list(self.lexicon.forms.get(syllable) or [])
        if self.context:
            forms += [f for f in self.context.forms.get(syllable) or [] if f not in forms]
        return forms or [syllable]

    def _get(self, table: str, key: str) -> float:
        count: float = getattr(self.lexicon, table).get(key, 0)
        if self.context:
            count += self.weight * getattr(self.context, table).get(key, 0)
        return count

    def form(self, form: str) -> float:
        folded = fold_diacritics(form)
        count: float = self.lexicon.forms.get(folded, {}).get(form, 0)
        if self.context:
            count += self.weight * self.context.forms.get(folded, {}).get(form, 0)
        return count

    def pair(self, first: str, second: str) -> float:
        return self._get("bigrams", f"{first} {second}")

    def triple(self, first: str, second: str, third: str) -> float:
        return self._get("trigrams", f"{first} {second} {third}")


def _restore_run(run: list[str], counts: _Counts) -> list[str]:
    """Viterbi over one run of syllables (no punctuation between them); a state is the pair
    (previous form, form), so that the triple model reads two forms back."""
    lattice = [counts.candidates(s) for s in run]
    seen = {form: counts.form(form) for column in lattice for form in column}
    # P(form) with add-one smoothing
    unigram = {form: (count + 1) / (counts.total + 1) for form, count in seen.items()}
    triple_weight = TRIPLE_WEIGHT if counts.has_triples else 0.0
    pair_weight = PAIR_WEIGHT * (1 - triple_weight)
    form_weight = 1 - triple_weight - pair_weight

    def p_next(before: str, prev: str, form: str) -> float:
        pair = counts.pair(prev, form) / (seen[prev] + 1)
        if not before:  # the second syllable: no triple yet
            return (1 - form_weight) * pair + form_weight * unigram[form]
        context = counts.pair(before, prev)
        triple = counts.triple(before, prev, form) / (context + 1) if context else 0.0
        return triple_weight * triple + pair_weight * pair + form_weight * unigram[form]

    State = tuple[str, str]
    best: list[dict[State, tuple[float, State | None]]] = [
        {("", form): (math.log(unigram[form]), None) for form in lattice[0]}
    ]
    for column in lattice[1:]:
        scores: dict[State, tuple[float, State | None]] = {}
        for came_from, (score, _back) in best[-1].items():
            before, prev = came_from
            for form in column:
                candidate = score + math.log(p_next(before, prev, form))
                key = (prev, form)
                if key not in scores or candidate > scores[key][0]:
                    scores[key] = (candidate, came_from)
        if len(scores) > BEAM:
            scores = dict(sorted(scores.items(), key=lambda kv: -kv[1][0])[:BEAM])
        best.append(scores)
    state: State | None = max(best[-1], key=lambda k: best[-1][k][0])
    path = []
    for i in range(len(run) - 1, -1, -1):
        assert state is not None
        path.append(state[1])
        state = best[i][state][1]
    return path[::-1]


def restore(text: str, lexicon: Lexicon, context: Lexicon | None = None) -> str:
    """``text`` in lower case with the likeliest accents on every syllable typed without them.
    Syllables typed with accents stay (and guide their neighbours); numbers and punctuation
    stay and cut the text into runs restored one by one. ``context``: see the module's doc."""
    if lexicon.is_empty:
        return text
    counts = _Counts(lexicon, context if context is not None and not context.is_empty else None, CONTEXT_WEIGHT)
    tokens = _TOKEN_RE.findall(text.lower())
    run: list[int] = []  # positions in `tokens` of the current run of syllables

    def flush() -> None:
        if run:
            for i, form in zip(run, _restore_run([tokens[i] for i in run], counts), strict=True):
                tokens[i] = form
            run.clear()

    for i, token in enumerate(tokens):
        if _WORD_RE.fullmatch(token):
            run.append(i)
        elif not token.isspace():
            flush()
    flush()
    return "".join(tokens).strip()

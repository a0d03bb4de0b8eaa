"""Diacritic restoration: the likeliest accented reading of a query typed without accents.

``restore("thu tuc cap giay phep kinh doanh vang", lexicon)`` → "thủ tục cấp giấy phép kinh
doanh vàng". A bigram model over syllables, learned from the indexed texts themselves
(search/nlp/lexicon.py, no outside model): each unaccented syllable may be any accented form
the texts use for it, and the Viterbi path maximises the product of P(form | previous form)
(interpolated with the form's own frequency, so an unseen pair still has a chance). Syllables
the texts never wrote are left as typed; punctuation and numbers stay where they are.
"""

from __future__ import annotations

import math
import re
from typing import Final

from regulations.legaltext.normalize import fold_diacritics
from search.nlp.lexicon import Lexicon

# Weight of the pair model against the form's own frequency (Jelinek-Mercer interpolation).
PAIR_WEIGHT: Final = 0.9
_TOKEN_RE: Final = re.compile(r"[^\W\d_]+|[^\s]|\s+")
_WORD_RE: Final = re.compile(r"[^\W\d_]+")


def _candidates(syllable: str, lexicon: Lexicon) -> list[str]:
    """The forms a syllable may stand for: itself when typed with accents or never written in
    the texts, else every accented form the texts use for it."""
    if fold_diacritics(syllable) != syllable:
        return [syllable]
    return list(lexicon.forms.get(syllable) or [syllable])


def _form_count(form: str, lexicon: Lexicon) -> int:
    return lexicon.forms.get(fold_diacritics(form), {}).get(form, 0)


def _restore_run(run: list[str], lexicon: Lexicon, total: int) -> list[str]:
    """Viterbi over one run of syllables (no punctuation between them)."""
    lattice = [_candidates(s, lexicon) for s in run]
    counts = {form: _form_count(form, lexicon) for column in lattice for form in column}
    # log P(form) with add-one smoothing; log P(form | previous) interpolated with it
    unigram = {form: math.log((count + 1) / (total + 1)) for form, count in counts.items()}
    best: list[dict[str, tuple[float, str]]] = [{form: (unigram[form], "") for form in lattice[0]}]
    for column in lattice[1:]:
        scores: dict[str, tuple[float, str]] = {}
        for form in column:
            p_form = math.exp(unigram[form])
            options = []
            for prev, (score, _back) in best[-1].items():
                pair = lexicon.bigrams.get(f"{prev} {form}", 0)
                p = PAIR_WEIGHT * pair / (counts[prev] + 1) + (1 - PAIR_WEIGHT) * p_form
                options.append((score + math.log(p), prev))
            scores[form] = max(options)
        best.append(scores)
    form = max(best[-1], key=lambda f: best[-1][f][0])
    path = [form]
    for i in range(len(run) - 1, 0, -1):
        form = best[i][form][1]
        path.append(form)
    return path[::-1]


def restore(text: str, lexicon: Lexicon) -> str:
    """``text`` in lower case with the likeliest accents on every syllable typed without them.
    Syllables typed with accents stay (and guide their neighbours); numbers and punctuation
    stay and cut the text into runs restored one by one."""
    if lexicon.is_empty:
        return text
    total = lexicon.syllables
    tokens = _TOKEN_RE.findall(text.lower())
    run: list[int] = []  # positions in `tokens` of the current run of syllables

    def flush() -> None:
        if run:
            for i, form in zip(run, _restore_run([tokens[i] for i in run], lexicon, total), strict=True):
                tokens[i] = form
            run.clear()

    for i, token in enumerate(tokens):
        if _WORD_RE.fullmatch(token):
            run.append(i)
        elif not token.isspace():
            flush()
    flush()
    return "".join(tokens).strip()

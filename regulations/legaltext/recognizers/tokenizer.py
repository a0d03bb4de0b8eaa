"""The spaCy tokenizer of the recognizers: syllables, each document number kept whole.

1. a regex pre-pass (``numbers.find_document_numbers``) protects every document number such as
   ``45/2020/NĐ-CP`` or ``468 /QĐ-TTg`` as ONE token (tag ``DOCNUM``), and ``45/2020``-shaped
   number/year pairs as one token (tag ``NUMYEAR``); underthesea would split them;
2. the rest is cut into syllables by underthesea's own regex tokenizer;
3. every token's NORM is its lower-cased, diacritic-free form, so the rules match text typed
   with or without accents; TAG is W (word), SP (space), DOCNUM or NUMYEAR.

The tokens are also kept as ``RawToken``s in ``doc.user_data["vi_raw"]`` (and the numbers by
token index in ``doc.user_data["vi_docnums"]``), for a word segmenter that works on the same
syllables (``search.nlp.segment``).
"""

from __future__ import annotations

import re
from typing import Any, Final

import numpy
from spacy.attrs import NORM, TAG
from spacy.tokens import Doc
from spacy.vocab import Vocab

from regulations.legaltext.normalize import fold_for_matching
from regulations.legaltext.numbers import DocumentNumber, find_document_numbers, find_number_years

__all__ = ["TAG_DOCNUM", "TAG_NUMYEAR", "TAG_SPACE", "TAG_WORD", "RawToken", "VietnameseTokenizer"]

TAG_WORD: Final = "W"
TAG_SPACE: Final = "SP"
TAG_DOCNUM: Final = "DOCNUM"
TAG_NUMYEAR: Final = "NUMYEAR"

# (start, end, tag, document number) of a token, in characters of the normalised text
RawToken = tuple[int, int, str, DocumentNumber | None]


def _underthesea_patterns() -> re.Pattern[str]:
    from underthesea.pipeline.word_tokenize.regex_tokenize import patterns

    assert isinstance(patterns, re.Pattern)
    return patterns


class VietnameseTokenizer:
    """Citation-protecting syllable tokenizer. ``tokenizer(text)`` expects normalised text
    (``normalize(text, keep_newlines=True)``)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._patterns = _underthesea_patterns()

    def __call__(self, text: str) -> Doc:
        return self.make_doc(text)

    def raw_tokens(self, text: str) -> list[RawToken]:
        protected: list[RawToken] = [(d.start, d.end, TAG_DOCNUM, d) for d in find_document_numbers(text)]
        for s, e in find_number_years(text):
            if not any(s < pe and ps < e for ps, pe, _, _ in protected):
                protected.append((s, e, TAG_NUMYEAR, None))
        protected.sort(key=lambda t: t[0])
        tokens: list[RawToken] = []
        append = tokens.append
        pos = 0
        for p in [*protected, None]:
            end = len(text) if p is None else p[0]
            for m in self._patterns.finditer(text, pos, end):
                s, e = m.span()
                if e > s:
                    append((s, e, TAG_WORD, None))
            if p is not None:
                append(p)
                pos = p[1]
        return tokens

    def make_doc(self, text: str) -> Doc:
        raw = self.raw_tokens(text)
        folded = fold_for_matching(text)
        words: list[str] = []
        spaces: list[bool] = []
        tags: list[str] = []
        norms: list[str] = []
        docnums: dict[int, DocumentNumber] = {}
        prev = 0
        for start, end, tag, docnum in [*raw, (len(text), len(text), "", None)]:
            if start > prev:
                gap = text[prev:start]
                if gap[0] == " " and words and not spaces[-1] and tags[-1] != TAG_SPACE:
                    spaces[-1] = True
                    gap = gap[1:]
                if gap:
                    words.append(gap)
                    spaces.append(False)
                    tags.append(TAG_SPACE if gap.isspace() else TAG_WORD)
                    norms.append(gap)
            if not tag:
                break
            if docnum is not None:
                docnums[len(words)] = docnum
                norm = fold_for_matching(docnum.number)
            else:
                norm = folded[start:end]
                if len(norm) > 1 and norm[-1] == "." and norm[0] != ".":
                    norm = norm.rstrip(".")
            words.append(text[start:end])
            spaces.append(False)
            tags.append(tag)
            norms.append(norm)
            prev = end
        doc = Doc(self.vocab, words=words, spaces=spaces)
        if words:
            add = self.vocab.strings.add
            values: Any = numpy.array([[add(n), add(t)] for n, t in zip(norms, tags, strict=True)], dtype="uint64")
            doc.from_array([NORM, TAG], values)
        doc.user_data["vi_docnums"] = docnums
        doc.user_data["vi_raw"] = raw
        return doc

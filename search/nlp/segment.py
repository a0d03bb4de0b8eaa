"""Vietnamese word segmentation with underthesea, citations kept whole.

``segment("Thủ tục hành chính theo Nghị định 45/2020/NĐ-CP")`` →
``["thủ_tục", "hành_chính", "theo", "nghị_định", "45/2020/nđ-cp"]``: words are underthesea's
(syllables joined by "_"), lower-cased, punctuation dropped; each document number is one token,
its canonical number lower-cased. A citation without a full number that still resolves to one
("Luật Du lịch", "NĐ 24/2012", "BLLĐ") keeps its words and is followed by the number token
("09/2017/qh14"), so that text citing a law by name and text citing it by number share a token.

The syllables are those of the legal-text recognizers (``regulations.legaltext.recognizers``:
one tokenizer, numbers protected), grouped into words by underthesea's CRF model.
"""

from __future__ import annotations

import re
import threading
from os.path import dirname, join
from typing import Final, Protocol

from spacy.tokens import Doc

from regulations.legaltext.normalize import normalize
from regulations.legaltext.numbers import DocumentNumber
from regulations.legaltext.recognizers import LEGAL_REF, Entity, doc_entities, make_doc
from regulations.legaltext.recognizers.tokenizer import TAG_WORD, RawToken

__all__ = ["doc_words", "segment"]

_HAS_WORD_CHAR_RE: Final = re.compile(r"\w")
_EDGE_PUNCT_RE: Final = re.compile(r"^[^\w]+|[^\w]+$")


class _Tagger(Protocol):
    def predict(self, tokens: list[list[str]]) -> list[str]: ...


_crf_lock = threading.Lock()
_crf_model: _Tagger | None = None
_token_map: dict[str, str] | None = None


def _crf() -> tuple[_Tagger, dict[str, str]]:
    """underthesea's word-segmentation CRF (the model ``underthesea.word_tokenize`` uses) and
    its token normalisation map."""
    global _crf_model, _token_map
    if _crf_model is None or _token_map is None:
        with _crf_lock:
            if _crf_model is None or _token_map is None:
                import underthesea.pipeline.word_tokenize as ws
                from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger
                from underthesea.pipeline.text_normalize.text_normalizer import token_map

                model = FastCRFSequenceTagger()
                model.load(join(dirname(ws.__file__), "models", "ws_crf_vlsp2013_20230727"))
                _token_map = dict(token_map)
                _crf_model = model
    return _crf_model, _token_map


def _words(raw: list[RawToken], text: str) -> list[tuple[str, int]]:
    """underthesea words as (word, end offset): syllables joined by "_", lower-case,
    punctuation dropped, a document number as its canonical number in lower case."""
    if not raw:
        return []
    model, token_map = _crf()
    texts = [text[s:e] for s, e, _, _ in raw]
    features = [[token_map.get(t, t) if len(t) <= 6 else t] for t in texts]
    crf_tags = model.predict(features)
    words: list[tuple[str, int]] = []
    current: list[str] = []
    current_end = 0
    prev_end = -1
    prev_joinable = False
    has_word = _HAS_WORD_CHAR_RE.search
    for (start, end, tag, docnum), t, crf_tag in zip(raw, texts, crf_tags, strict=True):
        joinable = tag == TAG_WORD and has_word(t) is not None
        if crf_tag == "I-W" and joinable and prev_joinable and "\n" not in text[prev_end:start]:
            current.append(t)
        else:
            if current:
                words.append(("_".join(current), current_end))
            current = [docnum.number if docnum is not None else t]
        current_end = end
        prev_end = end
        prev_joinable = joinable
    if current:
        words.append(("_".join(current), current_end))
    out: list[tuple[str, int]] = []
    for word, end in words:
        word = _EDGE_PUNCT_RE.sub("", word)
        if word:
            out.append((word.lower(), end))
    return out


def doc_words(doc: Doc, entities: list[Entity], expand_citations: bool = True) -> list[str]:
    """The word tokens of a ``Doc`` of the recognizers (``recognizers.make_doc``)."""
    words = _words(doc.user_data.get("vi_raw", []), doc.text)
    docnums: dict[int, DocumentNumber] = doc.user_data.get("vi_docnums", {})
    pending: list[tuple[int, str]] = []
    if expand_citations:
        docnum_starts = [d.start for d in docnums.values()]
        for e in entities:
            if e.label != LEGAL_REF or not e.number:
                continue
            if any(e.start <= s < e.end for s in docnum_starts):
                continue
            pending.append((e.end, e.number.lower()))
        pending.sort()
    if not pending:
        return [w for w, _ in words]
    out: list[str] = []
    for word, end in words:
        out.append(word)
        while pending and pending[0][0] <= end:
            out.append(pending.pop(0)[1])
    out.extend(number for _, number in pending)
    return out


def segment(text: str, expand_citations: bool = True) -> list[str]:
    """Word tokens of ``text`` (normalised first), for the index and for queries alike.

    ``expand_citations=False`` leaves out the number tokens added after citations by name
    (useful to segment synonym phrases).
    """
    normalized = normalize(text, keep_newlines=True)
    if not normalized:
        return []
    doc = make_doc(normalized)
    return doc_words(doc, doc_entities(doc), expand_citations=expand_citations)

"""Vietnamese word segmentation with underthesea, citations kept whole.

``segment("Thủ tục hành chính theo Nghị định 45/2020/NĐ-CP")`` →
``["thủ_tục", "hành_chính", "theo", "nghị_định", "45/2020/nđ-cp"]``: words are underthesea's
(syllables joined by "_"), lower-cased, punctuation dropped; each document number is one token,
its canonical number lower-cased. A citation without a full number that still resolves to one
("Luật Du lịch", "NĐ 24/2012", "BLLĐ") keeps its words and is followed by the number token
("09/2017/qh14"), so that text citing a law by name and text citing it by number share a token.
"""

from __future__ import annotations

from spacy.tokens import Doc

from search.nlp.citations import DocumentNumber
from search.nlp.entities import LEGAL_REF, Entity, doc_entities, make_doc
from search.nlp.normalize import normalize

__all__ = ["doc_words", "segment"]


def doc_words(doc: Doc, entities: list[Entity], expand_citations: bool = True) -> list[str]:
    """The word tokens of a segmented ``Doc`` (see ``entities.make_doc(..., segment=True)``)."""
    words: list[tuple[str, int]] = doc.user_data.get("vi_words", [])
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
    doc = make_doc(normalized, segment=True)
    return doc_words(doc, doc_entities(doc), expand_citations=expand_citations)

"""Citations: matched token spans → LEGAL_REF and ARTICLE_REF entities with their values.

LEGAL_REF comes from a protected document number ("45/2020/NĐ-CP"), a law name ("Bộ luật Lao
động 2019", "Luật Du lịch", "BLLĐ", resolved by ``laws`` to a number) or citation words followed
by a number ("Nghị định số 45/2020", "NĐ 24/2012"). ARTICLE_REF merges "điểm a" + "khoản 2" +
"Điều 5" (+ ", Mục V") and takes the document cited right after it ("Điều 31 Luật Du lịch").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Final

from spacy.tokens import Doc

from regulations.legaltext import doctypes
from regulations.legaltext.laws import canonical_law_name, law_by_number, law_by_number_prefix, resolve_law
from regulations.legaltext.normalize import fold_for_matching
from regulations.legaltext.numbers import DocumentNumber, canonical_number
from regulations.legaltext.recognizers.entity import ARTICLE_REF, LEGAL_REF, Entity
from regulations.legaltext.recognizers.rules import (
    ARTICLE_GAP_WORDS,
    ARTICLE_KEYWORDS,
    CITATION_WORDS,
    CODES_WITH_NUMBER,
    SEP_WORDS,
)
from regulations.legaltext.recognizers.tokenizer import TAG_NUMYEAR
from regulations.legaltext.roman import roman_value

__all__ = [
    "Candidate",
    "link_articles",
    "link_names_to_numbers",
    "loose_candidate",
    "merge_article_parts",
    "name_candidate",
    "parse_article",
    "parse_legal",
    "resolve_overlaps",
]


@dataclass(frozen=True)
class Candidate:
    start: int  # token indexes
    end: int
    label: str
    kind: str  # the rule that matched: LEGAL_DOCNUM, LEGAL_NAME, LEGAL_LOOSE, ART, DATE...


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# The type names among the citation words ("nghi dinh", "luat"), and all of them (with codes).
_TYPE_NAMES: Final = {word: t.name for word, t in CITATION_WORDS.items() if fold_for_matching(t.name) == word}
_DOC_TYPE_BEFORE_RE: Final = re.compile(rf"(?:^|\s)({_alternatives(list(_TYPE_NAMES))})(?: so)?\s*:?\s*$")
_LINK_GAP_RE: Final = re.compile(
    r"^[\s,]*(?:(?:cua|tai|theo|thuoc)\s+)?"
    rf"(?:(?:{_alternatives(list(CITATION_WORDS))})\s+)?(?:so\s*:?\s*)?$"
)
# Types whose number alone does not settle the type: a National Assembly number may be a law or
# a resolution, a letter-shaped number may be any administrative document.
_UNSETTLED_TYPES: Final = frozenset({doctypes.LAW.name, doctypes.RESOLUTION.name, doctypes.OFFICIAL_LETTER.name})
_CODE_TYPES: Final = frozenset({doctypes.CODE.name, doctypes.LAW.name})


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and text[:2] in ("19", "20")


def name_candidate(doc: Doc, start: int, end: int) -> Candidate | None:
    """A law name, with the year after it ("Bộ luật Lao động 2019", "... năm 2019")."""
    if doc[start].norm_ == "luat" and start > 0 and doc[start - 1].norm_ == "phap":
        return None  # "pháp luật đất đai": the law in general, not Luật Đất đai
    if end < len(doc) and _is_year(doc[end].text):
        end += 1
    elif end + 1 < len(doc) and doc[end].norm_ == "nam" and _is_year(doc[end + 1].text):
        end += 2
    return Candidate(start, end, LEGAL_REF, "LEGAL_NAME")


def loose_candidate(doc: Doc, start: int, end: int) -> Candidate | None:
    """Citation words followed by "45/2020" or "45": "Nghị định số 45/2020", "NĐ 24/2012"."""
    phrase = " ".join(t.norm_ for t in doc[start:end])
    j = end
    has_so = j < len(doc) and doc[j].norm_ == "so"
    if has_so:
        j += 1
    if j >= len(doc):
        return None
    tok = doc[j]
    if tok.tag_ == TAG_NUMYEAR:
        return Candidate(start, j + 1, LEGAL_REF, "LEGAL_LOOSE")
    if not tok.is_digit or phrase in ("luat", "bo luat"):
        return None
    if has_so or (" " in phrase and phrase != "quyet dinh") or phrase in CODES_WITH_NUMBER:
        return Candidate(start, j + 1, LEGAL_REF, "LEGAL_LOOSE")
    return None


def resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first, then earliest (as ``spacy.util.filter_spans``)."""
    chosen: list[Candidate] = []
    taken: set[int] = set()
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if any(i in taken for i in range(c.start, c.end)):
            continue
        chosen.append(c)
        taken.update(range(c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


def merge_article_parts(doc: Doc, parts: list[Candidate]) -> list[Candidate]:
    """Merge "điểm a" + "khoản 2" + "Điều 5" (+ ", Mục V") into one ARTICLE_REF."""
    parts = resolve_overlaps(parts)
    groups: list[list[Candidate]] = []
    for p in parts:
        if groups:
            last = groups[-1][-1]
            gap = [t.norm_ for t in doc[last.end : p.start]]
            if len(gap) <= 2 and all(g in ARTICLE_GAP_WORDS for g in gap):
                groups[-1].append(p)
                continue
        groups.append([p])
    merged: list[Candidate] = []
    for group in groups:
        kinds = {p.kind for p in group}
        if kinds == {"ART_POINT"}:
            continue  # "điểm a" alone is too ambiguous
        if kinds == {"ART_SECTION"}:
            head = doc[group[0].start]
            value = doc[group[0].start + 1].text
            if head.text.lower() != "mục" and roman_value(value) is None:
                continue  # "muc 1" typed without accents may be "mức 1"
        merged.append(Candidate(group[0].start, group[-1].end, ARTICLE_REF, "ART"))
    return merged


def _doc_type_before(doc: Doc, start: int) -> str | None:
    words = " ".join(t.norm_ for t in doc[max(0, start - 5) : start] if not t.is_space)
    m = _DOC_TYPE_BEFORE_RE.search(words)
    return _TYPE_NAMES[m.group(1)] if m else None


def parse_legal(doc: Doc, c: Candidate, base: Entity) -> Entity:
    if c.kind == "LEGAL_DOCNUM":
        return _parse_docnum(doc, c, base)
    if c.kind == "LEGAL_NAME":
        return _parse_name(doc, c, base)
    return _parse_loose(doc, c, base)


def _parse_docnum(doc: Doc, c: Candidate, base: Entity) -> Entity:
    docnums: dict[int, DocumentNumber] = doc.user_data["vi_docnums"]
    d = docnums[c.start]
    known = law_by_number(d.number)
    doc_type = d.doc_type
    if known is not None:
        doc_type = known.doc_type
    elif doc_type in _UNSETTLED_TYPES:
        doc_type = _doc_type_before(doc, c.start) or doc_type
    return replace(base, number=d.number, doc_type=doc_type, year=d.year, name=known.name if known else None)


def _parse_name(doc: Doc, c: Candidate, base: Entity) -> Entity:
    """A law by name ("Bộ luật Lao động 2019", "Luật Du lịch", "BLLĐ") → its number; without a
    year, the law of that name in force on the doc's date (``make_doc(..., on=)``, default today)."""
    tokens = list(doc[c.start : c.end])
    year: int | None = None
    if _is_year(tokens[-1].text):
        year = int(tokens[-1].text)
        tokens = tokens[:-1]
        if tokens and tokens[-1].norm_ == "nam":
            tokens = tokens[:-1]
    name_text = " ".join(t.text for t in tokens)
    law = resolve_law(name_text, year, on=doc.user_data.get("vi_on"))
    if law is not None:
        return replace(
            base, number=law.number, doc_type=law.doc_type, year=law.year, name=law.name, year_inferred=year is None
        )
    canonical = canonical_law_name(name_text)
    doc_type = None
    if canonical is not None:
        found = doctypes.by_title(canonical)
        doc_type = found.name if found is not None and found.name in _CODE_TYPES else doctypes.LAW.name
    return replace(base, doc_type=doc_type, year=year, name=canonical)


def _parse_loose(doc: Doc, c: Candidate, base: Entity) -> Entity:
    """Citation words, optional "số", then "45/2020" or "45"."""
    tokens = doc[c.start : c.end]
    number_token = tokens[-1]
    type_words = " ".join(t.norm_ for t in tokens[:-1] if t.norm_ != "so")
    doc_type = CITATION_WORDS.get(type_words)
    name = doc_type.name if doc_type is not None else None
    if number_token.tag_ != TAG_NUMYEAR:
        return replace(base, doc_type=name)
    n, y = number_token.text.split("/")
    if doc_type is not None and doc_type.number_suffix is not None:
        return replace(base, number=canonical_number(f"{n}/{y}/{doc_type.number_suffix}"), doc_type=name, year=int(y))
    if name in _CODE_TYPES:
        known = law_by_number_prefix(canonical_number(f"{n}/{y}/X")[:-1])
        if known is not None:
            return replace(base, number=known.number, doc_type=known.doc_type, year=int(y), name=known.name)
    return replace(base, doc_type=name, year=int(y))


def parse_article(doc: Doc, c: Candidate, base: Entity) -> Entity:
    values: dict[str, list[str]] = {}
    field: str | None = None
    for tok in doc[c.start : c.end]:
        norm = tok.norm_
        if norm in ARTICLE_KEYWORDS:
            field = ARTICLE_KEYWORDS[norm]
            values.setdefault(field, [])
            continue
        if field is None or norm in SEP_WORDS or norm in ARTICLE_GAP_WORDS or norm == "cac":
            continue
        text = tok.text.rstrip(".")
        if field in ("part", "chapter"):
            text = text.upper()
        elif field == "point":
            text = text.lower()
        values[field].append(text)

    def joined(key: str) -> str | None:
        v = values.get(key)
        return ",".join(v) if v else None

    return replace(
        base,
        article=joined("article"),
        clause=joined("clause"),
        point=joined("point"),
        part=joined("part"),
        chapter=joined("chapter"),
    )


_NAME_NUMBER_GAP_RE: Final = re.compile(r"^[\s,]*(?:so\s*:?\s*)?$")


def link_names_to_numbers(text: str, entities: list[Entity]) -> list[Entity]:
    """ "Luật Xây dựng số 50/2014/QH13": a law named without a year and numbered right after is
    that number, not the version in force today."""
    out = list(entities)
    folded = fold_for_matching(text)
    for i in range(len(out) - 1):
        name, number = out[i], out[i + 1]
        if not (name.label == number.label == LEGAL_REF and name.year_inferred and number.number):
            continue
        if number.name != name.name or not _NAME_NUMBER_GAP_RE.match(folded[name.end : number.start]):
            continue
        out[i] = replace(name, number=number.number, year=number.year, year_inferred=False)
    return out


def link_articles(text: str, entities: list[Entity]) -> list[Entity]:
    """In "Điều 31 Luật Du lịch" the ARTICLE_REF takes the document of the LEGAL_REF after it."""
    out = list(entities)
    folded = fold_for_matching(text)
    for i, e in enumerate(out):
        if e.label != ARTICLE_REF or i + 1 >= len(out):
            continue
        nxt = out[i + 1]
        if nxt.label != LEGAL_REF:
            continue
        if not _LINK_GAP_RE.match(folded[e.end : nxt.start]):
            continue
        out[i] = replace(
            e, number=nxt.number, doc_type=nxt.doc_type, year=nxt.year, name=nxt.name, year_inferred=nxt.year_inferred
        )
    return out

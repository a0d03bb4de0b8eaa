"""Recognisers of Vietnamese legal text: citations (document numbers of every kind, law names,
"điểm a khoản 2 Điều 5"), dates, money ("lệ phí 500.000 đồng", "2 triệu đồng") and durations
("15 ngày làm việc", "03 tháng"), as ``Entity``s with typed values and character spans.

Importing this package loads spaCy (and underthesea's tokenizer patterns); the pipeline itself
is built on first use. Modules: ``entity`` (what is returned), ``tokenizer``, ``rules``,
``citations``, ``values``, ``pipeline`` (the spaCy component and the public functions).
"""

from regulations.legaltext.recognizers.entity import (
    ARTICLE_REF,
    CITATION_LABELS,
    DATE,
    DURATION,
    LEGAL_REF,
    MONEY,
    Entity,
)
from regulations.legaltext.recognizers.pipeline import (
    Recognized,
    citations,
    dates,
    doc_entities,
    durations,
    extract_citations,
    extract_entities,
    get_nlp,
    make_doc,
    money,
    recognize,
)

__all__ = [
    "ARTICLE_REF",
    "CITATION_LABELS",
    "DATE",
    "DURATION",
    "LEGAL_REF",
    "MONEY",
    "Entity",
    "Recognized",
    "citations",
    "dates",
    "doc_entities",
    "durations",
    "extract_citations",
    "extract_entities",
    "get_nlp",
    "make_doc",
    "money",
    "recognize",
]

"""Small builders for regulation test data, on top of the real importer."""

from datetime import date

from regulations.importing import DocumentRecord, RelationRecord, save_document
from regulations.models import LegalDocumentPage
from regulations.parsers.types import ParsedNode


def article(label: str, heading: str, clauses: int = 2, points: int = 1) -> ParsedNode:
    return ParsedNode(
        kind="article",
        label=label,
        heading=heading,
        text="",
        line=0,
        children=[
            ParsedNode(
                kind="clause",
                label=str(c),
                heading="",
                text=f"Nội dung khoản {c} Điều {label} về thủ tục hành chính.",
                line=0,
                children=[
                    ParsedNode(
                        kind="point",
                        label="abcdđe"[p],
                        heading="",
                        text=f"Điểm {'abcdđe'[p]} khoản {c}.",
                        line=0,
                        children=[],
                    )
                    for p in range(points)
                ],
            )
            for c in range(1, clauses + 1)
        ],
    )


def make_document(
    number: str = "24/2012/NĐ-CP",
    title: str = "Nghị định 24/2012/NĐ-CP về quản lý hoạt động kinh doanh vàng",
    issuer: str = "Chính phủ",
    articles: int = 3,
    relations: list[RelationRecord] | None = None,
    fields: list[str] | None = None,
    **extra,
) -> LegalDocumentPage:
    record = DocumentRecord(
        title=title,
        doc_type=extra.pop("doc_type", "nghi-dinh"),
        number=number,
        summary=extra.pop("summary", "về quản lý hoạt động kinh doanh vàng"),
        issuer=issuer,
        issued_date=extra.pop("issued_date", date(2012, 4, 3)),
        nodes=[article(str(i), f"Điều kiện kinh doanh số {i}") for i in range(1, articles + 1)],
        relations=relations or [],
        fields=fields or ["Tài chính, ngân hàng"],
        **extra,
    )
    return save_document(record).page

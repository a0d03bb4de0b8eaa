"""Turn each kind of source (corpus JSONL, full-text JSON, gazette record, parsed file) into
DocumentRecords for regulations.importing.save_document. No database access here."""

import json
import re
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from regulations.importing import DocumentRecord, RelationRecord
from regulations.legaltext import doctypes, numbers
from regulations.models.documents import LegalStatus
from regulations.models.relations import CONGBAO_HEADINGS
from regulations.parsers.structure import parse_article_body
from regulations.parsers.types import ParsedDocument, ParsedNode

REQUIRED_CORPUS_KEYS = ("id", "law_id", "title", "text")
# The corpus's (English) validity note, said in the portal's language.
UNVERIFIED_TEXT_NOTE = (
    "Chưa xác minh tình trạng hiệu lực. Đây là bản văn trong bộ dữ liệu nguồn, chưa cập nhật các lần "
    "sửa đổi, bổ sung, thay thế sau này; hãy đối chiếu trên vbpl.vn trước khi áp dụng."
)
_ARTICLE_TITLE = re.compile(r"^\s*Điều\s+(\d+[a-zđ]?)\s*[.:]?\s*(.*)$", re.IGNORECASE | re.DOTALL)


@dataclass
class LineError:
    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


def guess_doc_type(title: str | None, number: str | None = None) -> str:
    """'Bộ luật Dân sự 2015' -> bo-luat; '24/2012/NĐ-CP' -> nghi-dinh; else khac."""
    return numbers.guess_doc_type(title, number).value


def parse_iso_date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def article_node(label: str, heading: str, body: str, line: int = 0) -> ParsedNode:
    intro, clauses = parse_article_body(body)
    return ParsedNode(kind="article", label=label, heading=heading, text=intro, line=line, children=clauses)


# -- corpus JSONL ------------------------------------------------------------------------------


@dataclass
class CorpusDocument:
    law_id: str
    law_title: str
    lines: list[tuple[int, dict[str, Any]]]


def read_corpus_jsonl(path: Path) -> tuple[list[CorpusDocument], list[LineError]]:
    """Group a corpus file's lines by law_id; bad lines are reported and spoil their document."""
    source = str(path)
    documents: OrderedDict[str, CorpusDocument] = OrderedDict()
    errors: list[LineError] = []
    spoiled: set[str] = set()
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        return [], [LineError(source, None, f"không đọc được tệp: {exc.strerror}")]
    with handle:
        try:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                try:
                    item = json.loads(raw)
                except json.JSONDecodeError as exc:
                    errors.append(LineError(source, number, f"JSON không hợp lệ ({exc.msg}, cột {exc.colno})"))
                    continue
                if not isinstance(item, dict):
                    errors.append(LineError(source, number, "mỗi dòng phải là một đối tượng JSON"))
                    continue
                missing = [key for key in REQUIRED_CORPUS_KEYS if not str(item.get(key) or "").strip()]
                if missing:
                    errors.append(LineError(source, number, f"thiếu trường bắt buộc: {', '.join(missing)}"))
                    if item.get("law_id"):
                        spoiled.add(str(item["law_id"]))
                    continue
                law_id = str(item["law_id"]).strip()
                doc = documents.setdefault(law_id, CorpusDocument(law_id, str(item.get("law_title") or ""), []))
                doc.lines.append((number, item))
        except UnicodeDecodeError:
            return [], [LineError(source, None, "tệp không phải UTF-8")]
    for law_id in spoiled:
        if law_id in documents:
            errors.append(LineError(source, None, f"bỏ qua văn bản {law_id} vì có dòng lỗi"))
            documents.pop(law_id)
    if not documents and not errors:
        errors.append(LineError(source, None, "tệp rỗng"))
    return list(documents.values()), errors


def record_from_corpus(doc: CorpusDocument) -> DocumentRecord:
    nodes: list[ParsedNode] = []
    external_ids: dict[str, str] = {}
    for line, item in doc.lines:
        match = _ARTICLE_TITLE.match(str(item["title"]))
        label = match.group(1) if match else str(item.get("article") or len(nodes) + 1)
        heading = match.group(2).strip() if match else str(item["title"]).strip()
        nodes.append(article_node(label, heading, str(item["text"]), line))
        external_ids[f"dieu-{label.lower().replace('đ', 'dd')}"] = str(item["id"])
    number = None if doc.law_id.upper().startswith("HIEN-PHAP") else doc.law_id
    title = doc.law_title or doc.law_id
    return DocumentRecord(
        title=title,
        doc_type=guess_doc_type(title, doc.law_id),
        number=number,
        issuer="Quốc hội" if doc.law_id.upper().startswith("HIEN-PHAP") else None,
        issued_year=_year_of(doc.law_id) or _year_of(title),
        external_id=f"corpus:{doc.law_id}" if number is None else None,
        nodes=nodes,
        provision_external_ids=external_ids,
        metadata_source="Tập dữ liệu văn bản (ALQAC/VLSP/Zalo), siêu dữ liệu suy ra từ số hiệu",
    )


def _year_of(text: str | None) -> int | None:
    found = re.search(r"(19[4-9]\d|20\d\d)", text or "")
    return int(found.group(1)) if found else None


# -- full-text JSON and gazette records --------------------------------------------------------


def relations_from_congbao(relations: dict[str, Any] | None) -> list[RelationRecord]:
    records = []
    for heading, group in (relations or {}).items():
        kind = CONGBAO_HEADINGS.get(heading.strip())
        if kind is None:
            continue
        for item in group.get("items", []):
            if item.get("number"):
                records.append(RelationRecord(kind=kind, number=item["number"], title=item.get("title") or ""))
    return records


def _issuer(raw: str | None) -> str | None:
    return raw.strip() if raw else None


def record_from_fulltext(data: dict[str, Any]) -> DocumentRecord:
    nodes = []
    for position, article in enumerate(data.get("articles", []), start=1):
        label = str(article.get("article") or position)
        clauses = [
            ParsedNode(
                kind="clause",
                label=str(clause.get("number")),
                heading="",
                text=str(clause.get("text") or ""),
                line=0,
                children=[
                    ParsedNode(
                        kind="point",
                        label=str(p.get("letter")),
                        heading="",
                        text=str(p.get("text") or ""),
                        line=0,
                        children=[],
                    )
                    for p in clause.get("points") or []
                ],
            )
            for clause in article.get("clauses") or []
        ]
        if clauses:
            node = ParsedNode(
                kind="article",
                label=label,
                heading=str(article.get("heading") or ""),
                text=str(article.get("intro") or ""),
                line=0,
                children=clauses,
            )
        else:
            node = article_node(label, str(article.get("heading") or ""), str(article.get("text") or ""))
        nodes.append(node)
    prefix = data.get("benchmark_doc_id_prefix") or ""
    external_ids = {f"dieu-{n.label.lower()}": f"{prefix}{n.label}" for n in nodes} if prefix else {}
    status = LegalStatus.UNVERIFIED
    return DocumentRecord(
        title=data["title"],
        doc_type=guess_doc_type(data.get("doc_type"), data.get("number")),
        number=data.get("number"),
        summary=(data.get("summary") or "").strip(),
        issuer=_issuer(data.get("issuer")),
        signer=(data.get("signer") or "").strip().title()
        if (data.get("signer") or "").isupper()
        else (data.get("signer") or ""),
        issued_date=parse_iso_date(data.get("issued_date")),
        issued_year=_year_of(data.get("number")),
        effective_date=parse_iso_date(data.get("effective_date")),
        legal_status=status,
        status_note=UNVERIFIED_TEXT_NOTE if data.get("validity_note") else "",
        gazette_issue=data.get("gazette_issue") or "",
        metadata_source=data.get("metadata_source") or "",
        nodes=nodes,
        provision_external_ids=external_ids,
        relations=relations_from_congbao(data.get("relations")),
    )


def record_from_gazette(entry: dict[str, Any]) -> DocumentRecord:
    doc_type = guess_doc_type(entry.get("doc_type"), entry.get("number"))
    summary = (entry.get("summary") or "").strip()
    title = f"{entry.get('doc_type') or ''} {entry['number']} {summary[:1].lower() + summary[1:]}".strip()
    signer = (entry.get("signer") or "").strip()
    return DocumentRecord(
        title=title,
        doc_type=doc_type,
        number=entry["number"],
        summary=summary,
        issuer=_issuer(entry.get("issuer")),
        signer=signer.title() if signer.isupper() else signer,
        issued_date=parse_iso_date(entry.get("issued_date")),
        issued_year=_year_of(entry.get("number")),
        effective_date=parse_iso_date(entry.get("effective_date")),
        gazette_issue=entry.get("gazette_issue") or "",
        metadata_source="Công báo điện tử (congbao.chinhphu.vn)",
        source_url="",
        nodes=None,
        relations=relations_from_congbao(entry.get("relations")),
    )


def record_from_parsed(
    parsed: ParsedDocument, *, external_id: str | None = None, overrides: dict[str, Any] | None = None
) -> DocumentRecord:
    header = parsed.header
    overrides = overrides or {}
    number = overrides.get("number") or header.number
    type_label = overrides.get("doc_type") or header.doc_type
    found = numbers.guess_doc_type(type_label, number)
    doc_type = found.value
    summary = overrides.get("summary") or header.title or ""
    if summary[:3] in {"Về ", "Về,"}:
        summary = "v" + summary[1:]
    type_name = found.name if found is not doctypes.OTHER else (type_label or "")
    title = overrides.get("title") or " ".join(
        part for part in ["Dự thảo" if header.is_draft else "", type_name, number or "", summary] if part
    )
    status = overrides.get("legal_status") or (LegalStatus.DRAFT if header.is_draft else LegalStatus.UNVERIFIED)
    return DocumentRecord(
        title=title[:255],
        doc_type=doc_type,
        number=number,
        summary=summary,
        issuer=overrides.get("issuer") or header.issuer,
        signer=overrides.get("signer") or "",
        issued_date=overrides.get("issued_date") or header.issued_date,
        issued_year=overrides.get("issued_year") or header.issued_year,
        legal_status=status,
        preamble=parsed.preamble,
        closing=parsed.closing,
        external_id=external_id,
        nodes=parsed.nodes,
        metadata_source=overrides.get("metadata_source") or "Đọc từ tệp văn bản",
    )


def iter_json_files(folder: Path) -> Iterator[Path]:
    yield from sorted(folder.glob("*.json"))

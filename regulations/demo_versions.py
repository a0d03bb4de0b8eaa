"""A document with two real versions in the demo library, built from the corpus alone.

Luật Bảo vệ môi trường 2020 (72/2020/QH14) as passed, in force from 01/01/2022 (its Điều 170),
and as amended by Luật Thanh tra 2022 (11/2022/QH15), whose Điều 116 khoản 2 rewrites điểm a
khoản 2 Điều 160, in force from 01/7/2023 (its Điều 117). Both laws are in the search-benchmark
corpus. The second version is the first with that one point replaced by the words the amending
article quotes: every word and date is read from the corpus at load time, none is written here.
Other amendments of the law, if any, are not applied, and the version's note says so.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from regulations.importing import DocumentRecord, RelationRecord, VersionDetails, flatten
from regulations.models import RelationKind, VersionKind
from regulations.sources import read_corpus_jsonl, record_from_corpus

CORPUS_FILE = Path("search-benchmark") / "corpus.jsonl"
_EFFECTIVE = re.compile(r"có hiệu lực thi hành (?:kể )?từ ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")
_QUOTED = re.compile(r"“(.+?)”", re.DOTALL)
_POINT = re.compile(r"^([a-zđ])\)\s*(.+)$", re.DOTALL)


class DemoSourceError(ValueError):
    """The corpus does not say what the demo expects (a changed or missing corpus)."""


@dataclass(frozen=True)
class PointAmendment:
    """A point of a law (`target_anchor`) rewritten by an article of an amending law."""

    law: str
    effective_article: str  # corpus id of the law's "Hiệu lực thi hành" article
    target_anchor: str
    amending_law: str
    amending_title: str
    amending_article: str  # corpus id of the article that quotes the new point
    instruction: str  # the words of that article right before the quotation
    amending_effective_article: str


LAND_ENVIRONMENT_AMENDMENT = PointAmendment(
    law="72/2020/QH14",
    effective_article="72-2020-qh14_art170",
    target_anchor="dieu-160-khoan-2-diem-a",
    amending_law="11/2022/QH15",
    amending_title="Luật Thanh tra 2022",
    amending_article="11-2022-qh15_art116",
    instruction="Sửa đổi, bổ sung điểm a khoản 2 Điều 160 của Luật Bảo vệ môi trường số 72/2020/QH14 như sau:",
    amending_effective_article="11-2022-qh15_art117",
)


def effective_date_in(text: str) -> date:
    """The date in "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2023"."""
    found = _EFFECTIVE.search(text)
    if found is None:
        raise DemoSourceError("không thấy câu «có hiệu lực thi hành từ ngày ...»")
    day, month, year = (int(part) for part in found.groups())
    return date(year, month, day)


def quoted_point(text: str, instruction: str) -> tuple[str, str]:
    """(label, text) of the point quoted right after `instruction` in an amending article."""
    start = text.find(instruction)
    if start < 0:
        raise DemoSourceError(f"không thấy «{instruction}»")
    quote = _QUOTED.search(text, start + len(instruction))
    point = _POINT.match(quote.group(1).strip()) if quote else None
    if point is None:
        raise DemoSourceError("không thấy điểm được trích dẫn sau lời sửa đổi")
    return point.group(1), point.group(2).strip()


def _articles(corpus: Path, ids: set[str]) -> dict[str, str]:
    texts = {}
    with (corpus / CORPUS_FILE).open(encoding="utf-8") as handle:
        for raw in handle:
            if any(f'"{article_id}"' in raw for article_id in ids):
                item = json.loads(raw)
                if item["id"] in ids:
                    texts[item["id"]] = item["text"]
    missing = ids - texts.keys()
    if missing:
        raise DemoSourceError(f"thiếu điều {', '.join(sorted(missing))} trong {CORPUS_FILE}")
    return texts


def amended_law_records(
    corpus: Path, amendment: PointAmendment = LAND_ENVIRONMENT_AMENDMENT
) -> tuple[DocumentRecord, DocumentRecord, VersionDetails]:
    """The law as passed (version 1), as amended (version 2) and version 2's details."""
    texts = _articles(
        corpus, {amendment.effective_article, amendment.amending_article, amendment.amending_effective_article}
    )
    documents, errors = read_corpus_jsonl(corpus / CORPUS_FILE)
    if errors:
        raise DemoSourceError("; ".join(map(str, errors[:3])))
    law = next((doc for doc in documents if doc.law_id == amendment.law), None)
    if law is None:
        raise DemoSourceError(f"thiếu văn bản {amendment.law} trong {CORPUS_FILE}")
    passed = record_from_corpus(law)
    passed.source = CORPUS_FILE.name
    passed.effective_date = effective_date_in(texts[amendment.effective_article])
    passed.relations.append(RelationRecord(RelationKind.AMENDED_BY, amendment.amending_law, amendment.amending_title))

    label, new_text = quoted_point(texts[amendment.amending_article], amendment.instruction)
    amended = copy.deepcopy(passed)
    assert amended.nodes is not None
    target = next((item for item in flatten(amended.nodes) if item.anchor == amendment.target_anchor), None)
    if target is None or target.node.label != label:
        raise DemoSourceError(f"văn bản {amendment.law} không có {amendment.target_anchor}")
    target.node.text = new_text
    amended.source = f"{CORPUS_FILE.name} + {amendment.amending_article}"
    in_force = effective_date_in(texts[amendment.amending_effective_article])
    article = amendment.amending_article.rsplit("_art", 1)[-1]
    details = VersionDetails(
        kind=VersionKind.OFFICIAL,
        effective_date=in_force,
        label=f"Sửa đổi theo {amendment.amending_title} số {amendment.amending_law}",
        note=(
            f"Bản văn ghép từ bộ dữ liệu: {target.citation} được sửa đổi theo Điều {article} "
            f"{amendment.amending_title} số {amendment.amending_law}, có hiệu lực từ ngày {in_force:%d/%m/%Y}. "
            "Chưa áp dụng các lần sửa đổi khác (nếu có); đối chiếu văn bản hợp nhất trước khi áp dụng."
        ),
    )
    return passed, amended, details

"""Proposals for a cost profile's inputs, read from the legal text (pure: no Django).

The provisions a regulation or procedure comes from are read with
``regulations.legaltext.procedures`` (itself built on the money and duration recognisers):

* a **fee** ("Lệ phí cấp giấy phép là … (65.000.000 đồng)/giấy phép") becomes a proposed fee of
  that amount, its evidence the legal text (the provision's citation);
* a **paper of the dossier** (thành phần hồ sơ: "a) Đơn đề nghị …", "b) Bản sao có chứng thực …")
  becomes a proposed step, preparing that paper, with the hours of ``HOURS_BY_PAPER``: an expert
  estimate by kind of paper, labelled as such, for the editor to confirm or correct;
* a **time limit** ("Trong thời hạn 10 ngày làm việc …") becomes the proposed time limit of the
  procedure (it is the authority's time, not the business's, so it is no cost input).

Nothing here is saved: an editor ticks the proposals to keep (compliance_cost/admin_views.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from regulations.legaltext.procedures import dossier_items, fees, opens_dossier_list, time_limits

FEE: Final = "fee"
PAPER: Final = "paper"
TIME_LIMIT: Final = "time_limit"

# Hours one person takes to prepare one paper of a dossier, by what the paper is (first match).
# An expert estimate of this portal, not a measurement: every proposal made from it says so and
# an editor confirms or corrects it. Reading: filling in a form ~1 h; getting a certified copy
# (travel, queue) ~1 h; a paper another body must issue or confirm ~4 h; a report, plan or
# description to write ~16 h (two working days); a photo ~0.5 h; anything else ~2 h.
HOURS_BY_PAPER: Final[tuple[tuple[re.Pattern[str], Decimal, str], ...]] = (
    (re.compile(r"^(đơn|tờ khai|bản kê khai|văn bản đề nghị|giấy đề nghị)\b", re.I), Decimal(1), "đơn, tờ khai"),
    (re.compile(r"\bbản sao\b", re.I), Decimal(1), "bản sao có chứng thực"),
    (
        re.compile(r"\b(báo cáo|đề án|phương án|thuyết minh|kế hoạch|quy trình|dự án|hồ sơ năng lực)\b", re.I),
        Decimal(16),
        "báo cáo, đề án, thuyết minh",
    ),
    (
        re.compile(r"\b(giấy chứng nhận|xác nhận|lý lịch|phiếu|giấy khám)\b", re.I),
        Decimal(4),
        "giấy tờ do cơ quan khác cấp, xác nhận",
    ),
    (re.compile(r"\bảnh\b", re.I), Decimal("0.5"), "ảnh"),
)
DEFAULT_PAPER_HOURS: Final = (Decimal(2), "giấy tờ khác")
ESTIMATE_SOURCE: Final = "Ước tính mặc định của Cổng theo loại giấy tờ ({kind}: {hours} giờ), cần xác nhận"


@dataclass(frozen=True)
class Unit:
    """One provision's own text (a clause, a point) with what locates it."""

    provision_id: int | None
    parent_id: int | None
    citation: str  # "điểm a khoản 1 Điều 32 Luật 09/2017/QH14"
    text: str


@dataclass(frozen=True)
class Proposal:
    key: str  # stable within one reading: the form's checkbox value
    kind: str  # FEE, PAPER or TIME_LIMIT
    name: str
    source: str  # the evidence: the citation, or for hours the estimate's wording
    citation: str  # where in the legal text it was read
    quote: str  # the text it was read from
    provision_id: int | None
    amount: Decimal | None = None  # FEE, đồng
    per: str = ""  # FEE: what it is paid for
    hours: Decimal | None = None  # PAPER, an expert estimate
    hours_basis: str = ""  # PAPER: the kind of paper the estimate is for
    certified_copy: bool = False  # PAPER
    days: int | None = None  # TIME_LIMIT
    working_days: bool = False  # TIME_LIMIT

    @property
    def is_estimate(self) -> bool:
        return self.kind == PAPER


def paper_hours(name: str) -> tuple[Decimal, str]:
    for pattern, hours, kind in HOURS_BY_PAPER:
        if pattern.search(name):
            return hours, kind
    return DEFAULT_PAPER_HOURS


def _children(units: Sequence[Unit]) -> dict[int, list[Unit]]:
    children: dict[int, list[Unit]] = {}
    for unit in units:
        if unit.parent_id is not None:
            children.setdefault(unit.parent_id, []).append(unit)
    return children


def _with_children(unit: Unit, children: dict[int, list[Unit]]) -> str:
    """The unit's text followed by its children's, one per line, with their markers (a dossier's
    points are child provisions of the clause that opens the list)."""
    kids = children.get(unit.provision_id, []) if unit.provision_id is not None else []
    lines = [unit.text, *(f"{_marker(kid)} {kid.text}" for kid in kids)]
    return "\n".join(line for line in lines if line.strip())


def _marker(unit: Unit) -> str:
    """ "điểm a khoản 1 Điều 32" → "a)"; a bullet → "-"."""
    match = re.match(r"điểm\s+([a-zđ])\b", unit.citation, re.I)
    return f"{match.group(1).lower()})" if match else "-"


def propose(units: Iterable[Unit]) -> list[Proposal]:
    """Fees, papers and time limits read from ``units``, each once, in reading order."""
    units = list(units)
    proposals: list[Proposal] = []
    seen: set[tuple[str, str, str]] = set()

    def add(proposal: Proposal, identity: tuple[str, str, str]) -> None:
        if identity not in seen:
            seen.add(identity)
            proposals.append(proposal)

    children = _children(units)
    for unit in units:
        own = unit.text
        if opens_dossier_list(own):
            points = {_marker(kid)[:-1]: kid for kid in children.get(unit.provision_id or -1, [])}
            for index, paper in enumerate(dossier_items(_with_children(unit, children))):
                hours, basis = paper_hours(paper.name)
                where = points.get(paper.label, unit)
                add(
                    Proposal(
                        key=f"{PAPER}-{unit.provision_id or 0}-{index}",
                        kind=PAPER,
                        name=f"Chuẩn bị: {paper.name}"[:255],
                        source=ESTIMATE_SOURCE.format(kind=basis, hours=hours),
                        citation=where.citation,
                        quote=paper.name,
                        provision_id=where.provision_id,
                        hours=hours,
                        hours_basis=basis,
                        certified_copy=paper.certified_copy,
                    ),
                    (PAPER, paper.name.lower(), ""),
                )
        for index, fee in enumerate(fees(own)):
            add(
                Proposal(
                    key=f"{FEE}-{unit.provision_id or 0}-{index}",
                    kind=FEE,
                    name=fee.name,
                    source=unit.citation,
                    citation=unit.citation,
                    quote=fee.quote,
                    provision_id=unit.provision_id,
                    amount=fee.amount,
                    per=fee.per,
                ),
                (FEE, fee.name.lower(), str(fee.amount)),
            )
        for index, limit in enumerate(time_limits(own)):
            add(
                Proposal(
                    key=f"{TIME_LIMIT}-{unit.provision_id or 0}-{index}",
                    kind=TIME_LIMIT,
                    name=f"{limit.days} ngày làm việc" if limit.working_days else f"{limit.days} ngày",
                    source=unit.citation,
                    citation=unit.citation,
                    quote=limit.quote,
                    provision_id=unit.provision_id,
                    days=limit.days,
                    working_days=limit.working_days,
                ),
                (TIME_LIMIT, str(limit.days), limit.quote.lower()),
            )
    return proposals

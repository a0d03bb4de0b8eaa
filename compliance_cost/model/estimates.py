"""Numbers with their evidence and an optional low/central/high range.

Every input of the cost model is an :class:`Estimate`: a central ``value`` and, when the
figure is uncertain, a ``low`` and a ``high`` (``low <= value <= high``). The evidence says
where the figure comes from (the legal text that sets a fee, dossier statistics, a survey of
firms, an expert's estimate).

A result is evaluated three times: with every input at its central value, with every input at
its low end and with every input at its high end (:class:`Scenario`). Every ranged input raises
the cost when it grows (hours, persons, amounts, frequencies, subjects, hourly value,
overhead multiplier), so the all-low and all-high evaluations are the smallest and the largest
cost the ranges allow. Counts that shape the schedule (horizon, "every k years", first year)
carry no range.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal


class Scenario(enum.Enum):
    LOW = "low"
    CENTRAL = "central"
    HIGH = "high"


class EvidenceKind(enum.Enum):
    LEGAL_TEXT = "legal_text"
    DOSSIER_STATISTICS = "dossier_statistics"
    SURVEY = "survey"
    EXPERT_ESTIMATE = "expert_estimate"


EVIDENCE_LABELS: dict[EvidenceKind, tuple[str, str]] = {
    EvidenceKind.LEGAL_TEXT: ("Văn bản pháp luật", "Legal text"),
    EvidenceKind.DOSSIER_STATISTICS: ("Thống kê hồ sơ", "Dossier statistics"),
    EvidenceKind.SURVEY: ("Khảo sát", "Survey"),
    EvidenceKind.EXPERT_ESTIMATE: ("Ước tính của chuyên gia", "Expert estimate"),
}


@dataclass(frozen=True)
class Evidence:
    """Where a figure comes from: ``source`` cites it (e.g. "Điều 4 Thông tư 85/2019/TT-BTC")."""

    kind: EvidenceKind
    source: str
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class Estimate:
    """A central value with an optional range and its evidence."""

    value: Decimal
    low: Decimal | None = None
    high: Decimal | None = None
    evidence: Evidence | None = None

    @classmethod
    def of(cls, value: int | str | Decimal) -> Estimate:
        return cls(Decimal(value))

    @property
    def has_range(self) -> bool:
        return self.low is not None or self.high is not None

    def at(self, scenario: Scenario) -> Decimal:
        if scenario is Scenario.LOW and self.low is not None:
            return self.low
        if scenario is Scenario.HIGH and self.high is not None:
            return self.high
        return self.value


ZERO = Estimate(Decimal(0))

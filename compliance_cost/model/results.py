"""What a calculation returns: the figures of one scenario, and the result with its range."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from compliance_cost.model.inputs import Method, ParameterSetRef


@dataclass(frozen=True)
class OccurrenceParts:
    """The parts of one occurrence. ``None`` everywhere when ``cost_per_occurrence`` was given."""

    time: Decimal | None
    services: Decimal | None
    fees: Decimal | None
    other: Decimal | None


@dataclass(frozen=True)
class Breakdown:
    """Totals over everyone and the whole horizon, by kind of cost.

    ``time``, ``services``, ``fees`` and ``other`` are ``None`` when ``cost_per_occurrence`` was
    given directly (the parts are unknown). With ``vn`` the parts and ``one_off`` add up to the
    total; with ``scm`` ``fees`` is shown but not part of the total.
    """

    time: Decimal | None
    services: Decimal | None
    fees: Decimal | None
    other: Decimal | None
    one_off: Decimal


@dataclass(frozen=True)
class Figures:
    """The figures of one scenario (central, all-low or all-high inputs).

    ``occurrences_per_subject`` counts the occurrences of one subject over the whole horizon;
    when dossiers per year are given directly it is those dossiers divided by the subjects, and
    ``None`` without subjects (or with zero subjects).
    """

    hourly_rate: Decimal
    per_occurrence: OccurrenceParts
    cost_per_occurrence: Decimal
    occurrences_per_subject: Decimal | None
    occurrences_total: Decimal
    one_off_per_subject: Decimal
    total: Decimal
    annual_average: Decimal
    breakdown: Breakdown
    yearly: tuple[Decimal, ...]


@dataclass(frozen=True)
class CostResult:
    """A calculation's central figures; ``low`` and ``high`` when an input carried a range."""

    method: Method
    horizon_years: int
    central: Figures
    low: Figures | None
    high: Figures | None
    parameter_set: ParameterSetRef | None
    supplied_by_parameter_set: tuple[str, ...]

    @property
    def has_range(self) -> bool:
        return self.low is not None

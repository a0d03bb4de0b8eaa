"""The inputs of one cost calculation, as typed, validated values.

Build them with :func:`compliance_cost.model.parsing.parse_calculation` (which checks every
bound and names the field at fault) or directly in code and tests.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

from compliance_cost.model.estimates import ZERO, Estimate


class Method(enum.Enum):
    """How time is valued and whether fees count in the burden.

    * ``vn`` — the Vietnamese practice: time at the average income per hour; fees (phí, lệ phí)
      are part of the compliance cost.
    * ``scm`` — the Standard Cost Model and Australia's Regulatory Burden Measure: time at the
      wage × an overhead multiplier; fees and charges are shown but are not part of the burden.
    """

    VN = "vn"
    SCM = "scm"

    @property
    def fees_in_burden(self) -> bool:
        return self is Method.VN


METHOD_LABELS: dict[Method, tuple[str, str]] = {
    Method.VN: ("Phương pháp Việt Nam (thu nhập bình quân, tính cả phí, lệ phí)", "Vietnamese method"),
    Method.SCM: ("Mô hình chi phí chuẩn (SCM/RBM, không tính phí, lệ phí)", "Standard Cost Model (SCM/RBM)"),
}


@dataclass(frozen=True)
class Step:
    """One task of an occurrence: ``hours`` each for ``persons`` people."""

    hours: Estimate
    persons: Estimate = Estimate(Decimal(1))
    name: str = ""


@dataclass(frozen=True)
class CostItem:
    """A money amount paid per occurrence (a fee, a copy, a trip) or once (a purchase)."""

    amount: Estimate
    name: str = ""


@dataclass(frozen=True)
class Recurring:
    """What one occurrence (one dossier, one report, one inspection) costs, and how often it comes.

    Frequency: ``per_year`` occurrences in every year from ``first_year`` to the horizon, or one
    occurrence every ``every_years`` years starting in ``first_year`` (years s, s+k, s+2k, … up
    to the horizon). Neither is given when the calculation counts dossiers per year directly.
    ``cost_per_occurrence``, when given, replaces the parts (steps, services, fees, other costs).
    """

    steps: tuple[Step, ...] = ()
    service_cost: Estimate = ZERO
    fees: tuple[CostItem, ...] = ()
    other_costs: tuple[CostItem, ...] = ()
    cost_per_occurrence: Estimate | None = None
    per_year: Estimate | None = None
    every_years: int | None = None
    first_year: int = 1


@dataclass(frozen=True)
class OneOff:
    """Costs borne once per subject (set-up, purchases, transition), in year ``year``."""

    steps: tuple[Step, ...] = ()
    amount: Estimate = ZERO
    year: int = 1


@dataclass(frozen=True)
class ParameterSetRef:
    """The parameter set a figure was computed with (a copy of its values, not a database row)."""

    id: int | None
    name: str
    method: Method
    base_year: int
    hourly_value: Decimal
    overhead_multiplier: Decimal
    source: str = ""
    url: str = ""


@dataclass(frozen=True)
class Calculation:
    """Everything one calculation needs.

    Over everyone, either ``subjects`` (the number of those who must comply) multiply the
    per-subject cost, or ``dossiers_per_year`` gives the number of occurrences per year across
    everyone directly: then no frequency multiplies it again (``recurring.per_year`` and
    ``recurring.every_years`` are refused), and ``subjects``, when also given, only multiply the
    one-off costs and divide the dossiers into occurrences per subject.

    ``parameter_set`` is the set that supplied ``hourly_value`` and/or ``overhead_multiplier``
    (listed in ``supplied_by_parameter_set``); ``None`` when the request gave both.
    """

    method: Method
    hourly_value: Estimate
    overhead_multiplier: Estimate
    horizon_years: int = 1
    subjects: Estimate | None = None
    dossiers_per_year: Estimate | None = None
    recurring: Recurring | None = None
    one_off: OneOff | None = None
    parameter_set: ParameterSetRef | None = None
    supplied_by_parameter_set: tuple[str, ...] = ()

    @property
    def counts_dossiers(self) -> bool:
        return self.dossiers_per_year is not None

    @property
    def has_range(self) -> bool:
        return any(estimate.has_range for estimate in self.estimates())

    def estimates(self) -> list[Estimate]:
        """Every number of the calculation that may carry a range."""
        found = [self.hourly_value, self.overhead_multiplier]
        found += [e for e in (self.subjects, self.dossiers_per_year) if e is not None]
        if self.recurring is not None:
            r = self.recurring
            found += [e for step in r.steps for e in (step.hours, step.persons)]
            found += [r.service_cost, *(item.amount for item in (*r.fees, *r.other_costs))]
            found += [e for e in (r.cost_per_occurrence, r.per_year) if e is not None]
        if self.one_off is not None:
            found += [e for step in self.one_off.steps for e in (step.hours, step.persons)]
            found.append(self.one_off.amount)
        return found

"""The compliance cost model: pure, typed, ``Decimal`` for money, no Django, no ORM.

* :mod:`.estimates` — numbers with evidence and a low/central/high range;
* :mod:`.inputs` — methods, steps, costs, schedules, the parameter set used;
* :mod:`.formulas` — the hourly rate, schedules, and one calculation;
* :mod:`.comparison` — before/after savings and cost-weighted totals;
* :mod:`.parsing` — validation of JSON-like input, errors by field path (:mod:`.errors`);
* :mod:`.bounds` — the sane bounds of every input.

The formulas are documented in docs/compliance-cost.md.
"""

from compliance_cost.model.comparison import (
    REDUCTION_TARGET,
    Comparison,
    ReductionTotals,
    RegulationOutcome,
    Span,
    aggregate,
    compare,
    compare_results,
)
from compliance_cost.model.errors import InvalidInput
from compliance_cost.model.estimates import Estimate, Evidence, EvidenceKind, Scenario
from compliance_cost.model.formulas import calculate, derive_hourly_value, evaluate, hourly_rate, schedule_years
from compliance_cost.model.inputs import Calculation, CostItem, Method, OneOff, ParameterSetRef, Recurring, Step
from compliance_cost.model.parsing import parse_calculation, parse_comparison
from compliance_cost.model.results import Breakdown, CostResult, Figures, OccurrenceParts

__all__ = [
    "REDUCTION_TARGET",
    "Breakdown",
    "Calculation",
    "Comparison",
    "CostItem",
    "CostResult",
    "Estimate",
    "Evidence",
    "EvidenceKind",
    "Figures",
    "InvalidInput",
    "Method",
    "OccurrenceParts",
    "OneOff",
    "ParameterSetRef",
    "Recurring",
    "ReductionTotals",
    "RegulationOutcome",
    "Scenario",
    "Span",
    "Step",
    "aggregate",
    "calculate",
    "compare",
    "compare_results",
    "derive_hourly_value",
    "evaluate",
    "hourly_rate",
    "parse_calculation",
    "parse_comparison",
    "schedule_years",
]

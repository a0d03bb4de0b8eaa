"""Response shapes of the compliance cost API, and the presenters that fill them from results.

Money is a JSON number, unrounded (only the hourly rate is rounded, to 2 decimals, before use):
a whole number of đồng is written as an integer, exactly; anything else as a float.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from compliance_cost.model import Comparison, CostResult, Figures, Span
from compliance_cost.model.parsing import METHODS


@extend_schema_field(OpenApiTypes.NUMBER)
class NumberField(serializers.Field):
    """A ``Decimal`` as a JSON number: integers exactly, other values as floats."""

    def to_representation(self, value: Decimal) -> int | float:
        if value == value.to_integral_value():
            return int(value)
        return float(value)


class BreakdownSerializer(serializers.Serializer):
    time = NumberField(
        allow_null=True, help_text="Time cost over everyone and the horizon; null when cost_per_occurrence was given."
    )
    services = NumberField(allow_null=True)
    fees = NumberField(allow_null=True, help_text="Fees (phí, lệ phí); shown with scm but not in its total.")
    other = NumberField(allow_null=True)
    one_off = NumberField()


class ScenarioSerializer(serializers.Serializer):
    hourly_rate = NumberField()
    cost_per_occurrence = NumberField()
    one_off_per_subject = NumberField()
    total = NumberField()
    annual_average = NumberField()


class RangeSerializer(serializers.Serializer):
    low = ScenarioSerializer(help_text="Every ranged input at its low end.")
    high = ScenarioSerializer(help_text="Every ranged input at its high end.")


class ParameterSetSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    method = serializers.ChoiceField(choices=METHODS)
    base_year = serializers.IntegerField()
    hourly_value = NumberField()
    overhead_multiplier = NumberField()
    source = serializers.CharField()
    url = serializers.CharField(allow_blank=True)
    used_for = serializers.ListField(
        child=serializers.ChoiceField(choices=["hourly_value", "overhead_multiplier"]),
        help_text="Which inputs this set supplied (those the request left out).",
    )


class CalculationResultSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=METHODS)
    hourly_rate = NumberField(help_text="hourly_value × overhead_multiplier, rounded half-up to 2 decimals.")
    cost_per_occurrence = NumberField()
    occurrences_per_subject = NumberField(
        allow_null=True, help_text="Over the horizon; null with dossiers_per_year and no subjects."
    )
    one_off_per_subject = NumberField()
    total = NumberField(help_text="Over everyone and the whole horizon.")
    annual_average = NumberField(help_text="total ÷ horizon_years.")
    breakdown = BreakdownSerializer()
    yearly = serializers.ListField(child=NumberField(), help_text="Total of each year of the horizon.")
    range = RangeSerializer(allow_null=True, help_text="Present when an input carried a low/high range.")
    parameter_set = ParameterSetSerializer(
        allow_null=True,
        help_text="The set that supplied the hourly value or multiplier; null if the request gave both.",
    )


class SpanSerializer(serializers.Serializer):
    low = NumberField(allow_null=True)
    high = NumberField(allow_null=True)


class ComparisonRangeSerializer(serializers.Serializer):
    saving_annual = SpanSerializer()
    reduction_rate = SpanSerializer()


class ComparisonResultSerializer(serializers.Serializer):
    before = CalculationResultSerializer()
    after = CalculationResultSerializer()
    saving_annual = NumberField(help_text="before.annual_average − after.annual_average (one-off costs included).")
    reduction_rate = NumberField(allow_null=True, help_text="saving_annual ÷ before.annual_average; null if it is 0.")
    range = ComparisonRangeSerializer(allow_null=True)


# ------------------------------------------------------------------------------------ presenters


def _scenario(figures: Figures) -> dict[str, Any]:
    return {
        "hourly_rate": figures.hourly_rate,
        "cost_per_occurrence": figures.cost_per_occurrence,
        "one_off_per_subject": figures.one_off_per_subject,
        "total": figures.total,
        "annual_average": figures.annual_average,
    }


def present_result(result: CostResult) -> dict[str, Any]:
    figures = result.central
    parameter_set = None
    if result.parameter_set is not None:
        ref = result.parameter_set
        parameter_set = {
            "id": ref.id,
            "name": ref.name,
            "method": ref.method.value,
            "base_year": ref.base_year,
            "hourly_value": ref.hourly_value,
            "overhead_multiplier": ref.overhead_multiplier,
            "source": ref.source,
            "url": ref.url,
            "used_for": list(result.supplied_by_parameter_set),
        }
    ranged = None
    if result.low is not None and result.high is not None:
        ranged = {"low": _scenario(result.low), "high": _scenario(result.high)}
    return {
        "method": result.method.value,
        **_scenario(figures),
        "occurrences_per_subject": figures.occurrences_per_subject,
        "breakdown": {
            "time": figures.breakdown.time,
            "services": figures.breakdown.services,
            "fees": figures.breakdown.fees,
            "other": figures.breakdown.other,
            "one_off": figures.breakdown.one_off,
        },
        "yearly": list(figures.yearly),
        "range": ranged,
        "parameter_set": parameter_set,
    }


def _span(span: Span) -> dict[str, Decimal | None]:
    return {"low": span.low, "high": span.high}


def present_comparison(comparison: Comparison) -> dict[str, Any]:
    ranged = None
    if comparison.saving_annual_range is not None and comparison.reduction_rate_range is not None:
        ranged = {
            "saving_annual": _span(comparison.saving_annual_range),
            "reduction_rate": _span(comparison.reduction_rate_range),
        }
    return {
        "before": present_result(comparison.before),
        "after": present_result(comparison.after),
        "saving_annual": comparison.saving_annual,
        "reduction_rate": comparison.reduction_rate,
        "range": ranged,
    }

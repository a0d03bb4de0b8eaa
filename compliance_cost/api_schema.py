"""The request bodies of the compliance cost API as OpenAPI 3.0 schemas, built from the same
bounds and field lists that validation uses (:mod:`compliance_cost.model.bounds`,
:mod:`compliance_cost.model.parsing`), so the schema and the API cannot drift apart.

Rules that JSON Schema cannot say (one of ``per_year``/``every_years``, a first year within the
horizon, ``subjects`` or ``dossiers_per_year``) are in the descriptions and answered with 400.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from compliance_cost.model import bounds
from compliance_cost.model.bounds import Bound
from compliance_cost.model.parsing import (
    CALCULATION_FIELDS,
    COMPARISON_FIELDS,
    EVIDENCE_FIELDS,
    EVIDENCE_KINDS,
    ITEM_FIELDS,
    METHODS,
    ONE_OFF_FIELDS,
    RECURRING_FIELDS,
    STEP_FIELDS,
)

Schema = dict[str, Any]


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _plain(bound: Bound) -> Schema:
    schema: Schema = {
        "type": "integer" if bound.integer else "number",
        "minimum": _json_number(bound.minimum),
        "maximum": _json_number(bound.maximum),
    }
    if bound.exclusive_minimum:
        schema["exclusiveMinimum"] = True
    return schema


def _object(properties: dict[str, Schema], fields: tuple[str, ...], required: tuple[str, ...] = ()) -> Schema:
    assert set(properties) == set(fields), "the schema lists exactly the fields validation accepts"
    schema: Schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    return schema


def _text(limit: int, description: str = "") -> Schema:
    schema: Schema = {"type": "string", "maxLength": limit, "nullable": True}
    if description:
        schema["description"] = description
    return schema


EVIDENCE: Schema = {
    **_object(
        {
            "kind": {"type": "string", "enum": EVIDENCE_KINDS},
            "source": {"type": "string", "pattern": r"\S", "maxLength": bounds.MAX_SOURCE_CHARS},
            "url": {**_text(bounds.MAX_SOURCE_CHARS, "http(s) URL of the source."), "pattern": "^(https?://|$)"},
            "note": _text(bounds.MAX_NOTE_CHARS),
        },
        EVIDENCE_FIELDS,
        required=("kind", "source"),
    ),
    "nullable": True,
    "description": "Where the figure comes from: legal text, dossier statistics, survey or expert estimate.",
}


def estimate(bound: Bound, description: str, *, nullable: bool = True) -> Schema:
    """A plain number, or ``{"value", "low", "high", "evidence"}`` with low <= value <= high."""
    plain = _plain(bound)
    ranged = _object(
        {"value": plain, "low": {**plain, "nullable": True}, "high": {**plain, "nullable": True}, "evidence": EVIDENCE},
        ("value", "low", "high", "evidence"),
        required=("value",),
    )
    schema: Schema = {"oneOf": [plain, ranged], "description": description}
    if nullable:
        schema["nullable"] = True
    return schema


def _year(description: str) -> Schema:
    return {**_plain(bounds.YEAR), "nullable": True, "description": description}


STEP = _object(
    {
        "name": _text(bounds.MAX_NAME_CHARS),
        "hours": estimate(bounds.HOURS, "Hours one person spends on the step.", nullable=False),
        "persons": estimate(bounds.PERSONS, "People doing it (default 1)."),
    },
    STEP_FIELDS,
    required=("hours",),
)
ITEM = _object(
    {
        "name": _text(bounds.MAX_NAME_CHARS),
        "amount": estimate(bounds.AMOUNT, "Amount in đồng.", nullable=False),
    },
    ITEM_FIELDS,
    required=("amount",),
)


def _list(item: Schema, limit: int) -> Schema:
    return {"type": "array", "items": item, "maxItems": limit, "nullable": True}


RECURRING: Schema = {
    **_object(
        {
            "steps": _list(STEP, bounds.MAX_STEPS),
            "service_cost": estimate(bounds.AMOUNT, "Hired services per occurrence (đồng)."),
            "fees": _list(ITEM, bounds.MAX_ITEMS),
            "other_costs": _list(ITEM, bounds.MAX_ITEMS),
            "cost_per_occurrence": estimate(
                bounds.AMOUNT, "Replaces steps, services, fees and other costs when given (đồng)."
            ),
            "per_year": estimate(bounds.PER_YEAR, "Occurrences a year (give this or every_years)."),
            "every_years": {
                **_plain(bounds.EVERY_YEARS),
                "nullable": True,
                "description": "Once every k years from first_year (give this or per_year).",
            },
            "first_year": _year("First year with an occurrence, 1 to horizon_years (default 1)."),
        },
        RECURRING_FIELDS,
    ),
    "nullable": True,
    "description": "One occurrence (dossier, report, inspection) and its frequency. With dossiers_per_year, "
    "give neither per_year nor every_years.",
}

ONE_OFF: Schema = {
    **_object(
        {
            "steps": _list(STEP, bounds.MAX_STEPS),
            "amount": estimate(bounds.AMOUNT, "Purchases, set-up, transition per subject (đồng)."),
            "year": _year("Year it is borne, 1 to horizon_years (default 1)."),
        },
        ONE_OFF_FIELDS,
    ),
    "nullable": True,
    "description": "Costs borne once per subject; needs subjects.",
}

CALCULATION: Schema = {
    **_object(
        {
            "method": {
                "type": "string",
                "enum": METHODS,
                "description": "vn: fees in the burden; scm: fees shown only.",
            },
            "hourly_value": estimate(
                bounds.HOURLY_VALUE, "đồng an hour; default: the current parameter set of the method."
            ),
            "overhead_multiplier": estimate(
                bounds.OVERHEAD_MULTIPLIER, "Default: the current parameter set of the method."
            ),
            "subjects": estimate(bounds.SUBJECTS, "Number of those who must comply (số đối tượng tuân thủ)."),
            "dossiers_per_year": estimate(
                bounds.DOSSIERS_PER_YEAR,
                "Occurrences a year across everyone, given directly: never multiplied by a frequency; "
                "subjects then only multiply one-off costs.",
            ),
            "horizon_years": {**_year("Years the total covers (default 1)."), "nullable": True},
            "recurring": RECURRING,
            "one_off": ONE_OFF,
        },
        CALCULATION_FIELDS,
        required=("method",),
    ),
    "description": "Give subjects or dossiers_per_year, and recurring or one_off.",
}

COMPARISON: Schema = _object(
    {"before": CALCULATION, "after": CALCULATION}, COMPARISON_FIELDS, required=COMPARISON_FIELDS
)

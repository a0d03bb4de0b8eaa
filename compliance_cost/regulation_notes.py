"""The annual compliance cost and grade of each business regulation on its document's page
(regulations.extensions): one query for all the regulations of the page."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from compliance_cost.model.scoring import grade_for
from compliance_cost.models import CostProfile


def regulation_figures(regulation_ids: Sequence[int]) -> dict[int, tuple[Decimal, str]]:
    """(annual cost, grade) of each regulation that has one: its own published profile, else
    the sum of its procedures' (graded by that sum). One query."""
    own: dict[int, tuple[Decimal, str]] = {}
    summed: dict[int, Decimal] = {}
    rows = (
        CostProfile.objects.scored()
        .filter(Q(regulation_id__in=regulation_ids) | Q(procedure__regulation_id__in=regulation_ids))
        .values_list("regulation_id", "procedure__regulation_id", "annual_total", "grade")
    )
    for regulation_id, procedure_regulation_id, annual, grade in rows:
        if regulation_id is not None:
            own[regulation_id] = (Decimal(annual), grade)
        elif procedure_regulation_id is not None:
            summed[procedure_regulation_id] = summed.get(procedure_regulation_id, Decimal(0)) + Decimal(annual)
    figures = {pk: (total, grade_for(total)) for pk, total in summed.items()}
    figures.update(own)
    return figures


def cost_notes(regulations: Sequence[Any]) -> dict[int, str]:
    figures = regulation_figures([regulation.pk for regulation in regulations])
    return {
        pk: render_to_string(
            "compliance_cost/includes/regulation_note.html",
            {"annual": annual, "grade": grade, "url": reverse("compliance_cost:regulation", args=[pk])},
        )
        for pk, (annual, grade) in figures.items()
    }

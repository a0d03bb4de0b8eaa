"""Admin forms of cost profiles and reduction plans: choices kept to the user's agencies
(regulations.agency_admin), and the whole profile checked by the cost model before it is saved,
with each error next to its field."""

from __future__ import annotations

from typing import Any, ClassVar

from compliance_cost.costing import calculation_of
from compliance_cost.model import InvalidInput
from compliance_cost.models import CostProfile, ParameterSet
from regulations.agency_admin import AgencyScopedForm
from regulations.models import AdministrativeProcedure, BusinessRegulation

# Where the model's field paths land in the profile form.
PATH_FIELDS = {
    "subjects": "subjects",
    "dossiers_per_year": "dossiers_per_year",
    "horizon_years": "horizon_years",
    "method": "method",
    "recurring": "per_year",
    "recurring.per_year": "per_year",
    "recurring.every_years": "every_years",
    "recurring.first_year": "first_year",
    "one_off.year": "one_off_year",
    "hourly_value": "parameter_set",
    "overhead_multiplier": "parameter_set",
}


def vietnamese(message: str) -> str:
    """The Vietnamese half of a model message ("tiếng Việt / English")."""
    return message.split(" / ", 1)[0]


def _kept(formset: Any) -> list[Any]:
    return [
        form.instance
        for form in formset.forms
        if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
    ]


class CostProfileForm(AgencyScopedForm):
    agency_fields: ClassVar[dict[str, str]] = {
        "regulation": "agency",
        "procedure": "agency",
        "plan_item": "plan__agency",
    }

    def is_valid(self) -> bool:
        if not super().is_valid():
            return False
        profile: CostProfile = self.instance
        if profile.regulation_id is None and profile.procedure_id is None:
            return False
        try:
            calculation_of(
                profile,
                _kept(self.formsets["steps"]),
                _kept(self.formsets["costs"]),
                ParameterSet.objects.current_by_method(),
            )
        except InvalidInput as exc:
            for path, message in exc.errors.items():
                field = PATH_FIELDS.get(path)
                text = vietnamese(message)
                self.add_error(field if field in self.fields else None, text if field else f"{path}: {text}")
            return False
        return True


class ReductionPlanForm(AgencyScopedForm):
    """A plan of one of the user's agencies; its items about that agency's regulations."""

    agency_fields: ClassVar[dict[str, str]] = {"agency": "pk"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = self.fields["agency"].queryset
        formset = self.formsets.get("items")
        if formset is None:
            return
        regulations = BusinessRegulation.objects.filter(agency__in=agencies).select_related("document")
        procedures = AdministrativeProcedure.objects.filter(agency__in=agencies)
        for form in [*formset.forms, formset.empty_form]:
            form.fields["regulation"].queryset = regulations
            form.fields["procedure"].queryset = procedures

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        agency = cleaned.get("agency")
        formset = self.formsets.get("items")
        if agency is None or formset is None:
            return cleaned
        for form in formset.forms:
            regulation = getattr(form, "cleaned_data", {}).get("regulation")
            if regulation is not None and regulation.agency_id != agency.pk:
                form.add_error("regulation", "Quy định này do cơ quan khác chịu trách nhiệm.")
        return cleaned

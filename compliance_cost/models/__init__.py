from compliance_cost.models.parameters import CostMethod, ParameterSet
from compliance_cost.models.plans import ItemAction, PlanItem, ReductionPlan
from compliance_cost.models.profiles import (
    CostCategory,
    CostProfile,
    Phase,
    ProfileCost,
    ProfileStatus,
    ProfileStep,
)

__all__ = [
    "CostCategory",
    "CostMethod",
    "CostProfile",
    "ItemAction",
    "ParameterSet",
    "Phase",
    "PlanItem",
    "ProfileCost",
    "ProfileStatus",
    "ProfileStep",
    "ReductionPlan",
]

"""What compliance_cost plugs into the apps below it, without their importing it:

* the Advisory Council may give opinions on reduction plans and their items
  (consultations.opinion_targets);
* a document page shows each business regulation's annual cost and grade
  (regulations.extensions: ``business_regulation_notes``).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def connect() -> None:
    from compliance_cost.models import PlanItem, ReductionPlan
    from compliance_cost.regulation_notes import cost_notes
    from consultations.opinion_targets import register_target
    from regulations.extensions import register_business_regulation_notes

    register_target(ReductionPlan, _("Phương án cắt giảm, đơn giản hóa"))
    register_target(PlanItem, _("Mục của phương án cắt giảm"))
    register_business_regulation_notes(cost_notes)

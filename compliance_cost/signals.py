"""What compliance_cost announces: search listens (search/kinds/costs.py), compliance_cost never
imports it (docs/architecture.md, "Layers").

``cost_profiles_changed(sender=CostProfile, profile_ids=[...])``: the computed figures of these
profiles changed without a model save of their own (a recomputation writes them in bulk).
"""

from django.dispatch import Signal

cost_profiles_changed = Signal()

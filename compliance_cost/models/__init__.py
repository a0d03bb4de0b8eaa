from compliance_cost.models.parameters import CostMethod, ParameterSet

__all__ = ["CostMethod", "ParameterSet"]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceCostConfig(AppConfig):
    name = "compliance_cost"
    verbose_name = _("Chi phí tuân thủ")

    def ready(self) -> None:
        from compliance_cost import hooks

        hooks.connect()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Tham vấn dự thảo")

    def ready(self) -> None:
        # The stage after closing follows the facts (answers, a published synthesis); the draft
        # is published with its consultation (receivers).
        from consultations import receivers
        from consultations.comment_groups import receivers as group_receivers
        from consultations.synthesis import publishing  # noqa: F401

        group_receivers.connect()
        receivers.connect()

        # The Advisory Council gives independent opinions on consultations (consultations.council).
        from consultations.models import ConsultationPage
        from consultations.opinion_targets import register_target

        register_target(ConsultationPage, _("Đợt lấy ý kiến dự thảo"))

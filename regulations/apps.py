from django.apps import AppConfig


class RegulationsConfig(AppConfig):
    name = "regulations"
    verbose_name = "Văn bản quy phạm pháp luật"

    def ready(self) -> None:
        from regulations import receivers

        receivers.connect(self)

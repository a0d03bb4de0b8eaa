from wagtail.admin.forms import WagtailAdminModelForm

from regulations.models import Provision, ProvisionKind


class BusinessRegulationForm(WagtailAdminModelForm):
    """Offer only the articles of the regulation's own document, in its current version (a code
    has thousands of units)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        document_id = self.instance.document_id or self.data.get("document") or None
        queryset = Provision.objects.current().filter(kind=ProvisionKind.ARTICLE)
        self.fields["provisions"].queryset = (
            queryset.filter(document_id=document_id) if document_id else queryset.none()
        )
        self.fields["provisions"].help_text = "Lưu quy định với văn bản trước, rồi chọn các điều của văn bản đó."

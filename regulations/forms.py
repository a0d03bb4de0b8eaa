from wagtail.admin.forms import WagtailAdminModelForm

from regulations.agency_admin import AgencyScopedForm
from regulations.models import BusinessRegulation, Provision, ProvisionKind


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


class ProcedureForm(AgencyScopedForm):
    """A procedure of the user's agencies; its provisions among the articles of its business
    regulation's document (current version)."""

    agency_fields = {"agency": "pk", "regulation": "agency"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regulation_id = self.instance.regulation_id or self.data.get("regulation") or None
        document_id = (
            BusinessRegulation.objects.filter(pk=regulation_id).values_list("document_id", flat=True).first()
            if regulation_id and str(regulation_id).isdigit()
            else None
        )
        queryset = Provision.objects.current().filter(kind=ProvisionKind.ARTICLE)
        self.fields["provisions"].queryset = (
            queryset.filter(document_id=document_id) if document_id else queryset.none()
        )
        self.fields[
            "provisions"
        ].help_text = "Lưu thủ tục với quy định kinh doanh trước, rồi chọn các điều của văn bản quy định đó."

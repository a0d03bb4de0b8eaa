"""Publishing the synthesis in the admin (/quan-tri/tra-loi-gop-y/tong-hop/<id>/): the approver
sees whether every comment has a public answer, gives the place and the signer, and publishes;
a refusal says why and changes nothing (consultations.synthesis.publishing)."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from consultations import access
from consultations.admin_refusal import refused
from consultations.answers.queries import unanswered
from consultations.models import ConsultationPage, Synthesis
from consultations.synthesis import publishing


class PublishForm(forms.Form):
    place = forms.CharField(label=gettext_lazy("Địa danh"), max_length=64, initial="Hà Nội")
    signer_title = forms.CharField(
        label=gettext_lazy("Chức danh người ký"), max_length=128, required=False, help_text="KT. BỘ TRƯỞNG / THỨ TRƯỞNG"
    )
    signer_name = forms.CharField(label=gettext_lazy("Họ tên người ký"), max_length=128, required=False)


class PublishSynthesisView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "consultations/synthesis/admin_publish.html"
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        self.consultation = get_object_or_404(ConsultationPage, pk=kwargs["consultation_id"])
        refusal = access.answer_refusal(request.user, self.consultation)
        if refusal:
            return refused(request, refusal, "consultations_answers:queue", _("Về danh sách góp ý cần trả lời"))
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Công bố bản tổng hợp ý kiến")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("consultations_answers:queue"), "label": _("Trả lời góp ý")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        if "refusal" in kwargs:
            return context
        context.update(
            consultation=self.consultation,
            synthesis=Synthesis.objects.filter(consultation=self.consultation).first(),
            waiting=unanswered(self.consultation.comments.all()).count(),
            refusal=publishing.publication_refusal(self.request.user, self.consultation),
            form=form or PublishForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = PublishForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            publishing.publish_synthesis(request.user, self.consultation, **form.cleaned_data)
        except publishing.SynthesisRefused as refused:
            messages.error(request, refused.message)
            return self.render_to_response(self.get_context_data(form=form), status=409)
        messages.success(request, _("Đã công bố bản tổng hợp ý kiến."))
        return redirect(reverse("consultations_synthesis:page", args=[self.consultation.pk]))

"""The Advisory Council's workspace in the Wagtail admin (/quan-tri/hoi-dong-tu-van/): every
agency's comments with their public answers, filtered and searched; a comment's page with the
Council's tags, priority and notes; a consultation's independent opinions. Anyone who is not a
Council member (or an administrator) gets 403 with the reason in Vietnamese and nothing changes;
every rule is consultations.access, council.actions and council.opinions."""

from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from consultations import access, display
from consultations.admin_refusal import refused
from consultations.answers.public import public_answer
from consultations.council import actions, opinions, queries
from consultations.council.forms import IssueForm, NoteForm, OpinionForm
from consultations.models import (
    ConsultationComment,
    ConsultationPage,
    CouncilIssue,
    CouncilOpinion,
    CouncilTag,
    Disposition,
    Priority,
)
from consultations.units import commentable_units
from regulations import list_params

PER_PAGE = 50


def commenter_label(comment: ConsultationComment) -> str:
    """The commenter as the public sees them, without the per-consultation number."""
    label, _named = display.commenter_label(
        comment.commenter_type, comment.organization, comment.user_name, comment.show_name, None
    )
    return label


@dataclass(frozen=True)
class Row:
    comment: ConsultationComment
    unit: str
    commenter: str
    disposition: str  # the public answer's disposition, in words ("" without one)
    priority: str


def row(comment: ConsultationComment) -> Row:
    """A listed comment (annotated by council.queries) as the table shows it."""
    disposition = Disposition(comment.public_disposition).label if comment.public_disposition else ""
    return Row(
        comment=comment,
        unit=display.unit_label(comment),
        commenter=commenter_label(comment),
        disposition=str(disposition),
        priority=str(Priority(comment.priority_level).label),
    )


class CouncilPage(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "openquote"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('wagtailadmin_login')}?next={request.path}")
        refusal = access.council_refusal(request.user)
        if refusal is not None:
            return refused(request, refusal, "wagtailadmin_home", _("Về trang quản trị"))
        self.prepare()
        return super().dispatch(request, *args, **kwargs)

    def prepare(self) -> None:
        """Read what the page is about (only once the person is known to be a member)."""

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("consultations_council:workspace"), "label": _("Hội đồng tư vấn")},
            {"url": "", "label": self.get_page_title()},
        ]


class WorkspaceView(CouncilPage):
    template_name = "consultations/council/workspace.html"

    def get_page_title(self):
        return _("Góp ý và trả lời của các bộ, ngành")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": _("Hội đồng tư vấn")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        filters = queries.IssueFilters.from_params(params)
        comments = filters.apply(access.council_comments(self.request.user))
        page, filter_query = list_params.paginated(queries.listed(comments), params, PER_PAGE, queries.PARAMS.values())
        chosen = filters.chosen_consultation
        units = commentable_units(chosen.version) if chosen is not None and chosen.version_id else []
        context.update(
            filters=filters,
            params=queries.PARAMS,
            page=page,
            filter_query=filter_query,
            rows=[row(comment) for comment in page.object_list],
            agency_choices=list_params.options(queries.agencies_with_consultations()),
            consultation_choices=[
                (str(pk), title)
                for pk, title in ConsultationPage.objects.order_by("-closes_at").values_list("pk", "title")
            ],
            unit_choices=[(queries.WHOLE_DRAFT, _("Cả dự thảo (góp ý chung)"))]
            + [(unit.anchor, unit.citation or unit.display_label) for unit in units],
            disposition_choices=Disposition.choices,
            answered_choices=[("co", _("Đã có trả lời công khai")), ("chua", _("Chưa có trả lời công khai"))],
            tag_choices=[(str(tag.pk), tag.name) for tag in CouncilTag.objects.all()],
            priority_choices=[(str(value), label) for value, label in Priority.choices],
            order_choices=[
                ("uu-tien", _("Ưu tiên cao trước")),
                ("moi-nhat", _("Mới nhất trước")),
                ("cu-nhat", _("Cũ nhất trước")),
            ],
        )
        return context


class IssueView(CouncilPage):
    """One comment: its text, the agency's public answer, the Council's tags, priority and notes."""

    template_name = "consultations/council/issue.html"

    def prepare(self) -> None:
        self.comment = get_object_or_404(
            access.council_comments(self.request.user).select_related("consultation", "provision", "version"),
            pk=self.kwargs["pk"],
        )

    def get_comment(self) -> ConsultationComment:
        return self.comment

    def get_page_title(self):
        return _("Góp ý %(receipt)s") % {"receipt": self.get_comment().receipt_number}

    def get_context_data(self, issue_form=None, note_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        comment = self.get_comment()
        issue = CouncilIssue.objects.filter(comment=comment).prefetch_related("tags").first()
        initial = {"priority": issue.priority, "tags": ", ".join(tag.name for tag in issue.tags.all())} if issue else {}
        context.update(
            comment=comment,
            unit=display.unit_label(comment),
            commenter=commenter_label(comment),
            agency=access.owning_agency_name(comment.consultation),
            answer=public_answer(comment),
            issue=issue,
            issue_form=issue_form or IssueForm(initial=initial or {"priority": Priority.NONE}),
            notes=list(comment.council_notes.all()),
            note_form=note_form or NoteForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        comment = self.get_comment()
        action = request.POST.get("action", "")
        forms = {}
        try:
            if action == "mark":
                form = forms["issue_form"] = IssueForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(**forms), status=400)
                actions.mark_issue(
                    request.user, comment, priority=form.cleaned_data["priority"], tags=form.cleaned_data["tags"]
                )
                messages.success(request, _("Đã lưu nhãn và mức ưu tiên."))
            elif action == "note":
                form = forms["note_form"] = NoteForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(**forms), status=400)
                actions.add_note(request.user, comment, form.cleaned_data["text"])
                messages.success(request, _("Đã thêm ghi chú nội bộ."))
            else:
                messages.error(request, _("Không rõ thao tác. Không có gì thay đổi."))
                return self.render_to_response(self.get_context_data(), status=400)
        except actions.CouncilRefused as refusal:
            messages.error(request, refusal.message)
            return self.render_to_response(self.get_context_data(**forms), status=400)
        return redirect(request.path)


class OpinionView(CouncilPage):
    """A consultation's independent opinions: the published ones, the drafts, and the form
    (a new opinion, or ``?sua=<id>`` to go on with a draft)."""

    template_name = "consultations/council/opinion.html"

    def prepare(self) -> None:
        self.consultation = get_object_or_404(ConsultationPage, pk=self.kwargs["consultation_id"])

    def get_page_title(self):
        return _("Ý kiến độc lập về %(title)s") % {"title": self.consultation.title}

    def editing(self, value: str) -> CouncilOpinion | None:
        if not value.isdigit():
            return None
        return get_object_or_404(opinions.opinions_on(self.consultation), pk=int(value), is_published=False)

    def get_context_data(self, form=None, editing=None, **kwargs):
        context = super().get_context_data(**kwargs)
        editing = editing or self.editing(self.request.GET.get("sua", ""))
        if form is None:
            initial = {"given_on": timezone.localdate()}
            if editing is not None:
                initial = {
                    "title": editing.title,
                    "text": editing.text,
                    "given_on": editing.given_on,
                    "signers": list(editing.signers.all()),
                }
            form = OpinionForm(initial=initial)
        all_opinions = list(opinions.opinions_on(self.consultation))
        context.update(
            consultation=self.consultation,
            agency=access.owning_agency_name(self.consultation),
            published=[opinion for opinion in all_opinions if opinion.is_published],
            drafts=[opinion for opinion in all_opinions if not opinion.is_published],
            form=form,
            editing=editing,
            default_title=opinions.default_title(self.consultation),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        editing = self.editing(request.POST.get("opinion", ""))
        form = OpinionForm(request.POST)
        if action not in ("save", "publish"):
            messages.error(request, _("Không rõ thao tác. Không có gì thay đổi."))
            return self.render_to_response(self.get_context_data(form=form, editing=editing), status=400)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, editing=editing), status=400)
        try:
            opinion = opinions.save_opinion(
                request.user,
                self.consultation,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                signers=form.cleaned_data["signers"],
                given_on=form.cleaned_data["given_on"],
                opinion=editing,
                publish=action == "publish",
            )
        except actions.CouncilRefused as refusal:
            messages.error(request, refusal.message)
            return self.render_to_response(self.get_context_data(form=form, editing=editing), status=400)
        if opinion.is_published:
            messages.success(request, _("Đã công bố ý kiến độc lập; ý kiến hiện trên trang đợt lấy ý kiến."))
            return redirect(request.path)
        messages.success(request, _("Đã lưu bản nháp ý kiến."))
        return redirect(f"{request.path}?sua={opinion.pk}")

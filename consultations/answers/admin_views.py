"""The answer queue in the Wagtail admin (/quan-tri/tra-loi-gop-y/): the owning agency's staff
see every unanswered comment of their consultations with the days left (overdue highlighted),
write an answer to a comment or to a group and submit it; approvers make it public or send it
back. Every rule is consultations.access and consultations.answers.actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from consultations import access, timeline
from consultations.admin_refusal import refused
from consultations.answers import actions, queue
from consultations.answers.forms import AnswerForm, SendBackForm
from consultations.models import Answer, CommentGroup, ConsultationComment

PER_PAGE = 50
VIEWS = {"chua-tra-loi": gettext_lazy("Chưa trả lời"), "cho-phe-duyet": gettext_lazy("Chờ phê duyệt")}


class StaffOnly:
    def dispatch(self, request, *args, **kwargs):
        if not access.can_use_answer_queue(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AnswerPage(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "comment"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("consultations_answers:queue"), "label": _("Trả lời góp ý")},
            {"url": "", "label": self.get_page_title()},
        ]


def unit_label(comment: ConsultationComment) -> str:
    provision = comment.provision
    if provision is None:
        return _("Cả dự thảo")
    return provision.citation or provision.display_label


class QueueView(StaffOnly, AnswerPage):
    template_name = "consultations/answers/admin_queue.html"

    def get_page_title(self):
        return _("Trả lời góp ý")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        shown = self.request.GET.get("xem", "chua-tra-loi")
        if shown not in VIEWS:
            shown = "chua-tra-loi"
        consultations = access.answering_consultations(user)
        chosen = self.request.GET.get("tham-van", "")
        comments = ConsultationComment.objects.filter(consultation__in=consultations)
        answers = Answer.objects.filter(consultation__in=consultations)
        if chosen.isdigit():
            comments = comments.filter(consultation_id=int(chosen))
            answers = answers.filter(consultation_id=int(chosen))
        if shown == "cho-phe-duyet":
            listed = queue.waiting_for_approval(answers)
        else:
            listed = queue.waiting_for_answer(comments)
        page = Paginator(listed, PER_PAGE).get_page(self.request.GET.get("trang"))
        today = timeline.local_day(timezone.now())
        context.update(
            views=VIEWS,
            shown=shown,
            consultations=consultations.order_by("-closes_at").only("pk", "title"),
            chosen=chosen,
            page=page,
            today=today,
            unanswered_total=queue.waiting_for_answer(comments).count(),
        )
        if shown == "cho-phe-duyet":
            context["answers"] = list(page.object_list)
        else:
            context["rows"] = [(row, unit_label(row.comment)) for row in queue.rows(list(page.object_list), today)]
        return context


class TargetAnswerView(AnswerPage):
    """One comment's or one group's answer: the form, and the buttons the person may use."""

    template_name = "consultations/answers/admin_answer.html"

    def get_target(self):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        self.target = self.get_target()
        refusal = access.answer_refusal(request.user, self.target.consultation)
        if refusal:
            # Staff of another agency: a clear refusal, nothing of the comment shown.
            return refused(request, refusal, "consultations_answers:queue", _("Về danh sách góp ý cần trả lời"))
        return super().dispatch(request, *args, **kwargs)

    def existing_answer(self) -> Answer | None:
        return Answer.objects.filter(**{self.target_field: self.target}).first()

    def get_context_data(self, form=None, send_back_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        answer = self.existing_answer()
        consultation = self.target.consultation
        initial = {"disposition": answer.disposition, "text": answer.text} if answer else None
        deadline = consultation.answer_deadline
        context.update(
            target=self.target,
            target_field=self.target_field,
            consultation=consultation,
            answer=answer,
            form=form or AnswerForm(initial=initial),
            send_back_form=send_back_form or SendBackForm(),
            may_answer=access.can_answer(self.request.user, consultation),
            may_approve=access.can_approve_answers(self.request.user, consultation),
            deadline=deadline,
            days_left=timeline.days_left(timeline.local_day(timezone.now()), deadline) if deadline else None,
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        form = AnswerForm(request.POST) if action in ("save", "submit", "approve") else None
        send_back_form = SendBackForm(request.POST) if action == "send-back" else None
        try:
            answer = self.existing_answer()
            if form is not None:
                if not form.is_valid():
                    return self.render_refusal(form=form, status=400)
                changed = answer is None or (answer.disposition, answer.text) != (
                    form.cleaned_data["disposition"],
                    form.cleaned_data["text"].strip(),
                )
                if changed or action == "save":
                    answer = actions.write_answer(
                        request.user,
                        disposition=form.cleaned_data["disposition"],
                        text=form.cleaned_data["text"],
                        **{self.target_field: self.target},
                    )
                if action == "submit":
                    actions.submit_answer(request.user, answer)
                    messages.success(request, _("Đã gửi câu trả lời để phê duyệt."))
                elif action == "approve":
                    actions.approve_answer(request.user, answer)
                    messages.success(request, _("Đã phê duyệt; câu trả lời đã công khai."))
                else:
                    messages.success(request, _("Đã lưu bản nháp câu trả lời."))
            elif send_back_form is not None:
                if answer is None:
                    raise actions.AnswerRefused(_("Chưa có câu trả lời để trả lại."))
                if not send_back_form.is_valid():
                    return self.render_refusal(send_back_form=send_back_form, status=400)
                actions.send_back(request.user, answer, send_back_form.cleaned_data["note"])
                messages.success(request, _("Đã trả lại câu trả lời cho người soạn."))
            else:
                return self.render_refusal(status=400)
        except actions.AnswerRefused as refusal:
            messages.error(request, refusal.message)
            return self.render_refusal(form=form, send_back_form=send_back_form, status=403)
        return redirect(request.path)

    def render_refusal(self, status: int, **forms):
        context = self.get_context_data(**forms)
        return self.render_to_response(context, status=status)


class CommentAnswerView(TargetAnswerView):
    target_field = "comment"

    def get_target(self):
        return get_object_or_404(
            ConsultationComment.objects.select_related("consultation", "provision"), pk=self.kwargs["pk"]
        )

    def get_page_title(self):
        return _("Trả lời góp ý %(receipt)s") % {"receipt": self.target.receipt_number}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        membership = getattr(self.target, "group_membership", None) if self.target.pk else None
        context.update(unit=unit_label(self.target), group=membership.group if membership else None)
        return context


class GroupAnswerView(TargetAnswerView):
    target_field = "group"

    def get_target(self):
        return get_object_or_404(CommentGroup.objects.select_related("consultation"), pk=self.kwargs["pk"])

    def get_page_title(self):
        return _("Trả lời nhóm góp ý: %(group)s") % {"group": self.target}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        members = list(self.target.comments().select_related("provision"))
        context.update(members=[(member, unit_label(member)) for member in members], member_count=len(members))
        return context

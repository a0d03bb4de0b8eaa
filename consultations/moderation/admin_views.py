"""The moderation queue in the Wagtail admin (/quan-tri/kiem-duyet/): a moderator sees the
comments of their own agency's consultations only (consultations.access), acts on one at a time
(consultations.moderation.actions), and reads the log, which nobody can edit."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from consultations import access, display
from consultations.models import CommentStatus, ModerationEvent
from consultations.moderation import actions
from consultations.moderation.forms import HideForm, NoteForm
from consultations.moderation.queue import waiting, with_moderation_state

PER_PAGE = 50
VIEWS = {"cho-xu-ly": gettext_lazy("Chờ xử lý"), "da-an": gettext_lazy("Đã ẩn")}


class ModeratorOnly:
    """Moderators of an agency and administrators; everyone else gets 403."""

    def dispatch(self, request, *args, **kwargs):
        if not access.can_use_moderation_queue(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ModerationPage(ModeratorOnly, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("consultations_moderation:queue"), "label": _("Kiểm duyệt góp ý")},
            {"url": "", "label": self.get_page_title()},
        ]


class QueueView(ModerationPage):
    template_name = "consultations/moderation/admin_queue.html"

    def get_page_title(self):
        return _("Kiểm duyệt góp ý")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shown = self.request.GET.get("xem", "cho-xu-ly")
        if shown not in VIEWS:
            shown = "cho-xu-ly"
        consultations = access.moderated_consultations(self.request.user).order_by("-closes_at")
        comments = access.moderated_comments(self.request.user)
        chosen = self.request.GET.get("tham-van", "")
        if chosen.isdigit():
            comments = comments.filter(consultation_id=int(chosen))
        if shown == "da-an":
            listed = with_moderation_state(comments.filter(status=CommentStatus.HIDDEN)).order_by("-received_at")
        else:
            listed = waiting(comments)
        page = Paginator(listed.select_related("consultation", "provision"), PER_PAGE).get_page(
            self.request.GET.get("trang")
        )
        commenters = display.commenters(page.object_list)
        context.update(
            views=VIEWS,
            shown=shown,
            shown_label=VIEWS[shown],
            consultations=consultations.only("pk", "title"),
            chosen=chosen,
            page=page,
            rows=[(comment, commenters[comment.pk], display.unit_label(comment)) for comment in page.object_list],
        )
        return context


class CommentView(ModerationPage):
    template_name = "consultations/moderation/admin_comment.html"

    def get_page_title(self):
        return _("Góp ý %(receipt)s") % {"receipt": self.comment.receipt_number}

    def dispatch(self, request, *args, **kwargs):
        if access.can_use_moderation_queue(request.user):
            found = with_moderation_state(access.moderated_comments(request.user).filter(pk=kwargs["pk"]))
            self.comment = found.select_related("consultation", "provision").first()
            if self.comment is None:
                raise Http404  # not a comment of this moderator's agencies
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comment = self.comment
        context.update(
            comment=comment,
            commenter=display.commenter(comment, display.individual_numbers(comment.consultation_id)),
            unit=display.unit_label(comment),
            events=comment.moderation_events.all(),
            can_approve=comment.status == CommentStatus.PENDING_MODERATION
            or (comment.status in (CommentStatus.RECEIVED, CommentStatus.ANSWERED) and comment.open_flags),
            can_hide=comment.status in actions.HIDEABLE,
            can_restore=comment.status == CommentStatus.HIDDEN,
            approve_form=kwargs.get("approve_form") or NoteForm(prefix="duyet"),
            hide_form=kwargs.get("hide_form") or HideForm(prefix="an"),
            restore_form=kwargs.get("restore_form") or NoteForm(prefix="khoi-phuc"),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        forms = {
            "approve": ("approve_form", NoteForm(request.POST, prefix="duyet")),
            "hide": ("hide_form", HideForm(request.POST, prefix="an")),
            "restore": ("restore_form", NoteForm(request.POST, prefix="khoi-phuc")),
        }
        if action not in forms:
            messages.error(request, _("Thao tác không hợp lệ."))
            return redirect(request.path)
        name, form = forms[action]
        if form.is_valid():
            note = form.cleaned_data.get("note", "")
            try:
                if action == "approve":
                    actions.approve(self.comment, request.user, note)
                    messages.success(request, _("Đã duyệt góp ý %(receipt)s.") % self._receipt())
                elif action == "hide":
                    outcome = actions.hide(self.comment, request.user, form.cleaned_data["reason"], note)
                    messages.success(
                        request,
                        _("Đã ẩn góp ý %(receipt)s; trang hiện «%(note)s».")
                        % {**self._receipt(), "note": outcome.comment.public_note},
                    )
                else:
                    actions.restore(self.comment, request.user, note)
                    messages.success(request, _("Đã khôi phục góp ý %(receipt)s.") % self._receipt())
                return redirect(reverse("consultations_moderation:queue"))
            except actions.ModerationError as error:
                for text in error.messages:
                    messages.error(request, text)
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(**{name: form}))

    def _receipt(self):
        return {"receipt": self.comment.receipt_number}


class LogView(ModerationPage):
    template_name = "consultations/moderation/admin_log.html"

    def get_page_title(self):
        return _("Nhật ký kiểm duyệt")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events = ModerationEvent.objects.filter(comment__in=access.moderated_comments(self.request.user))
        page = Paginator(
            events.select_related("comment__consultation").order_by("-created_at", "-pk"), PER_PAGE
        ).get_page(self.request.GET.get("trang"))
        context.update(page=page)
        return context

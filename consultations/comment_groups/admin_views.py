"""Comment groups in the Wagtail admin (/quan-tri/nhom-gop-y/): the owning agency's staff see a
consultation's groups, split, merge, add comments by receipt number and ask for a regrouping.
Staff of another agency get a refusal in Vietnamese (403) and nothing changes."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from consultations.access import group_editing_consultations, group_refusal
from consultations.admin_refusal import refused
from consultations.comment_groups import actions, display
from consultations.comment_groups.regroup import grouped_comments
from consultations.comment_groups.tasks import regroup_consultation
from consultations.models import CommentGroup, ConsultationComment, ConsultationPage
from consultations.receipts import normalize_receipt_number

PER_PAGE = 100


class GroupsPage(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "group"
    consultation: ConsultationPage | None = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('wagtailadmin_login')}?next={request.path}")
        if "consultation_id" in kwargs:
            self.consultation = get_object_or_404(ConsultationPage, pk=kwargs["consultation_id"])
            refusal = group_refusal(request.user, self.consultation)
            if refusal is not None:
                return refused(
                    request, refusal, "consultations_groups:index", _("Về danh sách nhóm góp ý của cơ quan bạn")
                )
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [{"url": reverse("consultations_groups:index"), "label": _("Nhóm góp ý trùng lặp")}]
        if self.consultation is not None:
            items.append(
                {
                    "url": reverse("consultations_groups:consultation", args=[self.consultation.pk]),
                    "label": self.consultation.title,
                }
            )
        return self.breadcrumbs_items + items


class IndexView(GroupsPage):
    template_name = "consultations/comment_groups/index.html"

    def get_page_title(self):
        return _("Nhóm góp ý trùng lặp")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        consultations = (
            group_editing_consultations(self.request.user)
            .annotate(
                comment_count=Count("comments", filter=Q(comments__level=0), distinct=True),
                group_count=Count("comment_groups", distinct=True),
            )
            .filter(comment_count__gt=0)
            .order_by("-closes_at")
        )
        context["consultations"] = consultations
        return context


class ConsultationGroupsView(GroupsPage):
    template_name = "consultations/comment_groups/consultation.html"

    def get_page_title(self):
        return _("Nhóm góp ý: %(title)s") % {"title": self.consultation.title}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = display.groups_of(self.consultation.pk)
        looked_at = grouped_comments(self.consultation.pk).count()
        grouped = sum(view.count for view in groups)
        context.update(
            consultation=self.consultation,
            groups=groups,
            looked_at=looked_at,
            grouped=grouped,
            alone=looked_at - grouped,
        )
        return context

    def post(self, request, *args, **kwargs):
        here = reverse("consultations_groups:consultation", args=[self.consultation.pk])
        action = request.POST.get("action")
        if action == "regroup":
            regroup_consultation.enqueue(self.consultation.pk)
            messages.success(request, _("Đã yêu cầu nhóm lại các góp ý; kết quả hiện sau ít phút."))
            return redirect(here)
        if action == "merge":
            chosen = _ids(request.POST.getlist("groups"))
            groups = list(CommentGroup.objects.filter(pk__in=chosen, consultation=self.consultation))
            if len(groups) != len(set(chosen)):
                messages.error(
                    request, _("Có nhóm đã chọn không còn tồn tại (có thể vừa được nhóm lại); hãy tải lại trang.")
                )
                return redirect(here)
            try:
                target = actions.merge(request.user, groups)
            except actions.GroupEditRefused as refusal:
                messages.error(request, refusal.message)
                return redirect(here)
            messages.success(
                request, _("Đã gộp %(count)s nhóm vào nhóm %(group)s.") % {"count": len(groups), "group": target.pk}
            )
            return redirect(here)
        messages.error(request, _("Yêu cầu không hợp lệ."))
        return redirect(here)


class GroupView(GroupsPage):
    template_name = "consultations/comment_groups/group.html"

    def get_group(self) -> CommentGroup:
        return get_object_or_404(CommentGroup, pk=self.kwargs["group_id"], consultation=self.consultation)

    def get_page_title(self):
        return _("Nhóm góp ý %(number)s") % {"number": self.kwargs["group_id"]}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        group = self.get_group()
        members = group.comments().select_related("group_membership", "provision")
        page = Paginator(members, PER_PAGE).get_page(self.request.GET.get("trang"))
        context.update(
            consultation=self.consultation,
            group=group,
            count=members.count(),
            page=page,
            rows=[(comment, display.public_name(comment)) for comment in page.object_list],
        )
        return context

    def post(self, request, *args, **kwargs):
        group = self.get_group()
        here = reverse("consultations_groups:group", args=[self.consultation.pk, group.pk])
        action = request.POST.get("action")
        try:
            if action in ("split", "split_together"):
                new = actions.split(
                    request.user, group, _ids(request.POST.getlist("comments")), together=action == "split_together"
                )
                if new is not None:
                    messages.success(request, _("Đã tách các góp ý đã chọn thành nhóm %(group)s.") % {"group": new.pk})
                else:
                    messages.success(request, _("Đã tách các góp ý đã chọn ra khỏi nhóm."))
            elif action == "add":
                comments = _comments_by_receipt(self.consultation, request.POST.get("receipts", ""))
                count = actions.add_comments(request.user, group, [c.pk for c in comments])
                messages.success(request, _("Đã đưa %(count)s góp ý vào nhóm.") % {"count": count})
            else:
                messages.error(request, _("Yêu cầu không hợp lệ."))
        except actions.GroupEditRefused as refusal:
            messages.error(request, refusal.message)
        if not CommentGroup.objects.filter(pk=group.pk).exists():
            return redirect("consultations_groups:consultation", self.consultation.pk)
        return redirect(here)


def _ids(values) -> list[int]:
    return [int(value) for value in values if str(value).isdigit()]


def _comments_by_receipt(consultation: ConsultationPage, typed: str) -> list[ConsultationComment]:
    """Comments of the consultation by the receipt numbers typed (separated by commas, spaces or
    lines); an unreadable or unknown number refuses the whole request."""
    pieces = [piece for piece in typed.replace(",", " ").replace(";", " ").split() if piece]
    if not pieces:
        raise actions.GroupEditRefused(_("Nhập ít nhất một mã tiếp nhận."))
    numbers = []
    for piece in pieces:
        number = normalize_receipt_number(piece)
        if number is None:
            raise actions.GroupEditRefused(_("Mã tiếp nhận «%(number)s» không đúng dạng.") % {"number": piece})
        numbers.append(number)
    found = list(ConsultationComment.objects.filter(consultation=consultation, receipt_number__in=numbers))
    missing = sorted(set(numbers) - {c.receipt_number for c in found})
    if missing:
        raise actions.GroupEditRefused(
            _("Không có góp ý nào của đợt lấy ý kiến này với mã %(numbers)s.") % {"numbers": ", ".join(missing)}
        )
    return found

"""The public side of moderation: reporting a comment (/tham-van/bao-cao-vi-pham/<id>/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from consultations import display
from consultations.access import can_be_flagged
from consultations.models import ConsultationComment
from consultations.moderation.flags import FlagResult, flag

RESULT_MESSAGES = {
    FlagResult.FLAGGED: (messages.SUCCESS, _("Cảm ơn bạn. Người kiểm duyệt của cơ quan chủ trì sẽ xem xét góp ý này.")),
    FlagResult.ALREADY: (messages.INFO, _("Bạn đã báo cáo góp ý này; người kiểm duyệt sẽ xem xét.")),
    FlagResult.TOO_MANY: (messages.ERROR, _("Bạn đã báo cáo nhiều góp ý trong một giờ qua. Vui lòng thử lại sau.")),
}


@login_required
@require_http_methods(["GET", "POST"])
def report(request, comment_id: int):
    comment = get_object_or_404(
        ConsultationComment.objects.select_related("consultation"), pk=comment_id, consultation__live=True
    )
    if not can_be_flagged(comment):
        raise Http404("not a comment the public sees")
    if request.method == "POST":
        result = flag(comment, request.user, request)
        level, text = RESULT_MESSAGES[result]
        messages.add_message(request, level, text)
        return redirect(comment.get_absolute_url())
    return render(
        request,
        "consultations/moderation/report.html",
        {
            "comment": comment,
            "consultation": comment.consultation,
            "commenter": display.commenter(comment, display.individual_numbers(comment.consultation_id)),
        },
    )

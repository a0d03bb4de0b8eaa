"""Account pages of the portal's own (allauth's are mounted in urls.py). Thin: the data a page
shows comes from the modules beside this one."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def overview(request):
    """/tai-khoan/: the signed-in person's account: e-mail, password, their data."""
    return render(request, "accounts/overview.html", {"staff": request.user.is_staff})

"""The portal's own account mails (allauth sends its own through portal.accounts.adapter)."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from portal.accounts.adapter import MAIL_ERRORS

log = logging.getLogger(__name__)


def send_personal_data_link(request, email: str, token: str) -> bool:
    """E-mail the signed link to a commenter's data; False if the mail could not go out."""
    context = {"link": request.build_absolute_uri(reverse("personal_data", args=[token])), "hours": 48}
    subject = " ".join(render_to_string("accounts/email/personal_data_link_subject.txt", context).split())
    body = render_to_string("accounts/email/personal_data_link_message.txt", context)
    message = EmailMessage(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, to=[email])
    try:
        message.send()
    except MAIL_ERRORS as error:
        log.error("personal-data link to %s not sent: %s", email, error)
        return False
    return True

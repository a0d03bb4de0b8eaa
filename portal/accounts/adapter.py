"""allauth's adapter for the portal: mails go out through the project's mail settings (with
their timeout, EMAIL_TIMEOUT); a mail that cannot be sent is logged and said on screen, so a
relay that is down never turns a sign-up or a password reset into a server error."""

import logging
import smtplib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib import messages
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

MAIL_ERRORS = (smtplib.SMTPException, OSError)


def user_display(user) -> str:
    """How an account is named on its own pages: its e-mail address (public accounts have no
    other name), else its user name (staff)."""
    return user.email or user.get_username()


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        try:
            super().send_mail(template_prefix, email, context)
        except MAIL_ERRORS as error:
            log.error("mail %s to %s not sent: %s", template_prefix, email, error)
            request = context.get("request") or allauth_context.request
            if request is not None:
                messages.error(
                    request,
                    _(
                        "Hiện không gửi được thư điện tử đến %(email)s. Vui lòng thử lại sau ít phút; "
                        "thông tin bạn đã nhập không bị mất."
                    )
                    % {"email": email},
                )

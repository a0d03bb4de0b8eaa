"""The admin's sign-in form (WAGTAILADMIN_USER_LOGIN_FORM): Wagtail's own, with a label on the
password field, which Wagtail leaves to Django's field name ("Password", in no catalog)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")

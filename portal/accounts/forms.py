"""allauth's forms, labelled for the portal (settings.ACCOUNT_FORMS)."""

from allauth.account.forms import LoginForm as AllauthLoginForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AllauthLoginForm):
    """Sign in with an e-mail address (the public) or a user name (staff, demo accounts)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("Thư điện tử hoặc tên đăng nhập")
        login.widget.attrs.pop("placeholder", None)
        login.widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs.pop("placeholder", None)
        if "remember" in self.fields:
            self.fields["remember"].label = _("Ghi nhớ đăng nhập trên thiết bị này")

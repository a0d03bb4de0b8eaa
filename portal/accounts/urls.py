"""/tai-khoan/...: allauth's account views under Vietnamese paths (their URL names unchanged, so
allauth and its templates find them), and the portal's own account pages (namespace
`accounts`). The flows are those portal/settings/base.py enables: sign-in by e-mail or user
name with a password, verification and password reset by e-mailed link; no phone, no codes.
tests/portal/test_accounts.py checks that every URL name allauth registers is here."""

from allauth.account import views as allauth
from django.urls import include, path, re_path

from portal.accounts import views

own = [
    path("", views.overview, name="overview"),
    path("du-lieu/", views.my_data, name="data"),
    path("du-lieu.json", views.my_data_json, name="data_json"),
    path("xoa/", views.erase_account, name="erase"),
]

# A commenter without an account: their comments through a signed link e-mailed to them
# (mounted at the root by portal/urls.py).
personal_data_patterns = [
    path("du-lieu-ca-nhan/", views.request_link, name="personal_data_request"),
    path("du-lieu-ca-nhan/<str:token>/", views.commenter_data, name="personal_data"),
    path("du-lieu-ca-nhan/<str:token>/json/", views.commenter_data_json, name="personal_data_json"),
    path("du-lieu-ca-nhan/<str:token>/xoa/", views.erase_commenter, name="personal_data_erase"),
]

allauth_patterns = [
    path("dang-nhap/", allauth.login, name="account_login"),
    path("dang-xuat/", allauth.logout, name="account_logout"),
    path("tam-khoa/", allauth.account_inactive, name="account_inactive"),
    path("dang-ky/", allauth.signup, name="account_signup"),
    path("xac-thuc-lai/", allauth.reauthenticate, name="account_reauthenticate"),
    path("thu-dien-tu/", allauth.email, name="account_email"),
    path("xac-nhan-thu/", allauth.email_verification_sent, name="account_email_verification_sent"),
    re_path(r"^xac-nhan-thu/(?P<key>[-:\w]+)/$", allauth.confirm_email, name="account_confirm_email"),
    path("mat-khau/doi/", allauth.password_change, name="account_change_password"),
    path("mat-khau/dat/", allauth.password_set, name="account_set_password"),
    path("mat-khau/quen/", allauth.password_reset, name="account_reset_password"),
    path("mat-khau/quen/da-gui/", allauth.password_reset_done, name="account_reset_password_done"),
    re_path(
        r"^mat-khau/quen/khoa/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        allauth.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path("mat-khau/quen/xong/", allauth.password_reset_from_key_done, name="account_reset_password_from_key_done"),
    path("dang-nhap/ma/xac-nhan/", allauth.confirm_login_code, name="account_confirm_login_code"),
]

urlpatterns = [
    path("", include((own, "accounts"))),
    *allauth_patterns,
]

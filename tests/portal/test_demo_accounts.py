"""Demo accounts per role (portal/accounts/demo.py): made by load_demo_data / `manage.py
demo_accounts` in development, with passwords kept out of git; never under the production
settings, which refuse loudly; the admin carries the portal's name and emblem."""

import json
import os
import sqlite3
import stat
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import override_settings

from consultations import access
from consultations.folders import ensure_consultation_folder
from portal.accounts.demo import (
    ACCOUNTS,
    CLOSED_AGENCY,
    CLOSED_APPROVER,
    CLOSED_OFFICER,
    DEMO_AGENCY,
    DemoAccountsRefused,
    ensure_demo_accounts,
    refusal,
)
from regulations.agencies import resolve_agency
from regulations.models import AgencyRole
from regulations.roles import has_agency_role, is_council_member
from tests.corpus import REPO

pytestmark = pytest.mark.django_db


@pytest.fixture
def password_file(tmp_path):
    path = tmp_path / "demo-accounts.json"
    with override_settings(DEMO_ACCOUNTS_FILE=path):
        yield path


def test_it_makes_one_account_per_role_with_passwords_kept_out_of_git(password_file, capsys):
    call_command("demo_accounts")
    printed = capsys.readouterr().out
    agency = resolve_agency(DEMO_AGENCY)
    users = {account.username: User.objects.get(username=account.username) for account in ACCOUNTS}
    assert has_agency_role(users["demo-phapche"], agency, AgencyRole.EDITOR)
    assert has_agency_role(users["demo-pheduyet"], agency, AgencyRole.APPROVER)
    assert has_agency_role(users["demo-kiemduyet"], agency, AgencyRole.MODERATOR)
    assert not users["demo-doanhnghiep"].groups.exists()
    builders = resolve_agency(CLOSED_AGENCY)
    assert has_agency_role(users[CLOSED_OFFICER], builders, AgencyRole.EDITOR)
    assert has_agency_role(users[CLOSED_APPROVER], builders, AgencyRole.APPROVER)
    assert not has_agency_role(users[CLOSED_APPROVER], agency, AgencyRole.APPROVER)
    assert is_council_member(users["demo-hoidong"]) and not is_council_member(users["demo-phapche"])
    assert access.can_use_council_workspace(users["demo-hoidong"])
    assert users["demo-hoidong"].get_full_name() == "Minh Trần Văn"

    folder = ensure_consultation_folder(agency)
    assert folder.permissions_for_user(users["demo-phapche"]).can_add_subpage()
    assert not folder.permissions_for_user(users["demo-kiemduyet"]).can_add_subpage()
    assert access.can_use_moderation_queue(users["demo-kiemduyet"])
    assert not access.can_use_moderation_queue(users["demo-doanhnghiep"])

    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    stored = json.loads(password_file.read_text())
    for username, password in stored.items():
        assert users[username].check_password(password)
        assert f"{username}" in printed and password in printed


def test_it_keeps_the_same_passwords_on_every_run(password_file):
    first = {account.username: password for account, password in ensure_demo_accounts()}
    second = {account.username: password for account, password in ensure_demo_accounts()}
    assert first == second and len(set(first.values())) == len(ACCOUNTS)
    assert User.objects.filter(username__startswith="demo-").count() == len(ACCOUNTS)


def test_the_demo_accounts_sign_in_where_they_work(client, password_file):
    passwords = {account.username: password for account, password in ensure_demo_accounts()}
    assert client.post("/quan-tri/login/", {"username": "demo-kiemduyet", "password": passwords["demo-kiemduyet"]})[
        "Location"
    ] in ("/quan-tri/", "/quan-tri/kiem-duyet/")
    assert client.get("/quan-tri/kiem-duyet/").status_code == 200
    client.logout()
    response = client.post(
        "/tai-khoan/dang-nhap/", {"login": "doanhnghiep@demo.invalid", "password": passwords["demo-doanhnghiep"]}
    )
    assert response["Location"] == "/tai-khoan/"
    assert client.get("/quan-tri/").status_code == 302


def test_it_refuses_when_demo_accounts_are_off(password_file):
    with override_settings(DEMO_ACCOUNTS=False):
        with pytest.raises(CommandError, match="DEMO_ACCOUNTS"):
            call_command("demo_accounts")
    assert not User.objects.filter(username__startswith="demo-").exists()


def test_it_refuses_under_the_production_settings_even_if_told_otherwise(password_file):
    with override_settings(SETTINGS_MODULE="portal.settings.production", DEMO_ACCOUNTS=True):
        assert "portal.settings.production" in refusal()
        with pytest.raises(DemoAccountsRefused):
            ensure_demo_accounts()
    assert not User.objects.filter(username__startswith="demo-").exists()


def test_the_command_refuses_loudly_when_run_with_the_production_settings(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "a-long-random-production-like-key-for-this-test-only",
        "ALLOWED_HOSTS": "portal.example.gov.vn",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "demo_accounts"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "Không tạo tài khoản mẫu với portal.settings.production" in done.stderr
    database = tmp_path / "db.sqlite3"
    if database.exists():  # opened by the settings, never written: no table, no account
        with sqlite3.connect(database) as connection:
            assert connection.execute("select count(*) from sqlite_master where type = 'table'").fetchone() == (0,)


def test_the_admin_carries_the_portals_name_and_emblem(client, password_file):
    login = client.get("/quan-tri/login/").content.decode()
    assert "Đăng nhập trang quản trị — Cổng tham vấn và tra cứu quy định kinh doanh" in login
    assert "portal/logo.svg" in login and "portal/favicon.svg" in login
    passwords = {account.username: password for account, password in ensure_demo_accounts()}
    client.post("/quan-tri/login/", {"username": "demo-phapche", "password": passwords["demo-phapche"]})
    dashboard = client.get("/quan-tri/").content.decode()
    assert "<title>" in dashboard and "Quản trị — Cổng tham vấn và tra cứu quy định kinh doanh" in dashboard
    assert 'class="portal-admin-logo"' in dashboard

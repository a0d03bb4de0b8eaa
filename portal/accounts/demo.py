"""Demo accounts, one per role, so that a newcomer can try every side of the portal: a legal
officer and an approver of one ministry, a comment moderator, a business's public account, the
legal officer and approver of Bộ Xây dựng, who answered the comments on its closed demo
consultation and published the synthesis (consultations.demo_closed), and a member of the
Advisory Council (its workspace at /quan-tri/hoi-dong-tu-van/, for every agency).

Development and tests only: `DEMO_ACCOUNTS` must be on and the settings must not be
portal.settings.production; otherwise `DemoAccountsRefused` is raised, loudly. The passwords are
not in git: each checkout draws its own on first use and keeps them in DEMO_ACCOUNTS_FILE
(var/demo-accounts.json, readable by its owner only), which `make run` prints at start.
"""

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from consultations.demo import CLOSED
from consultations.folders import ensure_consultation_folder
from regulations.agencies import resolve_agency
from regulations.library import ensure_folder
from regulations.models import AgencyGroup, AgencyRole
from regulations.roles import ensure_council_group

DEMO_AGENCY = "Văn phòng Chính phủ"  # the agency of the demo consultation (seed 000)
CLOSED_AGENCY = CLOSED.agency  # the agency of the closed demo consultation (Bộ Xây dựng)
CLOSED_OFFICER = "demo-bxd-phapche"  # who answered its comments
CLOSED_APPROVER = "demo-bxd-pheduyet"  # who approved the answers and published the synthesis
PRODUCTION_SETTINGS = "portal.settings.production"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    email: str
    role: str  # what the account is, as printed
    agency_role: AgencyRole | None  # None: a public account
    signs_in_at: str  # the path where it signs in
    agency: str = DEMO_AGENCY  # the agency of its role
    council: bool = False  # a member of the Advisory Council (no agency role)
    first_name: str = ""  # given name, as the Council's opinions print their signatories
    last_name: str = ""


ACCOUNTS = (
    DemoAccount("demo-phapche", "phapche@demo.invalid", f"Pháp chế — {DEMO_AGENCY}", AgencyRole.EDITOR, "/quan-tri/"),
    DemoAccount(
        "demo-pheduyet", "pheduyet@demo.invalid", f"Phê duyệt — {DEMO_AGENCY}", AgencyRole.APPROVER, "/quan-tri/"
    ),
    DemoAccount(
        "demo-kiemduyet",
        "kiemduyet@demo.invalid",
        f"Kiểm duyệt góp ý — {DEMO_AGENCY}",
        AgencyRole.MODERATOR,
        "/quan-tri/kiem-duyet/",
    ),
    DemoAccount(
        "demo-doanhnghiep",
        "doanhnghiep@demo.invalid",
        "Doanh nghiệp (tài khoản công khai)",
        None,
        "/tai-khoan/dang-nhap/",
    ),
    DemoAccount(
        CLOSED_OFFICER,
        "phapche.bxd@demo.invalid",
        f"Pháp chế — {CLOSED_AGENCY}",
        AgencyRole.EDITOR,
        "/quan-tri/tra-loi-gop-y/",
        CLOSED_AGENCY,
    ),
    DemoAccount(
        CLOSED_APPROVER,
        "pheduyet.bxd@demo.invalid",
        f"Phê duyệt — {CLOSED_AGENCY}",
        AgencyRole.APPROVER,
        "/quan-tri/tra-loi-gop-y/",
        CLOSED_AGENCY,
    ),
    DemoAccount(
        "demo-hoidong",
        "hoidong@demo.invalid",
        "Thành viên Hội đồng tư vấn cải cách TTHC",
        None,
        "/quan-tri/hoi-dong-tu-van/",
        council=True,
        first_name="Minh",
        last_name="Trần Văn",
    ),
)


class DemoAccountsRefused(RuntimeError):
    pass


def refusal() -> str | None:
    """Why demo accounts may not be made here, or None."""
    module = os.environ.get("DJANGO_SETTINGS_MODULE", "") or getattr(settings, "SETTINGS_MODULE", "")
    if module == PRODUCTION_SETTINGS or getattr(settings, "SETTINGS_MODULE", "") == PRODUCTION_SETTINGS:
        return (
            f"Không tạo tài khoản mẫu với {PRODUCTION_SETTINGS}: mật khẩu của chúng được in ra và lưu "
            "trong var/. Tài khoản mẫu chỉ dành cho môi trường phát triển."
        )
    if not getattr(settings, "DEMO_ACCOUNTS", False):
        return "Không tạo tài khoản mẫu: DEMO_ACCOUNTS đang tắt trong cấu hình này."
    return None


def _passwords(path: Path) -> dict[str, str]:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return {name: value for name, value in stored.items() if isinstance(value, str)}


def _save_passwords(path: Path, passwords: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(passwords, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    path.chmod(0o600)


def new_password() -> str:
    return "demo-" + secrets.token_urlsafe(12)


@transaction.atomic
def ensure_demo_accounts(path: Path | None = None) -> list[tuple[DemoAccount, str]]:
    """Create or refresh the demo accounts (idempotent: the same passwords on every run) and
    return them with their passwords. Raises DemoAccountsRefused where they are not allowed."""
    reason = refusal()
    if reason:
        raise DemoAccountsRefused(reason)
    path = path or Path(settings.DEMO_ACCOUNTS_FILE)
    passwords = _passwords(path)
    agencies = {}
    for name in dict.fromkeys(account.agency for account in ACCOUNTS):
        agency = resolve_agency(name)
        if agency is None:
            raise DemoAccountsRefused(f"Không tìm thấy cơ quan {name}.")
        ensure_folder(agency)  # the agency's library folder and its groups
        ensure_consultation_folder(agency)  # the same groups' rights under /tham-van/
        agencies[name] = agency
    made = []
    for account in ACCOUNTS:
        user, created = User.objects.get_or_create(username=account.username, defaults={"email": account.email})
        password = passwords.get(account.username)
        if created or password is None or not user.check_password(password):
            password = password or new_password()
            user.set_password(password)
        user.email = account.email
        user.first_name, user.last_name = account.first_name, account.last_name
        user.is_active = True
        user.save()
        groups = []
        if account.agency_role is not None:
            groups = [AgencyGroup.objects.get(agency=agencies[account.agency], role=account.agency_role).group]
        if account.council:
            groups = [ensure_council_group()]
        user.groups.set(groups)
        EmailAddress.objects.update_or_create(
            user=user, email=account.email, defaults={"verified": True, "primary": True}
        )
        passwords[account.username] = password
        made.append((account, password))
    _save_passwords(path, passwords)
    return made


def table(accounts: list[tuple[DemoAccount, str]], base_url: str) -> str:
    """The accounts as `make run` prints them."""
    rows = [("Vai trò", "Tên đăng nhập", "Mật khẩu", "Đăng nhập tại")]
    rows += [(a.role, a.username, password, base_url.rstrip("/") + a.signs_in_at) for a, password in accounts]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join(lines)

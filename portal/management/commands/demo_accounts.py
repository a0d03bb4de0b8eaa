from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.accounts.demo import DemoAccountsRefused, ensure_demo_accounts, table


class Command(BaseCommand):
    help = (
        "Create (idempotently) the demo accounts, one per role — legal officer, approver and comment "
        "moderator of Văn phòng Chính phủ, a business, an Advisory Council member — and print them with "
        "their passwords (kept in var/demo-accounts.json, never in git). Development only: refuses under "
        "portal.settings.production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="create them, print one line")

    def handle(self, *args, quiet, **options):
        try:
            accounts = ensure_demo_accounts()
        except DemoAccountsRefused as refused:
            raise CommandError(str(refused)) from refused
        if quiet:
            self.stdout.write(f"Tài khoản mẫu: {len(accounts)} (manage.py demo_accounts để xem mật khẩu)")
            return
        base_url = settings.WAGTAILADMIN_BASE_URL
        self.stdout.write(
            f"Tài khoản mẫu — chỉ dùng khi phát triển; mật khẩu trong {settings.DEMO_ACCOUNTS_FILE}:\n"
            + table(accounts, base_url)
        )

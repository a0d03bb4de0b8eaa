"""manage.py create_api_key USERNAME [--name NAME]: issue an API key for the comment API."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from consultations.intake.api_keys import issue_key


class Command(BaseCommand):
    help = (
        "Issue an API key for POST /api/v1/consultations/{id}/comments, bound to an existing account. "
        "The key is printed once; only its hash is stored. Revoke it in the admin (Tham vấn → Khóa API)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The account the key acts for (it must exist and be active).")
        parser.add_argument("--name", default="", help="A name to recognise the key by, e.g. the client's.")

    def handle(self, *args, **options):
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: options["username"]}).first()
        if user is None:
            raise CommandError(f"Không có tài khoản «{options['username']}» / no such account.")
        if not user.is_active:
            raise CommandError(f"Tài khoản «{options['username']}» đã bị khóa / the account is inactive.")
        key, raw = issue_key(user, options["name"][:100])
        self.stdout.write(raw)
        self.stderr.write(f"Khóa {key.prefix}… cho {user}: chỉ hiện một lần / shown once, store it now.")

"""Recompute every document's legal status and current version for today."""

from django.core.management.base import BaseCommand

from regulations.states import refresh_states


class Command(BaseCommand):
    help = (
        "Recompute the legal status (from effective and expiry dates and replacement relations) and "
        "the current version of every document for today, store them and queue the changed ones for "
        "search. The worker does this on each date a status changes; run it from cron if no worker runs."
    )

    def handle(self, *args, **options):
        result = refresh_states()
        next_change = result.next_change.strftime("%d/%m/%Y") if result.next_change else "—"
        self.stdout.write(
            f"Đã kiểm tra {result.checked} văn bản: đổi tình trạng {len(result.status_changed)}, "
            f"đổi phiên bản hiện hành {len(result.current_changed)}; lần thay đổi tới: {next_change}"
        )

"""Send today's follow digests (at most one e-mail a day per follower)."""

from django.core.management.base import BaseCommand

from consultations.follows.digest import send_daily_digests


class Command(BaseCommand):
    help = (
        "Send each follower the digest of what happened to the consultations, agencies and fields they "
        "follow since their last digest (at most one e-mail a day per person; running it again the same "
        "day sends nothing new). The worker does this daily (consultations.follows.tasks); run it from cron "
        "if no worker runs."
    )

    def handle(self, *args, **options):
        run = send_daily_digests()
        self.stdout.write(
            f"Thư tóm tắt theo dõi: đã gửi {run.sent}, không có tin mới {run.nothing_new}, "
            f"đã gửi hôm nay {run.already_sent_today}, bỏ qua {run.skipped}, lỗi {run.failed}"
        )
        if run.failed:
            self.stderr.write(f"{run.failed} thư chưa gửi được; các tin vẫn chờ lần chạy sau.")

import os
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from compliance_cost.demo import load_cost_demo
from consultations.demo import load_demo_consultations
from consultations.demo_closed import complete_closed_consultation
from consultations.demo_comments import add_demo_comments, open_demo_consultation
from portal.accounts.demo import ACCOUNTS, CLOSED_APPROVER, CLOSED_OFFICER, DemoAccountsRefused, ensure_demo_accounts
from portal.site_setup import ensure_home_page
from regulations.demo import load_demo
from regulations.library import ensure_library


def default_corpus() -> Path:
    return Path(os.environ.get("CORPUS_DIR") or settings.BASE_DIR.parent / "shared" / "corpus")


class Command(BaseCommand):
    help = (
        "Load the demo data (5 seed documents, 22 full-text laws and decrees, 60 gazette records, "
        "one law in two versions) from the shared corpus, three consultations on drafts (open, upcoming, "
        "closed; dates relative to today), then the compliance cost profiles and one reduction plan per "
        "agency with business regulations, the demo accounts per role (development only, "
        "portal/accounts/demo.py), the closed consultation's comments, campaign group, answers, revised "
        "draft and published synthesis, and the demo comments on the open one. Idempotent: a second run "
        "changes nothing but the consultations' dates."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corpus", type=Path, default=None, help="the shared corpus folder (CORPUS_DIR)")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, corpus, no_progress, **options):
        corpus = (corpus or default_corpus()).resolve()
        if not (corpus / "seeds" / "index.json").exists():
            raise CommandError(f"Không tìm thấy kho dữ liệu mẫu tại {corpus} (đặt CORPUS_DIR hoặc --corpus).")
        ensure_library(ensure_home_page())
        bar = tqdm(total=88, desc="Dữ liệu mẫu", unit="văn bản", disable=no_progress)
        report = load_demo(corpus, progress=lambda _source: bar.update(1))
        bar.close()
        for error in report.errors:
            self.stderr.write(error)
        c = report.counts
        self.stdout.write(
            f"Dữ liệu mẫu: tạo {c['created']}, cập nhật {c['updated']}, phiên bản mới {c['new-version']}, "
            f"giữ nguyên {c['unchanged']}, "
            f"lỗi {len(report.errors)}; {report.regulations} quy định kinh doanh mới"
        )
        if report.errors:
            raise CommandError(f"{len(report.errors)} văn bản mẫu không nhập được.")
        consultations = load_demo_consultations(corpus)
        self.stdout.write(
            f"Lấy ý kiến dự thảo: {consultations.open.url} (đang lấy ý kiến), {consultations.upcoming.url} (sắp mở), "
            f"{consultations.closed.url} (đã đóng)"
        )
        costs = load_cost_demo()
        self.stdout.write(
            f"Chi phí tuân thủ: {costs.profiles} hồ sơ chi phí, {costs.plans} phương án cắt giảm mới"
            + (f"; thiếu quy định: {', '.join(costs.missing)}" if costs.missing else "")
        )
        try:
            accounts = ensure_demo_accounts()
        except DemoAccountsRefused as refused:
            self.stderr.write(f"Tài khoản mẫu: bỏ qua. {refused}")
        else:
            self.stdout.write(f"Tài khoản mẫu: {len(accounts)} (manage.py demo_accounts in mật khẩu)")
            self.complete_closed_consultation(consultations.closed, corpus)
        self.add_demo_comments()

    def complete_closed_consultation(self, consultation, corpus):
        """The closed consultation's answers are written and approved by the demo accounts of its
        agency, so this runs only where they exist."""
        officer = User.objects.get(username=CLOSED_OFFICER)
        approver = User.objects.get(username=CLOSED_APPROVER)
        member = User.objects.filter(username__in=[a.username for a in ACCOUNTS if a.council]).first()
        outcome = complete_closed_consultation(consultation, corpus, officer, approver, member)
        members = outcome.group.comments().count() if outcome.group is not None else 0
        self.stdout.write(
            f"Kết quả lấy ý kiến «{consultation.title}»: gửi {outcome.sent} góp ý, nhóm chiến dịch {members} góp ý, "
            f"{outcome.answers} câu trả lời công khai, {outcome.revised.label}, bản tổng hợp: "
            f"/tham-van/tong-hop/{consultation.pk}/"
            + (", ý kiến độc lập của Hội đồng tư vấn" if outcome.opinion is not None else "")
        )

    def add_demo_comments(self):
        """Last, once the demo consultations exist: the demo comments on the open one."""
        consultation = open_demo_consultation()
        if consultation is None:
            self.stdout.write("Góp ý mẫu: chưa có cuộc tham vấn nào đang lấy ý kiến.")
            return
        sent, existing = add_demo_comments(consultation)
        self.stdout.write(f"Góp ý mẫu trên «{consultation.title}»: gửi {sent}, đã có {existing}")

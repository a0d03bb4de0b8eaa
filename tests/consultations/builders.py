"""Builders for consultation test data, on top of the real importer and page tree."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from consultations.folders import ensure_consultation_folder
from consultations.models import CommenterType, ConsultationComment, ConsultationPage
from consultations.timeline import VIETNAM
from regulations.agencies import resolve_agency
from regulations.importing import DocumentRecord, save_document
from regulations.models import LegalDocumentPage, LegalStatus
from tests.regulations.builders import article


def make_draft(
    title: str = "Dự thảo Nghị định quy định về kinh doanh xăng dầu",
    agency: str = "Bộ Công Thương",
    articles: int = 3,
    doc_type: str = "nghi-dinh",
    key: str | None = None,
) -> LegalDocumentPage:
    """A draft document (only a draft version) in the agency's library folder."""
    record = DocumentRecord(
        title=title,
        doc_type=doc_type,
        issuer=agency,
        legal_status=LegalStatus.DRAFT,
        external_id=key or f"du-thao-test-{abs(hash((title, agency))) % 10**8}",
        nodes=[article(str(i), f"Điều kiện kinh doanh xăng dầu số {i}") for i in range(1, articles + 1)],
        fields=["Năng lượng, dầu khí"],
    )
    return save_document(record).page


def at(day: date, hour: int = 8, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=VIETNAM)


def make_consultation(
    draft: LegalDocumentPage | None = None,
    agency: str = "Bộ Công Thương",
    opens_at: datetime | None = None,
    days: int = 30,
    live: bool = True,
    **values,
) -> ConsultationPage:
    """A consultation of the agency on `draft` (a new one if not given), opening a week ago and
    lasting `days` days by default, saved as the officer would (clean, then save)."""
    draft = draft or make_draft(agency=agency)
    folder = ensure_consultation_folder(resolve_agency(agency))
    opens_at = opens_at or timezone.now() - timedelta(days=7)
    values.setdefault("closing_date", timezone.localtime(opens_at, VIETNAM).date() + timedelta(days=days))
    page = ConsultationPage(
        title=values.pop("title", draft.title),
        slug=values.pop("slug", draft.slug),
        document=draft,
        opens_at=opens_at,
        live=live,
        **values,
    )
    page.full_clean(exclude=["path", "depth", "closes_at"])
    folder.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page


def make_comment(consultation: ConsultationPage, provision=None, text: str = "Đề nghị bỏ điều kiện này.", **values):
    """A received comment, as the intake stores one."""
    comment = ConsultationComment(
        consultation=consultation,
        provision=provision,
        comment=text,
        commenter_type=values.pop("commenter_type", CommenterType.BUSINESS),
        organization=values.pop("organization", "Công ty TNHH Xăng dầu Minh Phát"),
        user_name=values.pop("user_name", "Nguyễn Văn An"),
        user_email=values.pop("user_email", "an@minhphat.vn"),
        **values,
    )
    comment.mark_received()
    comment.save()
    return comment

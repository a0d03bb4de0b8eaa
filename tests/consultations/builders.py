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


def bulk_comments(consultation: ConsultationPage, units, per_unit: int, status=None) -> int:
    """Many received comments fast (load tests of the page): one bulk insert of the base rows,
    then one raw insert per row for each child table (multi-table models cannot be bulk created)."""
    from django.contrib.contenttypes.models import ContentType
    from django_comments.models import Comment
    from django_comments_xtd.models import XtdComment

    from consultations.models import CommentStatus
    from consultations.receipts import new_receipt_number

    status = status or CommentStatus.RECEIVED
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(ConsultationPage)
    plan = [(unit, i) for unit in units for i in range(per_unit)]
    bases = Comment.objects.bulk_create(
        [
            Comment(
                content_type=content_type,
                object_pk=str(consultation.pk),
                site_id=1,
                user_name=f"Người góp ý {n}",
                user_email=f"nguoi{n}@example.vn",
                comment=f"Góp ý số {n} về {unit.citation if unit else 'cả dự thảo'}: đề nghị làm rõ.",
                submit_date=now,
                is_public=True,
            )
            for n, (unit, _i) in enumerate(plan)
        ]
    )
    for base, (unit, n) in zip(bases, plan, strict=True):
        XtdComment(comment_ptr_id=base.pk, thread_id=base.pk, parent_id=base.pk, level=0, order=1).save_base(
            raw=True, force_insert=True
        )
        ConsultationComment(
            xtdcomment_ptr_id=base.pk,
            consultation=consultation,
            version_id=consultation.version_id,
            provision=unit,
            anchor=unit.anchor if unit else "",
            commenter_type=CommenterType.INDIVIDUAL if n % 2 else CommenterType.BUSINESS,
            organization="" if n % 2 else f"Công ty Cổ phần Số {n}",
            receipt_number=new_receipt_number(now.year),
            received_at=now,
            on_time=True,
            status=status,
        ).save_base(raw=True, force_insert=True)
    return len(plan)


def write_docx(path, lines):
    """A Word file with one paragraph per line (a draft as a ministry types it); returns ``path``."""
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(path)
    return path

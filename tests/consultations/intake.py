"""Helpers for the intake tests: a form post as a browser sends it, the API with a key, files."""

import io
import time
import zipfile

from django_tasks_db.management.commands.db_worker import Worker

from consultations.intake.api_keys import issue_key
from consultations.models import ConsultationComment

BUSINESS = {
    "commenter_type": "business",
    "organization": "Công ty Cổ phần Sữa Việt Nam",
    "tax_code": "0300588569",
    "sector": "C",
    "size": "large",
}


def form_data(**values) -> dict:
    """What the page's form posts for an anonymous individual (override any field)."""
    data = {
        "article_id": "",
        "parent_id": "",
        "commenter_type": "individual",
        "name": "Trần Thị Bình",
        "email": "binh@example.vn",
        "organization": "",
        "tax_code": "",
        "sector": "",
        "size": "",
        "text": "Đề nghị làm rõ thời hạn giải quyết hồ sơ tại khoản 2.",
        "idempotency_key": "",
        "website": "",
    }
    data.update(values)
    return data


def post_form(client, consultation, **values):
    return client.post(f"/tham-van/gop-y/{consultation.pk}/", form_data(**values))


def api_key_for(user) -> str:
    return issue_key(user, "test")[1]


def post_api(client, consultation_id, key, body, **extra):
    headers = {"X-Api-Key": key} if key else {}
    return client.post(
        f"/api/v1/consultations/{consultation_id}/comments",
        body,
        content_type="application/json",
        headers=headers,
        **extra,
    )


def stored() -> int:
    return ConsultationComment.objects.count()


def run_worker():
    """Run every due task (the e-mails) as `manage.py db_worker` does (its own `run_task`),
    inside the test's transaction (the worker's loop would close the test's connection)."""
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-intake",
        excluded_queue_names=[],
    )
    while True:
        due = DBTaskResult.objects.ready().order_by("enqueued_at").first()
        if due is None:
            return
        due.claim("test-intake")
        worker.run_task(due)


def docx_bytes(paragraphs=("Ý kiến của Hiệp hội về Điều 3.",)) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(password: str | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Y kien gop y Dieu 3")
    if password:
        pdf.set_encryption(owner_password="owner-" + password, user_password=password)
    return bytes(pdf.output())


def zip_bomb_docx() -> bytes:
    """A DOCX-shaped archive whose one member inflates from ~100 KB to 200 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/padding.bin", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(200):
                member.write(chunk)
    return buffer.getvalue()


def inside_one_window(seconds: int, margin: int) -> None:
    """The rate limits count in fixed windows (multiples of `seconds` since the epoch): a test that
    sends a few requests and expects a refusal must not straddle two of them. If fewer than
    `margin` seconds are left in the current window, wait for the next one."""
    left = seconds - time.time() % seconds
    if left < margin:
        time.sleep(left + 0.5)

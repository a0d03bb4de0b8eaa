"""The intake's e-mails, sent by the django-tasks worker (``manage.py db_worker``), never in the
request: the task row is written in the comment's own transaction, so a comment is never
stored without its e-mail queued, and a slow mail server never delays a comment.

Every connection has a timeout (``EMAIL_TIMEOUT``). A failed send is tried again later (after
1, 5, 30 minutes, then 2 hours), then logged and given up; the comment itself is untouched.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connections, router
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task
from django_tasks.base import Task

from consultations.intake.tokens import MAX_AGE_DAYS, make_token
from consultations.models import CommentStatus, ConsultationComment
from consultations.models.inserts import insert_row

logger = logging.getLogger(__name__)
RETRY_AFTER = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))


def _absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _send(subject: str, body: str, to: str) -> None:
    connection = get_connection(timeout=getattr(settings, "EMAIL_TIMEOUT", None) or 10)
    EmailMessage(subject=subject, body=body, to=[to], connection=connection).send()


def _deliver(kind: str, comment_id: int, attempt: int) -> None:
    comment = ConsultationComment.objects.select_related("consultation", "provision").filter(pk=comment_id).first()
    if comment is None or not comment.user_email:
        return
    if kind == "receipt" and comment.status == CommentStatus.UNCONFIRMED:
        return
    if kind == "confirmation" and comment.status != CommentStatus.UNCONFIRMED:
        return
    from django.urls import reverse

    with translation.override("vi"):
        context = {
            "comment": comment,
            "consultation": comment.consultation,
            "receipt_url": _absolute(reverse("consultations:receipt", args=[comment.receipt_number])),
            "confirm_url": _absolute(reverse("consultations:confirm", args=[make_token(comment.pk)])),
            "days": MAX_AGE_DAYS,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        body = render_to_string(f"consultations/email/{kind}.txt", context)
        subject = " ".join(render_to_string(f"consultations/email/{kind}_subject.txt", context).split())
    try:
        _send(subject, body, comment.user_email)
    except Exception:  # noqa: BLE001 - any mail failure: try again later, never lose the comment
        if attempt < len(RETRY_AFTER):
            logger.warning("sending the %s e-mail of comment %s failed; retrying", kind, comment_id, exc_info=True)
            follow = send_receipt if kind == "receipt" else send_confirmation
            follow.using(run_after=timezone.now() + RETRY_AFTER[attempt]).enqueue(comment_id, attempt + 1)
        else:
            logger.error("gave up sending the %s e-mail of comment %s", kind, comment_id, exc_info=True)


def queue(mail: Task, comment_id: int) -> None:
    """Queue `mail` (send_receipt or send_confirmation) for the comment, in the current
    transaction. With django-tasks' database backend on PostgreSQL the task's row is inserted
    directly (consultations.models.inserts.insert_row: the row `enqueue` writes, without
    compiling the ORM's INSERT nor building the TaskResult it returns; on the path of every
    comment that was a sixth of the request's CPU). The library's `task_enqueued` signal (a
    debug log line) is not sent. Any other backend or database: `enqueue`."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = mail.get_backend()
    using = router.db_for_write(DBTaskResult)
    if not isinstance(backend, DatabaseBackend) or connections[using].vendor != "postgresql":
        mail.enqueue(comment_id)
        return
    row = DBTaskResult(
        id=backend._get_id(),  # the backend's id function (a UUID4 by default), as its enqueue draws it
        args_kwargs={"args": [comment_id], "kwargs": {}},
        priority=mail.priority,
        task_path=mail.module_path,
        queue_name=mail.queue_name,
        run_after=mail.run_after,  # None: the model's pre_save stores "at once" as it does for enqueue
        backend_name=backend.alias,
    )
    insert_row(row, using)


@task()
def send_receipt(comment_id: int, attempt: int = 0) -> None:
    """E-mail the receipt number of a received comment to its commenter."""
    _deliver("receipt", comment_id, attempt)


@task()
def send_confirmation(comment_id: int, attempt: int = 0) -> None:
    """E-mail the confirmation link of an anonymous commenter's comment."""
    _deliver("confirmation", comment_id, attempt)

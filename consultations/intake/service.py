"""The comment intake: one path for every comment, from the page form and from the API.

``submit(Submission)`` checks, in this order, and stores nothing when a check fails:

1. the consultation (a live page; else :class:`Unknown`), read in one query with what the
   request names: an idempotent repeat and the article;
2. an idempotent repeat (the same ``idempotency_key`` from the same account): the first comment,
   nothing stored (``created=False``);
3. the rate limits per account and per IP address (``ratelimit``: database counters, so they hold
   across every server process; :class:`TooMany`);
4. the calendar at this instant: not yet open or closed (:class:`NotOpen`);
5. the fields (:class:`Invalid`, every bad field at once): honeypot, text, commenter, tax code,
   sector and size, name and e-mail (anonymous commenters), the article (one of the version's
   commentable units), the comment replied to (a shown top-level comment of the same
   consultation), the attachment (``attachments``);
6. in one transaction, under a lock on the person: an idempotent repeat or a double submit (the
   same text from the same person within a minute; one indexed query on the text's fingerprint)
   returns the first comment; else the comment is stored (one save: its three rows in one
   statement on PostgreSQL, consultations/models/inserts.py), received at
   once for a signed-in commenter (``mark_received``) or ``unconfirmed`` until the e-mailed link
   is followed, and its e-mail (receipt or confirmation) is queued as a django-tasks row in the
   same transaction: a slow or absent mail server never delays or loses a comment.

An accepted comment from the API costs 7 SQL statements on PostgreSQL, BEGIN and COMMIT aside:
the key, the consultation, the rate limits, the lock, the earlier-comment check, the comment's
rows (one statement) and the e-mail task's row (tests/consultations/test_intake_queries.py holds
it there); the look-ups and inserts are plain SQL built once per process (lookups, inserts), as
the ORM's compiling of them was most of the server's CPU per comment. Its receipt number is
drawn without a look-up: the unique constraint refuses the rare number already given, and the
transaction is tried again with another.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise

from consultations.intake import errors as msg
from consultations.intake import lookups, ratelimit, tasks
from consultations.intake.attachments import DEFAULT_MAX_BYTES, InvalidAttachment, check_attachment
from consultations.intake.taxcode import InvalidTaxCode, normalize_tax_code
from consultations.intake.text import DEFAULT_MAX_CHARS, clean_text, fingerprint
from consultations.models import (
    SHOWN_STATUSES,
    ApiKey,
    BusinessSize,
    CommenterType,
    CommentStatus,
    ConsultationComment,
    ConsultationPage,
    Sector,
)
from consultations.models.comments import hash_ip
from consultations.receipts import new_receipt_number
from consultations.units import is_commentable_kind

logger = logging.getLogger(__name__)

DOUBLE_SUBMIT_WINDOW = timedelta(minutes=1)
NAME_MAX = 50  # django_comments' user_name
ORGANIZATION_MAX = 255
IDEMPOTENCY_MAX = 100
ORGANIZATIONS = (CommenterType.BUSINESS, CommenterType.ASSOCIATION, CommenterType.AGENCY)
RECEIPT_ATTEMPTS = 5


@dataclass
class Submission:
    """What a commenter sent, as typed (the form and the API only parse types)."""

    consultation_id: int
    text: str
    commenter_type: str
    article_id: int | None = None
    parent_id: int | None = None
    organization: str = ""
    tax_code: str = ""
    sector: str = ""
    size: str = ""
    name: str = ""
    email: str = ""
    show_name: bool = False
    attachment: UploadedFile | None = None
    idempotency_key: str = ""
    honeypot: str = ""
    user: Any = None  # an authenticated user, or None
    api_key: ApiKey | None = None
    ip: str = ""
    notify: bool = True  # queue the confirmation or receipt e-mail (False: demo data)


@dataclass
class Outcome:
    comment: ConsultationComment
    created: bool  # False: an idempotent repeat or a double submit; nothing new was stored


@dataclass
class _Checked:
    text: str
    provision_id: int | None = None
    anchor: str = ""
    parent: ConsultationComment | None = None
    tax_code: str = ""
    name: str = ""
    email: str = ""
    errors: dict[str, list[Promise | str]] = field(default_factory=dict)

    def add(self, name: str, message: Promise | str) -> None:
        self.errors.setdefault(name, []).append(message)


def max_chars() -> int:
    return int(getattr(settings, "CONSULTATION_COMMENT_MAX_CHARS", DEFAULT_MAX_CHARS))


def max_attachment_bytes() -> int:
    return int(getattr(settings, "CONSULTATION_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def submit(submission: Submission, now: datetime | None = None) -> Outcome:
    now = now or timezone.now()
    user = submission.user if submission.user is not None and submission.user.is_authenticated else None
    key = submission.idempotency_key.strip()
    consultation = _consultation(submission, user, key)
    if consultation is None or consultation.version_id is None:
        raise msg.Unknown()
    if consultation.repeat_id is not None:
        repeat = ConsultationComment.objects.filter(pk=consultation.repeat_id).first()
        if repeat is not None:
            return Outcome(repeat, created=False)
    _throttle(submission, user, now)
    _check_calendar(consultation, now)
    checked = _check_fields(submission, consultation, user)
    if checked.errors:
        raise msg.Invalid(checked.errors)
    return _store(submission, consultation, user, checked, key, now)


def _consultation(submission: Submission, user: Any, key: str) -> ConsultationPage | None:
    """The live consultation, in one query with what the submission names: `repeat_id`, the
    account's earlier comment with the same idempotency key (or None), and `unit_kind` and
    `unit_anchor`, the article's in the consultation's version (None: no such article)."""
    article_id = submission.article_id if submission.parent_id is None else None
    account = user.pk if user is not None and key else None
    return lookups.consultation(submission.consultation_id, account, key, article_id)


# ---- checks ----------------------------------------------------------------------------------


def _person_key(submission: Submission, user: Any) -> str:
    return ratelimit.person_key(user.pk if user is not None else None, submission.email)


def _throttle(submission: Submission, user: Any, now: datetime) -> None:
    keys = {}
    person = _person_key(submission, user)
    if person:
        keys["account"] = person
    if submission.ip:
        keys["ip"] = "ip:" + hash_ip(submission.ip)[:32]
    verdict = ratelimit.hit(keys, now)
    if not verdict.allowed:
        raise msg.TooMany(verdict.retry_after)


def _moment(value: datetime) -> str:
    return date_format(timezone.localtime(value), "H:i d/m/Y")


def _check_calendar(consultation: ConsultationPage, now: datetime) -> None:
    status = consultation.status_at(now)
    if status == "upcoming":
        raise msg.NotOpen(msg.interpolate(msg.NOT_YET_OPEN, opens=_moment(consultation.opens_at)), "upcoming")
    if status != "open":
        raise msg.NotOpen(msg.interpolate(msg.CLOSED, closes=_moment(consultation.closes_at)), "closed")


def _check_fields(submission: Submission, consultation: ConsultationPage, user: Any) -> _Checked:
    checked = _Checked(text=clean_text(submission.text or ""))
    if submission.honeypot:
        checked.add(msg.NON_FIELD, msg.HONEYPOT)
    if not checked.text:
        checked.add("text", msg.TEXT_REQUIRED)
    elif len(checked.text) > max_chars():
        checked.add(
            "text", msg.interpolate(msg.TEXT_TOO_LONG, length=f"{len(checked.text):,}", limit=f"{max_chars():,}")
        )
    _check_commenter(submission, checked)
    _check_person(submission, user, checked)
    _check_target(submission, consultation, checked)
    if len(submission.idempotency_key.strip()) > IDEMPOTENCY_MAX:
        checked.add("idempotency_key", msg.interpolate(msg.IDEMPOTENCY_TOO_LONG, limit=IDEMPOTENCY_MAX))
    if submission.attachment is not None:
        upload = submission.attachment
        try:
            check_attachment(upload.name or "", upload.size or 0, upload.file, max_attachment_bytes())
        except InvalidAttachment as error:
            limit = max_attachment_bytes() // (1024 * 1024)
            checked.add("attachment", msg.interpolate(msg.ATTACHMENT_PROBLEMS[error.problem], limit=limit))
    return checked


def _check_commenter(submission: Submission, checked: _Checked) -> None:
    kind = submission.commenter_type
    if kind not in CommenterType.values:
        checked.add("commenter_type", msg.COMMENTER_TYPE)
        return
    organization = submission.organization.strip()
    if kind in ORGANIZATIONS and not organization:
        checked.add("organization", msg.ORGANIZATION_REQUIRED)
    if len(organization) > ORGANIZATION_MAX:
        checked.add("organization", msg.interpolate(msg.ORGANIZATION_TOO_LONG, limit=ORGANIZATION_MAX))
    if kind == CommenterType.BUSINESS and not submission.tax_code.strip():
        checked.add("tax_code", msg.TAX_CODE_REQUIRED)
    elif submission.tax_code.strip():
        try:
            checked.tax_code = normalize_tax_code(submission.tax_code)
        except InvalidTaxCode as error:
            checked.add("tax_code", msg.TAX_CODE_PROBLEMS[error.problem])
    if submission.sector and submission.sector not in Sector.values:
        checked.add("sector", msg.SECTOR)
    if submission.size and submission.size not in BusinessSize.values:
        checked.add("size", msg.SIZE)


def _check_person(submission: Submission, user: Any, checked: _Checked) -> None:
    if user is not None:
        checked.name = (user.get_full_name() or user.get_username())[:NAME_MAX]
        checked.email = user.email or ""
        return
    name = " ".join(submission.name.split())
    if not name:
        checked.add("name", msg.NAME_REQUIRED)
    elif len(name) > NAME_MAX:
        checked.add("name", msg.interpolate(msg.NAME_TOO_LONG, limit=NAME_MAX))
    checked.name = name
    email = submission.email.strip()
    if not email:
        checked.add("email", msg.EMAIL_REQUIRED)
    else:
        try:
            validate_email(email)
        except ValidationError:
            checked.add("email", msg.EMAIL_INVALID)
    checked.email = email


def _check_target(submission: Submission, consultation: ConsultationPage, checked: _Checked) -> None:
    if submission.parent_id is not None:
        parent = ConsultationComment.objects.filter(
            pk=submission.parent_id, consultation=consultation, status__in=SHOWN_STATUSES
        ).first()
        if parent is None:
            checked.add("parent_id", msg.PARENT_UNKNOWN)
        elif parent.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
            checked.add("parent_id", msg.PARENT_TOO_DEEP)
        else:
            checked.parent = parent
            checked.provision_id = parent.provision_id
            checked.anchor = parent.anchor
            if submission.article_id is not None and submission.article_id != parent.provision_id:
                checked.add("article_id", msg.ARTICLE_UNKNOWN)
        return
    if submission.article_id is None:
        return
    kind = getattr(consultation, "unit_kind", None)
    if kind is None or not is_commentable_kind(kind, consultation.version_id):
        checked.add("article_id", msg.ARTICLE_UNKNOWN)
    else:
        checked.provision_id = submission.article_id
        checked.anchor = consultation.unit_anchor or ""


# ---- storing ---------------------------------------------------------------------------------


def _lock_person(person: str) -> None:
    """Serialise one person's submissions until the transaction ends (PostgreSQL advisory lock;
    SQLite's immediate transactions already serialise every writer)."""
    if connection.vendor != "postgresql" or not person:
        return
    number = int.from_bytes(hashlib.sha256(person.encode()).digest()[:8], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [number])


def _earlier(
    consultation: ConsultationPage, user: Any, key: str, email: str, mark: str, now: datetime
) -> ConsultationComment | None:
    """The comment this submission repeats, in one query: the account's comment with the same
    idempotency key first, else the same text (by its fingerprint) from the same person on this
    consultation within the last minute."""
    found = lookups.earlier_comments(
        consultation.pk, mark, now - DOUBLE_SUBMIT_WINDOW, user.pk if user is not None else None, email, key
    )
    if not found:
        return None
    chosen = next((pk for pk, its_key in found if key and user is not None and its_key == key), found[0][0])
    return ConsultationComment.objects.get(pk=chosen)


def _new_comment(
    submission: Submission,
    consultation: ConsultationPage,
    user: Any,
    checked: _Checked,
    key: str,
    now: datetime,
) -> ConsultationComment:
    comment = ConsultationComment(
        consultation=consultation,
        version_id=consultation.version_id,
        provision_id=checked.provision_id,
        anchor=checked.anchor,
        comment=checked.text,
        fingerprint=fingerprint(checked.text),
        user=user,
        user_name=checked.name,
        user_email=checked.email,
        ip_address=submission.ip or None,
        commenter_type=submission.commenter_type,
        organization=submission.organization.strip() if submission.commenter_type in ORGANIZATIONS else "",
        tax_code=checked.tax_code,
        sector=submission.sector,
        size=submission.size,
        show_name=bool(submission.show_name) and submission.commenter_type == CommenterType.INDIVIDUAL,
        idempotency_key=key if user is not None else "",
        sent_by=user,
        api_key=submission.api_key,
        submit_date=now,
        status=CommentStatus.UNCONFIRMED,
        receipt_number=new_receipt_number(timezone.localdate(now).year),
    )
    if checked.parent is not None:
        comment.parent_id = checked.parent.pk
    if user is not None:
        comment.mark_received(now)
    if submission.attachment is not None:
        comment.attachment = submission.attachment
    return comment


def _store(
    submission: Submission,
    consultation: ConsultationPage,
    user: Any,
    checked: _Checked,
    key: str,
    now: datetime,
) -> Outcome:
    mark = fingerprint(checked.text)
    for _attempt in range(RECEIPT_ATTEMPTS):
        comment = _new_comment(submission, consultation, user, checked, key, now)
        try:
            with transaction.atomic():
                _lock_person(_person_key(submission, user))
                earlier = _earlier(consultation, user, key, checked.email, mark, now)
                if earlier is not None:
                    return Outcome(earlier, created=False)
                comment.save()
                if not submission.notify:
                    pass
                elif comment.status == CommentStatus.UNCONFIRMED:
                    tasks.queue(tasks.send_confirmation, comment.pk)
                elif comment.user_email:
                    tasks.queue(tasks.send_receipt, comment.pk)
        except IntegrityError:
            _discard_file(comment)
            if user is not None and key:
                repeat = ConsultationComment.objects.filter(sent_by=user, idempotency_key=key).first()
                if repeat is not None:
                    return Outcome(repeat, created=False)
            if ConsultationComment.objects.filter(receipt_number=comment.receipt_number).exists():
                continue  # the receipt number drawn was given already: draw another
            raise
        except BaseException:
            _discard_file(comment)
            raise
        return Outcome(comment, created=True)
    raise RuntimeError(f"no free receipt number after {RECEIPT_ATTEMPTS} draws")


def _discard_file(comment: ConsultationComment) -> None:
    """A file written for a comment that was not stored is removed (nothing stored)."""
    if comment.attachment and comment.attachment.name and getattr(comment.attachment, "_committed", False):
        try:
            comment.attachment.storage.delete(comment.attachment.name)
        except OSError:
            logger.warning("could not delete the attachment %s of a comment not stored", comment.attachment.name)

"""The document page's routes (LegalDocumentPage is a RoutablePageMixin page):

- `/van-ban/<agency>/<number>/`: the current version; `?phien-ban=N` shows version N;
  `?ngay=YYYY-MM-DD` (the date form on the page) redirects to the date route;
- `/van-ban/<agency>/<number>/<yyyy-mm-dd>/`: the official version in force on that date, with
  the document's status on that date.

A bad date or an unknown version gets a 404 page that says what was wrong and lists the
versions there are. Which version is current or in force is decided by `regulations.validity`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from regulations.validity import DocumentFacts, Reason, StatusDecision, version_in_force, version_start

from .facts import facts_for
from .reading import document_page_context
from .versions import VERSION_PARAM, DocumentVersion

if TYPE_CHECKING:  # the page module imports this one for its routes
    from .documents import LegalDocumentPage

DATE_PARAM = "ngay"


@dataclass
class VersionRow:
    """One line of the version list."""

    version: DocumentVersion
    url: str
    start: date | None
    is_current: bool
    is_selected: bool


def _parse_day(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def _version_url(page: LegalDocumentPage, version: DocumentVersion) -> str:
    return page.url if version.is_current else f"{page.url}{version.query}"


def version_rows(
    page: LegalDocumentPage, versions: list[DocumentVersion], facts: DocumentFacts, selected: DocumentVersion | None
) -> list[VersionRow]:
    return [
        VersionRow(
            version=v,
            url=_version_url(page, v),
            start=version_start(facts, v.facts()),
            is_current=v.is_current,
            is_selected=selected is not None and v.pk == selected.pk,
        )
        for v in versions
    ]


def status_explanation(decision: StatusDecision) -> str:
    """One sentence saying where the status comes from ("" when it is the recorded one)."""
    when = date_format(decision.date, "d/m/Y") if decision.date else ""
    by = decision.by.number if decision.by else ""
    messages = {
        Reason.DRAFT_ONLY: _("Văn bản mới có dự thảo, chưa có bản chính thức."),
        Reason.EXPIRY_DATE: _("Hết hiệu lực từ ngày %(date)s.") % {"date": when},
        Reason.REPLACED: _("Bị thay thế bởi văn bản %(number)s, có hiệu lực từ ngày %(date)s.")
        % {"number": by, "date": when},
        Reason.NOT_YET_EFFECTIVE: _("Có hiệu lực từ ngày %(date)s.") % {"date": when},
        Reason.PARTLY_REPLACED: _("Bị thay thế một phần bởi văn bản %(number)s, có hiệu lực từ ngày %(date)s.")
        % {"number": by, "date": when},
        Reason.EFFECTIVE_DATE: _("Có hiệu lực từ ngày %(date)s.") % {"date": when},
    }
    return messages.get(decision.reason, "")


def _not_found(
    request: HttpRequest, page: LegalDocumentPage, versions: list[DocumentVersion], facts: DocumentFacts, message: str
) -> HttpResponse:
    context = {
        "page": page,
        "self": page,
        "request": request,
        "message": message,
        "version_rows": version_rows(page, versions, facts, None),
    }
    return TemplateResponse(request, "regulations/version_not_found.html", context, status=404)


def _default_version(versions: list[DocumentVersion], preview: bool) -> DocumentVersion | None:
    """The current version; in a preview, the newest one waiting for approval."""
    if preview:
        pending = [v for v in versions if not v.is_published]
        if pending:
            return pending[-1]
    current = next((v for v in versions if v.is_current), None)
    return current or (versions[-1] if versions else None)


def _status_label(page: LegalDocumentPage, value: str) -> str:
    """The status's name as the page's `legal_status` choices give it (LegalStatus)."""
    return str(dict(page._meta.get_field("legal_status").flatchoices).get(value, value))


def render_document(page: LegalDocumentPage, request: HttpRequest, day: str | None = None) -> HttpResponse:
    preview = bool(getattr(request, "is_preview", False))
    versions = list(page.versions.all() if preview else page.versions.published())
    facts = facts_for(page, versions, ())  # enough to choose a version; the status needs relations
    current = next((v for v in versions if v.is_current), None)
    reading_day: date | None = None
    if day is not None:
        reading_day = _parse_day(day)
        if reading_day is None:
            return _not_found(request, page, versions, facts, _("Ngày không hợp lệ: %(day)s.") % {"day": day})
        number = version_in_force(facts, reading_day)
        if number is None:
            message = _(
                "Cổng không có phiên bản chính thức nào của văn bản này có hiệu lực vào ngày %(day)s "
                "(hoặc chưa biết ngày có hiệu lực của các phiên bản)."
            ) % {"day": date_format(reading_day, "d/m/Y")}
            return _not_found(request, page, versions, facts, message)
        selected = next(v for v in versions if v.number == number)
    elif request.GET.get(DATE_PARAM):
        raw = request.GET[DATE_PARAM].strip()[:20]
        if _parse_day(raw) is None:
            return _not_found(
                request,
                page,
                versions,
                facts,
                _("Ngày không hợp lệ: %(day)s (dùng dạng năm-tháng-ngày).") % {"day": raw},
            )
        return redirect(page.url_on(_parse_day(raw)))
    elif VERSION_PARAM in request.GET:
        raw = request.GET[VERSION_PARAM].strip()[:20]
        selected = next((v for v in versions if raw.isdigit() and v.number == int(raw)), None)
        if selected is None:
            return _not_found(
                request, page, versions, facts, _("Văn bản không có phiên bản «%(number)s».") % {"number": raw}
            )
    else:
        selected = _default_version(versions, preview)

    context = document_page_context(page, selected, versions, reading_day)
    decision: StatusDecision = context["status"]
    context.update(
        {
            "version": selected,
            "current_version": current,
            "reading_current": selected is not None and current is not None and selected.pk == current.pk,
            "reading_day": reading_day,
            "preview_pending": selected is not None and not selected.is_published,
            "version_rows": version_rows(page, versions, context["facts"], selected),
            "selected_start": version_start(context["facts"], selected.facts()) if selected else None,
            "status_value": decision.status.value,
            "status_label": _status_label(page, decision.status.value),
            "status_explanation": status_explanation(decision),
            "status_by": decision.by,
            "date_param": DATE_PARAM,
        }
    )
    return page.render(request, context_overrides=context)

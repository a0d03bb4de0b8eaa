"""Drafts under consultation and their articles (`type=consultation`): one entry per published
consultation (its title, summary and questions) and one per commentable unit of the version it
puts out for comment (an article, or a numbered section of a draft without articles:
consultations.units), each with the consultation's status, so a firm finds the drafts about its
trade that it can still comment on ("dự thảo kinh doanh vàng", with or without diacritics).

The status changes with the clock: consultations.states announces it when a consultation opens
or closes (`consultation_status_changed`), and the entries are built again then.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, Final

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.models import ConsultationPage, ConsultationQuestion, ConsultationStatus
from consultations.models.consultation import status_q
from consultations.signals import consultation_status_changed
from consultations.units import commentable_kinds
from regulations.legaltext.normalize import normalize
from regulations.models import Provision
from search.entries import Prepared
from search.facets import Facet, Filters
from search.kinds.base import EntryBuilder, SearchKind
from search.ranking import FieldSet
from search.results import Hit
from search.search_index import INTEGER, KEYWORD, NOT_INDEXED, syllable_text
from search.triggers import Trigger, page_changes, signal_changes

NAME: Final = "consultations"


def live_consultations() -> QuerySet[ConsultationPage]:
    return ConsultationPage.objects.live().public().select_related("lead_agency")


def _status_label(value: str) -> str:
    try:
        return str(ConsultationStatus(value).label)
    except ValueError:
        return value


def _status_filter(values: tuple[str, ...]) -> Q:
    now = timezone.now()
    q = Q(pk__in=[])
    for value in values:
        q |= status_q(value, now)
    return q


STATUS: Final = Facet(
    name="consultation_status",
    field="consultation_status",
    label=_("Trạng thái lấy ý kiến"),
    noun="Trạng thái lấy ý kiến",
    database_filter=_status_filter,
    database_values=lambda row: [row.status],
    vocabulary=lambda: frozenset(ConsultationStatus.values),
    labels=lambda values: {value: _status_label(value) for value in values},
    choices=lambda: [(value, str(label)) for value, label in ConsultationStatus.choices],
    description="Consultation status (only with type=consultation): upcoming, open, closed, synthesising, published.",
)


def _entry(page: ConsultationPage, url: str, status: str) -> dict[str, Any]:
    agency = page.lead_agency
    return {
        "consultation_id": page.pk,
        "url": url,
        "consultation_status": status,
        "doc_type": page.doc_type or None,
        "agency": agency.slug if agency else None,
        "agency_name": agency.name if agency else None,
        "closes_at": page.closes_at.isoformat(),
        "document_title": normalize(page.title),
    }


def prepare_consultation(page: ConsultationPage, provisions: list[Provision], questions: list[str]) -> Prepared:
    """One consultation's entries (no NLP): itself, then each commentable unit."""
    url = page.get_url() or ""
    status = page.status
    base = _entry(page, url, status)
    entries = [
        {
            **base,
            "entry_key": f"c{page.pk}",
            "unit_anchor": None,
            "article_number": None,
            "heading": normalize(page.title),
            "summary": normalize(page.summary),
            "text": "\n".join(part for part in (page.title, page.summary, *questions) if part),
        }
    ]
    kinds = commentable_kinds({p.kind for p in provisions})
    children: dict[int | None, list[Provision]] = {}
    for p in provisions:
        children.setdefault(p.parent_id, []).append(p)
    for unit in (p for p in provisions if p.kind in kinds):
        title = f"{unit.citation or unit.display_label}. {unit.heading}".strip(". ") if unit.heading else unit.citation
        entries.append(
            {
                **base,
                "entry_key": f"u{unit.pk}",
                "unit_anchor": unit.anchor,
                "article_number": unit.label,
                "url": f"{url}#{unit.anchor}",
                "heading": normalize(title or unit.display_label),
                "summary": "",
                "text": _full_text(unit, children, kinds),
            }
        )
    return {NAME: entries}


def _full_text(unit: Provision, children: dict[int | None, list[Provision]], kinds: tuple[str, ...]) -> str:
    """The unit's heading and text with its descendants that are not units themselves."""
    parts = [unit.heading, unit.text]
    for child in children.get(unit.pk, []):
        if child.kind not in kinds:
            parts.append(f"{child.display_label} {_full_text(child, children, kinds)}".strip())
    return "\n".join(part for part in parts if part)


class ConsultationsBuilder(EntryBuilder):
    """Published consultations -> their entries, in 4 queries whatever their number (pages with
    their agency, their versions' provisions, their questions, the site roots)."""

    name = NAME

    def object_ids(self) -> list[int]:
        return list(live_consultations().order_by("pk").values_list("pk", flat=True))

    def prepare(self, ids: Collection[int]) -> dict[int, Prepared]:
        pages = list(live_consultations().filter(pk__in=list(ids)).order_by("pk"))
        versions = {page.version_id for page in pages if page.version_id}
        provisions: dict[int, list[Provision]] = {}
        for provision in Provision.objects.filter(version_id__in=versions).order_by("version_id", "position"):
            provisions.setdefault(provision.version_id, []).append(provision)
        questions: dict[int, list[str]] = {}
        for page_id, text in (
            ConsultationQuestion.objects.filter(page_id__in=[p.pk for p in pages])
            .order_by("page_id", "sort_order")
            .values_list("page_id", "text")
        ):
            questions.setdefault(page_id, []).append(text)
        return {
            page.pk: prepare_consultation(page, provisions.get(page.version_id, []), questions.get(page.pk, []))
            for page in pages
        }


CONSULTATIONS: Final = ConsultationsBuilder()


class ConsultationsKind(SearchKind):
    name = NAME
    type = "consultation"
    label = _("Dự thảo lấy ý kiến")
    builder = CONSULTATIONS
    fields = FieldSet(heading="heading", context="document_title", id_field="entry_key", date_tiebreak="entry_key")
    owner_field = "consultation_id"
    id_prefix = ""
    facets = (STATUS,)
    source_fields = (
        "consultation_id",
        "entry_key",
        "url",
        "unit_anchor",
        "article_number",
        "heading",
        "document_title",
        "consultation_status",
        "agency_name",
        "text",
    )
    database_fields = ("title", "summary")

    def properties(self) -> dict[str, Any]:
        return {
            "consultation_id": INTEGER,
            "entry_key": KEYWORD,
            "url": NOT_INDEXED,
            "unit_anchor": KEYWORD,
            "article_number": KEYWORD,
            "heading": syllable_text(),
            "summary": syllable_text(),
            "document_title": syllable_text(),
            "consultation_status": KEYWORD,
            "doc_type": KEYWORD,
            "agency": KEYWORD,
            "agency_name": KEYWORD,
            "closes_at": {"type": "date"},
        }

    def triggers(self) -> list[Trigger]:
        status = signal_changes(consultation_status_changed, ConsultationPage, lambda sent: sent["consultation_ids"])
        return [*page_changes(ConsultationPage), status]

    def hit(self, source: dict[str, Any], entry_id: str) -> Hit:
        status = source.get("consultation_status") or ""
        return Hit(
            type=self.type,
            id=int(source["consultation_id"]),
            external_id=None,
            document_number="",
            article_number=source.get("article_number"),
            title=source.get("heading") or source.get("document_title") or "",
            url=source.get("url") or "",
            document_title=source.get("document_title") or "",
            legal_status=status,
            legal_status_label=_status_label(status),
            agency_name=source.get("agency_name") or "",
        )

    # ---- the database fallback: the consultations themselves (title and summary) -------------

    def database_queryset(self, filters: Filters) -> Any:
        return live_consultations().filter(self.database_facet_filter(filters))

    def database_hit(self, object_id: int, row: ConsultationPage) -> Hit:
        status = row.status
        return Hit(
            type=self.type,
            id=object_id,
            external_id=None,
            document_number="",
            article_number=None,
            title=row.title,
            url=row.url or "",
            document_title=row.title,
            legal_status=status,
            legal_status_label=_status_label(status),
            agency_name=row.lead_agency.name if row.lead_agency else "",
        )


KIND = ConsultationsKind()

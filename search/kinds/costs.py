"""Compliance costs: one entry per published cost profile of a business regulation or an
administrative procedure (`type=cost`), with a cost-band facet (`cost_band=A…E`), the agency
facet, and a sort by annual cost (`sort=cost`, most expensive first).

The entry is the profile's subject (the regulation's title or the procedure's name), its document
and its agency, and the figures a hit shows (annual cost, grade). Profiles are saved one by one
in the admin (a model change) or recomputed in bulk (compliance_cost.signals.cost_profiles_changed);
a profile that is no longer scored (a draft, no cost yet) leaves the index.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Final

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from compliance_cost.model.scoring import BANDS, GRADES
from compliance_cost.models import CostProfile
from compliance_cost.signals import cost_profiles_changed
from regulations.legaltext.normalize import normalize
from regulations.models import Agency
from search.db_matching import MAX_CANDIDATES, match_score, rank, with_phrases
from search.facets import Facet, Filters
from search.kinds.base import Matches, ModelEntryBuilder, SearchKind
from search.query import ParsedQuery
from search.ranking import FieldSet
from search.results import Hit
from search.search_index import KEYWORD, NOT_INDEXED, syllable_text
from search.triggers import Trigger, model_changes, signal_changes

NAME: Final = "costs"
SOURCE_FIELDS: Final = (
    "profile_id",
    "title",
    "url",
    "agency",
    "agency_name",
    "grade",
    "annual_cost",
    "document_number",
    "document_title",
    "text",
)


def profiles() -> QuerySet[CostProfile]:
    """Scored profiles with what an entry needs, in one query."""
    return CostProfile.objects.scored().select_related(
        "agency", "regulation__document", "procedure", "procedure__regulation__document"
    )


def _document(profile: CostProfile) -> Any:
    if profile.regulation_id:
        return profile.regulation.document
    regulation = profile.procedure.regulation if profile.procedure_id else None
    return regulation.document if regulation is not None else None


def entry(profile: CostProfile) -> dict[str, Any]:
    document = _document(profile)
    title = profile.subject_title
    document_title = document.title if document is not None else ""
    kind = str(_("Thủ tục hành chính")) if profile.procedure_id else str(_("Quy định kinh doanh"))
    return {
        "profile_id": profile.pk,
        "title": normalize(title),
        "document_title": normalize(document_title),
        "document_number": document.number if document is not None else None,
        "url": profile.get_absolute_url(),
        "agency": profile.agency.slug,
        "agency_name": profile.agency.name,
        "grade": profile.grade.lower() or None,  # facet values are slugs
        "annual_cost": float(profile.annual_total) if profile.annual_total is not None else None,
        "text": "\n".join(part for part in (title, document_title, kind, profile.agency.name) if part),
    }


def _band_label(values: Iterable[str]) -> dict[str, str]:
    labels = {band.grade.lower(): f"{band.grade}: {band.label_vi}" for band in BANDS}
    return {value: labels.get(value, value) for value in values}


COST_BAND: Final = Facet(
    name="cost_band",
    field="grade",
    label=_("Mức chi phí tuân thủ"),
    noun="Mức chi phí",
    database_filter=lambda values: Q(grade__in=[value.upper() for value in values]),
    database_values=lambda row: [row.grade.lower()],
    vocabulary=lambda: frozenset(grade.lower() for grade in GRADES),
    labels=lambda values: _band_label(values),
    choices=lambda: [(band.grade.lower(), f"{band.grade}: {band.label_vi}") for band in BANDS],
    description="Cost band (grade) by annual compliance cost, lower case: a (< 1 billion đồng a year) … "
    "e (≥ 1,000 billion).",
)
AGENCY: Final = Facet(
    name="agency",
    field="agency",
    label=_("Cơ quan"),
    noun="Cơ quan",
    database_filter=lambda values: Q(agency__slug__in=values),
    database_values=lambda row: [row.agency.slug],
    vocabulary=lambda: frozenset(Agency.objects.values_list("slug", flat=True)),
    labels=lambda values: dict(Agency.objects.filter(slug__in=values).values_list("slug", "name")),
    choices=lambda: list(
        Agency.objects.filter(cost_profiles__isnull=False).distinct().order_by("name").values_list("slug", "name")
    ),
    description="Agency slug.",
)


class CostsKind(SearchKind):
    name = NAME
    type = "cost"
    label = _("Chi phí tuân thủ")
    builder = ModelEntryBuilder(NAME, profiles, entry)
    fields = FieldSet(heading="title", context="document_title", id_field="profile_id", date_tiebreak="profile_id")
    owner_field = "profile_id"
    id_prefix = "c"
    facets = (COST_BAND, AGENCY)
    source_fields = SOURCE_FIELDS
    database_fields = ("title",)
    extra_sorts = {
        "cost": (
            _("Chi phí cao nhất"),
            [{"annual_cost": {"order": "desc", "missing": "_last"}}, {"profile_id": "asc"}],
        ),
    }

    def properties(self) -> dict[str, Any]:
        return {
            "profile_id": {"type": "integer"},
            "title": syllable_text(),
            "document_title": syllable_text(),
            "document_number": KEYWORD,
            "url": NOT_INDEXED,
            "agency": KEYWORD,
            "agency_name": KEYWORD,
            "grade": KEYWORD,
            "annual_cost": {"type": "double"},
        }

    def triggers(self) -> list[Trigger]:
        changed = signal_changes(cost_profiles_changed, CostProfile, lambda sent: sent["profile_ids"])
        return [*model_changes(CostProfile), changed]

    def hit(self, source: dict[str, Any], entry_id: str) -> Hit:
        return Hit(
            type=self.type,
            id=int(source.get("profile_id") or entry_id.lstrip(self.id_prefix)),
            external_id=None,
            document_number=source.get("document_number") or "",
            article_number=None,
            title=source.get("title") or "",
            url=source.get("url") or "",
            document_title=source.get("document_title") or "",
            agency_name=source.get("agency_name") or "",
            details=_details(source.get("grade"), source.get("annual_cost")),
        )

    # ---- the database fallback ---------------------------------------------------------------

    def database_queryset(self, filters: Filters) -> Any:
        return profiles().filter(self.database_facet_filter(filters))

    def database_matches(self, query: ParsedQuery, filters: Filters, terms: list[str]) -> Matches:
        found = Matches()
        if not terms:
            return found
        rows = (
            self.database_queryset(filters)
            .annotate(
                matched=match_score(terms, ["regulation__title", "procedure__name", "regulation__document__title"])
            )
            .filter(matched__gt=0)
            .order_by("-matched", "pk")[:MAX_CANDIDATES]
        )
        texts = {row.pk: entry(row)["text"] for row in rows}
        titles = {row.pk: row.subject_title for row in rows}
        found.scores = with_phrases(rank(texts, titles, terms), texts, query)
        found.texts = texts
        return found

    def database_rows(self, ids: list[int]) -> dict[int, Any]:
        return {row.pk: row for row in profiles().filter(pk__in=ids)}

    def database_sort_key(self, object_id: int, row: Any, score: float, sort: str) -> tuple[Any, ...]:
        if sort == "cost":
            return (-(row.annual_total or Decimal(0)), object_id)
        return (-score, object_id)

    def database_hit(self, object_id: int, row: CostProfile) -> Hit:
        source = entry(row)
        return Hit(
            type=self.type,
            id=object_id,
            external_id=None,
            document_number=source["document_number"] or "",
            article_number=None,
            title=row.subject_title,
            url=source["url"],
            document_title=source["document_title"],
            agency_name=row.agency.name,
            details=_details(row.grade, row.annual_total),
        )


def _details(grade: str | None, annual: Any) -> dict[str, Any]:
    return {"grade": (grade or "").upper(), "annual_cost": None if annual is None else float(annual)}


KIND = CostsKind()

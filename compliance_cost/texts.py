"""The legal text a cost profile comes from, as the prefill reads it (compliance_cost/prefill.py)."""

from __future__ import annotations

from django.db.models import Q

from compliance_cost.models import CostProfile
from compliance_cost.prefill import Unit
from regulations.models import LegalDocumentPage, Provision


def articles_of(profile: CostProfile) -> list[Provision]:
    """The articles the profile's regulation or procedure comes from (a procedure without its
    own provisions reads its regulation's)."""
    if profile.procedure_id:
        procedure = profile.procedure
        found = list(procedure.provisions.all())
        if not found and procedure.regulation_id:
            found = list(procedure.regulation.provisions.all())
        return found
    return list(profile.regulation.provisions.all())


def units_of(articles: list[Provision]) -> list[Unit]:
    """Every unit of the articles (and the articles themselves), in reading order, with their
    citations naming the document ("điểm a khoản 1 Điều 32 Luật 09/2017/QH14"). Two queries."""
    if not articles:
        return []
    condition = Q()
    for article in articles:
        same_article = Q(anchor=article.anchor) | Q(anchor__startswith=f"{article.anchor}-")
        condition |= Q(version_id=article.version_id) & same_article
    rows = list(Provision.objects.filter(condition).order_by("document_id", "position"))
    documents = {page.pk: page for page in LegalDocumentPage.objects.filter(pk__in={row.document_id for row in rows})}
    units = []
    for row in rows:
        page = documents[row.document_id]
        label = f"{page.get_doc_type_display()} {page.number}".strip() if page.number else page.title
        units.append(Unit(row.pk, row.parent_id, f"{row.citation or row.display_label} {label}".strip(), row.text))
    return units

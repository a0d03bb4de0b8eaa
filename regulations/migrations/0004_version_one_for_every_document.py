"""Versions of a document's text (data): every document gets version 1, holding its provisions,
preamble and closing; the status it had becomes its recorded status.

Version 1 is official (a draft if the document was recorded as one), current, and without its
own effective date: the first official version follows the document's. The computed status
and current versions are refreshed after `migrate` (regulations.receivers.states_after_migrate).
Plain ORM updates: works on SQLite and PostgreSQL.
"""

from django.db import migrations
from django.db.models import OuterRef, Subquery
from django.utils import timezone

DRAFT = "du-thao"
OFFICIAL = "chinh-thuc"


def give_every_document_a_first_version(apps, schema_editor):
    LegalDocumentPage = apps.get_model("regulations", "LegalDocumentPage")
    DocumentVersion = apps.get_model("regulations", "DocumentVersion")
    Provision = apps.get_model("regulations", "Provision")
    now = timezone.now()
    have_one = DocumentVersion.objects.filter(number=1).values("document_id")
    pages = LegalDocumentPage.objects.exclude(pk__in=have_one).values_list(
        "pk", "legal_status", "preamble", "closing", "metadata_source"
    )
    DocumentVersion.objects.bulk_create(
        [
            DocumentVersion(
                document_id=pk,
                number=1,
                kind=DRAFT if status == DRAFT else OFFICIAL,
                preamble=preamble,
                closing=closing,
                source=(source or "")[:255],
                is_current=True,
                is_published=True,
                created_at=now,
            )
            for pk, status, preamble, closing, source in pages.iterator()
        ],
        batch_size=500,
    )
    first = DocumentVersion.objects.filter(document_id=OuterRef("document_id"), number=1).values("pk")[:1]
    Provision.objects.filter(version__isnull=True).update(version=Subquery(first))
    for status in LegalDocumentPage.objects.values_list("legal_status", flat=True).distinct():
        LegalDocumentPage.objects.filter(legal_status=status).update(recorded_status=status)


def back_to_one_text_per_document(apps, schema_editor):
    """Reverse: the current version's preamble and closing go back to the page (0006's reverse
    has already removed the provisions of the other versions)."""
    LegalDocumentPage = apps.get_model("regulations", "LegalDocumentPage")
    DocumentVersion = apps.get_model("regulations", "DocumentVersion")
    for document_id, preamble, closing in DocumentVersion.objects.filter(is_current=True).values_list(
        "document_id", "preamble", "closing"
    ):
        LegalDocumentPage.objects.filter(pk=document_id).update(preamble=preamble, closing=closing)


class Migration(migrations.Migration):
    dependencies = [
        ("regulations", "0003_document_versions"),
    ]

    operations = [
        migrations.RunPython(give_every_document_a_first_version, back_to_one_text_per_document),
    ]

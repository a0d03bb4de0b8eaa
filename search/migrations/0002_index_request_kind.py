"""Outbox rows keyed by (kind, object id).

Before, a row named a legal document (`document_id`) and stood for both of its indexes: its
document entry and its articles. Each such row becomes two rows, one per kind ("documents" and
"articles"), with the same action, dates, attempts and error, so nothing pending is lost.
"""

from django.db import migrations, models

# The kinds a row without a kind stood for (the two legal-document kinds of search/kinds/).
LEGAL_DOCUMENT_KINDS = ("documents", "articles")
COPIED = ("object_id", "action", "created_at", "requested_at", "attempts", "last_error", "available_at")


def one_row_per_kind(apps, schema_editor):
    IndexRequest = apps.get_model("search", "IndexRequest")
    first, *others = LEGAL_DOCUMENT_KINDS
    rows = list(IndexRequest.objects.filter(kind=first).order_by("id").values(*COPIED))
    for kind in others:
        IndexRequest.objects.bulk_create(IndexRequest(kind=kind, **row) for row in rows)


def one_row_per_document(apps, schema_editor):
    """Back to a row per document: keep the documents rows (the same objects); rows of other
    kinds cannot be expressed without a kind and are dropped."""
    IndexRequest = apps.get_model("search", "IndexRequest")
    IndexRequest.objects.exclude(kind=LEGAL_DOCUMENT_KINDS[0]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="indexrequest",
            name="kind",
            field=models.CharField(default=LEGAL_DOCUMENT_KINDS[0], max_length=40, verbose_name="loại nội dung"),
            preserve_default=False,
        ),
        migrations.RenameField(model_name="indexrequest", old_name="document_id", new_name="object_id"),
        migrations.AlterField(
            model_name="indexrequest",
            name="object_id",
            field=models.BigIntegerField(verbose_name="mã đối tượng"),
        ),
        migrations.RunPython(one_row_per_kind, one_row_per_document),
        migrations.AddIndex(
            model_name="indexrequest",
            index=models.Index(fields=["kind", "object_id"], name="search_request_kind_object"),
        ),
    ]

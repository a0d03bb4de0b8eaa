"""Nothing to do going forward. Going back (to before versions), only the current version's
provisions can stay: one text per document, anchors unique per document. Its own migration so
that this runs, in its own transaction, before 0005's reverse restores that constraint."""

from django.db import migrations


def keep_only_the_current_text(apps, schema_editor):
    Provision = apps.get_model("regulations", "Provision")
    Provision.objects.exclude(version__is_current=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("regulations", "0005_provisions_belong_to_versions"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, keep_only_the_current_text),
    ]

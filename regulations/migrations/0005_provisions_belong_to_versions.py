"""Versions of a document's text (schema, part 2): every provision belongs to a version, anchors
are unique per version; preamble and closing live on the version; the page's legal_status is
computed (regulations.validity), editors set recorded_status."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("regulations", "0004_version_one_for_every_document"),
    ]

    operations = [
        migrations.AlterField(
            model_name="provision",
            name="version",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="provisions",
                to="regulations.documentversion",
                verbose_name="phiên bản",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="provision",
            name="provision_unique_anchor",
        ),
        migrations.AddConstraint(
            model_name="provision",
            constraint=models.UniqueConstraint(fields=("version", "anchor"), name="provision_unique_anchor_per_version"),
        ),
        migrations.AddIndex(
            model_name="provision",
            index=models.Index(fields=["version", "position"], name="regulations_version_1125de_idx"),
        ),
        migrations.AlterModelOptions(
            name="provision",
            options={
                "ordering": ["document", "version", "position"],
                "verbose_name": "điều khoản",
                "verbose_name_plural": "điều khoản",
            },
        ),
        migrations.RemoveField(
            model_name="legaldocumentpage",
            name="closing",
        ),
        migrations.RemoveField(
            model_name="legaldocumentpage",
            name="preamble",
        ),
        migrations.AlterField(
            model_name="legaldocumentpage",
            name="legal_status",
            field=models.CharField(
                choices=[('con-hieu-luc', 'Còn hiệu lực'), ('het-hieu-luc-mot-phan', 'Hết hiệu lực một phần'), ('het-hieu-luc', 'Hết hiệu lực'), ('chua-co-hieu-luc', 'Chưa có hiệu lực'), ('du-thao', 'Dự thảo'), ('chua-xac-minh', 'Chưa xác minh')],
                default="chua-xac-minh",
                editable=False,
                max_length=32,
                verbose_name="tình trạng hiệu lực",
            ),
        ),
    ]

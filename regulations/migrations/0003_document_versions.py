"""Versions of a document's text (schema, part 1): DocumentVersion, Provision.version (empty
for now), LegalDocumentPage.recorded_status. 0004 fills them, 0005 makes them required."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("regulations", "0002_agency_field"),
    ]

    operations = [
        migrations.CreateModel(
            name="DocumentVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveIntegerField(verbose_name="phiên bản số")),
                (
                    "kind",
                    models.CharField(
                        choices=[("du-thao", "Dự thảo"), ("chinh-thuc", "Văn bản chính thức")],
                        default="chinh-thuc",
                        max_length=16,
                        verbose_name="loại phiên bản",
                    ),
                ),
                (
                    "effective_date",
                    models.DateField(
                        blank=True,
                        help_text="Để trống với dự thảo; phiên bản đầu tiên để trống thì theo ngày có hiệu lực của văn bản.",
                        null=True,
                        verbose_name="ngày có hiệu lực",
                    ),
                ),
                ("label", models.CharField(blank=True, max_length=255, verbose_name="tên phiên bản")),
                ("note", models.TextField(blank=True, verbose_name="ghi chú")),
                (
                    "source",
                    models.CharField(
                        blank=True, help_text="Tệp hoặc bộ dữ liệu của bản văn.", max_length=255, verbose_name="nguồn"
                    ),
                ),
                ("preamble", models.TextField(blank=True, verbose_name="phần mở đầu")),
                ("closing", models.TextField(blank=True, verbose_name="phần kết")),
                (
                    "is_published",
                    models.BooleanField(
                        default=True,
                        help_text="Phiên bản tải lên trong trang quản trị chờ được duyệt cùng trang văn bản.",
                        verbose_name="đã công bố",
                    ),
                ),
                ("is_current", models.BooleanField(default=False, editable=False, verbose_name="là phiên bản hiện hành")),
                ("import_fingerprint", models.CharField(blank=True, editable=False, max_length=64)),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="tạo lúc"),
                ),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="versions",
                        to="regulations.legaldocumentpage",
                        verbose_name="văn bản",
                    ),
                ),
            ],
            options={
                "verbose_name": "phiên bản văn bản",
                "verbose_name_plural": "phiên bản văn bản",
                "ordering": ["document", "number"],
            },
        ),
        migrations.AddConstraint(
            model_name="documentversion",
            constraint=models.UniqueConstraint(fields=("document", "number"), name="version_unique_number"),
        ),
        migrations.AddConstraint(
            model_name="documentversion",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_current", True)), fields=("document",), name="version_one_current"
            ),
        ),
        migrations.AddField(
            model_name="legaldocumentpage",
            name="recorded_status",
            field=models.CharField(
                choices=[('con-hieu-luc', 'Còn hiệu lực'), ('het-hieu-luc-mot-phan', 'Hết hiệu lực một phần'), ('het-hieu-luc', 'Hết hiệu lực'), ('chua-co-hieu-luc', 'Chưa có hiệu lực'), ('du-thao', 'Dự thảo'), ('chua-xac-minh', 'Chưa xác minh')],
                default="chua-xac-minh",
                help_text="Chỉ dùng khi ngày có hiệu lực, ngày hết hiệu lực và quan hệ thay thế chưa cho biết: cổng tự tính tình trạng từ các thông tin đó.",
                max_length=32,
                verbose_name="tình trạng hiệu lực ghi nhận",
            ),
        ),
        migrations.AddField(
            model_name="provision",
            name="version",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="provisions",
                to="regulations.documentversion",
                verbose_name="phiên bản",
            ),
        ),
    ]

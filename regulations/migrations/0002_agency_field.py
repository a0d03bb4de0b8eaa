# Agency and Field move from portal to regulations. Step 2 of 3: the regulations app takes over
# the models (state only: portal 0002 already renamed their tables to regulations_agency and
# regulations_field), points its foreign keys at them, and moves their content types so that
# permissions, admin log entries and search index entries keyed by content type stay attached.

import django.db.models.deletion
import modelcluster.fields
import modelsearch.index
from django.db import migrations, models

MOVED = ("agency", "field")


def move_content_types(apps, schema_editor, source="portal", target="regulations"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if ContentType.objects.using(db).filter(app_label=target, model=model).exists():
            continue
        ContentType.objects.using(db).filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="regulations", target="portal")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0002_rename_agency_field_tables"),
        ("regulations", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Agency",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=255, unique=True, verbose_name="tên cơ quan")),
                        ("short_name", models.CharField(blank=True, max_length=64, verbose_name="tên viết tắt")),
                        (
                            "code",
                            models.CharField(
                                blank=True,
                                help_text="Phần ký hiệu trong số hiệu văn bản, ví dụ BTC, BCT, TTg, VPCP.",
                                max_length=32,
                                verbose_name="mã trong số hiệu",
                            ),
                        ),
                        ("slug", models.SlugField(max_length=100, unique=True, verbose_name="đường dẫn")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("quoc-hoi", "Quốc hội và cơ quan của Quốc hội"),
                                    ("chinh-phu", "Chính phủ, Thủ tướng Chính phủ"),
                                    ("bo", "Bộ"),
                                    ("co-quan-ngang-bo", "Cơ quan ngang bộ"),
                                    ("co-quan-thuoc-chinh-phu", "Cơ quan thuộc Chính phủ"),
                                    ("tinh", "Ủy ban nhân dân tỉnh, thành phố"),
                                    ("khac", "Khác"),
                                ],
                                default="khac",
                                max_length=32,
                                verbose_name="loại",
                            ),
                        ),
                    ],
                    options={"verbose_name": "cơ quan", "verbose_name_plural": "cơ quan", "ordering": ["name"]},
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
                migrations.CreateModel(
                    name="Field",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=255, unique=True, verbose_name="tên lĩnh vực")),
                        ("slug", models.SlugField(max_length=100, unique=True, verbose_name="đường dẫn")),
                    ],
                    options={"verbose_name": "lĩnh vực", "verbose_name_plural": "lĩnh vực", "ordering": ["name"]},
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
                migrations.AlterField(
                    model_name="agencyfolderpage",
                    name="agency",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="folder",
                        to="regulations.agency",
                        verbose_name="cơ quan",
                    ),
                ),
                migrations.AlterField(
                    model_name="legaldocumentpage",
                    name="issuing_agency",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="issued_documents",
                        to="regulations.agency",
                        verbose_name="cơ quan ban hành",
                    ),
                ),
                migrations.AlterField(
                    model_name="legaldocumentpage",
                    name="fields",
                    field=modelcluster.fields.ParentalManyToManyField(
                        blank=True, related_name="documents", to="regulations.field", verbose_name="lĩnh vực"
                    ),
                ),
                migrations.AlterField(
                    model_name="businessregulation",
                    name="agency",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="business_regulations",
                        to="regulations.agency",
                        verbose_name="cơ quan chịu trách nhiệm",
                    ),
                ),
                migrations.AlterField(
                    model_name="businessregulation",
                    name="sector",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="business_regulations",
                        to="regulations.field",
                        verbose_name="ngành, lĩnh vực chịu tác động",
                    ),
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]

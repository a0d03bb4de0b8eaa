import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_fallback_fulltext"),
    ]

    operations = [
        migrations.CreateModel(
            name="TextStatistics",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=40, unique=True, verbose_name="tên")),
                ("built_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="lập lúc")),
                ("entries", models.PositiveIntegerField(default=0, verbose_name="số mục")),
                ("data", models.BinaryField(verbose_name="dữ liệu")),
            ],
            options={
                "verbose_name": "thống kê văn bản",
                "verbose_name_plural": "thống kê văn bản",
            },
        ),
    ]

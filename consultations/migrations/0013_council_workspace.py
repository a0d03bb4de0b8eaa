# The Advisory Council's workspace: its tags, its marks on comments (priority, tags), its notes, the
# members who sign an opinion; and the Council's group (regulations.roles.COUNCIL_GROUP_NAME), with
# access to the admin, so that an administrator only has to put the members in it.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


COUNCIL_GROUP_NAME = "Hội đồng tư vấn cải cách TTHC"  # regulations.roles.COUNCIL_GROUP_NAME


def create_council_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    council, _ = Group.objects.using(db).get_or_create(name=COUNCIL_GROUP_NAME)
    access = Permission.objects.using(db).filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    if access is not None:
        council.permissions.add(access)


class Migration(migrations.Migration):

    dependencies = [
        ('consultations', '0012_follows'),
        ('wagtailadmin', '0001_create_admin_access_permissions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CouncilTag',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=64, verbose_name='nhãn')),
                ('key', models.CharField(editable=False, max_length=128, unique=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name': 'nhãn của Hội đồng tư vấn',
                'verbose_name_plural': 'nhãn của Hội đồng tư vấn',
                'ordering': ['name'],
            },
        ),
        migrations.AddField(
            model_name='councilopinion',
            name='signers',
            field=models.ManyToManyField(blank=True, related_name='signed_council_opinions', to=settings.AUTH_USER_MODEL, verbose_name='thành viên ký'),
        ),
        migrations.CreateModel(
            name='CouncilNote',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(max_length=5000, verbose_name='ghi chú')),
                ('author_name', models.CharField(max_length=255, verbose_name='người ghi')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='ghi lúc')),
                ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('comment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='council_notes', to='consultations.consultationcomment', verbose_name='góp ý')),
            ],
            options={
                'verbose_name': 'ghi chú nội bộ của Hội đồng',
                'verbose_name_plural': 'ghi chú nội bộ của Hội đồng',
                'ordering': ['created_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='CouncilIssue',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('priority', models.PositiveSmallIntegerField(choices=[(0, 'Chưa xếp'), (1, 'Thấp'), (2, 'Trung bình'), (3, 'Cao'), (4, 'Rất cao')], db_index=True, default=0, verbose_name='mức ưu tiên')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('comment', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='council_issue', to='consultations.consultationcomment', verbose_name='góp ý')),
                ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('tags', models.ManyToManyField(blank=True, related_name='issues', to='consultations.counciltag', verbose_name='nhãn')),
            ],
            options={
                'verbose_name': 'vấn đề Hội đồng theo dõi',
                'verbose_name_plural': 'vấn đề Hội đồng theo dõi',
            },
        ),
        migrations.RunPython(create_council_group, migrations.RunPython.noop),
    ]

# Agency roles recorded: which group holds which role for which agency (regulations.roles).
# The editors' and approvers' groups made before are found by their names.

import django.db.models.deletion
from django.db import migrations, models

LABELS = {"editor": "Pháp chế", "approver": "Phê duyệt"}


def record_existing_groups(apps, schema_editor):
    Agency = apps.get_model("regulations", "Agency")
    AgencyGroup = apps.get_model("regulations", "AgencyGroup")
    Group = apps.get_model("auth", "Group")
    db = schema_editor.connection.alias
    for agency in Agency.objects.using(db).all():
        for role, label in LABELS.items():
            group = Group.objects.using(db).filter(name=f"{label} — {agency.short_name or agency.name}").first()
            if group is not None and not AgencyGroup.objects.using(db).filter(group=group).exists():
                AgencyGroup.objects.using(db).get_or_create(agency=agency, role=role, defaults={"group": group})


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('regulations', '0008_administrative_procedures'),
    ]

    operations = [
        migrations.CreateModel(
            name='AgencyGroup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('editor', 'Pháp chế'), ('approver', 'Phê duyệt'), ('moderator', 'Kiểm duyệt góp ý')], max_length=16, verbose_name='vai trò')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='role_groups', to='regulations.agency', verbose_name='cơ quan')),
                ('group', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='agency_role', to='auth.group', verbose_name='nhóm người dùng')),
            ],
            options={
                'verbose_name': 'nhóm vai trò của cơ quan',
                'verbose_name_plural': 'nhóm vai trò của cơ quan',
                'ordering': ['agency__name', 'role'],
                'constraints': [models.UniqueConstraint(fields=('agency', 'role'), name='agency_group_one_per_role')],
            },
        ),
        migrations.RunPython(record_existing_groups, migrations.RunPython.noop),
    ]

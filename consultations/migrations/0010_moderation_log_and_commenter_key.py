# The moderation log (ModerationEvent) and the commenter key that numbers individuals per person
# (consultations.display); comments already stored get their key here.

import hashlib
import hmac
import secrets

from django.conf import settings
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def fill_commenter_keys(apps, schema_editor):
    Comment = apps.get_model("consultations", "ConsultationComment")
    db = schema_editor.connection.alias
    for comment in Comment.objects.using(db).filter(commenter_key="").iterator():
        email = (comment.user_email or "").strip().lower()
        user_id = comment.sent_by_id or comment.user_id
        if email:
            identity = "email:" + email
        elif user_id is not None:
            identity = f"user:{user_id}"
        else:
            identity = None
        key = (
            hmac.new(settings.SECRET_KEY.encode(), identity.encode(), hashlib.sha256).hexdigest()[:40]
            if identity
            else "random:" + secrets.token_hex(16)
        )
        Comment.objects.using(db).filter(pk=comment.pk).update(commenter_key=key)


class Migration(migrations.Migration):

    dependencies = [
        ('consultations', '0009_current_status'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='consultationcomment',
            name='commenter_key',
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=48, verbose_name='mã người góp ý'),
        ),
        migrations.CreateModel(
            name='ModerationEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(choices=[('approve', 'Duyệt, cho hiện'), ('hide', 'Ẩn'), ('restore', 'Khôi phục')], max_length=16, verbose_name='thao tác')),
                ('reason', models.CharField(blank=True, choices=[('quang-cao', 'nội dung quảng cáo'), ('xuc-pham', 'xúc phạm, lời lẽ thiếu văn hóa'), ('thong-tin-ca-nhan', 'thông tin cá nhân'), ('vi-pham-phap-luat', 'nội dung vi phạm pháp luật'), ('khong-lien-quan', 'không liên quan đến dự thảo'), ('lap-lai', 'gửi lặp lại nhiều lần'), ('khac', 'lý do khác')], max_length=24, verbose_name='lý do')),
                ('note', models.TextField(blank=True, verbose_name='giải thích của người kiểm duyệt')),
                ('public_note', models.CharField(blank=True, max_length=255, verbose_name='ghi chú công khai')),
                ('status_before', models.CharField(max_length=24, verbose_name='trạng thái trước')),
                ('status_after', models.CharField(max_length=24, verbose_name='trạng thái sau')),
                ('flags_reviewed', models.PositiveIntegerField(default=0, verbose_name='số báo cáo vi phạm đã xem')),
                ('actor_name', models.CharField(max_length=255, verbose_name='tên người thực hiện')),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='thời điểm')),
                ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người thực hiện')),
                ('comment', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='moderation_events', to='consultations.consultationcomment', verbose_name='góp ý')),
            ],
            options={
                'verbose_name': 'thao tác kiểm duyệt',
                'verbose_name_plural': 'nhật ký kiểm duyệt',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.RunPython(fill_commenter_keys, migrations.RunPython.noop),
    ]

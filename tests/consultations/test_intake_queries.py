"""What one comment costs the database, held so that it cannot grow back unnoticed (the last hour
before a deadline, issue 7): an accepted comment from the API in a fixed, small number of SQL
statements, one save (no second round of updates for xtd's thread), the regrouping's queue
looked up once per burst, and a receipt number drawn again if the one drawn was given already."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from consultations.comment_groups.tasks import forget_waiting, regroup_consultation
from consultations.intake import ratelimit, service
from consultations.models import ConsultationComment
from tests.consultations.builders import make_comment, make_consultation
from tests.consultations.intake import BUSINESS, api_key_for, post_api

pytestmark = pytest.mark.django_db

# key, consultation (with the idempotency look-up and the article), rate limits; then in one
# transaction: the person's lock, the earlier-comment check, the comment's three rows in one
# statement (consultations/models/inserts.py), the e-mail task.
STATEMENTS = 7
TRANSACTION = 2  # BEGIN and COMMIT (SAVEPOINT and RELEASE inside a test's transaction)


@pytest.fixture
def consultation():
    forget_waiting()
    return make_consultation()


@pytest.fixture
def key(django_user_model):
    user = django_user_model.objects.create_user("thuhuong", "tt@thuhuong.vn", "x", first_name="Thu Hương")
    return api_key_for(user)


def send(client, consultation, key, number, article=None):
    body = {"article_id": article, "text": f"Góp ý số {number} về kho chứa.", **BUSINESS}
    return post_api(client, consultation.pk, key, {**body, "idempotency_key": f"k-{number}"})


def test_it_accepts_a_comment_from_the_api_in_a_fixed_number_of_statements(
    client, consultation, key, django_capture_on_commit_callbacks, monkeypatch
):
    # The purge of old rate counters, drawn for one submission in a thousand, is one statement
    # more: not drawn here (it has its own test below), or this test fails one run in 500.
    monkeypatch.setattr(ratelimit, "purge_due", lambda: False)
    article = consultation.version.provisions.get(anchor="dieu-3").pk
    with django_capture_on_commit_callbacks(execute=True):
        assert send(client, consultation, key, 1, article).status_code == 201  # queues the regrouping
    for number, unit in ((2, article), (3, None)):
        with CaptureQueriesContext(connection) as captured, django_capture_on_commit_callbacks(execute=True):
            response = send(client, consultation, key, number, unit)
        assert response.status_code == 201
        statements = [q["sql"] for q in captured.captured_queries]
        inserts = [sql for sql in statements if sql.startswith("INSERT")]
        assert len(statements) == STATEMENTS + TRANSACTION, "\n".join(statements)
        assert not any(sql.startswith("UPDATE") for sql in statements)
        assert len(inserts) == 2  # the rate counters' upsert, the e-mail task
        (comment_rows,) = [sql for sql in statements if sql.startswith("WITH")]
        assert comment_rows.count("INSERT INTO") == 3  # django_comments', xtd's and our table
    assert DBTaskResult.objects.filter(task_path=regroup_consultation.module_path, status="READY").count() == 1


def test_it_stores_a_new_comment_as_its_own_thread_in_one_save(consultation):
    comment = make_comment(consultation, tax_code="0300588569", sector="C", size="large", ip_address="10.1.2.3")
    stored = ConsultationComment.objects.get(pk=comment.pk)
    assert (stored.thread_id, stored.parent_id, stored.level, stored.order) == (comment.pk,) * 2 + (0, 1)
    assert (comment.thread_id, comment.parent_id) == (comment.pk, comment.pk)
    assert comment.comment_ptr_id == comment.xtdcomment_ptr_id == comment.id == comment.pk
    assert not comment._state.adding
    # every field as the ORM would have stored it, read back through the ORM
    for field in ConsultationComment._meta.concrete_fields:
        assert getattr(stored, field.attname) == getattr(comment, field.attname), field.attname
    assert stored.ip_hash and stored.ip_address is None and stored.commenter_key and stored.fingerprint
    where = (stored.content_type.model, stored.object_pk, stored.site_id)
    assert where == ("consultationpage", str(consultation.pk), 1)
    reply = make_comment(consultation, text="Đồng ý với ý kiến trên.", parent_id=comment.pk)
    stored_reply = ConsultationComment.objects.get(pk=reply.pk)
    assert (stored_reply.thread_id, stored_reply.parent_id, stored_reply.level) == (comment.pk, comment.pk, 1)
    assert ConsultationComment.objects.get(pk=comment.pk).nested_count == 1


def test_it_draws_another_receipt_number_when_the_first_was_given(client, consultation, key, monkeypatch):
    given = make_comment(consultation).receipt_number
    draws = iter([given, "TV-2026-000123-7K3Q"])
    monkeypatch.setattr(service, "new_receipt_number", lambda year: next(draws))
    response = send(client, consultation, key, 7)
    assert response.status_code == 201 and response.json()["receipt_number"] == "TV-2026-000123-7K3Q"
    assert ConsultationComment.objects.count() == 2


def test_it_looks_the_regrouping_queue_up_once_when_the_waiting_regrouping_is_due(
    consultation, django_capture_on_commit_callbacks
):
    """A worker behind (or not running): the regrouping waiting is due, so it may start any moment;
    the next comment queues another one for later instead of every comment looking the queue up."""
    waiting = DBTaskResult.objects.filter(task_path=regroup_consultation.module_path, status="READY")
    with django_capture_on_commit_callbacks(execute=True):
        make_comment(consultation)
    waiting.update(run_after=timezone.now() - timedelta(seconds=10))
    forget_waiting()
    table = DBTaskResult._meta.db_table
    for number in range(4):
        with CaptureQueriesContext(connection) as captured, django_capture_on_commit_callbacks(execute=True):
            make_comment(consultation, text=f"Góp ý số {number} về kho chứa.")
        looked_up = [q["sql"] for q in captured.captured_queries if table in q["sql"]]
        assert len(looked_up) == (2 if number == 0 else 0), looked_up  # the look-up and the new task, once
    assert waiting.count() == 2
    assert waiting.order_by("-run_after").first().run_after > timezone.now() + timedelta(seconds=30)


def test_it_prepares_the_intakes_own_statements_once_per_connection(client, consultation, key):
    """The key, the consultation, the earlier comment, the comment's rows and the e-mail task's row
    are prepared on the server (consultations/models/prepared.py): parsed and planned once per
    connection, not once per comment; Django's other statements stay as they are."""
    for number in range(3):
        assert send(client, consultation, key, 20 + number).status_code == 201
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
        prepared = [row[0] for row in cursor.fetchall()]
    comment_table = ConsultationComment._meta.db_table
    assert any(sql.startswith("WITH") and comment_table in sql for sql in prepared), prepared
    assert any(DBTaskResult._meta.db_table in sql for sql in prepared), prepared
    assert any("pg_advisory" in sql for sql in prepared) is False
    assert len(prepared) == 5, prepared  # the same five statements, whatever the number of comments

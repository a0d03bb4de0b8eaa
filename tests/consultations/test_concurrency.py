"""What must hold when many requests arrive at once, against the real PostgreSQL: the same
idempotency key repeated concurrently stores one comment, and the rate limits are shared by
every server process (two real processes send at the same time)."""

import os
import subprocess
import sys
import threading
from collections import Counter

import pytest
from django.db import connection, connections

from consultations.models import ConsultationComment
from tests.consultations.builders import make_consultation
from tests.consultations.intake import api_key_for, inside_one_window, post_api
from tests.corpus import REPO

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def open_consultation(django_user_model):
    assert connection.vendor == "postgresql", "these tests need PostgreSQL (DATABASE_URL)"
    page = make_consultation()
    user = django_user_model.objects.create_user("dn-dong-thoi", "dt@x.vn", "x")
    return page, api_key_for(user)


def test_it_stores_one_comment_for_the_same_idempotency_key_sent_by_many_threads_at_once(open_consultation):
    from django.test import Client

    page, key = open_consultation
    start = threading.Barrier(8)
    answers: list[tuple[int, str]] = []

    def send():
        client = Client()
        start.wait()
        try:
            response = post_api(
                client,
                page.pk,
                key,
                {"text": "Đề nghị giữ nguyên Điều 2.", "commenter_type": "individual", "idempotency_key": "dong-thoi"},
            )
            answers.append((response.status_code, response.json()["receipt_number"]))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(code for code, _ in answers) == [200] * 7 + [201]
    assert len({number for _, number in answers}) == 1
    assert ConsultationComment.objects.count() == 1


def _clients(page_id: int, key: str, count: int, extra: list[str]) -> list[subprocess.Popen]:
    env = {
        **os.environ,
        "DATABASE_URL": _test_database_url(),
        "RATE_LIMIT_ACCOUNT_PER_MINUTE": "1000",
        "RATE_LIMIT_ACCOUNT_PER_HOUR": "25",
        "RATE_LIMIT_IP_PER_MINUTE": "1000",
        "RATE_LIMIT_IP_PER_HOUR": "1000",
    }
    command = [sys.executable, "-m", "tests.consultations.concurrent_client", str(page_id), key, str(count)]
    return [
        subprocess.Popen([*command, tag, *extra], cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
        for tag in ("A", "B")
    ]


def _test_database_url() -> str:
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def test_it_holds_the_rate_limit_across_two_server_processes(open_consultation):
    page, key = open_consultation
    inside_one_window(3600, margin=60)
    processes = _clients(page.pk, key, 20, [])
    codes = Counter()
    for process in processes:
        out, _ = process.communicate(timeout=240)
        assert process.returncode == 0
        codes.update(line.split()[0] for line in out.splitlines())
    # 40 comments sent by one account through two processes at once; the limit is 25 an hour
    assert codes == {"201": 25, "429": 15}
    assert ConsultationComment.objects.count() == 25


def test_it_stores_one_comment_for_an_idempotency_key_repeated_by_two_processes(open_consultation):
    page, key = open_consultation
    processes = _clients(page.pk, key, 5, ["cung-khoa"])
    receipts, codes = set(), Counter()
    for process in processes:
        out, _ = process.communicate(timeout=240)
        for line in out.splitlines():
            code, number = line.split()
            codes[code] += 1
            receipts.add(number)
    assert codes == {"201": 1, "200": 9}
    assert len(receipts) == 1 and ConsultationComment.objects.count() == 1

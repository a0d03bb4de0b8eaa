"""The drain task survives the death of its worker (search/tasks.py).

A real worker (`manage.py db_worker`, as `make run` starts it, on a SQLite file) is killed with
SIGKILL while it drains an import; a second worker then takes the queue up on its own (the drain
task the first one kept waiting) and the index ends with every entry. The drain holds no write
transaction while it analyses a batch, and the drain tasks left "running" by dead workers are
marked failed.
"""

import datetime
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from django.utils import timezone

from tests.corpus import CORPUS, REPO

# About 500 articles: a drain of a few seconds on one core.
LAWS = ("45/2019/QH14", "47/2010/QH12", "09/2017/QH14", "39/2009/QH12", "24/2012/NĐ-CP")
WORKER = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"]


def _manage(env, *args, timeout=300):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout
    )


def _query(database, sql):
    with sqlite3.connect(database, timeout=60) as connection:
        return connection.execute(sql).fetchall()


def _drains(database, status):
    return _query(
        database,
        "SELECT count(*) FROM django_tasks_database_dbtaskresult "
        f"WHERE task_path = 'search.tasks.drain_index_queue' AND status = '{status}'",
    )[0][0]


def _worker(env, log):
    return subprocess.Popen(WORKER, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)


def _wait(condition, seconds, every=0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()


@pytest.fixture
def sqlite_env(opensearch, search_index_prefix, fresh_sqlite):
    """A migrated SQLite database of its own, and its own index prefix (`make run`'s set-up)."""
    prefix = f"{search_index_prefix}-kill"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"sqlite:///{fresh_sqlite}",
        "SEARCH_INDEX_PREFIX": prefix,
        "SEARCH_DRAIN_RESCUE_SECONDS": "5",  # 45 by default: kept short so the test is quick
        "PYTHONUNBUFFERED": "1",
    }
    yield env
    opensearch.indices.delete(index=f"{prefix}-*", ignore=404)


def test_a_worker_killed_mid_drain_leaves_the_queue_to_the_next_worker(sqlite_env, tmp_path, opensearch):
    database = tmp_path / "db.sqlite3"
    corpus = tmp_path / "corpus.jsonl"
    lines = [
        line
        for line in (CORPUS / "search-benchmark" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
        if json.loads(line)["law_id"] in LAWS
    ]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    imported = _manage(sqlite_env, "import_legal_corpus", str(corpus), "--no-progress")
    assert imported.returncode == 0, imported.stderr
    queued = _query(database, "SELECT count(*) FROM search_indexrequest")[0][0]
    assert queued == 2 * len(LAWS)  # a documents and an articles request per law

    first_log = (tmp_path / "worker-1.log").open("w")
    first = _worker(sqlite_env, first_log)
    try:
        assert _wait(lambda: _drains(database, "RUNNING") == 1, 120), "the first worker never started draining"
        time.sleep(1.5)  # into the batch: reading, analysing
        assert _query(database, "SELECT count(*) FROM search_indexrequest")[0][0] > 0, "drained before the kill"
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
        first_log.close()
    # What the issue saw: the requests survived, the task still says it runs.
    assert _query(database, "SELECT count(*) FROM search_indexrequest")[0][0] > 0
    assert _drains(database, "RUNNING") == 1
    assert _drains(database, "READY") >= 1, "no drain task waits to take the queue up"

    second_log = (tmp_path / "worker-2.log").open("w")
    second = _worker(sqlite_env, second_log)
    try:
        drained = _wait(lambda: _query(database, "SELECT count(*) FROM search_indexrequest")[0][0] == 0, 120, 0.5)
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            second.wait(timeout=60)
        except subprocess.TimeoutExpired:
            second.kill()
        second_log.close()
    output = (tmp_path / "worker-2.log").read_text()
    assert drained, f"the second worker did not take the queue up:\n{output[-3000:]}"

    prefix = sqlite_env["SEARCH_INDEX_PREFIX"]
    opensearch.indices.refresh(index=f"{prefix}-*")
    assert opensearch.count(index=f"{prefix}-articles")["count"] == len(lines)
    assert opensearch.count(index=f"{prefix}-documents")["count"] == len(LAWS)
    assert "database is locked" not in output, output[-3000:]


@pytest.mark.django_db
def test_a_drain_task_left_running_by_a_dead_worker_is_marked_failed():
    from django_tasks_db.models import DBTaskResult

    from search.tasks import drain_index_queue, release_stale_runs

    dead = DBTaskResult.objects.get(pk=drain_index_queue.enqueue().id)
    alive = DBTaskResult.objects.get(pk=drain_index_queue.enqueue().id)
    DBTaskResult.objects.filter(pk=dead.pk).update(
        status="RUNNING", started_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    DBTaskResult.objects.filter(pk=alive.pk).update(status="RUNNING", started_at=timezone.now())

    assert release_stale_runs() == 1

    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == "FAILED" and "WorkerLost" in dead.exception_class_path
    assert alive.status == "RUNNING"

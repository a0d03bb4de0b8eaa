"""The embedded default (SQLite) holds concurrent writers: an import runs while another connection
writes and a real worker (`manage.py db_worker`) drains the index queue.

The main suite runs on PostgreSQL; this test runs the portal's own commands in subprocesses on a
SQLite file of its own, with the settings `make run` uses for SQLite (portal/settings/base.py).
"""

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.corpus import CORPUS, REPO

LAWS = ("24/2012/NĐ-CP", "39/2009/QH12", "104/2016/QH13")  # the three shortest in the corpus


def _manage(env: dict[str, str], *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout
    )


def _small_corpus(path: Path) -> int:
    lines = [
        line
        for line in (CORPUS / "search-benchmark" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
        if json.loads(line)["law_id"] in LAWS
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def _queued(database: Path) -> int:
    with sqlite3.connect(database, timeout=30) as connection:
        return connection.execute("SELECT count(*) FROM search_indexrequest").fetchone()[0]


def _stop(process: subprocess.Popen) -> str:
    if process.poll() is None:
        process.terminate()
    try:
        output, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    return output


@pytest.fixture
def sqlite_env(opensearch, search_index_prefix, fresh_sqlite):
    prefix = f"{search_index_prefix}-sqlite"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"sqlite:///{fresh_sqlite}",
        "SEARCH_INDEX_PREFIX": prefix,
        "PYTHONUNBUFFERED": "1",
    }
    yield env
    opensearch.indices.delete(index=f"{prefix}-*", ignore=404)


def test_it_imports_while_another_connection_writes_and_the_worker_drains_the_queue(sqlite_env, tmp_path, opensearch):
    database = tmp_path / "db.sqlite3"
    corpus = tmp_path / "corpus.jsonl"
    articles = _small_corpus(corpus)
    stop_file = tmp_path / "stop"
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"],
        cwd=REPO,
        env=sqlite_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.portal.sqlite_writer", str(stop_file), "120"],
        cwd=REPO,
        env=sqlite_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        imported = _manage(sqlite_env, "import_legal_corpus", str(corpus), "--no-progress")
        assert imported.returncode == 0, imported.stderr
        assert f"Đã tạo {len(LAWS)}, " in imported.stdout, imported.stdout
        assert f"lỗi 0; {articles} điều" in imported.stdout, imported.stdout

        deadline = time.monotonic() + 90
        while _queued(database) and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.5)
        assert _queued(database) == 0, "the worker did not drain the index queue"
    finally:
        stop_file.touch()
        writer_output = writer.communicate(timeout=60)[0] if writer.poll() is None else writer.stdout.read()
        worker_output = _stop(worker)

    assert writer.returncode == 0, writer_output
    assert int(writer_output.split()[-1]) > 0, writer_output
    assert "database is locked" not in worker_output, worker_output
    assert "FAILED" not in worker_output, worker_output

    prefix = sqlite_env["SEARCH_INDEX_PREFIX"]
    opensearch.indices.refresh(index=f"{prefix}-*")
    indexed = opensearch.count(index=f"{prefix}-*")["count"]
    assert indexed == len(LAWS) + articles  # one entry per document and one per article

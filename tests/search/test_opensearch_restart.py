"""OpenSearch really stops and comes back: search keeps answering from the database, publishing
loses nothing, and the queue drains once the node is back, without restarting the portal. A node
that freezes (SIGSTOP: connections accepted, never answered) costs the first search about
OPENSEARCH_SEARCH_TIMEOUT, then the database answers at once.

The test runs its own node on another port (scripts/opensearch.sh keeps config, data and pid
files per port), so stopping it disturbs no one else's OpenSearch.
"""

import fcntl
import os
import re
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from regulations.importing import DocumentRecord, save_document
from regulations.parsers.types import ParsedNode
from search import health
from search.client import alias, get_client
from search.indexes import ensure_aliases
from search.models import IndexRequest
from search.tasks import drain

ROOT = Path(django_settings.BASE_DIR)
PORT = "9251"
URL = f"http://127.0.0.1:{PORT}"


def _node(command: str) -> str:
    env = dict(os.environ, OPENSEARCH_PORT=PORT, OPENSEARCH_JAVA_OPTS="-Xms512m -Xmx512m")
    env.pop("OPENSEARCH_URL", None)
    result = subprocess.run(
        [str(ROOT / "scripts" / "opensearch.sh"), command], env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, f"opensearch.sh {command} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _node_pid() -> int:
    """The private node's process ("OpenSearch at http://127.0.0.1:9251: green, pid 1234")."""
    found = re.search(r"pid (\d+)", _node("status"))
    assert found, "opensearch.sh status named no pid"
    return int(found[1])


@pytest.fixture(scope="module")
def node_of_this_module():
    """The private node, started once for the module's tests and stopped after them, under a
    lock that every session on the machine takes (parallel workers, other checkouts): a test
    that stops or freezes the node must be the only one using it."""
    with open(Path(tempfile.gettempdir()) / f"portal-test-opensearch-{PORT}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            _node("start")
            yield
        finally:
            _node("stop")


@pytest.fixture
def private_node(node_of_this_module, settings, search_index_prefix):
    """The private node, running and healthy (a test that stopped it has started it again; if
    it failed half-way, `start` brings the node back), with none of this session's indexes."""
    _node("start")
    settings.OPENSEARCH_URL = URL  # the client is rebuilt on setting_changed
    health.reset()
    get_client().indices.delete(index=f"{search_index_prefix}-*", ignore=404)
    yield
    if health.is_available(max_age=0):
        get_client().indices.delete(index=f"{search_index_prefix}-*", ignore=404)
    health.reset()


def _law(number: str, title: str, text: str) -> DocumentRecord:
    article = ParsedNode(kind="article", label="1", heading="Phạm vi điều chỉnh", text=text, line=1)
    return DocumentRecord(title=title, doc_type="luat", number=number, issuer="Quốc hội", nodes=[article])


def _drained() -> int:
    """Drain the queue now; make what was sent searchable (OpenSearch refreshes every second)."""
    remaining = drain(reschedule=False, ignore_backoff=True).remaining
    if health.is_available(max_age=0):
        get_client().indices.refresh(index=f"{alias('articles')},{alias('documents')}")
    return remaining


def _search(client, q: str) -> dict:
    response = client.get("/api/v1/search", {"q": q, "type": "article"})
    assert response.status_code == 200, response.content[:300]
    return response.json()


@pytest.mark.opensearch
@pytest.mark.django_db
def test_search_survives_a_stopped_opensearch_and_the_queue_drains_after_restart(client, private_node, settings):
    # A cold private node on a busy machine may take over the 1 s search timeout for its first
    # searches; this test is about stopping and restarting (the freeze test below keeps 1 s).
    settings.OPENSEARCH_SEARCH_TIMEOUT = 20.0
    ensure_aliases()
    save_document(_law("09/2017/QH14", "Luật Du lịch 2017", "Luật này quy định về kinh doanh dịch vụ lữ hành."))
    assert _drained() == 0
    assert _search(client, "lu hanh")["backend"] == "opensearch"

    _node("stop")
    health.reset()
    save_document(_law("03/2016/QH14", "Luật Đầu tư 2016", "Ngành, nghề đầu tư kinh doanh có điều kiện."))
    # The publish succeeded and its index requests wait: its document entry and its articles.
    assert sorted(IndexRequest.objects.values_list("kind", flat=True)) == ["articles", "documents"]
    down = _search(client, "nganh nghe dau tu kinh doanh co dieu kien")
    assert down["backend"] == "database"
    assert down["results"][0]["document_number"] == "03/2016/QH14"
    assert _drained() == 2
    assert list(IndexRequest.objects.values_list("attempts", flat=True)) == [1, 1]

    _node("start")
    health.reset()
    assert _drained() == 0
    back = _search(client, "nganh nghe dau tu kinh doanh co dieu kien")
    assert back["backend"] == "opensearch"
    assert back["results"][0]["document_number"] == "03/2016/QH14"
    assert _search(client, "lu hanh")["results"][0]["document_number"] == "09/2017/QH14"


@pytest.mark.opensearch
@pytest.mark.django_db
def test_the_first_search_after_opensearch_freezes_answers_from_the_database_within_2_seconds(client, private_node):
    ensure_aliases()
    save_document(_law("09/2017/QH14", "Luật Du lịch 2017", "Luật này quy định về kinh doanh dịch vụ lữ hành."))
    assert _drained() == 0
    assert _search(client, "lu hanh")["backend"] == "opensearch"  # the breaker is closed and fresh

    pid = _node_pid()
    os.kill(pid, signal.SIGSTOP)  # the node still accepts connections but answers nothing
    try:
        started = time.monotonic()
        first = _search(client, "kinh doanh lu hanh")
        first_seconds = time.monotonic() - started
        started = time.monotonic()
        second = _search(client, "dịch vụ lữ hành")
        second_seconds = time.monotonic() - started
    finally:
        # The whole group: runuser stops itself when its child stops, and left stopped it
        # would never reap the node once it is stopped for good.
        os.killpg(os.getpgid(pid), signal.SIGCONT)

    assert first["backend"] == "database"
    assert first["results"][0]["document_number"] == "09/2017/QH14"
    # About OPENSEARCH_SEARCH_TIMEOUT (1 s) and the database's answer, not the 5 s of the
    # client's general timeout (the measured figure is in `make bench`).
    assert first_seconds < 2.0, first_seconds
    # The breaker is open: the next search does not wait for OpenSearch at all.
    assert second["backend"] == "database"
    assert second_seconds < django_settings.OPENSEARCH_SEARCH_TIMEOUT, second_seconds

    health.reset()  # as if CHECK_TTL seconds had passed: the node answers again
    assert _search(client, "lu hanh")["backend"] == "opensearch"

"""Fixtures shared by every test package.

OpenSearch: each test session writes under its own index prefix (`test-<pid>`), so parallel
sessions and a developer's own indexes never meet, and deletes its indexes at the end. A test
that needs OpenSearch asks for `opensearch` (or `search_indexes`); when OpenSearch does not
answer, that test fails with a message saying how to start it (never a skip).
"""

import os

import pytest
from django.conf import settings
from django.test import override_settings


@pytest.fixture(scope="session", autouse=True)
def search_index_prefix():
    prefix = f"test-{os.getpid()}"
    if not settings.configured:  # pure tests run with `-p no:django`: nothing to override
        yield prefix
        return
    with override_settings(SEARCH_INDEX_PREFIX=prefix):
        yield prefix


@pytest.fixture(scope="session")
def opensearch(search_index_prefix):
    """The OpenSearch client; the session's indexes are deleted when the session ends."""
    from search import health
    from search.client import get_client

    state = health.check()
    if not state.available:
        pytest.fail(
            f"OpenSearch is required and does not answer: {state.detail}. "
            "Start it with `make opensearch` (scripts/opensearch.sh start) or set OPENSEARCH_URL.",
            pytrace=False,
        )
    yield get_client()
    get_client().indices.delete(index=f"{search_index_prefix}-*", ignore=404)


@pytest.fixture
def search_indexes(opensearch, search_index_prefix):
    """Empty articles and documents indexes behind their aliases, for one test."""
    from search import health
    from search.search_index import ensure_aliases

    opensearch.indices.delete(index=f"{search_index_prefix}-*", ignore=404)
    health.reset()
    aliases = ensure_aliases()
    yield aliases
    opensearch.indices.delete(index=f"{search_index_prefix}-*", ignore=404)

"""Fixtures and personas shared by every test package.

OpenSearch: each test session writes under its own index prefix (`test-<pid>`), so parallel
sessions and a developer's own indexes never meet, and deletes its indexes at the end. A test
that needs OpenSearch asks for `opensearch` (or `search_indexes`); when OpenSearch does not
answer, that test fails with a message saying how to start it (never a skip).

Personas (below): `visitor` (anonymous), `alice` (legal officer, Bộ Tài chính), `bob` (approver,
Bộ Tài chính), `carol` (legal officer, Bộ Công Thương), `mai` (comment moderator, Bộ Công
Thương), `minh` (comment moderator, Bộ Tài chính), `lan` (a business's public account, e-mail
verified, no admin access), `admin` (superuser).
"""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

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


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches: allauth's rate limits (one confirmation mail per
    address in three minutes, ...) count in the cache and would leak from one test to the next."""
    if not settings.configured:
        yield
        return
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    for cache in caches.all():
        if isinstance(cache, LocMemCache):  # a shared cache (database, Redis) is left to its tests
            cache.clear()
    yield


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
    from search.indexes import ensure_aliases

    opensearch.indices.delete(index=f"{search_index_prefix}-*", ignore=404)
    health.reset()
    aliases = ensure_aliases()
    yield aliases
    opensearch.indices.delete(index=f"{search_index_prefix}-*", ignore=404)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """A SQLite file migrated to the latest schema by `manage.py migrate` (what `make run` does
    on the embedded default), once per session: tests that need a fresh SQLite portal of their
    own take a copy (`fresh_sqlite`) instead of migrating from zero each time (half a minute on
    2 cores). Migrations themselves are tested in tests/regulations/test_migrations.py."""
    from tests.corpus import REPO

    database = tmp_path_factory.mktemp("migrated-sqlite") / "db.sqlite3"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", "DATABASE_URL": f"sqlite:///{database}"}
    migrated = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert migrated.returncode == 0, migrated.stderr
    return database


@pytest.fixture
def fresh_sqlite(tmp_path, migrated_sqlite) -> Path:
    """`tmp_path / "db.sqlite3"`: a copy of the session's migrated SQLite file for one test,
    made through SQLite's backup API (a consistent copy, its WAL included)."""
    target = tmp_path / "db.sqlite3"
    origin, copy = sqlite3.connect(migrated_sqlite), sqlite3.connect(target)
    try:
        origin.backup(copy)
    finally:
        origin.close()
        copy.close()
    return target


# ---- people: one definition of each persona, for every app's tests -------------------------
# Each agency has a folder in the library with two groups (regulations/roles.py): its legal
# officers (pháp chế: add, change) and its approvers (phê duyệt: publish). Another app that gives
# the same groups rights on its own per-agency folder reuses these personas as they are.

PASSWORD = "mat-khau-thu-nghiem"


def agency_folder(name: str):
    """The agency's folder in the library (created with its groups and workflow if missing)."""
    from regulations.agencies import resolve_agency
    from regulations.library import ensure_folder

    return ensure_folder(resolve_agency(name))


def person(username: str, *groups: str):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, f"{username}@example.vn", PASSWORD)
    user.groups.add(*(Group.objects.get(name=group) for group in groups))
    return user


@pytest.fixture
def finance_folder(db):
    """Bộ Tài chính's folder (its editors and approvers groups exist)."""
    return agency_folder("Bộ Tài chính")


@pytest.fixture
def trade_folder(db):
    """Bộ Công Thương's folder."""
    return agency_folder("Bộ Công Thương")


@pytest.fixture
def visitor(client):
    """An anonymous visitor: a browser that has not logged in."""
    return client


@pytest.fixture
def alice(finance_folder):
    """A legal officer (pháp chế) of Bộ Tài chính: edits her ministry's documents, cannot publish."""
    from regulations.roles import editor_group_name

    return person("alice", editor_group_name(finance_folder.agency))


@pytest.fixture
def bob(finance_folder):
    """An approver of Bộ Tài chính: publishes what its legal officers submit."""
    from regulations.roles import approver_group_name

    return person("bob", approver_group_name(finance_folder.agency))


@pytest.fixture
def carol(trade_folder):
    """A legal officer of Bộ Công Thương: nothing of Bộ Tài chính's is hers."""
    from regulations.roles import editor_group_name

    return person("carol", editor_group_name(trade_folder.agency))


@pytest.fixture
def mai(trade_folder):
    """A comment moderator of Bộ Công Thương: its consultations' moderation queue, no page rights."""
    from regulations.roles import moderator_group_name

    return person("mai", moderator_group_name(trade_folder.agency))


@pytest.fixture
def minh(finance_folder):
    """A comment moderator of Bộ Tài chính: nothing of Bộ Công Thương's is his to moderate."""
    from regulations.roles import moderator_group_name

    return person("minh", moderator_group_name(finance_folder.agency))


@pytest.fixture
def lan(db):
    """A business's public account (signed up at /tai-khoan/, e-mail verified): comments at once,
    reports comments, never reaches the admin."""
    from allauth.account.models import EmailAddress

    user = person("lan")
    user.email = "lan@minhphat.vn"
    user.save(update_fields=["email"])
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def admin(admin_user):
    """A site administrator (pytest-django's superuser `admin`)."""
    return admin_user


@pytest.fixture
def hoa(db):
    """A member of the Prime Minister's Advisory Council (Hội đồng tư vấn cải cách TTHC): reads
    every agency's comments, tags them, keeps notes, signs and publishes opinions."""
    from django.contrib.auth.models import User

    from regulations.roles import ensure_council_group

    user = User.objects.create_user("hoa", "hoa@example.vn", PASSWORD, first_name="Hoa", last_name="Nguyễn Thị")
    user.groups.add(ensure_council_group())
    return user


@pytest.fixture
def quang(db):
    """Another Council member."""
    from django.contrib.auth.models import User

    from regulations.roles import ensure_council_group

    user = User.objects.create_user("quang", "quang@example.vn", PASSWORD, first_name="Quang", last_name="Lê Văn")
    user.groups.add(ensure_council_group())
    return user

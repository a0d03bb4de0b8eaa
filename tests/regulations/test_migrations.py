"""Migrations on databases that have data, on PostgreSQL and SQLite:
- Agency and Field moved from portal to regulations: a database that main left keeps its
  agencies, fields, links and permissions once migrated;
- versions of a document's text: documents imported before versions existed get a version 1
  holding their provisions, preamble and closing, and keep their status as the recorded one.
"""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from regulations.models import DocumentVersion, LegalDocumentPage, Provision
from regulations.states import refresh_states
from tests.corpus import REPO
from tests.regulations import agency_move_scenario

EXPECTED = {
    "agencies": ["Bộ Công Thương", "Bộ Tài chính"],
    "fields": ["Tài chính, ngân hàng", "Xây dựng"],
    "documents": {
        "08/2018/NĐ-CP": {"agency": "Bộ Công Thương", "fields": ["Tài chính, ngân hàng"]},
        "16/2012/TT-BTC": {"agency": "Bộ Tài chính", "fields": ["Tài chính, ngân hàng", "Xây dựng"]},
    },
    "folder_agency": "Bộ Tài chính",
    "regulation": ["Bộ Công Thương", "Xây dựng"],
    "content_types": ["regulations.agency", "regulations.field"],
    "group_permissions": ["regulations.change_agency"],
    "foreign_key_enforced": True,
    "new_agency": True,
}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_keeps_agencies_fields_and_their_links_when_migrating_a_postgresql_database_from_main():
    try:
        found = agency_move_scenario.run()
    finally:
        agency_move_scenario.restore_schema()
    assert found == EXPECTED


def test_it_keeps_agencies_fields_and_their_links_when_migrating_a_sqlite_database_from_main(tmp_path):
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.regulations.agency_move_scenario"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == EXPECTED


# ---- versions of a document's text ---------------------------------------------------------

# serialized_rollback restores Wagtail's root page (the importer needs it) after each flush.
VERSIONS_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)
BEFORE_VERSIONS = [("regulations", "0002_agency_field")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _old_documents(apps) -> dict[str, int]:
    """Three documents as the importer stored them before versions: one with a preamble and
    provisions, a draft, and a gazette record without text."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("regulations", "LegalDocumentPage")
    Provision = apps.get_model("regulations", "Provision")
    Locale = apps.get_model("wagtailcore", "Locale")
    content_type, _ = ContentType.objects.get_or_create(app_label="regulations", model="legaldocumentpage")
    locale, _ = Locale.objects.get_or_create(language_code="vi")
    ids = {}
    rows = [
        ("24/2012/NĐ-CP", "chua-co-hieu-luc", "CHÍNH PHỦ\nCăn cứ Luật Tổ chức Chính phủ;", "Nơi nhận: ..."),
        ("", "du-thao", "", ""),
        ("61/2016/NĐ-CP", "chua-xac-minh", "", ""),
    ]
    for position, (number, status, preamble, closing) in enumerate(rows, start=1):
        page = Page.objects.create(
            title=f"Văn bản {position}",
            slug=f"van-ban-{position}",
            path=f"9999{position:04d}",
            depth=2,
            content_type=content_type,
            locale=locale,
            live=True,
            number=number,
            number_key=number.lower() or None,
            doc_type="nghi-dinh",
            legal_status=status,
            preamble=preamble,
            closing=closing,
        )
        ids[number or "draft"] = page.pk
    decree, draft = ids["24/2012/NĐ-CP"], ids["draft"]
    article = Provision.objects.create(
        document_id=decree, kind="article", label="1", position=0, anchor="dieu-1", external_id="nd24_art1"
    )
    Provision.objects.create(
        document_id=decree, parent=article, kind="clause", label="1", position=1, depth=1, anchor="dieu-1-khoan-1"
    )
    Provision.objects.create(document_id=draft, kind="article", label="1", position=0, anchor="dieu-1")
    return ids


@VERSIONS_DB
def test_it_gives_every_existing_document_a_first_version_holding_its_text():
    try:
        ids = _old_documents(_migrate(BEFORE_VERSIONS))
    finally:
        _migrate(_latest())

    decree = LegalDocumentPage.objects.get(pk=ids["24/2012/NĐ-CP"])
    version = DocumentVersion.objects.get(document=decree)
    assert (version.number, version.kind, version.is_current, version.is_published) == (1, "chinh-thuc", True, True)
    assert version.preamble.startswith("CHÍNH PHỦ") and version.closing == "Nơi nhận: ..."
    assert set(version.provisions.values_list("anchor", flat=True)) == {"dieu-1", "dieu-1-khoan-1"}
    assert Provision.objects.get(external_id="nd24_art1").version == version
    assert decree.recorded_status == "chua-co-hieu-luc"

    draft = DocumentVersion.objects.get(document_id=ids["draft"])
    assert draft.kind == "du-thao" and draft.provisions.count() == 1
    gazette = DocumentVersion.objects.get(document_id=ids["61/2016/NĐ-CP"])
    assert gazette.provisions.count() == 0
    assert not Provision.objects.filter(version__isnull=True).exists()

    # The stale "chưa có hiệu lực" of the import is recomputed (no date: the recorded one stays).
    refresh_states()
    decree.refresh_from_db()
    assert decree.legal_status == "chua-co-hieu-luc"
    assert LegalDocumentPage.objects.get(pk=ids["draft"]).legal_status == "du-thao"


@VERSIONS_DB
def test_it_goes_back_to_one_text_per_document():
    from tests.regulations.test_versions import amended

    page = amended()
    try:
        apps = _migrate(BEFORE_VERSIONS)
        OldPage = apps.get_model("regulations", "LegalDocumentPage")
        OldProvision = apps.get_model("regulations", "Provision")
        assert OldProvision.objects.filter(document_id=page.pk).count() == 3  # version 2: Điều 1, 2, khoản 1
        assert OldPage.objects.get(pk=page.pk).number == page.number
    finally:
        _migrate(_latest())
    assert DocumentVersion.objects.get(document=page).provisions.count() == 3


def test_the_same_migration_runs_on_sqlite_the_embedded_default(tmp_path):
    """The versions test above, in a child pytest on SQLite (the suite itself runs on PostgreSQL)."""
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"{__file__}::test_it_gives_every_existing_document_a_first_version_holding_its_text",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "1 passed" in done.stdout

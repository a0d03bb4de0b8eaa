"""Agency and Field moved from portal to regulations: a database that main left, with data,
keeps its agencies, fields, links and permissions once migrated, on PostgreSQL and SQLite."""

import json
import os
import subprocess
import sys

import pytest

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

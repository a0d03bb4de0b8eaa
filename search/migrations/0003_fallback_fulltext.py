"""The database fallback searches with the database's own text search (search/fulltext.py):
PostgreSQL's full-text search on text folded by `unaccent` (a GIN index on the provisions), or an
SQLite FTS5 table kept in sync with the provisions by triggers. Other databases: nothing."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class UnaccentOnPostgreSQL(UnaccentExtension):
    """Creates `unaccent` on PostgreSQL (Django's CreateExtension skips other databases going
    forwards). Going backwards it leaves the extension installed: the set-up creates it in template1
    as the cluster's administrator (scripts/postgres.sh), so the portal's role does not own it and may
    not drop it, and other databases' objects may use it. Only the fallback's own objects are removed
    (`drop` below)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        return


def create(apps, schema_editor):
    from search import fulltext

    fulltext.ensure(schema_editor.connection)
    fulltext.forget()


def drop(apps, schema_editor):
    from search import fulltext

    fulltext.remove(schema_editor.connection)
    fulltext.forget()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_index_request_kind"),
        ("regulations", "0007_document_types_and_number_keys"),
    ]

    operations = [
        UnaccentOnPostgreSQL(),  # PostgreSQL only (a trusted extension: the database's owner may create it)
        migrations.RunPython(create, drop),
    ]

"""The database fallback searches with the database's own text search (search/fulltext.py):
PostgreSQL's full-text search on text folded by `unaccent` (a GIN index on the provisions), or an
SQLite FTS5 table kept in sync with the provisions by triggers. Other databases: nothing."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class UnaccentOnPostgreSQL(UnaccentExtension):
    """Django's CreateExtension skips other databases going forwards but not backwards (it asks
    `pg_extension` whether the extension exists); on SQLite there is nothing to drop."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


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

"""The database's own text search, for the fallback (search/fallback.py) when OpenSearch is down.

Which provisions hold the query's terms, diacritics folded on both sides, found by an index
instead of a regular expression run over every row:

* PostgreSQL: full-text search on the text folded by the ``unaccent`` extension
  (``search_fold``: lower case, no diacritics, "đ" → "d", anything but letters and digits a
  space): one ``tsvector`` per provision in ``search_provision_text`` (GIN index), kept in sync
  by triggers on the provisions table; a term of several words is a phrase (``<->``).
* SQLite: an FTS5 table (``search_provision_fts``, external content: the provisions table, kept
  in sync by triggers; tokenizer ``unicode61 remove_diacritics 2``). That tokenizer keeps "đ"
  (it has no decomposition), so a folded query word with a "d" is also asked with "đ".
* Any other database, or SQLite without FTS5: ``None``, and the kind matches with the regular
  expressions of search/db_matching.py.

``ensure()`` creates what is missing (the migration runs it, and so does every ``migrate``:
SQLite drops a table's triggers when Django rebuilds that table). The candidates come best
first (the database's own rank); the kind then keeps those of the current versions of the
documents asked for and ranks them in Python (search/db_matching.py: exact diacritics first).
"""

from __future__ import annotations

import itertools
import logging
from typing import Any, Final

from django.db import DatabaseError, connection
from django.db.models import QuerySet

from regulations.legaltext.normalize import fold_diacritics
from search.highlight import WORD_RE

logger = logging.getLogger(__name__)

PROVISIONS: Final = "regulations_provision"
SQLITE_TABLE: Final = "search_provision_fts"
PG_TABLE: Final = "search_provision_text"
PG_INDEX: Final = "search_provision_text_vector"
# Variants of a phrase with "d"/"đ" asked of SQLite at most; beyond, the words alone.
MAX_VARIANTS: Final = 16

_PG_SETUP: Final = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    # unaccent() is only STABLE (it reads its dictionary); the stored vectors need IMMUTABLE,
    # which holds as long as the dictionary is not edited.
    """CREATE OR REPLACE FUNCTION search_fold(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, value)),
                                    '[^[:alnum:]]+', ' ', 'g') $$""",
    """CREATE OR REPLACE FUNCTION search_provision_vector(heading text, body text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT to_tsvector('simple'::regconfig,
                                 search_fold(coalesce(heading, '') || ' ' || coalesce(body, ''))) $$""",
    # Stored, not an expression index: a phrase query rechecks each row and the rank reads the
    # vector, and computing it again per row costs a second for a common word.
    f"""CREATE TABLE IF NOT EXISTS {PG_TABLE} (
        provision_id bigint PRIMARY KEY,
        vector tsvector NOT NULL
    )""",
    f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON {PG_TABLE} USING gin (vector)",
    f"""CREATE OR REPLACE FUNCTION {PG_TABLE}_sync() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                DELETE FROM {PG_TABLE} WHERE provision_id = OLD.id;
            ELSIF TG_OP = 'TRUNCATE' THEN
                TRUNCATE {PG_TABLE};
            ELSE
                INSERT INTO {PG_TABLE} (provision_id, vector)
                VALUES (NEW.id, search_provision_vector(NEW.heading, NEW.text))
                ON CONFLICT (provision_id) DO UPDATE SET vector = EXCLUDED.vector;
            END IF;
            RETURN NULL;
        END $$""",
    f"DROP TRIGGER IF EXISTS {PG_TABLE}_rows ON {PROVISIONS}",
    f"""CREATE TRIGGER {PG_TABLE}_rows AFTER INSERT OR DELETE OR UPDATE OF heading, text ON {PROVISIONS}
        FOR EACH ROW EXECUTE FUNCTION {PG_TABLE}_sync()""",
    f"DROP TRIGGER IF EXISTS {PG_TABLE}_truncate ON {PROVISIONS}",
    f"""CREATE TRIGGER {PG_TABLE}_truncate AFTER TRUNCATE ON {PROVISIONS}
        FOR EACH STATEMENT EXECUTE FUNCTION {PG_TABLE}_sync()""",
    f"""INSERT INTO {PG_TABLE} (provision_id, vector)
        SELECT id, search_provision_vector(heading, text) FROM {PROVISIONS}
        ON CONFLICT (provision_id) DO UPDATE SET vector = EXCLUDED.vector""",
]
_PG_TEARDOWN: Final = [
    f"DROP TRIGGER IF EXISTS {PG_TABLE}_rows ON {PROVISIONS}",
    f"DROP TRIGGER IF EXISTS {PG_TABLE}_truncate ON {PROVISIONS}",
    f"DROP FUNCTION IF EXISTS {PG_TABLE}_sync()",
    f"DROP TABLE IF EXISTS {PG_TABLE}",
    "DROP FUNCTION IF EXISTS search_provision_vector(text, text)",
    "DROP FUNCTION IF EXISTS search_fold(text)",
]

_SQLITE_TRIGGERS: Final = {
    f"{SQLITE_TABLE}_ai": f"""CREATE TRIGGER {SQLITE_TABLE}_ai AFTER INSERT ON {PROVISIONS} BEGIN
        INSERT INTO {SQLITE_TABLE}(rowid, heading, text) VALUES (new.id, new.heading, new.text);
    END""",
    f"{SQLITE_TABLE}_ad": f"""CREATE TRIGGER {SQLITE_TABLE}_ad AFTER DELETE ON {PROVISIONS} BEGIN
        INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}, rowid, heading, text)
            VALUES ('delete', old.id, old.heading, old.text);
    END""",
    f"{SQLITE_TABLE}_au": f"""CREATE TRIGGER {SQLITE_TABLE}_au AFTER UPDATE OF heading, text ON {PROVISIONS} BEGIN
        INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}, rowid, heading, text)
            VALUES ('delete', old.id, old.heading, old.text);
        INSERT INTO {SQLITE_TABLE}(rowid, heading, text) VALUES (new.id, new.heading, new.text);
    END""",
}
_SQLITE_TABLE_SQL: Final = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_TABLE} USING fts5(heading, text, content='{PROVISIONS}', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
)


# ---- set-up ----------------------------------------------------------------------------------


def ensure(using: object = None) -> str:
    """Create what the database's text search needs, if it is missing. Returns what was done
    ("created", "present", "rebuilt", or why nothing could be)."""
    conn = using or connection
    vendor = conn.vendor  # type: ignore[attr-defined]
    with conn.cursor() as cursor:  # type: ignore[attr-defined]
        if vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = %s::regclass AND tgname LIKE %s",
                [PROVISIONS, f"{PG_TABLE}_%"],
            )
            if cursor.fetchone()[0] == 2:
                return "present"
            for statement in _PG_SETUP:
                cursor.execute(statement)
            return "created"
        if vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
            names = {row[0] for row in cursor.fetchall()}
            if PROVISIONS not in names:
                return "no provisions table yet"
            try:
                cursor.execute(_SQLITE_TABLE_SQL)
            except DatabaseError as exc:  # a Python built without FTS5
                logger.warning("SQLite has no FTS5 (%s): the search fallback uses regular expressions", exc)
                return f"unavailable: {exc}"
            missing = [name for name in _SQLITE_TRIGGERS if name not in names]
            for name in missing:
                cursor.execute(_SQLITE_TRIGGERS[name])
            if SQLITE_TABLE not in names or missing:
                # New, or rows written while a trigger was gone: read the provisions again.
                cursor.execute(f"INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}) VALUES ('rebuild')")
                return "rebuilt" if SQLITE_TABLE in names else "created"
            return "present"
    return f"not supported on {vendor}"


def remove(using: object = None) -> None:
    conn = using or connection
    with conn.cursor() as cursor:  # type: ignore[attr-defined]
        if conn.vendor == "postgresql":  # type: ignore[attr-defined]
            for statement in _PG_TEARDOWN:
                cursor.execute(statement)
        elif conn.vendor == "sqlite":  # type: ignore[attr-defined]
            for name in _SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {SQLITE_TABLE}")


_available: dict[str, bool] = {}


def available() -> bool:
    """Does this database answer text searches (set up by ``ensure``)? Asked once per process
    and database."""
    key = f"{connection.vendor}:{connection.settings_dict.get('NAME')}"
    if key not in _available:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [PG_TABLE])
                _available[key] = bool(cursor.fetchone()[0])
            elif connection.vendor == "sqlite":
                cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [SQLITE_TABLE])
                _available[key] = cursor.fetchone() is not None
            else:
                _available[key] = False
    return _available[key]


def forget() -> None:
    """Ask `available()` again (after `ensure` or `remove`)."""
    _available.clear()


# ---- queries ---------------------------------------------------------------------------------


def folded_words(term: str) -> list[str]:
    """The words of a term as both databases index them: lower case, no diacritics, "đ" → "d"."""
    return [fold_diacritics(word).lower() for word in WORD_RE.findall(term)]


def tsquery(terms: list[str]) -> str:
    """PostgreSQL: any of the terms, a term of several words as a phrase."""
    parts = []
    for term in terms:
        words = folded_words(term)
        if words:
            parts.append("(" + " <-> ".join(f"'{word}'" for word in words) + ")")
    return " | ".join(parts)


def _d_variants(word: str) -> list[str]:
    """ "dang" → ["dang", "đang"]: the spellings FTS5 may have kept ("đ" is not folded)."""
    positions = [i for i, ch in enumerate(word) if ch == "d"][:2]
    variants = []
    for choice in itertools.product("dđ", repeat=len(positions)):
        letters = list(word)
        for i, ch in zip(positions, choice, strict=True):
            letters[i] = ch
        variants.append("".join(letters))
    return variants


def fts5_query(terms: list[str]) -> str:
    """SQLite FTS5: any of the terms, a term of several words as a phrase, each with the "d"/"đ"
    spellings it may have been indexed with."""
    parts = []
    for term in terms:
        words = folded_words(term)
        if not words:
            continue
        spellings = [_d_variants(word) for word in words]
        count = 1
        for options in spellings:
            count *= len(options)
        if count <= MAX_VARIANTS:
            phrases = [" ".join(choice) for choice in itertools.product(*spellings)]
            parts.append("(" + " OR ".join(f'"{phrase}"' for phrase in phrases) + ")")
        else:  # a long phrase full of "d": its words, each in either spelling
            either = ["(" + " OR ".join(f'"{w}"' for w in options) + ")" for options in spellings]
            parts.append("(" + " AND ".join(either) + ")")
    return " OR ".join(parts)


def provision_candidates(terms: list[str], limit: int, within: QuerySet[Any]) -> list[int] | None:
    """Ids of the provisions of ``within`` (a queryset of provisions) holding any of the terms,
    best first by the database's own rank (at most ``limit``), in one query; or None when this
    database has no text search (the caller uses regular expressions)."""
    if not available():
        return None
    subquery, params = within.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            query = tsquery(terms)
            if not query:
                return []
            cursor.execute(
                f"""SELECT t.provision_id FROM {PG_TABLE} t, to_tsquery('simple', %s) AS q
                    WHERE t.vector @@ q AND t.provision_id IN ({subquery})
                    ORDER BY ts_rank(t.vector, q) DESC, t.provision_id
                    LIMIT %s""",
                [query, *params, limit],
            )
        else:
            query = fts5_query(terms)
            if not query:
                return []
            # "+rowid": filter the matches; as a constraint FTS5 would run the match once per id.
            cursor.execute(
                f"""SELECT f.rowid FROM {SQLITE_TABLE} f
                    WHERE {SQLITE_TABLE} MATCH %s AND +f.rowid IN ({subquery})
                    ORDER BY f.rank, f.rowid LIMIT %s""",
                [query, *params, limit],
            )
        return [row[0] for row in cursor.fetchall()]

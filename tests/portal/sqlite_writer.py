"""A second writer for tests/portal/test_sqlite_concurrency.py: read-then-write transactions on
one row, as an editor's save does, until the stop file appears (at most `limit` seconds).

Run as `python -m tests.portal.sqlite_writer STOP_FILE LIMIT`; prints how many transactions
committed, and exits non-zero on the first database error.
"""

import sys
import time
from pathlib import Path

if __name__ == "__main__":
    import django

    django.setup()
    from django.db import transaction

    from regulations.models import Field

    stop_file, limit = Path(sys.argv[1]), float(sys.argv[2])
    field, _ = Field.objects.get_or_create(slug="ghi-dong-thoi", defaults={"name": "Ghi đồng thời 0"})
    commits = 0
    deadline = time.monotonic() + limit
    while not stop_file.exists() and time.monotonic() < deadline:
        with transaction.atomic():
            current = Field.objects.get(pk=field.pk)  # a read first: the transaction must upgrade
            current.name = f"Ghi đồng thời {commits + 1}"
            current.save(update_fields=["name"])
        commits += 1
        time.sleep(0.02)
    print(commits)

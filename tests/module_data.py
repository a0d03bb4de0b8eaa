"""Data built once for a whole test module instead of once per test.

``rolled_back_at_end`` opens a transaction for the module's fixture; each test then runs in its
own savepoint inside it (pytest-django's ``django_db``), so a test's writes are undone after it and
the module's data is undone when the module ends. Use it for expensive, read-mostly data (the
demo library, an imported corpus); a test that must see commits (``transactional_db``,
``live_server``) cannot use it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction


@contextmanager
def rolled_back_at_end(django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)

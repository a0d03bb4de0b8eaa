"""Where the search indexes stand: aliases, counts, mapping version, queue, reachability."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from search import health, outbox
from search.client import KINDS, SearchUnavailable, alias, get_client, unavailable
from search.nlp.abbreviations import SYNONYMS_VERSION
from search.search_index import MAPPING_VERSION, alias_targets, version_of


class Command(BaseCommand):
    help = (
        "Show the search aliases and the index each points to, entry counts, MAPPING_VERSION, "
        "the indexing queue, and whether OpenSearch answers. Exits 0 even when it does not."
    )

    def handle(self, *args, **options):
        state = health.check()
        if state.available:
            self.stdout.write(f"OpenSearch: reachable ({state.detail})")
        else:
            self.stdout.write(f"OpenSearch: NOT reachable — {state.detail}")
        self.stdout.write(f"MAPPING_VERSION {MAPPING_VERSION} (synonyms v{SYNONYMS_VERSION})")
        if state.available:
            for kind in KINDS:
                self.stdout.write(self._alias_line(kind))
        self._queue()

    def _alias_line(self, kind: str) -> str:
        name = alias(kind)
        try:
            targets = alias_targets(kind)
            if not targets:
                return f"{name}: no such alias (run search_reindex)"
            with unavailable(f"counting {name}"):
                count = get_client().count(index=name)["count"]
        except SearchUnavailable as exc:
            return f"{name}: {exc}"
        line = f"{name} -> {', '.join(targets)}: {count} entries"
        versions = {version_of(t) for t in targets}
        if versions != {MAPPING_VERSION}:
            line += f" (built with mapping v{'/'.join(map(str, versions))}: run search_reindex)"
        return line

    def _queue(self) -> None:
        figures = outbox.stats()
        if not figures.pending:
            self.stdout.write("Queue: empty")
            return
        now = timezone.now()
        line = f"Queue: {figures.pending} pending, oldest {_age(now - figures.oldest)} ago"
        if figures.failing:
            line += f"; {figures.failing} failed at least once"
            if figures.next_retry and figures.next_retry > now:
                line += f", next retry in {_age(figures.next_retry - now)}"
        self.stdout.write(line)
        if figures.last_error:
            self.stdout.write(f"Last error: {figures.last_error}")


def _age(delta: datetime.timedelta) -> str:
    seconds = max(int(delta.total_seconds()), 0)
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    if seconds < 172800:
        return f"{seconds // 3600} h {seconds % 3600 // 60} min"
    return f"{seconds // 86400} days"

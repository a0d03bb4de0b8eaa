"""Where the search indexes stand, per kind: alias, index, count, mapping version, queue."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from search import health, kinds, outbox, semantic, statistics
from search.client import SearchUnavailable, get_client, unavailable
from search.indexes import alias_targets, version_of
from search.kinds.base import SearchKind
from search.models import TextStatistics
from search.nlp.synonyms import SYNONYMS_VERSION
from search.search_index import MAPPING_VERSION


class Command(BaseCommand):
    help = (
        "Show, for each registered search kind, its alias and the index it points to, the entry "
        "count, the mapping version and the requests queued; then the whole queue, whether "
        "OpenSearch answers, the embedding model and the entries still without vectors, and the "
        "text statistics. Exits 0 even when OpenSearch does not answer."
    )

    def handle(self, *args, **options):
        state = health.check()
        if state.available:
            self.stdout.write(f"OpenSearch: reachable ({state.detail})")
        else:
            self.stdout.write(f"OpenSearch: NOT reachable — {state.detail}")
        self.stdout.write(f"MAPPING_VERSION {MAPPING_VERSION} (synonyms v{SYNONYMS_VERSION})")
        queued = outbox.stats().by_kind
        for kind in kinds.all_kinds():
            line = self._alias_line(kind) if state.available else f"{kind.alias}: (OpenSearch not reachable)"
            self.stdout.write(f"{line}; queue: {queued.get(kind.name, 0)}")
        self._queue()
        for line in semantic.status() if state.available else []:
            self.stdout.write(line)
        self.stdout.write(self._statistics())

    def _statistics(self) -> str:
        row = TextStatistics.objects.filter(name=statistics.NAME).values("built_at", "entries").first()
        if row is None:
            return (
                "Text statistics: none yet (run search_reindex, or let the worker build them): "
                "no diacritic restoration, no rare-word weighting"
            )
        return f"Text statistics: built {row['built_at']:%Y-%m-%d %H:%M} from {row['entries']} entries"

    def _alias_line(self, kind: SearchKind) -> str:
        name = kind.alias
        try:
            targets = alias_targets(kind)
            if not targets:
                return f"{name}: no such alias (run search_reindex --kind {kind.name})"
            with unavailable(f"counting {name}"):
                count = get_client().count(index=name)["count"]
        except SearchUnavailable as exc:
            return f"{name}: {exc}"
        line = f"{name} -> {', '.join(targets)}: {count} entries"
        versions = {version_of(t) for t in targets}
        if versions != {kind.mapping_version}:
            built = "/".join(map(str, versions))
            line += f" (built with mapping v{built}, expected v{kind.mapping_version}: run search_reindex)"
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

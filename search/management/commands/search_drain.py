"""Send the queued index requests to OpenSearch now, in this process."""

from django.core.management.base import BaseCommand, CommandError

from search.tasks import BATCH_SIZE, drain


class Command(BaseCommand):
    help = (
        "Drain the search indexing queue synchronously (what the db_worker task does), including "
        "requests still waiting for their retry time. Prints what was indexed and what is left."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument(
            "--respect-backoff",
            action="store_true",
            help="leave requests whose retry time has not come (as the worker does)",
        )

    def handle(self, *args, batch_size, respect_backoff, **options):
        result = drain(batch_size=batch_size, ignore_backoff=not respect_backoff)
        if result.busy:
            self.stdout.write("Another drain or a rebuild is running; nothing done.")
        entries = ", ".join(f"{count} {kind}" for kind, count in result.entries.items()) or "none"
        self.stdout.write(
            f"indexed {result.indexed} objects (entries: {entries}), removed {result.deleted}, "
            f"failed {result.failed}, left in queue {result.remaining}"
        )
        if result.dropped:
            self.stdout.write(f"dropped {result.dropped} requests for kinds no longer registered")
        for error in result.errors[:10]:
            self.stderr.write(error)
        if result.failed:
            raise CommandError(f"{result.failed} requests could not be sent; they stay queued")

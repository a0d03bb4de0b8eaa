"""Regroup near-duplicate comments now, in this process: one consultation or all of them.

manage.py regroup_comments 42        # the consultation with id 42
manage.py regroup_comments --all     # every consultation that has comments
"""

from django.core.management.base import BaseCommand, CommandError

from consultations.comment_groups.regroup import regroup
from consultations.models import ConsultationPage


class Command(BaseCommand):
    help = "Regroup the near-duplicate comments of a consultation (or of all) now."

    def add_arguments(self, parser):
        parser.add_argument("consultation", nargs="?", type=int, help="the consultation's id")
        parser.add_argument("--all", action="store_true", help="every consultation with comments")

    def handle(self, *args, consultation=None, all=False, **options):
        if (consultation is None) == (not all):
            raise CommandError("Give one consultation id, or --all.")
        if all:
            ids = list(ConsultationPage.objects.filter(comments__isnull=False).distinct().values_list("pk", flat=True))
        else:
            if not ConsultationPage.objects.filter(pk=consultation).exists():
                raise CommandError(f"No consultation with id {consultation}.")
            ids = [consultation]
        for consultation_id in ids:
            result = regroup(consultation_id)
            self.stdout.write(
                f"consultation {consultation_id}: {result.comments} comments, {result.groups} groups "
                f"({result.grouped} comments grouped, {result.created} new, {result.removed} removed) "
                f"in {result.seconds:.2f} s"
            )

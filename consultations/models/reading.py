"""What a consultation page shows, read in a fixed number of queries whatever its size: the draft
version's text as a tree, its commentable units with their comment counts, the comments shown
so far threaded under their unit, the questions and the attachments."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import TYPE_CHECKING, Any

from consultations import commenters
from consultations.units import commentable_kinds
from regulations.models import DocumentVersion, Provision
from regulations.models.reading import ProvisionNode, build_tree

from .answers import Answer
from .comments import COUNTED_STATUSES, SHOWN_STATUSES, CommenterType, ConsultationComment
from .opinions import CouncilOpinion

if TYPE_CHECKING:
    from .consultation import ConsultationPage

# The query parameter that names the unit a comment is about: "?muc=dieu-3#gop-y".
UNIT_PARAM = "muc"
# The id of the comment form's section on the page (consultations/includes/comment_form.html).
FORM_ANCHOR = "gop-y"


@dataclass
class Thread:
    comment: ConsultationComment
    author: str
    replies: list[Thread] = dc_field(default_factory=list)
    answer: Answer | None = None  # the agency's public answer (its own, else its group's)


@dataclass
class UnitComments:
    """A commentable unit with its count (every received comment, hidden ones too) and threads."""

    provision: Provision | None
    count: int = 0
    threads: list[Thread] = dc_field(default_factory=list)

    @property
    def anchor(self) -> str:
        return self.provision.anchor if self.provision else ""


def public_authors(rows: list[tuple[int, str, str, Any]], comments: list[ConsultationComment]) -> dict[int, str]:
    """How each shown comment is signed (consultations.commenters: an organisation by its name;
    an individual by name if they consented, else "Cá nhân #N", N per person and consultation).
    rows: (id, commenter type, commenter key, received at) of every counted comment."""
    numbers = commenters.individual_numbers(
        (key, received_at, pk) for pk, kind, key, received_at in rows if kind == CommenterType.INDIVIDUAL
    )
    authors: dict[int, str] = {}
    for comment in comments:
        number = numbers.get(comment.commenter_key) if comment.commenter_type == CommenterType.INDIVIDUAL else None
        authors[comment.pk], _named = commenters.commenter_label(
            comment.commenter_type,
            comment.organization,
            comment.user_name,
            comment.show_name,
            number,
            str(CommenterType(comment.commenter_type).label),
        )
    return authors


def consultation_page_context(page: ConsultationPage, selected_unit: str = "") -> dict[str, Any]:
    """The page's context. Queries: version and document (2), provisions (1), counted comments'
    ids (1), shown comments (1), their public answers (2), the draft's published versions (1),
    questions (1), attachments with files (1), fields (1), lead agency (1), the Advisory Council's
    published opinions (1)."""
    version = page.version
    provisions = list(Provision.objects.filter(version=version).order_by("position")) if version else []
    kinds = commentable_kinds({p.kind for p in provisions})
    units = [p for p in provisions if p.kind in kinds]
    unit_ids = {p.pk for p in units}

    rows = list(
        ConsultationComment.objects.filter(consultation=page, status__in=COUNTED_STATUSES)
        .order_by("pk")
        .values_list("pk", "provision_id", "commenter_type", "commenter_key", "received_at")
    )
    counts = Counter(row[1] for row in rows)
    shown = list(
        ConsultationComment.objects.filter(consultation=page, status__in=SHOWN_STATUSES)
        .select_related(None)
        .order_by("thread_id", "order")
    )
    authors = public_authors([(pk, kind, key, received_at) for pk, _p, kind, key, received_at in rows], shown)
    answers = Answer.objects.public_by_comment(ConsultationComment.objects.filter(consultation=page))

    by_unit: dict[int | None, UnitComments] = {p.pk: UnitComments(p, counts.get(p.pk, 0)) for p in units}
    general = UnitComments(None, counts.get(None, 0))
    threads: dict[int, Thread] = {}
    replies: defaultdict[int, list[Thread]] = defaultdict(list)
    for comment in shown:
        thread = Thread(comment, authors[comment.pk], answer=answers.get(comment.pk))
        if comment.level == 0 or comment.parent_id == comment.pk:
            threads[comment.pk] = thread
            target = by_unit.get(comment.provision_id) if comment.provision_id in unit_ids else general
            (target or general).threads.append(thread)
        else:
            replies[comment.parent_id].append(thread)
    for parent_id, children in replies.items():
        if parent_id in threads:
            threads[parent_id].replies.extend(children)

    selected = selected_unit if any(p.anchor == selected_unit for p in units) else ""
    return {
        "version": version,
        "draft": page.document,
        "published_versions": (
            DocumentVersion.objects.published().filter(document_id=page.document_id).count() if page.document_id else 0
        ),
        "tree": build_tree(provisions),
        "units": units,
        "unit_comments": by_unit,
        "general_comments": general,
        "comment_total": len(rows),
        "questions": list(page.questions.all()),
        "attachments": list(page.attachments.select_related("document")),
        "consultation_fields": list(page.fields.all()),
        "lead_agency": page.lead_agency,
        "council_opinions": list(CouncilOpinion.objects.published().about([page]).order_by("-given_on", "-pk")),
        "selected_unit": selected,
        "unit_param": UNIT_PARAM,
        "form_anchor": FORM_ANCHOR,
    }


__all__ = ["ProvisionNode", "Thread", "UnitComments", "consultation_page_context", "public_authors"]

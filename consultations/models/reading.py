"""What a consultation page shows, read in a fixed number of queries whatever its size: the draft
version's text as a tree, its commentable units with their comment counts, the first few threads
of each unit (all of them for the unit the reader expanded), the questions and the attachments.

The page stays small whatever the number of comments: each unit (and the general comments)
draws at most `INLINE_THREADS` threads, then a link "Xem tất cả N góp ý về Điều X" that opens the
same page with that unit expanded (`?xem=<unit anchor>`). A link to one comment names the comment
(`?gop-y=<id>#gop-y-<id>`, `ConsultationComment.get_absolute_url`): its unit is expanded. Only the
drawn comments are loaded as objects; the others are counted from one values query."""

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
# Threads drawn under a unit until the reader asks for all of them.
INLINE_THREADS = 3
# The query parameter that expands a unit: "?xem=dieu-3" (or GENERAL_ANCHOR for the general comments).
EXPAND_PARAM = "xem"
# The query parameter that names one comment; its unit is expanded: "?gop-y=42#gop-y-42".
COMMENT_PARAM = "gop-y"
# The id of the general comments' section, and its value of EXPAND_PARAM.
GENERAL_ANCHOR = "gop-y-chung"


@dataclass
class Thread:
    comment: ConsultationComment
    author: str
    replies: list[Thread] = dc_field(default_factory=list)
    answer: Answer | None = None  # the agency's public answer (its own, else its group's)


@dataclass
class UnitComments:
    """A commentable unit with its count (every received comment, hidden ones too) and the
    threads drawn (the first INLINE_THREADS, or all of them when the unit is expanded)."""

    provision: Provision | None
    count: int = 0
    threads: list[Thread] = dc_field(default_factory=list)
    shown: int = 0  # comments the public sees in the unit (threads and their replies)
    thread_count: int = 0  # threads the public sees in the unit, drawn or not
    expanded: bool = False
    next_thread: int | None = None  # the first thread not drawn: where "Xem tất cả" lands

    @property
    def anchor(self) -> str:
        return self.provision.anchor if self.provision else GENERAL_ANCHOR

    @property
    def more(self) -> bool:
        """Threads the page does not draw: a link to the expanded unit follows the drawn ones."""
        return self.thread_count > len(self.threads)


@dataclass(slots=True)
class _Row:
    """A counted comment as the values query reads it."""

    pk: int
    provision_id: int | None
    status: str
    thread_id: int
    parent_id: int
    level: int

    @property
    def is_root(self) -> bool:
        return self.level == 0 or self.parent_id == self.pk


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


def expanded_anchor(units: list[Provision], rows: list[_Row], expand: str, comment: str) -> str:
    """The unit to draw in full: the one `?xem=` names (a unit of the draft, or the general
    comments), else the unit of the comment `?gop-y=` names (the unit of its thread); "" if none."""
    anchors = {p.anchor for p in units} | {GENERAL_ANCHOR}
    if expand in anchors:
        return expand
    if not comment.isdigit():
        return ""
    by_pk = {row.pk: row for row in rows}
    row = by_pk.get(int(comment))
    if row is None:
        return ""
    root = by_pk.get(row.thread_id, row)
    anchor_of = {p.pk: p.anchor for p in units}
    return anchor_of.get(root.provision_id, GENERAL_ANCHOR) if root.provision_id is not None else GENERAL_ANCHOR


def consultation_page_context(
    page: ConsultationPage, selected_unit: str = "", expand: str = "", comment: str = ""
) -> dict[str, Any]:
    """The page's context. Queries: version and document (2), provisions (1), counted comments'
    ids (1), drawn comments (1), their public answers (2), the draft's published versions (1),
    questions (1), attachments with files (1), fields (1), lead agency (1), the Advisory Council's
    published opinions (1). `expand` is the value of EXPAND_PARAM, `comment` that of
    COMMENT_PARAM (both validated here; unknown: ignored)."""
    version = page.version
    provisions = list(Provision.objects.filter(version=version).order_by("position")) if version else []
    kinds = commentable_kinds({p.kind for p in provisions})
    units = [p for p in provisions if p.kind in kinds]
    unit_ids = {p.pk for p in units}

    values = list(
        ConsultationComment.objects.filter(consultation=page, status__in=COUNTED_STATUSES)
        .order_by("pk")
        .values_list(
            "pk",
            "provision_id",
            "commenter_type",
            "commenter_key",
            "received_at",
            "status",
            "thread_id",
            "parent_id",
            "level",
        )
    )
    rows = [
        _Row(pk, unit, status, thread, parent, level) for pk, unit, _k, _c, _r, status, thread, parent, level in values
    ]
    counts = Counter(row.provision_id for row in rows)
    by_unit: dict[int | None, UnitComments] = {p.pk: UnitComments(p, counts.get(p.pk, 0)) for p in units}
    general = UnitComments(None, counts.get(None, 0))
    expanded = expanded_anchor(units, rows, expand, comment)

    for unit in [*by_unit.values(), general]:
        unit.expanded = unit.anchor == expanded

    # Which threads are drawn, from the values alone: each unit's first INLINE_THREADS roots
    # (in the page's order, by thread), all of them in the expanded unit.
    shown_rows = [row for row in rows if row.status in SHOWN_STATUSES]
    unit_of_root: dict[int, UnitComments] = {}
    drawn_threads: list[int] = []
    for row in sorted((row for row in shown_rows if row.is_root), key=lambda row: row.thread_id):
        unit = by_unit.get(row.provision_id, general) if row.provision_id in unit_ids else general
        unit_of_root[row.pk] = unit
        unit.thread_count += 1
        unit.shown += 1
        if unit.expanded or unit.thread_count <= INLINE_THREADS:
            drawn_threads.append(row.thread_id)
        elif unit.next_thread is None:
            unit.next_thread = row.pk
    for row in shown_rows:
        if not row.is_root and row.parent_id in unit_of_root:
            unit_of_root[row.parent_id].shown += 1

    drawn_query = ConsultationComment.objects.filter(
        consultation=page, status__in=SHOWN_STATUSES, thread_id__in=drawn_threads
    )
    drawn = list(drawn_query.select_related(None).order_by("thread_id", "order")) if drawn_threads else []
    authors = public_authors([(pk, kind, key, received_at) for pk, _p, kind, key, received_at, *_rest in values], drawn)
    answers = Answer.objects.public_by_comment(drawn_query) if drawn else {}

    threads: dict[int, Thread] = {}
    replies: defaultdict[int, list[Thread]] = defaultdict(list)
    for comment in drawn:
        thread = Thread(comment, authors[comment.pk], answer=answers.get(comment.pk))
        if comment.level == 0 or comment.parent_id == comment.pk:
            threads[comment.pk] = thread
            unit_of_root.get(comment.pk, general).threads.append(thread)
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
        "drawn_comments": {thread.comment.pk for thread in threads.values()}
        | {reply.comment.pk for thread in threads.values() for reply in thread.replies},
        "questions": list(page.questions.all()),
        "attachments": list(page.attachments.select_related("document")),
        "consultation_fields": list(page.fields.all()),
        "lead_agency": page.lead_agency,
        "council_opinions": list(CouncilOpinion.objects.published().about([page]).order_by("-given_on", "-pk")),
        "selected_unit": selected,
        "unit_param": UNIT_PARAM,
        "expanded_unit": expanded,
        "form_anchor": FORM_ANCHOR,
    }


__all__ = [
    "COMMENT_PARAM",
    "EXPAND_PARAM",
    "GENERAL_ANCHOR",
    "INLINE_THREADS",
    "ProvisionNode",
    "Thread",
    "UnitComments",
    "consultation_page_context",
    "expanded_anchor",
    "public_authors",
]

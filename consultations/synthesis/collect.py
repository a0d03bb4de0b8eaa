"""Read a consultation's answered comments into a `report.Report`, in a fixed number of queries
whatever the number of comments (the bench counts them)."""

from django.utils import timezone

from consultations import access, display, timeline
from consultations.answers.queries import needing_answer, public_answers_by_comment
from consultations.models import CommenterType, ConsultationComment, ConsultationPage, Disposition, Synthesis
from consultations.revisions import Redlines, where_taken_in
from consultations.synthesis import report

ORGANISATIONS = (CommenterType.BUSINESS, CommenterType.ASSOCIATION, CommenterType.AGENCY)
ACCEPTED = (Disposition.ACCEPTED, Disposition.PARTLY_ACCEPTED)


def _unit_title(comment: ConsultationComment) -> str:
    provision = comment.provision
    if provision is None:
        return ""
    return provision.title_line


def _identity(comment: ConsultationComment) -> str:
    """Who made the comment, for counting commenters once (never shown): an organisation by its
    tax code or name; an individual by the commenter key the page numbers them by."""
    if comment.commenter_type in ORGANISATIONS:
        return (comment.tax_code or comment.organization or comment.user_email).strip().lower()
    return comment.commenter_key or (comment.user_email or comment.user_name or str(comment.pk)).strip().lower()


def _labels(comments: list[ConsultationComment]) -> dict[int, str]:
    """How each commenter is shown: as on the consultation page (consultations.display: an
    organisation by its name; an individual by their name if they consented, else «Cá nhân #N»,
    the same N as on the page). One query."""
    return {pk: shown.label for pk, shown in display.commenters(comments).items()}


def _taken_in(comment: ConsultationComment, redlines: Redlines) -> str:
    """ "Điều 6 (Phiên bản 2: Dự thảo lần 2)": where the revised draft took the comment in."""
    unit = where_taken_in(comment, redlines)
    if unit is None:
        return ""
    later = redlines.later_than(comment.version)
    return f"{unit.display_label} ({later.display_name})" if later is not None else unit.display_label


def comments_of(consultation: ConsultationPage):
    return needing_answer(ConsultationComment.objects.filter(consultation=consultation))


def lines(consultation: ConsultationPage) -> list[report.CommentLine]:
    """Every comment that needs an answer, with its public answer (blank if none yet). Three
    queries: the comments (with unit, version and group), and the answers (own, group's); and,
    when the draft has a revised version, a few per pair of versions for where each accepted
    comment was taken in."""
    comments = list(
        comments_of(consultation)
        .select_related("provision", "version", "group_membership__group")
        .order_by("received_at", "pk")
    )
    answers = public_answers_by_comment(comments_of(consultation))
    labels = _labels(comments)
    redlines = Redlines()  # one redline per pair of versions, whatever the number of comments
    result = []
    for comment in comments:
        answer = answers.get(comment.pk)
        membership = getattr(comment, "group_membership", None)
        group = membership.group if membership is not None else None
        result.append(
            report.CommentLine(
                comment_id=comment.pk,
                receipt_number=comment.receipt_number,
                unit_key=comment.provision.anchor if comment.provision_id else "",
                unit_title=_unit_title(comment),
                unit_position=comment.provision.position if comment.provision_id else 0,
                commenter_label=labels[comment.pk],
                commenter_type=comment.commenter_type,
                commenter_type_label=str(CommenterType(comment.commenter_type).label),
                commenter_identity=_identity(comment),
                organization=comment.organization if comment.commenter_type in ORGANISATIONS else "",
                text=comment.comment,
                submitted_at=comment.submit_date,
                received_at=comment.received_at,
                group_id=group.pk if group else None,
                group_title=str(group) if group else "",
                disposition=answer.disposition if answer else "",
                disposition_label=str(answer.get_disposition_display()) if answer else "",
                answer_text=answer.text if answer else "",
                answered_at=answer.published_at if answer else None,
                version_label=comment.version.display_name if comment.version_id else "",
                taken_in=_taken_in(comment, redlines) if answer and answer.disposition in ACCEPTED else "",
            )
        )
    return result


def build(consultation: ConsultationPage, synthesis: Synthesis | None = None) -> report.Report:
    """The report of `consultation` (published or, for its staff, as it would be today)."""
    found = lines(consultation)
    published_at = synthesis.published_at if synthesis else timezone.now()
    return report.Report(
        consultation_title=consultation.title,
        agency_name=access.owning_agency_name(consultation),
        opens_on=timeline.local_day(consultation.opens_at),
        closes_on=consultation.closing_date,
        place=synthesis.place if synthesis else "Hà Nội",
        published_on=timeline.local_day(published_at),
        signer_title=synthesis.signer_title if synthesis else "",
        signer_name=synthesis.signer_name if synthesis else "",
        totals=report.totals(
            found,
            [(value, str(label)) for value, label in CommenterType.choices],
            [(value, str(label)) for value, label in Disposition.choices],
        ),
        sections=report.sections(found),
        lines=tuple(found),
    )

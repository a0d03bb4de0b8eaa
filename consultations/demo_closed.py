"""The closed demo consultation's outcome, through the portal's own paths: the comments sent
during its period (the intake, at their moment, confirmed as if the link had been followed), the
campaign grouped by the real grouping (`regroup`) and answered once, every other comment answered
by the agency's legal officer and approved by its approver (`answers.actions`), the revised draft
saved as the draft's next version (`save_document(..., new_version=True)`, so the redline page
compares two real versions), the synthesis published (`publish_synthesis`), and the Advisory
Council's independent opinion published by a member (`council.opinions.publish_opinion`).

The texts are in `demo_closed_data`. Idempotent: what exists is kept (comments by their e-mail
address, answers by their comment or group, the revised version, the synthesis); only the dates of
the answers and of the synthesis are moved on every run, to stay within the answer deadline of a
consultation whose dates follow today (`consultations.demo`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from consultations import timeline
from consultations.answers.actions import approve_answer, submit_answer, write_answer
from consultations.comment_groups.regroup import regroup
from consultations.council.opinions import publish_opinion, published_opinions
from consultations.demo import CLOSED, CLOSED_SOURCE, draft_record
from consultations.demo_closed_data import (
    CAMPAIGN,
    CAMPAIGN_ANSWER,
    CAMPAIGN_ARTICLE,
    CAMPAIGN_DISPOSITION,
    CAMPAIGN_FIRST_DAY,
    COMMENTS,
    COUNCIL_OPINION,
    COUNCIL_OPINION_AFTER_CLOSING_DAYS,
    REVISED_CLAUSES,
    REVISED_LABEL,
    REVISED_POINTS,
    SYNTHESIS_PLACE,
    SYNTHESIS_SIGNER_NAME,
    SYNTHESIS_SIGNER_TITLE,
)
from consultations.intake.confirmation import confirm
from consultations.intake.service import Submission, submit
from consultations.models import (
    Answer,
    AnswerState,
    CommentGroup,
    ConsultationComment,
    ConsultationPage,
    CouncilOpinion,
    Synthesis,
)
from consultations.synthesis.publishing import publish_synthesis
from regulations.importing import VersionDetails, save_document
from regulations.models import DocumentVersion, VersionKind

ANSWERED_AFTER_CLOSING = timedelta(days=14)  # the answers were approved two weeks after closing
PUBLISHED_AFTER_CLOSING = timedelta(days=25)  # the synthesis before the 30-day deadline


@dataclass
class ClosedOutcome:
    sent: int  # comments sent by this run
    group: CommentGroup | None  # the campaign's group
    answers: int  # public answers
    revised: DocumentVersion | None  # the revised draft
    synthesis: Synthesis | None
    opinion: CouncilOpinion | None  # the Council's published opinion (None without a member)


def complete_closed_consultation(
    consultation: ConsultationPage, corpus: Path, officer, approver, council_member=None
) -> ClosedOutcome:
    """Give the closed demo consultation its comments, campaign group, answers, revised draft,
    published synthesis and Council opinion (see the module); `officer` and `approver` are the
    owning agency's legal officer and approver, `council_member` a member of the Council."""
    sent = send_comments(consultation)
    regroup(consultation)
    group = campaign_group(consultation)
    answer_all(consultation, officer, approver, group)
    revised = revise_draft(consultation, corpus)
    synthesis = Synthesis.objects.filter(consultation=consultation).first()
    if synthesis is None:
        synthesis = publish_synthesis(
            approver,
            consultation,
            place=SYNTHESIS_PLACE,
            signer_title=SYNTHESIS_SIGNER_TITLE,
            signer_name=SYNTHESIS_SIGNER_NAME,
        )
    opinion = council_opinion(consultation, council_member) if council_member is not None else None
    date_outcome(consultation)
    answers = Answer.objects.filter(consultation=consultation, state=AnswerState.PUBLIC).count()
    return ClosedOutcome(sent, group, answers, revised, synthesis, opinion)


def council_opinion(consultation: ConsultationPage, member) -> CouncilOpinion:
    """The Council's opinion, signed by `member`, published once (after the synthesis)."""
    existing = published_opinions(consultation)
    if existing:
        return existing[0]
    given_on = timeline.local_day(consultation.closes_at) + timedelta(days=COUNCIL_OPINION_AFTER_CLOSING_DAYS)
    return publish_opinion(member, consultation, text=COUNCIL_OPINION, signers=[member], given_on=given_on)


# ---- comments ----------------------------------------------------------------------------------


def _sent_at(consultation: ConsultationPage, day: int, hours: float = 9) -> datetime:
    return consultation.opens_at + timedelta(days=day, hours=hours)


def _submissions(consultation: ConsultationPage) -> list[tuple[Submission, datetime]]:
    units = {p.anchor: p.pk for p in consultation.version.provisions.filter(kind="article")}
    made = []
    for demo in COMMENTS:
        submission = Submission(
            consultation_id=consultation.pk,
            text=demo.text,
            commenter_type=demo.commenter_type,
            article_id=units[f"dieu-{demo.article}"] if demo.article else None,
            organization=demo.organization,
            tax_code=demo.tax_code,
            sector=demo.sector,
            size=demo.size,
            name=demo.name,
            email=demo.email,
            show_name=demo.show_name,
            notify=False,
        )
        made.append((submission, _sent_at(consultation, demo.day)))
    for n, (name, email, text) in enumerate(CAMPAIGN):
        submission = Submission(
            consultation_id=consultation.pk,
            text=text,
            commenter_type="individual",
            article_id=units[f"dieu-{CAMPAIGN_ARTICLE}"],
            name=name,
            email=email,
            notify=False,
        )
        made.append((submission, _sent_at(consultation, CAMPAIGN_FIRST_DAY, hours=8 + 7 * n)))
    return made


def send_comments(consultation: ConsultationPage) -> int:
    """Send the demo comments through the intake at their moment within the period, each
    confirmed ten minutes later; those already there (same e-mail) are left. Returns how many
    were sent."""
    sent = 0
    for submission, at in _submissions(consultation):
        if ConsultationComment.objects.filter(consultation=consultation, user_email=submission.email).exists():
            continue
        outcome = submit(submission, now=at)
        confirm(outcome.comment.pk, at + timedelta(minutes=10), notify=False)
        sent += 1
    return sent


def campaign_group(consultation: ConsultationPage) -> CommentGroup | None:
    """The group the grouping made of the campaign's letters (that of its first letter)."""
    first = ConsultationComment.objects.filter(consultation=consultation, user_email=CAMPAIGN[0][1]).first()
    membership = getattr(first, "group_membership", None) if first is not None else None
    return membership.group if membership is not None and membership.group_id else None


# ---- answers -----------------------------------------------------------------------------------


def _publish(officer, approver, **target) -> None:
    answer = Answer.objects.filter(**{k: v for k, v in target.items() if k in ("comment", "group")}).first()
    if answer is not None and answer.is_public:
        return
    answer = write_answer(officer, **target)
    answer = submit_answer(officer, answer)
    approve_answer(approver, answer)


def answer_all(consultation: ConsultationPage, officer, approver, group: CommentGroup | None) -> None:
    """The officer writes and submits every answer, the approver makes it public: the campaign
    once for its group, every other comment on its own."""
    if group is not None:
        _publish(officer, approver, group=group, disposition=CAMPAIGN_DISPOSITION, text=CAMPAIGN_ANSWER)
    by_email = {c.user_email: c for c in ConsultationComment.objects.filter(consultation=consultation)}
    for demo in COMMENTS:
        comment = by_email.get(demo.email)
        if comment is not None:
            _publish(officer, approver, comment=comment, disposition=demo.disposition, text=demo.answer)
    # A campaign letter the grouping left out (it should not) is answered on its own.
    for _name, email, _text in CAMPAIGN:
        comment = by_email.get(email)
        if comment is not None and (group is None or campaign_group_id(comment) != group.pk):
            _publish(officer, approver, comment=comment, disposition=CAMPAIGN_DISPOSITION, text=CAMPAIGN_ANSWER)


def campaign_group_id(comment: ConsultationComment) -> int | None:
    membership = getattr(comment, "group_membership", None)
    return membership.group_id if membership is not None else None


def date_outcome(consultation: ConsultationPage) -> None:
    """Answers approved two weeks after closing, the synthesis published before the deadline."""
    answered = consultation.closes_at + ANSWERED_AFTER_CLOSING
    Answer.objects.filter(consultation=consultation, state=AnswerState.PUBLIC).update(
        submitted_at=answered - timedelta(days=2), published_at=answered
    )
    Synthesis.objects.filter(consultation=consultation).update(
        published_at=consultation.closes_at + PUBLISHED_AFTER_CLOSING
    )


# ---- the revised draft -------------------------------------------------------------------------


def revised_articles(articles: list[dict]) -> list[dict]:
    """The corpus articles with the revised clauses and points (`demo_closed_data`)."""
    revised = []
    for article in articles:
        number = str(article.get("article"))
        article = json.loads(json.dumps(article))  # a copy
        clauses = {str(c["number"]): c for c in article.get("clauses") or []}
        for clause_number, text in REVISED_CLAUSES.get(number, {}).items():
            if clause_number in clauses:
                clauses[clause_number]["text"] = text
            else:
                article["clauses"].append({"number": clause_number, "text": text, "points": []})
        for clause_number, points in REVISED_POINTS.get(number, {}).items():
            clause = clauses[clause_number]
            letters = {p["letter"]: p for p in clause["points"]}
            for letter, text in points.items():
                if letter in letters:
                    letters[letter]["text"] = text
                else:
                    clause["points"].append({"letter": letter, "text": text})
        revised.append(article)
    return revised


def revise_draft(consultation: ConsultationPage, corpus: Path) -> DocumentVersion:
    """The draft's second version (published, so the redline compares it), made once."""
    document = consultation.document
    existing = document.versions.filter(number__gt=consultation.version.number).order_by("number").first()
    if existing is not None:
        return existing
    data = json.loads((corpus / "regulations" / "full-text" / CLOSED_SOURCE).read_text("utf-8"))
    data["articles"] = revised_articles(data["articles"])
    record = draft_record(data, CLOSED_SOURCE, CLOSED)  # the first version's record, revised
    details = VersionDetails(VersionKind.DRAFT, None, REVISED_LABEL)
    result = save_document(record, new_version=True, version=details)
    return result.version or document.versions.order_by("-number").first()

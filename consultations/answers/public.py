"""How a public answer is shown to the public (receipt page, comment API, consultation page):
its disposition, its text (plain text: templates escape it) and when it was published. Only a
public answer is ever shown; drafts and answers awaiting approval are the agency's own."""

from datetime import datetime
from typing import TypedDict

from consultations.answers.queries import public_answer_for
from consultations.models import Answer, ConsultationComment


class PublicAnswer(TypedDict):
    disposition: str
    disposition_label: str
    text: str
    published_at: datetime | None
    for_group: bool


def present(answer: Answer | None) -> PublicAnswer | None:
    if answer is None or not answer.is_public:
        return None
    return {
        "disposition": answer.disposition,
        "disposition_label": str(answer.get_disposition_display()),
        "text": answer.text,
        "published_at": answer.published_at,
        "for_group": answer.group_id is not None,
    }


def public_answer(comment: ConsultationComment | int) -> PublicAnswer | None:
    """The public answer of a comment (or of the comment with that id) as shown (its own, else
    its group's), or None."""
    return present(public_answer_for(comment))

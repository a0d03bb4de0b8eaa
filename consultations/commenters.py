"""The rule for how a commenter is shown, free of the database: the consultation page
(consultations.models.reading), consultations.display (the API, the moderation screens, the
synthesis) and the tests all use it, so «Cá nhân #N» is the same N everywhere.

- an organisation (business, association, agency) by its name (its type when it gave none);
- an individual by the name they gave if they ticked the consent, unless that "name" is an
  e-mail address; else «Cá nhân #N»;
- N is per person and per consultation: the consultation's individuals (a person is one
  `commenter_key`) numbered in the order of their first received comment (a comment not yet
  received after those received), then of their first comment.
"""

from collections.abc import Iterable
from datetime import datetime

from django.utils.translation import gettext as _

INDIVIDUAL = "individual"
ORGANISATION_TYPES = ("business", "association", "agency")


def individual_label(number: int | None) -> str:
    if number is None:
        return _("Cá nhân")
    return _("Cá nhân #%(number)s") % {"number": number}


def commenter_label(
    commenter_type: str, organization: str, name: str, show_name: bool, number: int | None, type_label: str
) -> tuple[str, bool]:
    """The label and whether it is a name (an organisation's or a consented one), not a number."""
    if commenter_type in ORGANISATION_TYPES:
        organization = organization.strip()
        if organization:
            return organization, True
        return type_label, False
    name = " ".join(name.split())
    if show_name and name and "@" not in name:  # an address typed as a name is never shown
        return name, True
    return individual_label(number), False


def individual_numbers(rows: Iterable[tuple[str, datetime | None, int]]) -> dict[str, int]:
    """commenter_key → N, from (commenter_key, received_at, id) of a consultation's counted
    comments by individuals."""
    first: dict[str, tuple[datetime | None, int]] = {}
    for key, received_at, pk in rows:
        seen = first.get(key)
        if seen is None:
            first[key] = (received_at, pk)
            continue
        seen_at, seen_pk = seen
        if received_at is not None and (seen_at is None or received_at < seen_at):
            seen_at = received_at
        first[key] = (seen_at, min(seen_pk, pk))
    order = sorted(first, key=lambda k: (first[k][0] is None, first[k][0] or datetime.min, first[k][1]))
    return {key: position for position, key in enumerate(order, start=1)}

"""What a comment can be on: the draft's commentable units, defined here and nowhere else.

A draft with articles (Điều) is commented article by article. A draft without articles, such as
the Government resolution of seed 000, is commented on its numbered sections and items as the
library's parser finds them: parts (I., II.), their items (1., 2.) and points (a), b)). Bullets
(-) are not units: they are read with the item above them. A comment on no unit is on the draft
as a whole.
"""

from collections.abc import Collection

from regulations.models import DocumentVersion, Provision, ProvisionKind

ARTICLE_KINDS: tuple[str, ...] = (ProvisionKind.ARTICLE,)
SECTION_KINDS: tuple[str, ...] = (ProvisionKind.PART, ProvisionKind.CLAUSE, ProvisionKind.POINT)


def commentable_kinds(kinds_present: Collection[str]) -> tuple[str, ...]:
    """The provision kinds that are commentable units, given the kinds a version holds."""
    if ProvisionKind.ARTICLE in kinds_present:
        return ARTICLE_KINDS
    return tuple(kind for kind in SECTION_KINDS if kind in kinds_present)


def commentable_units(version: DocumentVersion) -> list[Provision]:
    """The version's commentable units in reading order (two queries, whatever the size)."""
    present = set(Provision.objects.filter(version=version).values_list("kind", flat=True).distinct())
    kinds = commentable_kinds(present)
    if not kinds:
        return []
    return list(Provision.objects.filter(version=version, kind__in=kinds).order_by("position"))


def is_commentable(provision: Provision, version: DocumentVersion) -> bool:
    """Whether a comment on `version` may be on `provision` (one query at most)."""
    if provision.version_id != version.pk:
        return False
    return is_commentable_kind(provision.kind, version.pk)


def is_commentable_kind(kind: str, version_id: int) -> bool:
    """Whether a provision of `kind` in the version is a commentable unit: an article always; a
    section, item or point when the version has no articles (one query, only then)."""
    if kind == ProvisionKind.ARTICLE:
        return True
    if kind not in SECTION_KINDS:
        return False
    return not Provision.objects.filter(version_id=version_id, kind=ProvisionKind.ARTICLE).exists()

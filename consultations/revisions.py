"""Revised drafts: the versions of a consultation's draft, the redline between any two of them
on the draft's commentable units, and where a comment's unit went in a later version.

A comment is made on one version's unit (`ConsultationComment.version`, `.provision`); the
unit it follows in a later version is the one the redline (regulations.redline) matched to it,
by its words rather than its number, so a comment on "Điều 5" of version 1 follows that article
when version 2 renumbers it "Điều 6". The revised draft itself is uploaded by the officer in the
consultation's form (a new file on an open consultation is the draft's next version).
"""

from dataclasses import dataclass, field

from consultations.models import ConsultationComment, ConsultationPage
from consultations.units import commentable_kinds
from regulations.models import DocumentVersion, Provision
from regulations.redline import ArticleChange, Redline
from regulations.version_redline import compare


def versions_of(consultation: ConsultationPage) -> list[DocumentVersion]:
    """The draft's published versions, oldest first (one query)."""
    if not consultation.document_id:
        return []
    return list(DocumentVersion.objects.published().filter(document_id=consultation.document_id).order_by("number"))


def later_version(version: DocumentVersion) -> DocumentVersion | None:
    """The newest published version of the same document after `version` (the revised text)."""
    return (
        DocumentVersion.objects.published()
        .filter(document_id=version.document_id, number__gt=version.number)
        .order_by("-number")
        .first()
    )


def unit_kinds(version: DocumentVersion) -> tuple[str, ...]:
    present = set(Provision.objects.filter(version=version).values_list("kind", flat=True).distinct())
    return commentable_kinds(present)


@dataclass
class VersionRedline:
    """The redline between two versions, with each version's units by key."""

    old: DocumentVersion
    new: DocumentVersion
    redline: Redline
    old_units: dict[str, Provision]
    new_units: dict[str, Provision]

    def counterpart(self, old_key: str) -> Provision | None:
        article = self.redline.counterpart(old_key)
        return self.new_units.get(article.key) if article is not None else None


def compare_versions(old: DocumentVersion, new: DocumentVersion) -> VersionRedline:
    """The redline from `old` to `new` on the draft's commentable units (articles, or the
    sections of a draft without articles)."""
    kinds = unit_kinds(new) or unit_kinds(old)
    result, old_units, new_units = compare(old, new, kinds)
    return VersionRedline(old, new, result, old_units, new_units)


@dataclass
class Redlines:
    """Redlines computed once per pair of versions (the synthesis asks for every comment)."""

    found: dict[tuple[int, int], VersionRedline] = field(default_factory=dict)
    later: dict[int, DocumentVersion | None] = field(default_factory=dict)

    def between(self, old: DocumentVersion, new: DocumentVersion) -> VersionRedline:
        key = (old.pk, new.pk)
        if key not in self.found:
            self.found[key] = compare_versions(old, new)
        return self.found[key]

    def later_than(self, version: DocumentVersion) -> DocumentVersion | None:
        if version.pk not in self.later:
            self.later[version.pk] = later_version(version)
        return self.later[version.pk]


def where_taken_in(comment: ConsultationComment, redlines: Redlines | None = None) -> Provision | None:
    """The unit of the later version (the newest revised draft) that the comment's unit became;
    None for a comment on the draft as a whole, when there is no later version, or when the
    revised draft removed the unit. Pass one `Redlines` for many comments."""
    if comment.provision_id is None or comment.version_id is None:
        return None
    redlines = redlines or Redlines()
    later = redlines.later_than(comment.version)
    if later is None:
        return None
    return redlines.between(comment.version, later).counterpart(comment.anchor or comment.provision.anchor)


def comments_by_change(
    version_redline: VersionRedline, comments: list[ConsultationComment], redlines: Redlines | None = None
) -> dict[int, list[ConsultationComment]]:
    """The comments shown with each change (by its index in the redline): a comment follows its
    unit to the newer version of the comparison (through the redline from the version it was
    made on); a comment on a unit the newer version removed stays with that removed unit when it
    was made on the older version."""
    redlines = redlines or Redlines()
    redlines.found.setdefault((version_redline.old.pk, version_redline.new.pk), version_redline)
    index_of_new: dict[str, int] = {}
    index_of_old: dict[str, int] = {}
    for index, change in enumerate(version_redline.redline.changes):
        if change.new is not None:
            index_of_new[change.new.key] = index
        if change.old is not None:
            index_of_old[change.old.key] = index
    result: dict[int, list[ConsultationComment]] = {}
    versions = {version_redline.old.pk: version_redline.old, version_redline.new.pk: version_redline.new}
    for comment in comments:
        anchor = comment.anchor
        if not anchor:
            continue
        if comment.version_id == version_redline.new.pk:
            index = index_of_new.get(anchor)
        elif comment.version_id == version_redline.old.pk and _removed(version_redline, index_of_old.get(anchor)):
            index = index_of_old.get(anchor)
        else:
            made_on = versions.get(comment.version_id) or comment.version
            if made_on.number > version_redline.new.number:
                continue  # made on a version after the ones compared
            unit = redlines.between(made_on, version_redline.new).counterpart(anchor)
            index = index_of_new.get(unit.anchor) if unit is not None else None
        if index is not None:
            result.setdefault(index, []).append(comment)
    return result


def _removed(version_redline: VersionRedline, index: int | None) -> bool:
    if index is None:
        return False
    change: ArticleChange = version_redline.redline.changes[index]
    return change.new is None

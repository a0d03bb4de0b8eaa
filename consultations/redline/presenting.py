"""What the redline page shows of each change: the changed units (and, folded, how many are
unchanged), each with its label, what happened to it in words, and its comments."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from consultations.models import ConsultationComment
from regulations.redline import ArticleChange, ChangeKind, Redline


@dataclass(frozen=True)
class ShownChange:
    change: ArticleChange
    title: str  # "Điều 6" (the newer label; the older for a removed unit)
    status: str  # in words: colour is never the only sign
    comments: tuple[ConsultationComment, ...]

    @property
    def anchor(self) -> str:
        if self.change.new is not None:
            return f"thay-doi-{self.change.new.key}"
        assert self.change.old is not None
        return f"da-bo-{self.change.old.key}"  # the newer version may reuse the key


def _status(change: ArticleChange) -> str:
    if change.kind == ChangeKind.ADDED:
        return _("Điều mới")
    if change.kind == ChangeKind.REMOVED:
        return _("Đã bỏ")
    old, new = change.old, change.new
    assert old is not None and new is not None
    if change.renumbered and change.kind == ChangeKind.CHANGED:
        return _("Sửa đổi, trước là %(label)s") % {"label": old.label}
    if change.renumbered:
        return _("Đánh số lại, trước là %(label)s; nội dung không đổi") % {"label": old.label}
    if change.kind == ChangeKind.CHANGED:
        return _("Sửa đổi")
    return _("Không đổi")


def changes_for_page(redline: Redline, comments: dict[int, list[ConsultationComment]]) -> list[ShownChange]:
    """The units that changed (renumbered included), in the newer version's order."""
    shown = []
    for index, change in enumerate(redline.changes):
        if change.kind == ChangeKind.UNCHANGED and not change.renumbered:
            continue
        article = change.new or change.old
        assert article is not None
        shown.append(ShownChange(change, article.label, _status(change), tuple(comments.get(index, ()))))
    return shown

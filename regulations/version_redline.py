"""The redline between two stored versions of a document: `regulations.redline` fed with the
versions' units read from the database (one query per version).

A unit's text is its own text followed by the lines of its clauses, points and bullets
("1. ...", "a) ...", "- ..."), down to the next unit; so a change anywhere in an article shows
in that article.
"""

from collections.abc import Collection

from regulations.models import DocumentVersion, Provision, ProvisionKind
from regulations.redline import Article, Redline, redline

ARTICLES: tuple[str, ...] = (ProvisionKind.ARTICLE,)


def units_of(version: DocumentVersion, kinds: Collection[str] = ARTICLES) -> list[tuple[Provision, Article]]:
    """The version's units of `kinds` in reading order, each with its text as an `Article`."""
    provisions = list(
        Provision.objects.filter(version=version)
        .only("id", "parent_id", "kind", "label", "heading", "text", "position", "anchor", "version_id")
        .order_by("position")
    )
    children: dict[int | None, list[Provision]] = {}
    for provision in provisions:
        children.setdefault(provision.parent_id, []).append(provision)

    def lines(provision: Provision) -> list[str]:
        found = []
        for child in children.get(provision.pk, ()):
            if child.kind in kinds:
                continue
            words = " ".join(part for part in (child.heading, child.text) if part)
            found.append(f"{child.display_label} {words}".strip())
            found.extend(lines(child))
        return found

    result = []
    for provision in provisions:
        if provision.kind not in kinds:
            continue
        text = "\n".join(part for part in [provision.text, *lines(provision)] if part)
        article = Article(key=provision.anchor, label=provision.display_label, heading=provision.heading, text=text)
        result.append((provision, article))
    return result


def compare(
    old: DocumentVersion, new: DocumentVersion, kinds: Collection[str] = ARTICLES
) -> tuple[Redline, dict[str, Provision], dict[str, Provision]]:
    """The redline from `old` to `new`, with each version's units by key (anchor)."""
    old_units, new_units = units_of(old, kinds), units_of(new, kinds)
    result = redline([article for _p, article in old_units], [article for _p, article in new_units])
    return result, {a.key: p for p, a in old_units}, {a.key: p for p, a in new_units}

"""Render a document's provision tree in one pass (thousands of nodes: no template per node)."""

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from regulations.models import ProvisionKind
from regulations.models.reading import ProvisionNode

register = template.Library()

# Provisions drawn as a heading with the text under it (the consultation page draws them the same way).
HEADING_KINDS = {
    ProvisionKind.CHAPTER,
    ProvisionKind.SECTION,
    ProvisionKind.PART,
    ProvisionKind.APPENDIX,
    ProvisionKind.ATTACHMENT,
}


def paragraphs(text: str) -> SafeString:
    """One <p> per non-empty line of a provision's text."""
    return format_html_join("", "<p>{}</p>", ((line,) for line in text.split("\n") if line.strip()))


def _node(node: ProvisionNode, level: int) -> str:
    p = node.provision
    children = "".join(_node(child, level + 1) for child in node.children)
    body = paragraphs(p.text)
    if p.kind == ProvisionKind.ARTICLE:
        heading = format_html(
            '<h{level} class="article-heading">'
            '<a class="anchor-link" href="#{anchor}">Điều {label}.</a> {title}</h{level}>',
            level=min(level, 6),
            anchor=p.anchor,
            label=p.label,
            title=p.heading,
        )
        return format_html(
            '<section class="provision article" id="{}">{}{}{}</section>', p.anchor, heading, body, mark_safe(children)
        )
    if p.kind in HEADING_KINDS:
        title = (
            f"{p.display_label} {p.heading}".strip()
            if p.kind != ProvisionKind.ATTACHMENT
            else f"{p.display_label}: {p.label}"
        )
        heading = format_html(
            '<h{level} class="division-heading">{}</h{level}>'.replace("{level}", str(min(level, 6))), title
        )
        return format_html(
            '<section class="provision division {}" id="{}">{}{}{}</section>',
            p.kind,
            p.anchor,
            heading,
            body,
            mark_safe(children),
        )
    marker = format_html('<a class="marker" href="#{}" title="{}">{}</a>', p.anchor, p.citation, p.display_label)
    first, _, rest = p.text.partition("\n")
    rest_html = paragraphs(rest)
    return format_html(
        '<div class="provision {}" id="{}"><p>{} {}</p>{}{}</div>',
        p.kind,
        p.anchor,
        marker,
        first,
        rest_html,
        mark_safe(children),
    )


@register.simple_tag
def render_provisions(tree: list[ProvisionNode]) -> SafeString:
    return mark_safe("".join(_node(node, 3) for node in tree))


@register.filter
def toc_indent(kind: str) -> str:
    return escape(kind)

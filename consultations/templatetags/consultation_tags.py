"""Render a draft under consultation in one pass: its text (as the library renders a document),
and for each commentable unit its comment count, the "Góp ý điều này" action and its first few
threads (all of them in the expanded unit), then "Xem tất cả N góp ý về Điều X" when there are
more. Comment text is escaped: it renders as text, never as markup."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import template
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consultations.models.reading import EXPAND_PARAM, FORM_ANCHOR, UNIT_PARAM, Thread, UnitComments
from regulations.models import ProvisionKind
from regulations.models.reading import ProvisionNode
from regulations.templatetags.regulation_tags import HEADING_KINDS, paragraphs

register = template.Library()


def _unit_name(unit: UnitComments) -> str:
    provision = unit.provision
    assert provision is not None
    if provision.kind == ProvisionKind.ARTICLE:
        return f"Điều {provision.label}"
    return provision.citation or provision.display_label


def _count_text(count: int) -> str:
    return ngettext("%(n)s góp ý", "%(n)s góp ý", count) % {"n": count}


def _tools(unit: UnitComments, is_open: bool) -> SafeString:
    count = format_html('<span class="comment-count">{}</span>', _count_text(unit.count))
    if not is_open:
        return format_html('<p class="unit-tools">{}</p>', count)
    label = _("Góp ý điều này") if unit.provision.kind == ProvisionKind.ARTICLE else _("Góp ý mục này")
    return format_html(
        '<p class="unit-tools">{} <a class="comment-action" href="?{}={}#{}">{}<span class="visually-hidden"> ({})'
        "</span></a></p>",
        count,
        UNIT_PARAM,
        unit.anchor,
        FORM_ANCHOR,
        label,
        _unit_name(unit),
    )


def _when(moment: datetime | None) -> SafeString:
    if moment is None:
        return mark_safe("")
    local = timezone.localtime(moment)
    return format_html('<time datetime="{}">{}</time>', local.isoformat(), date_format(local, "d/m/Y H:i"))


def render_thread(thread: Thread) -> SafeString:
    comment = thread.comment
    if comment.is_hidden:
        body = format_html(
            '<p class="comment-hidden">{}</p>',
            comment.public_note or _("Góp ý này đã được ẩn theo quy chế kiểm duyệt."),
        )
    else:
        body = format_html(
            '<div class="comment-text">{}</div><p class="comment-tools"><a href="{}" rel="nofollow">{}</a></p>',
            linebreaksbr(comment.comment, autoescape=True),
            reverse("moderation:report", args=[comment.pk]),
            _("Báo cáo vi phạm"),
        )
    if thread.answer is not None and not comment.is_hidden:
        body = format_html(
            '{}<div class="public-answer comment-answer"><p><strong>{}</strong>: '
            '<span class="answer-disposition">{}</span>{}</p><div class="answer-text" lang="vi">{}</div></div>',
            body,
            _("Trả lời của cơ quan soạn thảo"),
            thread.answer.get_disposition_display(),
            format_html(" <small>({})</small>", _("trả lời chung cho các góp ý cùng nội dung"))
            if thread.answer.group_id
            else "",
            linebreaksbr(thread.answer.text, autoescape=True),
        )
    replies = ""
    if thread.replies:
        replies = format_html(
            '<div class="comment-replies">{}</div>', mark_safe("".join(render_thread(r) for r in thread.replies))
        )
    return format_html(
        '<article class="comment" id="gop-y-{}"><p class="comment-meta"><strong>{}</strong> · {}</p>{}{}</article>',
        comment.pk,
        thread.author,
        _when(comment.received_at or comment.submit_date),
        body,
        mark_safe(replies),
    )


def _more(unit: UnitComments) -> SafeString:
    """The link to the unit with every thread drawn, landing on the first thread not drawn here."""
    if not unit.more:
        return mark_safe("")
    if unit.provision is None:
        text = ngettext("Xem tất cả %(n)s góp ý chung", "Xem tất cả %(n)s góp ý chung", unit.shown) % {"n": unit.shown}
    else:
        text = ngettext("Xem tất cả %(n)s góp ý về %(unit)s", "Xem tất cả %(n)s góp ý về %(unit)s", unit.shown) % {
            "n": unit.shown,
            "unit": _unit_name(unit),
        }
    # Without JavaScript the link opens the page with the unit expanded; with HTMX the unit's
    # comments alone replace these (ConsultationPage.get_template), static/consultations/comments.js
    # then moves the focus to the first comment that was not shown.
    return format_html(
        '<p class="more-comments"><a href="?{param}={anchor}#gop-y-{next}" hx-get="?{param}={anchor}" '
        'hx-target="closest .unit-comments" hx-swap="outerHTML">{text}</a></p>',
        param=EXPAND_PARAM,
        anchor=unit.anchor,
        next=unit.next_thread,
        text=text,
    )


def _threads(unit: UnitComments) -> SafeString:
    return mark_safe("".join(render_thread(t) for t in unit.threads) + _more(unit))


def _panel(unit: UnitComments) -> SafeString:
    if not unit.threads:
        return mark_safe("")
    return format_html(
        '<section class="unit-comments" aria-label="{}">{}</section>',
        _("Góp ý về %(unit)s") % {"unit": _unit_name(unit)},
        _threads(unit),
    )


def _node(node: ProvisionNode, level: int, units: dict[int | None, UnitComments], is_open: bool) -> str:
    p = node.provision
    unit = units.get(p.pk)
    children = "".join(_node(child, level + 1, units, is_open) for child in node.children)
    tools = _tools(unit, is_open) if unit else ""
    panel = _panel(unit) if unit else ""
    body = paragraphs(p.text)
    if p.kind == ProvisionKind.ARTICLE:
        heading = format_html(
            '<h{level} class="article-heading"><a class="anchor-link" href="#{anchor}">Điều {label}.</a> {title}'
            "</h{level}>",
            level=min(level, 6),
            anchor=p.anchor,
            label=p.label,
            title=p.heading,
        )
        return format_html(
            '<section class="provision article{}" id="{}">{}{}{}{}{}</section>',
            " unit" if unit else "",
            p.anchor,
            heading,
            tools,
            body,
            mark_safe(children),
            panel,
        )
    if p.kind in HEADING_KINDS:
        title = f"{p.display_label} {p.heading}".strip()
        heading = format_html(
            '<h{level} class="division-heading">{}</h{level}>'.replace("{level}", str(min(level, 6))), title
        )
        return format_html(
            '<section class="provision division {}{}" id="{}">{}{}{}{}{}</section>',
            p.kind,
            " unit" if unit else "",
            p.anchor,
            heading,
            tools,
            body,
            mark_safe(children),
            panel,
        )
    marker = format_html('<a class="marker" href="#{}">{}</a>', p.anchor, p.display_label)
    first, _sep, rest = p.text.partition("\n")
    return format_html(
        '<div class="provision {}{}" id="{}"><p>{} {}</p>{}{}{}{}</div>',
        p.kind,
        " unit" if unit else "",
        p.anchor,
        marker,
        first,
        tools,
        paragraphs(rest),
        mark_safe(children),
        panel,
    )


@register.simple_tag
def render_draft(tree: list[ProvisionNode], units: dict[int | None, UnitComments], is_open: bool) -> SafeString:
    return mark_safe("".join(_node(node, 3, units, is_open) for node in tree))


@register.simple_tag
def render_threads(unit: UnitComments) -> SafeString:
    return _threads(unit)


@register.simple_tag
def render_panel(unit: UnitComments) -> SafeString:
    """A unit's comments (a section named after it), or the general comments (a div: their
    section has its heading)."""
    if unit.provision is not None:
        return _panel(unit)
    return format_html('<div class="unit-comments">{}</div>', _threads(unit)) if unit.threads else mark_safe("")


@register.simple_tag
def expanded_panel(units: dict[int | None, UnitComments], general: UnitComments, anchor: str) -> SafeString:
    """The comments of the unit drawn in full (`anchor`, checked by the page's context), alone."""
    if not anchor:
        return mark_safe("")
    unit = general if general.anchor == anchor else next((u for u in units.values() if u.anchor == anchor), None)
    return render_panel(unit) if unit is not None else mark_safe("")


def countdown_text(now: datetime, target: datetime) -> str:
    """'12 ngày 5 giờ', '3 giờ 20 phút', '45 phút' until `target`."""
    left = max(target - now, timedelta(0))
    days, seconds = left.days, left.seconds
    hours, minutes = seconds // 3600, (seconds % 3600) // 60
    if days:
        return _("%(d)s ngày %(h)s giờ") % {"d": days, "h": hours}
    if hours:
        return _("%(h)s giờ %(m)s phút") % {"h": hours, "m": minutes}
    return _("%(m)s phút") % {"m": max(minutes, 1) if left else 0}


@register.simple_tag
def countdown(target: datetime, now: datetime | None = None) -> str:
    return countdown_text(now or timezone.now(), target)


@register.filter
def time_left(target: datetime) -> str:
    return countdown_text(timezone.now(), target)

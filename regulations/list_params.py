"""Reading a public list's query string (/van-ban/, /tham-van/, their agency folders): choices
checked against what exists, free values bounded, the page, and the query string that the
pagination links carry. Unknown values are reported in a notice, never obeyed."""

from collections.abc import Iterable
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import QueryDict
from django.utils.translation import gettext

Params = QueryDict | dict[str, str]


def invalid(label: Any, value: str) -> str:
    """The notice's line for a refused value, in the page's language ("Năm không hợp lệ: 20x5")."""
    return gettext("%(label)s không hợp lệ: %(value)s") % {"label": label, "value": value[:40]}


def choice(params: Params, name: str, allowed: Iterable[str], label: Any, errors: list[str]) -> str:
    """The value of ``name`` if it is one of ``allowed``; otherwise "" and an error naming it
    (``label``: the filter's translated name)."""
    value = (params.get(name) or "").strip()
    if value and value not in allowed:
        errors.append(invalid(label, value))
        return ""
    return value


def bounded(params: Params, name: str, limit: int = 100) -> str:
    """A free value (a slug, a keyword), stripped and cut to ``limit`` characters."""
    return (params.get(name) or "").strip()[:limit]


def paginated(queryset: Any, params: Params, page_size: int, keys: Iterable[str]) -> tuple[Page, str]:
    """The requested page of ``queryset`` (the last one when out of range) and the query string
    of the list's own ``keys`` that the pagination links keep."""
    page = Paginator(queryset, page_size).get_page(params.get("page") or 1)
    kept = QueryDict(mutable=True)
    for key in keys:
        value = params.get(key)
        if value:
            kept[key] = value
    return page, kept.urlencode()


def options(objects: Iterable[Any]) -> list[tuple[str, str]]:
    """(slug, name) pairs of agencies or fields, for a filter's select."""
    return [(item.slug, item.name) for item in objects]

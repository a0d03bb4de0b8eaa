"""A search request: the page's and the API's parameters, validated into a ``SearchRequest``.

The first step of a query's path (docs/architecture.md): ``parse_request`` checks every
parameter at once and raises ``InvalidSearch`` with one message per bad parameter (Vietnamese /
English), or returns the typed request the rest of the path reads: the parsed text
(search/query.py), the kind asked for (``type=``, one of the registered kinds, search/kinds/),
its facet filters (search/facets.py), the page and the sort.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from search import kinds
from search.facets import AnyFacet, Facet, Filters, RangeFacet
from search.nlp.lexicon import Lexicon
from search.query import MAX_QUERY_CHARS, ParsedQuery, parse_query

DEFAULT_PAGE_SIZE: Final = 20
MAX_PAGE_SIZE: Final = 100
# OpenSearch's index.max_result_window: from + size beyond it is refused by the server.
MAX_RESULT_WINDOW: Final = 10_000
# Pages are bounded on their own (not page × size), so that the API schema can state the bounds.
MAX_PAGE: Final = MAX_RESULT_WINDOW // MAX_PAGE_SIZE
BASE_SORTS: Final = ("relevance", "date")
MAX_FILTER_VALUES: Final = 20

_SLUG_RE: Final = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


class InvalidSearch(ValueError):
    """Bad request parameters. ``errors`` maps each parameter to a Vietnamese/English message;
    ``allowed`` lists the accepted values of enumerated parameters where that helps."""

    def __init__(self, errors: dict[str, str], allowed: dict[str, list[str]] | None = None):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors
        self.allowed = allowed or {}


# (raw query, type, sort, end of the page, lexicon)
Prefetch = Callable[[str, str, str, int, Lexicon | None], None]


class Vocabulary:
    """The values each keyword facet accepts, by facet name.

    ``Vocabulary({"agency": {...}})`` fixes them; a facet it does not name accepts any
    well-formed slug, unless ``ask_facets``: then the facet's own ``vocabulary()`` is asked (a
    database query, once, and only when the parameter is used).

    ``lexicon``: the statistics of the indexed texts (search/statistics.py), for the query's rare
    words and the diacritic restoration; without it the query is read without them.

    ``prefetch``: called with a valid request's raw query, type, sort, end of its page and the
    lexicon just before the query is analysed (search/semantic.py starts the query's vector
    there: search/backends.py's ``vocabulary(prefetch=True)``, for the API and the page)."""

    def __init__(
        self,
        values: Mapping[str, Collection[str]] | None = None,
        *,
        ask_facets: bool = False,
        lexicon: Lexicon | None = None,
        prefetch: Prefetch | None = None,
    ) -> None:
        self._values: dict[str, Collection[str]] = dict(values or {})
        self._ask = ask_facets
        self.lexicon = lexicon
        self.prefetch = prefetch

    def allowed(self, facet: Facet) -> Collection[str] | None:
        if facet.name not in self._values and self._ask and facet.vocabulary is not None:
            self._values[facet.name] = facet.vocabulary()
        return self._values.get(facet.name)


@dataclass(frozen=True)
class SearchRequest:
    query: ParsedQuery
    kind: str = kinds.DEFAULT_TYPE  # the `type` of a registered kind
    filters: Filters = field(default_factory=Filters)
    page: int = 1
    size: int = DEFAULT_PAGE_SIZE
    sort: str = "relevance"

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    @property
    def warnings(self) -> list[str]:
        notes = []
        if self.query.truncated:
            notes.append(
                f"Câu tìm kiếm dài quá {MAX_QUERY_CHARS} ký tự đã được cắt bớt / "
                f"the query was truncated to {MAX_QUERY_CHARS} characters."
            )
        if self.query.text and not self.query.is_searchable:
            notes.append("Câu tìm kiếm không có chữ hoặc số để tìm / the query has no letters or digits.")
        for facet in kinds.by_type(self.kind).facets:
            if isinstance(facet, RangeFacet) and facet.name in self.filters.reversed():
                start, end = facet.params
                notes.append(
                    f"{facet.noun} kết thúc trước {facet.noun.lower()} bắt đầu: không kết quả nào khớp / "
                    f"{end} is before {start}: nothing matches."
                )
        return notes


def _values(params: Mapping[str, Any], key: str) -> list[str]:
    if hasattr(params, "getlist"):
        raw = params.getlist(key)
    else:
        value = params.get(key)
        raw = value if isinstance(value, (list, tuple)) else ([] if value is None else [value])
    return [v for v in (str(x).strip() for x in raw) if v]


def _one(params: Mapping[str, Any], key: str) -> str:
    values = _values(params, key)
    return values[-1] if values else ""


def _int(value: str) -> int | None:
    value = value.strip()
    if value.lstrip("-").isdigit() and len(value) <= 12:
        return int(value)
    return None


def _either(values: list[str], word: str) -> str:
    """ "a hoặc b", "a, b hoặc c"."""
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} {word} {values[-1]}"


def _choices(
    params: Mapping[str, Any],
    facet: Facet,
    vocabulary: Vocabulary,
    errors: dict[str, str],
    allowed_out: dict[str, list[str]],
) -> tuple[str, ...]:
    key, label = facet.name, facet.noun
    given = _values(params, key)
    values = list(dict.fromkeys(given))
    if not values:
        return ()
    if len(given) > MAX_FILTER_VALUES:  # counted as sent, as the API schema's maxItems does
        errors[key] = f"Tối đa {MAX_FILTER_VALUES} giá trị cho {label} / at most {MAX_FILTER_VALUES} values."
        return ()
    allowed = vocabulary.allowed(facet)
    bad = [v for v in values if not _SLUG_RE.match(v) or (allowed is not None and v not in allowed)]
    if bad:
        shown = ", ".join(repr(v[:40]) for v in bad[:5])
        errors[key] = f"{label} không hợp lệ: {shown} / unknown {key} value: {shown}."
        if allowed is not None:
            allowed_out[key] = sorted(allowed)
        return ()
    return tuple(values)


def _range(params: Mapping[str, Any], facet: RangeFacet, errors: dict[str, str]) -> tuple[int | None, int | None]:
    bounds: list[int | None] = []
    for key in facet.params:
        raw = _one(params, key)
        value = _int(raw) if raw else None
        if raw and (value is None or not facet.minimum <= value <= facet.maximum):
            errors[key] = (
                f"{facet.noun} phải là số nguyên từ {facet.minimum} đến {facet.maximum} / "
                f"{key} must be an integer from {facet.minimum} to {facet.maximum}."
            )
            value = None
        bounds.append(value)
    low, high = bounds  # reversed: searched as asked (nothing matches), with a warning
    return low, high


def all_sorts() -> list[str]:
    """Every `sort=` value some registered kind accepts."""
    found = list(BASE_SORTS)
    for kind in kinds.all_kinds():
        found += [sort for sort in kind.sorts if sort not in found]
    return found


def _params_of(facet: AnyFacet) -> tuple[str, ...]:
    return facet.params if isinstance(facet, RangeFacet) else (facet.name,)


def parse_request(params: Mapping[str, Any], vocabulary: Vocabulary | None = None) -> SearchRequest:
    """Validate request parameters. Raises ``InvalidSearch`` listing every bad parameter."""
    vocabulary = vocabulary or Vocabulary()
    errors: dict[str, str] = {}
    allowed: dict[str, list[str]] = {}

    types = kinds.types()
    kind_type = _one(params, "type") or kinds.DEFAULT_TYPE
    kind = kinds.by_type(kind_type) if kind_type in types else None
    if kind is None:
        errors["type"] = f"Loại kết quả phải là {_either(types, 'hoặc')} / type must be {_either(types, 'or')}."
        allowed["type"] = types
    sort = _one(params, "sort") or "relevance"
    every_sort = all_sorts()
    if sort not in every_sort:
        errors["sort"] = f"Sắp xếp phải là {_either(every_sort, 'hoặc')} / sort must be {_either(every_sort, 'or')}."
        allowed["sort"] = every_sort
    elif kind is not None and sort not in kind.sorts:
        errors["sort"] = (
            f"Loại kết quả {kind.type} không sắp xếp theo {sort} (chọn {_either(list(kind.sorts), 'hoặc')}) / "
            f"type={kind.type} cannot be sorted by {sort}."
        )
        allowed["sort"] = list(kind.sorts)

    page_raw, size_raw = _one(params, "page"), _one(params, "size")
    page = _int(page_raw) if page_raw else 1
    size = _int(size_raw) if size_raw else DEFAULT_PAGE_SIZE
    if page is None or not 1 <= page <= MAX_PAGE:
        errors["page"] = (
            f"Số trang phải là số nguyên từ 1 đến {MAX_PAGE} / page must be an integer from 1 to {MAX_PAGE}."
        )
    if size is None or not 1 <= size <= MAX_PAGE_SIZE:
        errors["size"] = (
            f"Số kết quả mỗi trang phải từ 1 đến {MAX_PAGE_SIZE} / size must be an integer from 1 to {MAX_PAGE_SIZE}."
        )

    # The filters of the kind asked for (of every kind when `type` is wrong, so every bad value
    # is named at once); ranges first, as the page shows them last but checks them first.
    facets = kind.facets if kind is not None else kinds.all_facets()
    ranges = {f.name: _range(params, f, errors) for f in facets if isinstance(f, RangeFacet)}
    values = {f.name: _choices(params, f, vocabulary, errors, allowed) for f in facets if isinstance(f, Facet)}
    if kind is not None:
        own = {param for f in facets for param in _params_of(f)}
        for other in kinds.all_facets():
            for param in _params_of(other):
                if param not in own and _values(params, param):
                    errors[param] = (
                        f"Bộ lọc {param} không áp dụng cho loại kết quả {kind.type} / "
                        f"{param} does not apply to type={kind.type}."
                    )
    filters = Filters(
        values={name: chosen for name, chosen in values.items() if chosen},
        ranges={name: bounds for name, bounds in ranges.items() if bounds != (None, None)},
    )
    if errors:
        raise InvalidSearch(errors, allowed)
    assert page is not None and size is not None and kind is not None
    raw = _one(params, "q")
    if vocabulary.prefetch is not None:
        vocabulary.prefetch(raw, kind.type, sort, page * size, vocabulary.lexicon)
    return SearchRequest(
        query=parse_query(raw, vocabulary.lexicon),
        kind=kind.type,
        filters=filters,
        page=page,
        size=size,
        sort=sort,
    )

"""Money, rates and grades as the cost pages show them, in the current language: Vietnamese
groups thousands with "." and writes decimals with "," (1.234.567,5 đồng); English the other way."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils import translation
from django.utils.translation import gettext as _

register = template.Library()

BILLION = Decimal(10**9)
MILLION = Decimal(10**6)


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def group(value: Decimal, places: int = 0) -> str:
    """1234567.5 → "1.234.567,5" (vi) / "1,234,567.5" (en), rounded half-up to ``places``."""
    quantum = Decimal(1).scaleb(-places)
    text = f"{value.quantize(quantum, rounding=ROUND_HALF_UP):,.{places}f}"
    if (translation.get_language() or "vi").startswith("vi"):
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


@register.filter
def dong(value: Any) -> str:
    """A whole amount in đồng: "1.234.568 đồng"."""
    amount = _decimal(value)
    return "—" if amount is None else f"{group(amount)} {_('đồng')}"


@register.filter
def dong_short(value: Any) -> str:
    """A large amount in words of scale: "12,35 tỷ đồng", "450 triệu đồng", "85.000 đồng"."""
    amount = _decimal(value)
    if amount is None:
        return "—"
    if abs(amount) >= BILLION:
        return f"{group(amount / BILLION, 2)} {_('tỷ đồng')}"
    if abs(amount) >= MILLION:
        return f"{group(amount / MILLION, 1)} {_('triệu đồng')}"
    return f"{group(amount)} {_('đồng')}"


@register.filter
def number(value: Any, places: int = 0) -> str:
    amount = _decimal(value)
    if amount is None:
        return "—"
    if places == 0 and amount != amount.to_integral_value():
        places = 2
    return group(amount, int(places))


@register.filter
def percent(value: Any, places: int = 1) -> str:
    """A rate (0.2034) as a percentage: "20,3%"."""
    rate = _decimal(value)
    return "—" if rate is None else f"{group(rate * 100, int(places))}%"


@register.filter
def bar_width(value: Any, maximum: Any = 1) -> str:
    """The width of a bar in per cent of ``maximum`` (0–100, for inline style), as a CSS number."""
    amount, top = _decimal(value), _decimal(maximum)
    if amount is None or not top or top <= 0:
        return "0"
    share = max(Decimal(0), min(Decimal(100), amount * 100 / top))
    return f"{share.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}"


@register.filter
def divide_by(value: Any, divisor: Any) -> Decimal | None:
    """A total over the horizon per year (``value`` ÷ ``divisor``)."""
    amount, by = _decimal(value), _decimal(divisor)
    if amount is None or not by:
        return None
    return amount / by

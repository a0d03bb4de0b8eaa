"""Errors of the cost model's validation, and the bilingual wording of numbers and bounds."""

from __future__ import annotations

from decimal import Decimal

from compliance_cost.model.bounds import Bound


class InvalidInput(ValueError):
    """Bad input. ``errors`` maps each field path to a Vietnamese/English message; ``allowed``
    lists the accepted values of enumerated fields."""

    def __init__(self, errors: dict[str, str], allowed: dict[str, list[str]] | None = None):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors
        self.allowed = allowed or {}


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def format_number(value: Decimal, lang: str) -> str:
    """8760 → "8.760" (vi) / "8,760" (en); decimals keep their digits (1.25 → "1,25" / "1.25")."""
    text = f"{value.normalize():,f}"
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def describe(bound: Bound) -> tuple[str, str]:
    lo_vi, lo_en = format_number(bound.minimum, "vi"), format_number(bound.minimum, "en")
    hi_vi, hi_en = format_number(bound.maximum, "vi"), format_number(bound.maximum, "en")
    kind_vi, kind_en = ("số nguyên", "an integer") if bound.integer else ("số", "a number")
    if bound.exclusive_minimum:
        return (
            f"phải là {kind_vi} lớn hơn {lo_vi} và không quá {hi_vi}",
            f"must be {kind_en} greater than {lo_en} and at most {hi_en}",
        )
    return f"phải là {kind_vi} từ {lo_vi} đến {hi_vi}", f"must be {kind_en} from {lo_en} to {hi_en}"

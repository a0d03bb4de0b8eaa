"""Validation: JSON-like data (the API body, a form's cleaned data) into a :class:`Calculation`.

Every error is collected, not only the first, under the path of the field at fault
(``recurring.steps[0].hours``, ``before.recurring.per_year``) with one message in Vietnamese
and English, ``"<tiếng Việt> / <English>"`` — the format of the search API's 400s. Nothing is
clipped or guessed: a value outside its bound (see :mod:`compliance_cost.model.bounds`), text
where a number belongs, an unknown field or method, a frequency of zero, both ``per_year`` and
``every_years``, a first year past the horizon and a method without a parameter set are refused.

A number is a JSON number (``int``, ``float`` or ``Decimal``; ``bool`` is not a number) or an
object ``{"value": n, "low": n, "high": n, "evidence": {...}}`` with ``low <= value <= high``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal

from compliance_cost.model import bounds
from compliance_cost.model.bounds import Bound
from compliance_cost.model.errors import InvalidInput, describe, format_number, join
from compliance_cost.model.estimates import ZERO, Estimate, Evidence, EvidenceKind
from compliance_cost.model.inputs import Calculation, CostItem, Method, OneOff, ParameterSetRef, Recurring, Step

CALCULATION_FIELDS = (
    "method",
    "hourly_value",
    "overhead_multiplier",
    "subjects",
    "dossiers_per_year",
    "horizon_years",
    "recurring",
    "one_off",
)
RECURRING_FIELDS = (
    "steps",
    "service_cost",
    "fees",
    "other_costs",
    "cost_per_occurrence",
    "per_year",
    "every_years",
    "first_year",
)
ONE_OFF_FIELDS = ("steps", "amount", "year")
STEP_FIELDS = ("name", "hours", "persons")
ITEM_FIELDS = ("name", "amount")
ESTIMATE_FIELDS = ("value", "low", "high", "evidence")
EVIDENCE_FIELDS = ("kind", "source", "url", "note")
COMPARISON_FIELDS = ("before", "after")

METHODS = [m.value for m in Method]
EVIDENCE_KINDS = [k.value for k in EvidenceKind]


def is_whole_literal(raw: object) -> bool:
    """An int, or a Decimal written without a fraction (``3``, not ``3.0``): JSON's integers."""
    if isinstance(raw, int):
        return True
    if isinstance(raw, Decimal):
        exponent = raw.as_tuple().exponent
        return isinstance(exponent, int) and exponent >= 0
    return False


def is_number(raw: object) -> bool:
    return isinstance(raw, int | float | Decimal) and not isinstance(raw, bool)


class Reader:
    """Collects errors while reading one body."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}
        self.allowed: dict[str, list[str]] = {}

    def error(self, path: str, vi: str, en: str) -> None:
        self.errors.setdefault(path or "body", f"{vi} / {en}")

    def missing(self, path: str) -> None:
        self.error(path, "Thiếu trường bắt buộc", "this field is required")

    def raise_if_any(self) -> None:
        if self.errors:
            raise InvalidInput(self.errors, self.allowed)

    # ---------------------------------------------------------------- structure

    def mapping(self, raw: object, path: str, fields: Sequence[str]) -> Mapping[str, object] | None:
        if not isinstance(raw, Mapping):
            self.error(path, "Phải là một đối tượng JSON", "must be a JSON object")
            return None
        for key in raw:
            if key not in fields:
                self.error(
                    join(path, str(key)),
                    f"Trường không được hỗ trợ (các trường: {', '.join(fields)})",
                    f"unknown field (accepted: {', '.join(fields)})",
                )
        return raw

    def items(self, raw: object, path: str, limit: int) -> list[object]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.error(path, "Phải là một danh sách", "must be a list")
            return []
        if len(raw) > limit:
            self.error(path, f"Tối đa {limit} mục", f"at most {limit} entries")
            return []
        return raw

    def text(self, raw: object, path: str, limit: int, *, required: bool = False) -> str:
        if raw is None or raw == "":
            if required:
                self.missing(path)
            return ""
        if not isinstance(raw, str):
            self.error(path, "Phải là chuỗi ký tự", "must be a string")
            return ""
        if len(raw) > limit:
            self.error(path, f"Tối đa {limit} ký tự", f"at most {limit} characters")
            return ""
        if required and not raw.strip():
            self.missing(path)
        return raw.strip()

    # ---------------------------------------------------------------- numbers

    def decimal(self, raw: object, path: str, bound: Bound) -> Decimal | None:
        """A JSON number within ``bound``, or ``None`` (with an error recorded)."""
        if not isinstance(raw, int | float | Decimal) or isinstance(raw, bool):
            vi, en = describe(bound)
            if isinstance(raw, str):
                self.error(path, f"Phải nhập số, không phải chữ ({vi})", f"text where a number belongs ({en})")
            else:
                self.error(path, f"Phải nhập một số ({vi})", f"must be a number ({en})")
            return None
        if isinstance(raw, float) and not math.isfinite(raw):
            self.error(path, "Phải là một số hữu hạn", "must be a finite number")
            return None
        value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        if not value.is_finite():
            self.error(path, "Phải là một số hữu hạn", "must be a finite number")
            return None
        if bound.integer and not is_whole_literal(raw):
            vi, en = describe(bound)
            self.error(path, f"Phải là số nguyên, không có phần thập phân ({vi})", f"must be a whole number ({en})")
            return None
        if not bound.admits(value):
            vi, en = describe(bound)
            self.error(path, f"Giá trị {format_number(value, 'vi')} không hợp lệ: {vi}", f"{en}, not {value}")
            return None
        return value

    def integer(self, raw: object, path: str, bound: Bound) -> int | None:
        value = self.decimal(raw, path, bound)
        return None if value is None else int(value)

    def estimate(self, raw: object, path: str, bound: Bound) -> Estimate | None:
        """A number or ``{"value", "low", "high", "evidence"}``; ``None`` when invalid."""
        if not isinstance(raw, Mapping):
            value = self.decimal(raw, path, bound)
            return None if value is None else Estimate(value)
        data = self.mapping(raw, path, ESTIMATE_FIELDS)
        if data is None:
            return None
        if data.get("value") is None:
            self.missing(join(path, "value"))
            return None
        value = self.decimal(data["value"], join(path, "value"), bound)
        low = self.decimal(data["low"], join(path, "low"), bound) if data.get("low") is not None else None
        high = self.decimal(data["high"], join(path, "high"), bound) if data.get("high") is not None else None
        evidence = self.evidence(data.get("evidence"), join(path, "evidence"))
        if value is None:
            return None
        if low is not None and low > value:
            self.error(join(path, "low"), "Mức thấp phải không lớn hơn giá trị", "low must not exceed value")
            return None
        if high is not None and high < value:
            self.error(join(path, "high"), "Mức cao phải không nhỏ hơn giá trị", "high must not be below value")
            return None
        return Estimate(value, low, high, evidence)

    def evidence(self, raw: object, path: str) -> Evidence | None:
        if raw is None:
            return None
        data = self.mapping(raw, path, EVIDENCE_FIELDS)
        if data is None:
            return None
        kind = self.choice(data.get("kind"), join(path, "kind"), EVIDENCE_KINDS)
        source = self.text(data.get("source"), join(path, "source"), bounds.MAX_SOURCE_CHARS, required=True)
        raw_url = data.get("url")
        url = self.text(raw_url, join(path, "url"), bounds.MAX_SOURCE_CHARS)
        if isinstance(raw_url, str) and raw_url and not raw_url.startswith(("https://", "http://")):
            self.error(join(path, "url"), "Địa chỉ phải bắt đầu bằng http:// hoặc https://", "must be an http(s) URL")
        note = self.text(data.get("note"), join(path, "note"), bounds.MAX_NOTE_CHARS)
        if kind is None or not source:
            return None
        return Evidence(EvidenceKind(kind), source, url, note)

    def choice(self, raw: object, path: str, choices: list[str]) -> str | None:
        if raw is None:
            self.missing(path)
        elif isinstance(raw, str) and raw in choices:
            return raw
        else:
            listed = ", ".join(choices)
            self.error(path, f"Giá trị không hợp lệ (chọn một trong: {listed})", f"unknown value (accepted: {listed})")
        self.allowed[path] = choices
        return None

    # ---------------------------------------------------------------- parts

    def steps(self, raw: object, path: str) -> tuple[Step, ...]:
        found: list[Step] = []
        for index, item in enumerate(self.items(raw, path, bounds.MAX_STEPS)):
            at = join(path, index)
            data = self.mapping(item, at, STEP_FIELDS)
            if data is None:
                continue
            name = self.text(data.get("name"), join(at, "name"), bounds.MAX_NAME_CHARS)
            if data.get("hours") is None:
                self.missing(join(at, "hours"))
                continue
            hours = self.estimate(data["hours"], join(at, "hours"), bounds.HOURS)
            persons: Estimate | None = Estimate(Decimal(1))
            if data.get("persons") is not None:
                persons = self.estimate(data["persons"], join(at, "persons"), bounds.PERSONS)
            if hours is not None and persons is not None:
                found.append(Step(hours=hours, persons=persons, name=name))
        return tuple(found)

    def cost_items(self, raw: object, path: str) -> tuple[CostItem, ...]:
        found: list[CostItem] = []
        for index, item in enumerate(self.items(raw, path, bounds.MAX_ITEMS)):
            at = join(path, index)
            data = self.mapping(item, at, ITEM_FIELDS)
            if data is None:
                continue
            name = self.text(data.get("name"), join(at, "name"), bounds.MAX_NAME_CHARS)
            if data.get("amount") is None:
                self.missing(join(at, "amount"))
                continue
            amount = self.estimate(data["amount"], join(at, "amount"), bounds.AMOUNT)
            if amount is not None:
                found.append(CostItem(amount=amount, name=name))
        return tuple(found)

    def optional_estimate(self, data: Mapping[str, object], key: str, path: str, bound: Bound) -> Estimate | None:
        raw = data.get(key)
        return None if raw is None else self.estimate(raw, join(path, key), bound)

    def year(self, data: Mapping[str, object], key: str, path: str, horizon: int | None) -> int:
        """A year of the horizon (default 1); past the horizon is refused."""
        raw = data.get(key)
        if raw is None:
            return 1
        year = self.integer(raw, join(path, key), bounds.YEAR)
        if year is None:
            return 1
        if horizon is not None and year > horizon:
            self.error(
                join(path, key),
                f"Năm {year} nằm sau thời hạn tính {horizon} năm (horizon_years)",
                f"year {year} is past the horizon of {horizon} years (horizon_years)",
            )
        return year

    def recurring(self, raw: object, path: str, horizon: int | None, counts_dossiers: bool) -> Recurring | None:
        data = self.mapping(raw, path, RECURRING_FIELDS)
        if data is None:
            return None
        steps = self.steps(data.get("steps"), join(path, "steps"))
        fees = self.cost_items(data.get("fees"), join(path, "fees"))
        other = self.cost_items(data.get("other_costs"), join(path, "other_costs"))
        service = self.optional_estimate(data, "service_cost", path, bounds.AMOUNT) or ZERO
        given = self.optional_estimate(data, "cost_per_occurrence", path, bounds.AMOUNT)
        first_year = self.year(data, "first_year", path, horizon)

        per_year_raw, every_raw = data.get("per_year"), data.get("every_years")
        per_year: Estimate | None = None
        every_years: int | None = None
        if counts_dossiers:
            for key, raw_value in (("per_year", per_year_raw), ("every_years", every_raw)):
                if raw_value is not None:
                    self.error(
                        join(path, key),
                        "Đã nhập số hồ sơ mỗi năm (dossiers_per_year): không nhân thêm với tần suất",
                        "dossiers_per_year already counts the occurrences per year: give no frequency",
                    )
        elif per_year_raw is not None and every_raw is not None:
            for key in ("per_year", "every_years"):
                self.error(
                    join(path, key),
                    "Chỉ nhập một trong hai: per_year (số lần mỗi năm) hoặc every_years (mấy năm một lần)",
                    "give per_year or every_years, not both",
                )
        elif per_year_raw is None and every_raw is None:
            self.error(
                join(path, "per_year"),
                "Cần số lần mỗi năm (per_year) hoặc chu kỳ số năm (every_years)",
                "give per_year (occurrences a year) or every_years (once every k years)",
            )
        elif per_year_raw is not None:
            if is_number(per_year_raw) and per_year_raw == 0:
                self.error(
                    join(path, "per_year"),
                    f"Tần suất bằng 0 trong thời hạn {horizon or '?'} năm: không có chi phí định kỳ; "
                    "bỏ phần recurring nếu không có",
                    f"a frequency of zero over a horizon of {horizon or '?'} years costs nothing: "
                    "leave out recurring instead",
                )
            else:
                per_year = self.estimate(per_year_raw, join(path, "per_year"), bounds.PER_YEAR)
        else:
            every_years = self.integer(every_raw, join(path, "every_years"), bounds.EVERY_YEARS)
        return Recurring(
            steps=steps,
            service_cost=service,
            fees=fees,
            other_costs=other,
            cost_per_occurrence=given,
            per_year=per_year,
            every_years=every_years,
            first_year=first_year,
        )

    def one_off(self, raw: object, path: str, horizon: int | None) -> OneOff | None:
        data = self.mapping(raw, path, ONE_OFF_FIELDS)
        if data is None:
            return None
        steps = self.steps(data.get("steps"), join(path, "steps"))
        amount = self.optional_estimate(data, "amount", path, bounds.AMOUNT) or ZERO
        return OneOff(steps=steps, amount=amount, year=self.year(data, "year", path, horizon))

    # ---------------------------------------------------------------- the whole body

    def calculation(
        self, raw: object, path: str, parameter_sets: Mapping[Method, ParameterSetRef]
    ) -> Calculation | None:
        data = self.mapping(raw, path, CALCULATION_FIELDS)
        if data is None:
            return None
        method_name = self.choice(data.get("method"), join(path, "method"), METHODS)
        method = Method(method_name) if method_name else None

        horizon: int | None = 1
        if data.get("horizon_years") is not None:
            horizon = self.integer(data["horizon_years"], join(path, "horizon_years"), bounds.YEAR)

        hourly_value = self.optional_estimate(data, "hourly_value", path, bounds.HOURLY_VALUE)
        multiplier = self.optional_estimate(data, "overhead_multiplier", path, bounds.OVERHEAD_MULTIPLIER)
        parameter_set = None
        supplied = [key for key in ("hourly_value", "overhead_multiplier") if data.get(key) is None]
        if supplied and method is not None:
            parameter_set = parameter_sets.get(method)
            if parameter_set is None:
                for key in supplied:
                    self.error(
                        join(path, key),
                        f"Chưa có bộ tham số đang áp dụng cho phương pháp '{method.value}': hãy nhập {key}",
                        f"no active parameter set for method '{method.value}': give {key}",
                    )
        if parameter_set is not None:
            hourly_value = hourly_value or Estimate(parameter_set.hourly_value)
            multiplier = multiplier or Estimate(parameter_set.overhead_multiplier)

        subjects = self.optional_estimate(data, "subjects", path, bounds.SUBJECTS)
        dossiers = self.optional_estimate(data, "dossiers_per_year", path, bounds.DOSSIERS_PER_YEAR)
        counts_dossiers = data.get("dossiers_per_year") is not None
        if data.get("subjects") is None and not counts_dossiers:
            self.error(
                join(path, "subjects"),
                "Cần số đối tượng tuân thủ (subjects) hoặc số hồ sơ mỗi năm (dossiers_per_year)",
                "give subjects (those who must comply) or dossiers_per_year",
            )

        recurring = one_off = None
        if data.get("recurring") is not None:
            recurring = self.recurring(data["recurring"], join(path, "recurring"), horizon, counts_dossiers)
        if data.get("one_off") is not None:
            one_off = self.one_off(data["one_off"], join(path, "one_off"), horizon)
        if data.get("recurring") is None and data.get("one_off") is None:
            self.error(
                join(path, "recurring"),
                "Cần chi phí định kỳ (recurring) hoặc chi phí một lần (one_off)",
                "give recurring or one_off costs",
            )
        if counts_dossiers and data.get("recurring") is None:
            self.error(
                join(path, "dossiers_per_year"),
                "Số hồ sơ mỗi năm cần chi phí mỗi hồ sơ (recurring)",
                "dossiers_per_year needs the cost of each dossier (recurring)",
            )
        if data.get("one_off") is not None and data.get("subjects") is None:
            self.error(
                join(path, "subjects"),
                "Chi phí một lần tính cho mỗi đối tượng: cần số đối tượng (subjects)",
                "one-off costs are per subject: give subjects",
            )

        if (
            method is None
            or horizon is None
            or hourly_value is None
            or multiplier is None
            or (data.get("subjects") is not None and subjects is None)
            or (counts_dossiers and dossiers is None)
            or (data.get("recurring") is not None and recurring is None)
            or (data.get("one_off") is not None and one_off is None)
        ):
            return None
        return Calculation(
            method=method,
            hourly_value=hourly_value,
            overhead_multiplier=multiplier,
            horizon_years=horizon,
            subjects=subjects,
            dossiers_per_year=dossiers,
            recurring=recurring,
            one_off=one_off,
            parameter_set=parameter_set,
            supplied_by_parameter_set=tuple(supplied) if parameter_set is not None else (),
        )


def parse_calculation(data: object, parameter_sets: Mapping[Method, ParameterSetRef]) -> Calculation:
    """The calculation described by ``data``, or :class:`InvalidInput` naming every bad field.

    ``parameter_sets`` maps each method to its current parameter set; it supplies
    ``hourly_value`` and ``overhead_multiplier`` when the data leaves them out.
    """
    reader = Reader()
    calc = reader.calculation(data, "", parameter_sets)
    reader.raise_if_any()
    assert calc is not None  # every path that returns None records an error
    return calc


def parse_comparison(data: object, parameter_sets: Mapping[Method, ParameterSetRef]) -> tuple[Calculation, Calculation]:
    """``{"before": <calculation>, "after": <calculation>}``, both with the same method."""
    reader = Reader()
    body = reader.mapping(data, "", COMPARISON_FIELDS)
    sides: list[Calculation | None] = [None, None]
    if body is not None:
        for index, key in enumerate(COMPARISON_FIELDS):
            if body.get(key) is None:
                reader.missing(key)
            else:
                sides[index] = reader.calculation(body[key], key, parameter_sets)
    before, after = sides
    if body is not None:
        sides_raw = [body.get(key) for key in COMPARISON_FIELDS]
        methods = [side.get("method") if isinstance(side, Mapping) else None for side in sides_raw]
        if all(method in METHODS for method in methods) and methods[0] != methods[1]:
            reader.error(
                "after.method",
                f"Phải cùng phương pháp với before ('{methods[0]}')",
                f"must be the same method as before ('{methods[0]}')",
            )
    reader.raise_if_any()
    assert before is not None and after is not None
    return before, after

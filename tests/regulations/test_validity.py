"""The rules of regulations.validity (pure): every status rule with dates before and after, the
current version, the version in force on a date, the next date an answer changes."""

from datetime import date

import pytest

from regulations.validity import (
    DocumentFacts,
    Reason,
    Replacement,
    Status,
    VersionFacts,
    current_version,
    legal_status,
    next_change,
    version_in_force,
)

JAN_2020 = date(2020, 1, 1)
JUL_2023 = date(2023, 7, 1)
BEFORE = date(2019, 6, 1)
BETWEEN = date(2021, 6, 1)
AFTER = date(2024, 6, 1)

OFFICIAL = (VersionFacts(1, official=True),)
DRAFT_ONLY = (VersionFacts(1, official=False),)
REPLACER = Replacement("31/2024/QH15", "Luật Đất đai 2024", JUL_2023)
PARTIAL = Replacement("05/2023/NĐ-CP", "Nghị định sửa đổi", JUL_2023, partial=True)
UNDATED_REPLACER = Replacement("99/2099/QH99", "Luật không rõ ngày", None)


def facts(**values) -> DocumentFacts:
    values.setdefault("versions", OFFICIAL)
    return DocumentFacts(**values)


STATUS_TABLE = [
    # (case, facts, on, status, reason)
    ("drafts only", facts(versions=DRAFT_ONLY, effective_date=JAN_2020), AFTER, Status.DRAFT, Reason.DRAFT_ONLY),
    (
        "a draft version beside an official one does not make a draft",
        facts(versions=(*OFFICIAL, VersionFacts(2, official=False)), recorded=Status.IN_FORCE),
        AFTER,
        Status.IN_FORCE,
        Reason.RECORDED,
    ),
    (
        "a pending official version does not count",
        facts(versions=(*DRAFT_ONLY, VersionFacts(2, official=True, published=False))),
        AFTER,
        Status.DRAFT,
        Reason.DRAFT_ONLY,
    ),
    (
        "expiry date passed",
        facts(effective_date=JAN_2020, expiry_date=JUL_2023),
        AFTER,
        Status.EXPIRED,
        Reason.EXPIRY_DATE,
    ),
    (
        "expiry date is the first day out of force",
        facts(expiry_date=JUL_2023),
        JUL_2023,
        Status.EXPIRED,
        Reason.EXPIRY_DATE,
    ),
    (
        "expiry date to come",
        facts(effective_date=JAN_2020, expiry_date=JUL_2023, recorded=Status.IN_FORCE),
        BETWEEN,
        Status.IN_FORCE,
        Reason.EFFECTIVE_DATE,
    ),
    (
        "replaced by a portal document in force",
        facts(effective_date=JAN_2020, replacements=(REPLACER,)),
        AFTER,
        Status.EXPIRED,
        Reason.REPLACED,
    ),
    (
        "replacement not in force yet",
        facts(effective_date=JAN_2020, replacements=(REPLACER,), recorded=Status.IN_FORCE),
        BETWEEN,
        Status.IN_FORCE,
        Reason.EFFECTIVE_DATE,
    ),
    (
        "replacement without a known date says nothing",
        facts(effective_date=JAN_2020, replacements=(UNDATED_REPLACER,)),
        AFTER,
        Status.UNVERIFIED,
        Reason.RECORDED,
    ),
    ("effective date to come", facts(effective_date=JUL_2023), BETWEEN, Status.NOT_YET, Reason.NOT_YET_EFFECTIVE),
    (
        "effective date to come beats a stale recorded status",
        facts(effective_date=JUL_2023, recorded=Status.EXPIRED),
        BETWEEN,
        Status.NOT_YET,
        Reason.NOT_YET_EFFECTIVE,
    ),
    (
        "partly replaced by a portal document in force",
        facts(effective_date=JAN_2020, replacements=(PARTIAL,), recorded=Status.IN_FORCE),
        AFTER,
        Status.PARTLY_EXPIRED,
        Reason.PARTLY_REPLACED,
    ),
    (
        "partial replacement not in force yet",
        facts(effective_date=JAN_2020, replacements=(PARTIAL,), recorded=Status.IN_FORCE),
        BETWEEN,
        Status.IN_FORCE,
        Reason.EFFECTIVE_DATE,
    ),
    (
        "recorded as expired, no date says otherwise",
        facts(effective_date=JAN_2020, recorded=Status.EXPIRED),
        AFTER,
        Status.EXPIRED,
        Reason.RECORDED,
    ),
    (
        "recorded as partly expired",
        facts(effective_date=JAN_2020, recorded=Status.PARTLY_EXPIRED),
        AFTER,
        Status.PARTLY_EXPIRED,
        Reason.RECORDED,
    ),
    (
        "unverified stays unverified once in force (dates do not say it still holds)",
        facts(effective_date=JAN_2020),
        AFTER,
        Status.UNVERIFIED,
        Reason.RECORDED,
    ),
    (
        "recorded 'not yet' goes stale: the date has come",
        facts(effective_date=JAN_2020, recorded=Status.NOT_YET),
        AFTER,
        Status.IN_FORCE,
        Reason.EFFECTIVE_DATE,
    ),
    (
        "recorded in force, in force since its date",
        facts(effective_date=JAN_2020, recorded=Status.IN_FORCE),
        AFTER,
        Status.IN_FORCE,
        Reason.EFFECTIVE_DATE,
    ),
    ("no dates: the recorded status", facts(recorded=Status.IN_FORCE), AFTER, Status.IN_FORCE, Reason.RECORDED),
    ("no dates, recorded 'not yet'", facts(recorded=Status.NOT_YET), AFTER, Status.NOT_YET, Reason.RECORDED),
    (
        "a recorded draft status with an official text is not claimed",
        facts(recorded=Status.DRAFT),
        AFTER,
        Status.UNVERIFIED,
        Reason.RECORDED,
    ),
]


@pytest.mark.parametrize(
    "known, on, status, reason", [case[1:] for case in STATUS_TABLE], ids=[case[0] for case in STATUS_TABLE]
)
def test_it_computes_the_legal_status_from_dates_relations_then_the_record(known, on, status, reason):
    decision = legal_status(known, on)
    assert (decision.status, decision.reason) == (status, reason)


def test_it_says_since_when_and_by_what_a_document_was_replaced():
    decision = legal_status(facts(replacements=(PARTIAL, REPLACER)), AFTER)
    assert decision.by == REPLACER and decision.date == JUL_2023
    earliest = Replacement("01/2022/QH15", "Sớm hơn", JAN_2020)
    assert legal_status(facts(replacements=(REPLACER, earliest)), AFTER).by == earliest


def test_the_status_values_are_the_models_values():
    from regulations.models import LegalStatus

    assert {s.value for s in Status} == set(LegalStatus.values)


AMENDED = facts(
    effective_date=JAN_2020,
    versions=(
        VersionFacts(1, official=True),
        VersionFacts(2, official=True, effective_date=JUL_2023),
        VersionFacts(3, official=False),
    ),
)


@pytest.mark.parametrize("today, number", [(BEFORE, 3), (BETWEEN, 1), (JUL_2023, 2), (AFTER, 2)])
def test_the_current_version_is_the_newest_official_one_in_force_else_the_newest(today, number):
    assert current_version(AMENDED, today) == number


@pytest.mark.parametrize("on, number", [(BEFORE, None), (JAN_2020, 1), (BETWEEN, 1), (JUL_2023, 2), (AFTER, 2)])
def test_the_version_in_force_on_a_date_needs_a_known_start(on, number):
    assert version_in_force(AMENDED, on) == number


def test_an_undated_first_version_is_current_but_not_in_force_on_any_date():
    undated = facts()
    assert current_version(undated, AFTER) == 1
    assert version_in_force(undated, AFTER) is None


def test_a_pending_version_is_never_current():
    pending = facts(versions=(VersionFacts(1, official=True), VersionFacts(2, official=True, published=False)))
    assert current_version(pending, AFTER) == 1
    assert current_version(facts(versions=()), AFTER) is None


def test_a_later_text_with_an_earlier_date_does_not_win():
    versions = (VersionFacts(1, True, JUL_2023), VersionFacts(2, True, JAN_2020))
    assert version_in_force(facts(versions=versions), AFTER) == 1
    assert version_in_force(facts(versions=versions), BETWEEN) == 2


def test_it_knows_the_next_date_an_answer_changes():
    known = facts(
        effective_date=JAN_2020, expiry_date=date(2030, 1, 1), replacements=(REPLACER,), versions=AMENDED.versions
    )
    assert next_change(known, BEFORE) == JAN_2020
    assert next_change(known, BETWEEN) == JUL_2023
    assert next_change(known, AFTER) == date(2030, 1, 1)
    assert next_change(known, date(2030, 1, 1)) is None

"""When a document's text is in force, and its legal status on a date: the rules, pure.

This module is the one place that decides
- which version of a document is *current* (what its page shows by default),
- which version was *in force on a date* (`/van-ban/<agency>/<number>/<yyyy-mm-dd>/`),
- the document's *legal status* on a date, from its dates and its replacement relations, with
  the status recorded by an editor or a source only where those don't tell,
- and the next date on which any of these answers changes (when to look again).

No Django here: callers hand in plain facts (`DocumentFacts`), built from the database by
`regulations.states`, which stores the answers for today (`LegalDocumentPage.legal_status`,
`DocumentVersion.is_current`) so lists, search and the API filter on one column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Status(StrEnum):
    """Legal status values (the same values as `regulations.models.LegalStatus`)."""

    IN_FORCE = "con-hieu-luc"
    PARTLY_EXPIRED = "het-hieu-luc-mot-phan"
    EXPIRED = "het-hieu-luc"
    NOT_YET = "chua-co-hieu-luc"
    DRAFT = "du-thao"
    UNVERIFIED = "chua-xac-minh"


class Reason(StrEnum):
    """Why a status was decided (shown to readers next to the badge)."""

    DRAFT_ONLY = "draft-only"  # no official text yet, only drafts
    EXPIRY_DATE = "expiry-date"  # its expiry date has passed
    REPLACED = "replaced"  # a document in the portal replaces it, in force since `date`
    NOT_YET_EFFECTIVE = "not-yet-effective"  # its effective date is still to come
    PARTLY_REPLACED = "partly-replaced"  # a document in the portal replaces part of it
    EFFECTIVE_DATE = "effective-date"  # in force since its effective date
    RECORDED = "recorded"  # dates and relations don't tell: the recorded status


@dataclass(frozen=True)
class VersionFacts:
    number: int
    official: bool
    effective_date: date | None = None
    published: bool = True


@dataclass(frozen=True)
class Replacement:
    """Another document of the portal that replaces (or partly replaces) this one."""

    number: str
    title: str
    effective_date: date | None
    partial: bool = False
    url: str = ""


@dataclass(frozen=True)
class DocumentFacts:
    recorded: Status = Status.UNVERIFIED
    effective_date: date | None = None
    expiry_date: date | None = None
    versions: tuple[VersionFacts, ...] = ()
    replacements: tuple[Replacement, ...] = ()


@dataclass(frozen=True)
class StatusDecision:
    status: Status
    reason: Reason
    date: date | None = None  # since when (or from when, for a document not yet in force)
    by: Replacement | None = None


# ---- versions ---------------------------------------------------------------------------------


def _published(facts: DocumentFacts) -> list[VersionFacts]:
    return [v for v in facts.versions if v.published]


def version_start(facts: DocumentFacts, version: VersionFacts) -> date | None:
    """The date a version took (or takes) effect: its own date; for the first official
    version without one, the document's effective date; None for drafts and unknown dates."""
    if not version.official:
        return None
    if version.effective_date is not None:
        return version.effective_date
    first_official = min((v.number for v in facts.versions if v.official), default=None)
    return facts.effective_date if version.number == first_official else None


def _newest(facts: DocumentFacts, candidates: Iterable[VersionFacts]) -> VersionFacts | None:
    """The candidate with the latest start (unknown starts first), then the highest number."""
    return max(candidates, key=lambda v: (version_start(facts, v) or date.min, v.number), default=None)


def version_in_force(facts: DocumentFacts, on: date) -> int | None:
    """The number of the official version in force on `on`, if the dates say so (None when no
    published official version has a known start on or before that date)."""
    candidates = [v for v in _published(facts) if v.official and (start := version_start(facts, v)) and start <= on]
    found = _newest(facts, candidates)
    return found.number if found else None


def current_version(facts: DocumentFacts, today: date) -> int | None:
    """What the page shows by default: the newest official version in force today (an
    official version whose start is unknown counts as in force), else the newest version."""
    published = _published(facts)
    in_force = [v for v in published if v.official and ((start := version_start(facts, v)) is None or start <= today)]
    found = _newest(facts, in_force)
    if found is None:
        found = max(published, key=lambda v: v.number, default=None)
    return found.number if found else None


# ---- legal status -----------------------------------------------------------------------------


def _first_in_force(replacements: Iterable[Replacement], on: date) -> Replacement | None:
    dated = [r for r in replacements if r.effective_date is not None and r.effective_date <= on]
    return min(dated, key=lambda r: (r.effective_date or date.min, r.number), default=None)


def legal_status(facts: DocumentFacts, on: date) -> StatusDecision:
    """The document's legal status on `on`. The first rule that applies decides:

    1. only drafts, no published official version   -> dự thảo
    2. expiry date on or before `on`                 -> hết hiệu lực (since the expiry date)
    3. replaced by a portal document in force by `on` -> hết hiệu lực (bị thay thế)
    4. effective date after `on`                     -> chưa có hiệu lực
    5. partly replaced by a portal document in force -> hết hiệu lực một phần
    6. recorded as ended (hết hiệu lực, một phần)     -> the recorded status (dates say when it
       began, not whether it still holds)
    7. recorded as unverified                        -> chưa xác minh (same reason)
    8. effective date on or before `on`              -> còn hiệu lực
    9. otherwise                                     -> the recorded status; a recorded draft
       status on a document with an official text -> chưa xác minh

    A replacing document counts only with a known effective date: without it the portal
    cannot say from when, and says what was recorded instead.
    """
    published = _published(facts)
    if published and not any(v.official for v in published):
        return StatusDecision(Status.DRAFT, Reason.DRAFT_ONLY)
    if facts.expiry_date is not None and facts.expiry_date <= on:
        return StatusDecision(Status.EXPIRED, Reason.EXPIRY_DATE, facts.expiry_date)
    full = _first_in_force((r for r in facts.replacements if not r.partial), on)
    if full is not None:
        return StatusDecision(Status.EXPIRED, Reason.REPLACED, full.effective_date, full)
    if facts.effective_date is not None and facts.effective_date > on:
        return StatusDecision(Status.NOT_YET, Reason.NOT_YET_EFFECTIVE, facts.effective_date)
    partial = _first_in_force((r for r in facts.replacements if r.partial), on)
    if partial is not None:
        return StatusDecision(Status.PARTLY_EXPIRED, Reason.PARTLY_REPLACED, partial.effective_date, partial)
    if facts.recorded in (Status.EXPIRED, Status.PARTLY_EXPIRED, Status.UNVERIFIED):
        return StatusDecision(facts.recorded, Reason.RECORDED)
    if facts.effective_date is not None:
        return StatusDecision(Status.IN_FORCE, Reason.EFFECTIVE_DATE, facts.effective_date)
    if facts.recorded == Status.DRAFT:
        return StatusDecision(Status.UNVERIFIED, Reason.RECORDED)
    return StatusDecision(facts.recorded, Reason.RECORDED)


def next_change(facts: DocumentFacts, after: date) -> date | None:
    """The first date after `after` on which the status or the current version may change."""
    dates: list[date | None] = [facts.effective_date, facts.expiry_date]
    dates += [r.effective_date for r in facts.replacements]
    dates += [version_start(facts, v) for v in _published(facts)]
    return min((d for d in dates if d is not None and d > after), default=None)
